"""A Welsh speaker sees no English: every page each kind of user reaches under /cy/
(the demo data, with one of everything a parent can open on top), each form sent empty
once, and the toggle on every page leads to the same page in the other language.

Every page is compared with the same page in English (tests/portal/welsh_crawl.py says
what counts as English)."""

import re
from collections import Counter, deque
from html import escape, unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from tests.portal.welsh_crawl import database_text, english_pieces

# Each kind of signed-in user in the demo data, and someone signed out.
DEMO_USERS = (
    None,
    "alex.paying@example.com",
    "sam.receiving@example.com",
    "rhian.adviser@example.com",
    "jordan.paying@example.com",
    "casey.receiving@example.com",
    "drew.paying@example.com",
    "morgan.receiving@example.com",
    "jamie.new@example.com",
    "gareth.payroll@example.com",
    "nia.payroll@example.com",
)
HOMES = ("/cy/", "/cy/account/", "/cy/your-account/", "/cy/employer/", "/cy/apply/")
# At most this many of one named page for each user (one page per case or order is
# enough to see its words).
PER_PAGE = 2
HREF = re.compile(r'href="([^"]*)"')
# Links that would end the session, leave the site's pages, or are files.
NOT_FOLLOWED = re.compile(
    r"/(?:accounts/logout|exit|signed-out|keep-alive|static|media|healthz|admin)(?:/|$)"
    r"|/(?:download|csv|pdf)(?:/|$)|\.(?:csv|pdf|zip)$"
)
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
TOGGLE = {
    language: re.compile(rf'app-language-navigation__link" href="([^"]*)" hreflang="{language}"')
    for language in ("en", "cy")
}
INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.S)


def _attributes(text):
    return {name: unescape(value) for name, value in ATTRIBUTE.findall(text)}


def _toggle_links(html, language):
    return [unescape(href) for href in TOGGLE[language].findall(html)]


def _page_name(path):
    try:
        with translation.override("en"):
            match = resolve(path.removeprefix("/cy"))
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}"


def _english(path):
    return path.removeprefix("/cy") or "/"


def _html(response):
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content.decode(response.charset or "utf-8")


def _pdf_as_html(response):
    """A letter's text layer, a paragraph a line, to be read as a page is."""
    import io
    from html import escape

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    lines = "\n".join(page.extract_text() for page in reader.pages).splitlines()
    # The title a PDF reader shows in its window and says first.
    lines += [str((reader.metadata or {}).get("/Title", ""))]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())


def _forms_to_send_empty(html):
    """(action, hidden fields) of each form posting something a user fills in."""
    for attributes_text, body in FORM.findall(html):
        attributes = _attributes(attributes_text)
        if (attributes.get("method") or "get").lower() != "post":
            continue
        hidden, fills_in = {}, False
        for tag, field_text in INPUT.findall(body):
            field = _attributes(field_text)
            kind = field.get("type", "text") if tag == "input" else tag
            if kind == "hidden":
                hidden[field.get("name", "")] = field.get("value", "")
            elif kind not in ("submit", "button"):
                fills_in = True
        if fills_in:
            yield attributes.get("action") or "", hidden


def _client_for(email):
    from django.contrib.auth import get_user_model

    from cms_portal.accounts.mfa import mfa_required
    from parents.views import LANGUAGE_APPLIED
    from tests.fixtures.accounts import client_with_mfa

    if email is None:
        return Client()
    user = get_user_model().objects.get(email=email)
    if mfa_required(user):
        client = client_with_mfa(user)
    else:
        client = Client()
        client.force_login(user)
    session = client.session
    session[LANGUAGE_APPLIED] = True
    session.save()
    return client


class _Crawl:
    def __init__(self, data):
        self.data = data
        self.leaks = []
        self.toggles = []
        self.pages = set()
        self.sent = []

    def check(self, who, where, welsh_html, english_html):
        for piece in english_pieces(welsh_html, english_html, self.data):
            self.leaks.append((who, where, piece))
        for href in HREF.findall(welsh_html):
            href = unescape(href)
            if (
                href.startswith("/")
                and not href.startswith(("/cy/", "/static/", "/media/"))
                and href != "/cy"
                and not self._is_toggle(welsh_html, href)
            ):
                self.leaks.append((who, where, f"link to English page {href}"))

    @staticmethod
    def _is_toggle(html, href):
        """The toggle, or a link that says it is to English (a letter in English)."""
        return bool(re.search(rf'href="{re.escape(href)}" hreflang="en"', html))

    def check_toggle(self, who, path, welsh_html, english_html):
        """The toggle on a Welsh page leads to this page in English, and back."""
        english_path = _english(path)
        if _toggle_links(welsh_html, "en") != [english_path]:
            self.toggles.append((who, path, f"English link {_toggle_links(welsh_html, 'en')}"))
        if english_html is not None and _toggle_links(english_html, "cy") != [path]:
            self.toggles.append(
                (who, english_path, f"Welsh link {_toggle_links(english_html, 'cy')}")
            )

    def run(self, who, client):
        queue, seen, counts, sent = deque(HOMES), set(), Counter(), set()
        while queue:
            path = queue.popleft()
            if path in seen:
                continue
            seen.add(path)
            name = _page_name(path.partition("?")[0])
            if name is None or counts[name] >= PER_PAGE:
                continue
            response = client.get(path)
            if response.status_code in (301, 302, 303):
                location = response["Location"]
                if location.startswith("/cy/") and location not in seen:
                    queue.append(location)
                elif not location.startswith("/cy/") and not location.startswith("/cy?"):
                    self.leaks.append((who, path, f"redirects to English {location}"))
                continue
            if name.startswith("letters:") and response.status_code == 200:
                counts[name] += 1
                self.pages.add(name)
                english_pdf = client.get(_english(path))
                self.check(who, path, _pdf_as_html(response), _pdf_as_html(english_pdf))
                continue
            welsh_html = _html(response)
            if response.status_code != 200 or welsh_html is None:
                continue
            counts[name] += 1
            self.pages.add(name)
            english_response = client.get(_english(path))
            english_html = _html(english_response) if english_response.status_code == 200 else None
            self.check(who, path, welsh_html, english_html)
            self.check_toggle(who, path, welsh_html, english_html)
            for action, hidden in _forms_to_send_empty(welsh_html):
                target = action or path
                if not target.startswith("/cy/") or (name, target) in sent:
                    continue
                if NOT_FOLLOWED.search(target.partition("?")[0]):
                    continue
                sent.add((name, target))
                self.sent.append(target)
                welsh_errors = client.post(target, hidden)
                english_errors = client.post(_english(target), hidden)
                if welsh_errors.status_code == 200 and _html(welsh_errors):
                    english_text = (
                        _html(english_errors) if english_errors.status_code == 200 else None
                    )
                    self.check(who, f"{target} (sent empty)", _html(welsh_errors), english_text)
            for href in HREF.findall(welsh_html):
                href = unescape(href).partition("#")[0]
                if (
                    href.startswith("/cy/")
                    and href not in seen
                    and not NOT_FOLLOWED.search(href.partition("?")[0])
                ):
                    queue.append(href)


@pytest.fixture
def demo_world(db):
    """The demo data, with one of everything a parent can open on each demo case."""
    from django.contrib.auth import get_user_model

    from cases.models import Case, Party
    from data_requests.services import request_data_copy
    from employers.models import Employer
    from tests.parent_pages import one_of_everything

    with open("/dev/null", "w") as quiet:
        call_command("load_demo_data", stdout=quiet)
    # Everyone reads Welsh from here on: what is sent to them next must be Welsh.
    for model in (get_user_model(), Party, Employer):
        model.objects.update(preferred_language="cy")
    for case in Case.objects.filter(parties__user__isnull=False).distinct():
        paying = case.parties.get(role="paying")
        receiving = case.parties.filter(role="receiving", user__isnull=False).first()
        if paying.user is None or receiving is None:
            continue
        one_of_everything(case, paying, receiving, close=case.service_type == "direct_pay")
        request_data_copy(acting_user=paying.user)
    translation.activate("en")


@pytest.mark.skip_page_quality
def test_a_welsh_speaker_meets_no_english(demo_world):
    """One demo world (it takes most of the time) for the three checks."""
    _emails_and_texts_sent_in_welsh_are_welsh()
    _a_copy_of_a_welsh_speakers_data_is_in_welsh()
    _no_english_on_any_welsh_page()


def _no_english_on_any_welsh_page():
    from payments.selectors import collection_bank_details

    # The bank account's name is written as the bank holds it, for the payer to type.
    crawl = _Crawl(database_text() | {collection_bank_details().account_name})
    for email in DEMO_USERS:
        crawl.run(email or "signed out", _client_for(email))
    report = "\n".join(f"{who} | {where} | {text}" for who, where, text in crawl.leaks)
    toggles = "\n".join(f"{who} | {where} | {text}" for who, where, text in crawl.toggles)
    assert not crawl.leaks and not crawl.toggles, (
        f"{len(crawl.leaks)} English on Welsh pages:\n{report}\ntoggle:\n{toggles}\n"
        f"pages: {sorted(crawl.pages)}\nsent empty: {crawl.sent}"
    )


def _strings_in(value):
    """The text values (not the keys, which are names for programs) of a JSON document."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings_in(item)]
    return [value] if isinstance(value, str) else []


def _archive_text(user):
    """Every line of every text file in the copy of `user`'s data, as a page of lines."""
    import csv
    import io
    import json
    import zipfile
    from datetime import date
    from html import escape

    from data_requests.archive import write_archive
    from data_requests.export import collect

    archive = write_archive(
        collect(user), expires_on=date(2026, 3, 5), prepared_on=date(2026, 3, 5)
    )
    lines = []
    with zipfile.ZipFile(io.BytesIO(archive.read())) as opened:
        for name in opened.namelist():
            if name.endswith(".json"):
                lines += _strings_in(json.loads(opened.read(name)))
            elif name.endswith((".txt", ".csv")):
                text = opened.read(name).decode("utf-8-sig")
                lines += [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def _a_copy_of_a_welsh_speakers_data_is_in_welsh():
    """The ZIP of a parent's data (its read-me, its tables and their headings) in Welsh."""
    from django.contrib.auth import get_user_model

    data = database_text()
    leaks = []
    for email in ("jordan.paying@example.com", "casey.receiving@example.com"):
        user = get_user_model().objects.get(email=email)
        with translation.override("cy"):
            welsh = _archive_text(user)
        with translation.override("en"):
            english = _archive_text(user)
        leaks += [(email, piece) for piece in english_pieces(welsh, english, data)]
    assert not leaks, leaks


def _emails_and_texts_sent_in_welsh_are_welsh():
    """What the services sent in Welsh while the demo world was made (every email and
    text message queued, with its real values filled in)."""
    from cms_portal.models import OutboundEmail, OutboundSms

    data = database_text()
    leaks = []
    for model in (OutboundEmail, OutboundSms):
        for message in model.objects.filter(language="cy"):
            text = "\n".join(
                getattr(message, name, "") for name in ("subject", "body") if hasattr(message, name)
            )
            html = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
            leaks += [(message.template, piece) for piece in english_pieces(html, None, data)]
    assert OutboundEmail.objects.filter(language="cy").exists()
    assert not leaks, leaks
