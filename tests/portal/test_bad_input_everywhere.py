"""Bad input on every page: whatever a client sends to any public, parent, employer or
admin page (list filters, form fields, duplicated or too many fields, NUL and other
control characters), the answer is never a server error and nothing is logged as one.

Pages are found by following the links of each role's pages from a few starting points,
one page of each shape (ids replaced by `*`); then every URL pattern in the resolver (the
admin's come from its registry) that the walk did not reach is built, with ids seen on the
way or the first object of an admin's model, and sent bad values too. Each test ends by
checking that every pattern in its scope had a GET and a POST, so a page added later is
fuzzed without editing this file.
Each form and query string gets every bad value, each field a different one in each
request (in the admin, three values a form, going round the list across its pages); then
its own values with every field duplicated, nothing, too many fields, a file with a bad
name, and valid choices (an admin action) with bad values in the other fields.
It runs on PostgreSQL only (CI's PostgreSQL phase): that is where NUL in text is refused
(SQLite stores it), and every other answer is the same on both, so a second run on SQLite
would only double its minutes."""

import contextlib
import logging
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django.urls.converters import IntConverter, UUIDConverter

pytestmark = pytest.mark.postgres

BAD_VALUES = [
    "",
    "-1",
    "0",
    "99999999999999999999999999",
    "NaN",
    "1.5",
    "-0.001",
    "1e400",
    "½",
    "Ŵŷ 🙂 ‮",
    "' OR 1=1; DROP TABLE cases_case; --",
    "\x01\x08\x1b\x7f",
    "\x00",
    "abc\x00def",
    "x" * 3000,
]
# Query keys the portal's and the admin's lists read, sent to every page.
LIST_KEYS = [
    "q",
    "page",
    "p",
    "sort",
    "o",
    "status",
    "all",
    "month",
    "year",
    "next",
    "reason",
    "saved",
    "kind",
    "e",
    "_changelist_filters",
]
TOO_MANY = 1100  # over DATA_UPLOAD_MAX_NUMBER_FIELDS (1000)
# Pages that end the session or leave the site would stop the walk.
SKIP = re.compile(
    r"/(exit|signed-out|logout|sign-out)(/|$)|^/static/|^/admin/r/|/delete/$|"
    r"/history/$|\.csv$|/files/"
)
MAX_PAGES = 60
# The admin has a hundred pages: fewer requests per form there keep the run short.
ADMIN_ROUNDS = 3
# The admin walk is shared out between tests, so parallel workers each take a part.
ADMIN_PARTS = 3
# The walk follows links to pages of new shapes; the sweep after it reaches every admin
# route the walk did not, so a shorter walk leaves no page unfuzzed.
ADMIN_WALK_PAGES = 150
ID_SEGMENT = re.compile(r"[0-9]")
# Swept last: they sign the client out or delete what later pages show.
ENDS_THE_WALK = re.compile(r"/(exit|signed-out|logout)/|/delete/$")


class PageParser(HTMLParser):
    """The links and forms of a page (fields with their first value)."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
                "files": [],
            }
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            name = attrs.get("name")
            if not name:
                return
            if attrs.get("type") == "file":
                self._form["files"].append(name)
            else:
                self._form["fields"].setdefault(name, attrs.get("value") or "")
            if tag == "select" or attrs.get("type") == "radio":
                self._form.setdefault("choices", set()).add(name)
                self._select = name if tag == "select" else None
        elif (
            tag == "option"
            and self._form is not None
            and self._select
            and attrs.get("value")
            and not self._form["fields"].get(self._select)
        ):
            # A select's first real option is a valid answer (an admin action, say).
            self._form["fields"][self._select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def shape(url):
    path = urlsplit(url).path
    return "/".join("*" if ID_SEGMENT.search(part) else part for part in path.split("/"))


class Fuzzer:
    def __init__(self, client, caplog, skip_form=None, rounds=len(BAD_VALUES), lists=True):
        self.skip_form = skip_form or (lambda form: False)
        self.lists = lists
        # Fewer rounds than values: each page starts where the last one stopped, so the
        # values still go round every field type across the walk.
        self.rounds, self.offset = rounds, 0
        client.raise_request_exception = False
        self.client = client
        self.caplog = caplog
        self.problems = []
        self.forms_done = set()
        # (route name, method) of every request, and the URL arguments of the pages that
        # answered, to build the URLs of patterns the walk did not reach.
        self.sent = set()
        self.arguments = {}

    def send(self, method, url, data=None, **extra):
        self.caplog.clear()
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            match = None
        if method == "get":
            response = self.client.get(url, data, **extra)
        else:
            response = self.client.post(url, data or {}, **extra)
        bad_logs = [
            record
            for record in self.caplog.records
            if record.levelno >= logging.ERROR or record.exc_info
        ]
        if response.status_code >= 500 or bad_logs:
            sent = repr(data)[:160] if data is not None else ""
            self.problems.append(
                f"{method.upper()} {url} {sent} -> {response.status_code} "
                f"{[record.getMessage()[:120] for record in bad_logs]}"
            )
        if match is not None and match.url_name:
            self.sent.add((match.view_name, method))
            if response.status_code < 400:
                self.remember_arguments(match)
        # A step that answered with the next one names its ids and slugs too.
        location = urlsplit(response.get("Location", "")).path
        if location.startswith("/") and response.status_code in (301, 302, 303):
            with contextlib.suppress(Resolver404):
                self.remember_arguments(resolve(location))
        return response

    def remember_arguments(self, match):
        for name, value in match.kwargs.items():
            for key in (match.view_name, match.namespace, None):
                self.arguments.setdefault((key, name), str(value))

    def walk(self, seeds, only=None, max_pages=MAX_PAGES):
        """Visits one page of each shape reachable from `seeds`, fuzzing each."""
        queue, seen, visited = list(seeds), set(), 0
        while queue and visited < max_pages:
            url = queue.pop(0)
            key = url if url in seeds else shape(url)
            if key in seen or SKIP.search(urlsplit(url).path):
                continue
            if only and not urlsplit(url).path.startswith(only):
                continue
            seen.update({key, shape(url)})
            visited += 1
            response = self.send("get", url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = PageParser()
            page.feed(response.content.decode())
            self.fuzz_page(url, page)
            queue.extend(
                link
                for link in page.links
                if link.startswith("/") and not link.startswith(("//", "/cy/"))
            )
        return seen

    def fuzz_page(self, url, page):
        path, query = urlsplit(url).path, dict(parse_qsl(urlsplit(url).query))
        keys = set(query)
        # Filter links of a list (`?status=open`) name more keys it reads.
        for link in page.links:
            if urlsplit(link).path in ("", path):
                keys |= {key for key, _value in parse_qsl(urlsplit(link).query)}
        for form in page.forms:
            if form["method"] == "get":
                keys |= set(form["fields"])
        # A list (a filter form or a query) gets every bad value in each of its keys; any
        # other page a few rounds of the keys lists read.
        if self.lists:
            self.fuzz_fields(
                "get", path, sorted(keys | set(LIST_KEYS)), {}, rounds=self.rounds if keys else 3
            )
        for form in page.forms:
            action = form["url"] = urlsplit(form["action"]).path or path
            fields = {
                name: value
                for name, value in form["fields"].items()
                if name != "csrfmiddlewaretoken"
            }
            # A form on every page (the cookie banner) is tried once, and an admin form
            # once for adding and changing.
            done_key = (re.sub(r"/(add|\*/change)/$", "/", shape(action)), tuple(sorted(fields)))
            if (
                form["method"] != "post"
                or SKIP.search(action)
                or done_key in self.forms_done
                or self.skip_form(form)
            ):
                continue
            self.forms_done.add(done_key)
            self.fuzz_fields(
                "post", action, sorted(fields), fields, files=form["files"], rounds=self.rounds
            )
            # Valid choices (an admin action, a select of objects) with everything else
            # bad, so the code behind a valid choice meets the bad values too.
            choices = form.get("choices", set()) & set(fields)
            for value in ("-1", "99999999999999999999999999", "½", "\x00") if choices else ():
                self.send(
                    "post",
                    action,
                    {name: fields[name] if name in choices else value for name in fields},
                )

    def fuzz_fields(self, method, url, names, valid, files=(), rounds=len(BAD_VALUES)):
        """Each name gets `rounds` bad values (all of them by default), each name a
        different one in each request."""
        for round_ in range(rounds):
            data = {
                name: BAD_VALUES[(self.offset + round_ + index) % len(BAD_VALUES)]
                for index, name in enumerate(names)
            }
            self.send(method, url, data)
        self.offset += rounds
        # The form's own values with each field duplicated, the second copy bad.
        self.send(
            method,
            url,
            {name: [value, "\x00-1"] for name, value in valid.items()} or {"q": ["a", "b"]},
        )
        # Nothing at all, then more fields than Django reads.
        self.send(method, url, {})
        many = "&".join(f"f{index}=1" for index in range(TOO_MANY))
        if method == "get":
            self.send("get", f"{url}?{many}")
        else:
            self.send("post", url, many, content_type="application/x-www-form-urlencoded")
        if files:
            upload = {
                name: SimpleUploadedFile("evi\x00dence\x01.pdf", b"%PDF-1.4\n\x00")
                for name in files
            }
            self.send("post", url, {**valid, **upload})

    def sweep(self, routes):
        """Fuzzes every route the walk did not: a GET of its lists' keys, its forms when
        it shows any, and a POST of every form field name the portal has."""
        for route in sorted(routes, key=lambda route: bool(ENDS_THE_WALK.search(route.text))):
            if {(route.name, "get"), (route.name, "post")} <= self.sent:
                continue
            url = route.build(self.arguments)
            response = self.send("get", url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                page = PageParser()
                page.feed(response.content.decode())
                self.fuzz_page(url, page)
            elif self.lists:
                self.fuzz_fields("get", url, LIST_KEYS, {}, rounds=2)
            if (route.name, "post") not in self.sent:
                self.fuzz_fields("post", url, form_field_names(), {}, rounds=3)

    def assert_covered(self, routes):
        missed = sorted(
            f"{route.name} {method.upper()}"
            for route in routes
            for method in ("get", "post")
            if (route.name, method) not in self.sent
        )
        assert not missed, "pages not fuzzed:\n" + "\n".join(missed)

    def assert_clean(self):
        assert not self.problems, f"{len(self.problems)} bad answers:\n" + "\n".join(
            self.problems[:40]
        )


class Route:
    """A named URL pattern: its name (`cases:detail`), its text and its arguments."""

    def __init__(self, name, text, converters, model=None):
        self.name, self.text, self.converters, self.model = name, text, converters, model

    def build(self, arguments):
        """The URL with arguments seen on the walk (from the same page, then the same
        namespace, then any), the first object of an admin's model, or a stand-in of the
        right type (a page for an object that does not exist)."""
        namespace = self.name.rpartition(":")[0] or None
        first = self.model and self.model._default_manager.order_by("pk").first()
        kwargs = {}
        for name, converter in self.converters.items():
            seen = [arguments.get((key, name)) for key in (self.name, namespace, None)]
            if first is not None and name in ("object_id", "id", "pk"):
                seen.insert(1, str(first.pk))
            kwargs[name] = next((value for value in seen if value), None) or STAND_INS.get(
                type(converter), "x"
            )
        try:
            return reverse(self.name, kwargs=kwargs)
        except NoReverseMatch:
            return reverse(self.name, kwargs=dict.fromkeys(kwargs, "1"))

    def __repr__(self):
        return self.name


STAND_INS = {UUIDConverter: "00000000-0000-4000-8000-000000000000", IntConverter: "1"}


def every_route():
    """Every named URL pattern in the resolver, in the order it lists them."""
    from django.contrib import admin

    model_of = {
        f"{model._meta.app_label}_{model._meta.model_name}_": model
        for model in admin.site._registry
    }
    routes = []

    def walk(patterns, text, namespace, converters):
        for entry in patterns:
            pattern = entry.pattern
            found = {
                **converters,
                **{name: pattern.converters.get(name) for name in pattern.regex.groupindex},
            }
            here = text + str(pattern)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                walk(entry.url_patterns, here, inner, found)
            elif entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                model = next(
                    (
                        model
                        for prefix, model in sorted(model_of.items(), key=lambda i: -len(i[0]))
                        if namespace == "admin" and entry.name.startswith(prefix)
                    ),
                    None,
                )
                routes.append(Route(name, here, found, model))

    walk(get_resolver().url_patterns, "/", None, {})
    return routes


def routes_under(*prefixes, leaving_out=()):
    return [
        route
        for route in every_route()
        if route.text.startswith(prefixes) and not route.text.startswith(leaving_out)
    ]


def form_field_names():
    """Every field name of every form the portal and its libraries define."""
    from django import forms

    def subclasses(cls):
        for subclass in cls.__subclasses__():
            yield subclass
            yield from subclasses(subclass)

    names = set()
    for form_class in subclasses(forms.BaseForm):
        names |= set(getattr(form_class, "base_fields", {}))
    return sorted(names)


@pytest.fixture
def fuzzer(caplog):
    caplog.set_level(logging.WARNING)

    def make(client, **options):
        return Fuzzer(client, caplog, **options)

    return make


@pytest.mark.skip_page_quality
def test_public_pages(anonymous_client, fuzzer, make_user):
    make_user(email="known@example.test")
    seeds = [
        "/",
        "/cookies/",
        "/help/",
        "/contact/",
        "/sign-in/parent/",
        "/sign-in/employer/",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/calculate/",
        *(
            reverse(f"calculation:{name}")
            for name in (
                "circumstances",
                "benefits",
                "income",
                "receiving_parents",
                "other_children",
                "shared_care",
                "check",
                "result",
            )
        ),
        reverse("calculation:children", kwargs={"parent": 1}),
        reverse("calculation:nights", kwargs={"parent": 1, "child": 1}),
    ]
    walker = fuzzer(anonymous_client)
    walker.walk(seeds)
    # Anyone can send anything to any address: every page outside the admin.
    routes = routes_under("/", leaving_out=("/admin/",))
    walker.sweep(routes)
    walker.assert_covered(routes)
    walker.assert_clean()


@pytest.mark.skip_page_quality
def test_parent_pages(family_case, paying_parent, signed_in_client, reauthenticate, fuzzer):
    from tests.cases.conftest import pdf_upload, side_objects
    from tests.complaints.conftest import complain
    from tests.variations.conftest import apply_online

    side_objects(family_case, family_case.parties.get(role="paying"), paying_parent)
    client = reauthenticate(signed_in_client(paying_parent))
    # A complaint and a variation request of their own, so their pages have ids to fuzz.
    complain(client, case=family_case, upload=pdf_upload())
    apply_online(client, family_case, ground="contact_costs", amount="20", upload=pdf_upload())
    reference = family_case.reference
    seeds = [
        reverse("cases:dashboard"),
        reverse("cases:detail", kwargs={"reference": reference}),
        reverse("payments:overview", kwargs={"reference": reference}),
        reverse("payments:statement", kwargs={"reference": reference}),
        reverse("payments:report_missed", kwargs={"reference": reference}),
        reverse("cases:activate"),
        reverse("cms_portal:account"),
    ]
    walker = fuzzer(client)
    walker.walk(
        seeds, only=("/account/", "/your-account/", "/accounts/", "/complaints/", "/apply/")
    )
    routes = routes_under("/", leaving_out=("/admin/", "/employer/"))
    walker.sweep(routes)
    walker.assert_covered(routes)
    walker.assert_clean()


@pytest.mark.skip_page_quality
def test_parent_pages_with_arrears(
    collect_and_pay_case, cp_paying_parent, signed_in_client, run_nightly, days_ago, fuzzer
):
    # The arrears plan and enforcement pages show only for a case with arrears.
    run_nightly(days_ago(0))
    reference = collect_and_pay_case.reference
    walker = fuzzer(signed_in_client(cp_paying_parent))
    walker.walk(
        [
            reverse("cases:detail", kwargs={"reference": reference}),
            reverse("arrears_plans:plan", kwargs={"reference": reference}),
            reverse("arrears_plans:start", kwargs={"reference": reference}),
        ],
        only="/account/",
        max_pages=20,
    )
    routes = routes_under("/account/cases/<str:reference>/arrears-plan/")
    walker.sweep(routes)
    walker.assert_covered(routes)
    walker.assert_clean()


@pytest.mark.skip_page_quality
def test_employer_pages(employer_world, employer_client, fuzzer):
    walker = fuzzer(employer_client(employer_world.admin))
    walker.walk([*employer_world.list_urls, *employer_world.object_urls], only="/employer/")
    routes = routes_under("/employer/")
    walker.sweep(routes)
    walker.assert_covered(routes)
    walker.assert_clean()


def _changelists():
    from django.contrib import admin

    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def _is_bulk_action_form(form):
    return "_selected_action" in form["fields"]


def _is_add_child_form(form):
    return form["url"] == reverse("admin:cases_child_add")


@pytest.fixture
def admin_client_with_world(
    employer_world,
    family_case,
    paying_parent,
    make_user,
    make_case,
    signed_in_client,
    run_nightly,
    days_ago,
):
    """A superuser, and a row in each admin list that has a page of its own (closing,
    complaints, variations, applications, HMRC income, bank money, enforcement)."""
    from hmrc_income.services import import_income_file
    from payments.services import import_bank_statement
    from payments.services.enforcement_process import start_stage
    from tests.applications.helpers import answer_every_question, submit
    from tests.cases.conftest import pdf_upload, side_objects
    from tests.cases.test_closing import ask_online
    from tests.complaints.conftest import complain
    from tests.fixtures.accounts import client_with_mfa
    from tests.hmrc_income.feed_files import csv_file, weekly_rows
    from tests.variations.conftest import apply_online

    side_objects(family_case, family_case.parties.get(role="paying"), paying_parent)
    parent = signed_in_client(paying_parent)
    complain(parent, case=family_case, upload=pdf_upload())
    apply_online(parent, family_case, ground="contact_costs", amount="20", upload=pdf_upload())
    ask_online(parent, family_case)
    applicant = signed_in_client(make_user())
    answer_every_question(applicant)
    submit(applicant)
    superuser = make_user(is_staff=True, is_superuser=True, full_name="Sue Super")
    import_income_file(
        acting_user=superuser,
        file_name="feed.csv",
        data=csv_file(*weekly_rows("JT987654B", "500.00", weeks=2)),
        today=date.today(),
    )
    import_bank_statement(
        acting_user=superuser,
        file_name="bank.csv",
        content=(
            "transaction_id,booked_on,amount,reference,payer_name\n"
            f"FUZZ-0,{date.today().isoformat()},12.34,NO REFERENCE,SOMEONE\n"
        ).encode(),
    )
    in_arrears = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(40)
    )
    run_nightly(days_ago(0))
    start_stage(
        acting_user=superuser,
        case=in_arrears,
        stage="rdo",
        on_date=days_ago(0),
        idempotency_key="fuzz-step",
    )
    return client_with_mfa(superuser)


@pytest.mark.skip_page_quality
@pytest.mark.parametrize("part", range(ADMIN_PARTS))
def test_admin_pages(admin_client_with_world, fuzzer, part):
    walker = fuzzer(
        admin_client_with_world,
        rounds=ADMIN_ROUNDS,
        skip_form=lambda form: _is_bulk_action_form(form) or _is_add_child_form(form),
    )
    seeds = (["/admin/"] if part == 0 else []) + _changelists()[part::ADMIN_PARTS]
    walker.walk(seeds, only="/admin/", max_pages=ADMIN_WALK_PAGES // ADMIN_PARTS)
    # Every admin page from the registry: add, change, history, delete and each model
    # admin's own pages (confirm, refuse, match, download...), this part's share of them.
    routes = routes_under("/admin/")[part::ADMIN_PARTS]
    walker.sweep(routes)
    walker.assert_covered(routes)
    walker.assert_clean()


@pytest.mark.skip_page_quality
def test_admin_add_child_form(admin_client_with_world, fuzzer):
    walker = fuzzer(admin_client_with_world, skip_form=lambda form: not _is_add_child_form(form))
    walker.walk([reverse("admin:cases_child_add")], only="/admin/", max_pages=1)
    walker.assert_clean()


@pytest.mark.skip_page_quality
def test_admin_bulk_actions(admin_client_with_world, fuzzer):
    walker = fuzzer(
        admin_client_with_world,
        rounds=ADMIN_ROUNDS,
        lists=False,
        skip_form=lambda form: not _is_bulk_action_form(form),
    )
    walker.walk(_changelists(), only="/admin/", max_pages=100)
    walker.assert_clean()
