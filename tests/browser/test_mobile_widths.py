"""On a phone (320 and 375 CSS pixels wide) no parent page scrolls sideways, in English
and Welsh: every page the URL configuration names in the parent areas (tests/parent_pages),
with the demo data's widest tables (a paying parent with a deduction from
earnings order and an arrears plan, and a long payment history). Wide tables scroll
inside their own focusable, labelled container instead; the timeout dialog's buttons
stay on screen."""

from collections import Counter, deque

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.parent_pages import (
    DOWNLOADS,
    LINK,
    REACHED_ONLY_BY_A_FORM,
    one_of_everything,
    page_name,
    parent_page_names,
)

WIDTHS = (320, 375)
DEMO_PARENTS = (
    "jordan.paying@example.com",
    "casey.receiving@example.com",
    "alex.paying@example.com",
    "sam.receiving@example.com",
)
# Each parent's own pages, reached by following links from their dashboard and account:
# at most this many of one named page in each language (two cases' schedules, say).
PER_PAGE = 2

WIDTH_JS = "() => document.documentElement.scrollWidth"
# Each scrolling table container: its width, and whether it has a name and takes focus.
CONTAINERS_JS = """() => [...document.querySelectorAll('.app-scroll-table')].map(el => ({
  width: el.getBoundingClientRect().width, label: el.getAttribute('aria-label'),
  role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex')}))"""


@pytest.fixture
def demo_data(transactional_db):
    with open("/dev/null", "w") as quiet:
        call_command("load_demo_data", stdout=quiet)


def _sign_in(page, live_server, user):
    """A session for `user` that stays in the language of the URL it is shown."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from parents.views import LANGUAGE_APPLIED

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LANGUAGE_APPLIED] = True
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def _check_dialog(page, width):
    """Open the timeout warning as its script would and keep both buttons on screen."""
    page.evaluate("() => document.getElementById('session-timeout-dialog').showModal()")
    problems = []
    for selector in (".app-timeout-dialog__stay", ".app-timeout-dialog__sign-out"):
        box = page.locator(selector).bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width:
            problems.append(f"timeout dialog {selector} at {box} (width {width})")
    if page.evaluate(WIDTH_JS) > width:
        problems.append(f"timeout dialog page {page.evaluate(WIDTH_JS)} > {width}")
    page.evaluate("() => document.getElementById('session-timeout-dialog').close()")
    return problems


def _phone_problems(page, where):
    """At each phone width: the page's own width and its table containers."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width = page.evaluate(WIDTH_JS)
        if scroll_width > width:
            problems.append(f"{where} at {width}px: {scroll_width}px wide")
        for container in page.evaluate(CONTAINERS_JS):
            if not (
                container["label"]
                and container["role"] == "region"
                and container["tabindex"] == "0"
                and container["width"] <= width
            ):
                problems.append(f"{where} at {width}px: table container {container}")
    return problems


def _crawl_on_a_phone(page, live_server, email):
    """Every page the parent signed in as `email` reaches from their dashboard and
    account, in English and Welsh: (problems, names of the pages reached)."""
    with translation.override("en"):
        home = [reverse("cases:dashboard"), reverse("cms_portal:account")]
    queue, seen, reached, problems = deque(home + [f"/cy{url}" for url in home]), set(), set(), []
    counts = Counter()
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        name = page_name(path)
        if name in DOWNLOADS or counts[name, path.startswith("/cy/")] >= PER_PAGE:
            continue
        counts[name, path.startswith("/cy/")] += 1
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        reached.add(name)
        problems += _phone_problems(page, f"{email} {path}")
        if name == "cases:detail":
            # Closing the dialog hands control back to its script: open it afresh.
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                page.reload()
                problems += _check_dialog(page, width)
        queue.extend(link for link in LINK.findall(page.content()) if link not in seen)
    return problems, reached


def test_no_parent_page_scrolls_sideways_on_a_phone(page, live_server, demo_data):
    """Every page of the parent areas the URL configuration names (one of everything on
    the demo's widest cases first), at 320 and 375px in English and Welsh."""
    from cases.models import Case, Party
    from data_requests.services import request_data_copy

    for case in Case.objects.filter(parties__user__email__in=DEMO_PARENTS[::2]).distinct():
        paying, receiving = (
            case.parties.get(role="paying"),
            case.parties.filter(role="receiving", user__isnull=False).first(),
        )
        one_of_everything(case, paying, receiving, close=case.service_type == "direct_pay")
    problems, reached = [], set()
    for email in DEMO_PARENTS:
        party = Party.objects.select_related("user").filter(user__email=email).first()
        assert party is not None, email
        request_data_copy(acting_user=party.user)
        _sign_in(page, live_server, party.user)
        found, names = _crawl_on_a_phone(page, live_server, email)
        problems += found
        reached |= names
    missing = parent_page_names() - REACHED_ONLY_BY_A_FORM - DOWNLOADS - reached
    assert not missing, f"parent pages not checked on a phone: {sorted(missing)}"
    assert not problems, "\n".join(problems)


def test_a_wide_table_scrolls_inside_its_container(page, live_server, demo_data):
    """The paying parent's schedule (seven columns with an order and a plan) is wider
    than a phone: its container scrolls and can be reached with the keyboard."""
    from cases.models import Party

    party = Party.objects.select_related("case", "user").get(
        user__email="jordan.paying@example.com"
    )
    _sign_in(page, live_server, party.user)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(
        live_server.url + reverse("payments:schedule", kwargs={"reference": party.case.reference})
    )
    container = page.locator(".app-scroll-table").first
    assert container.evaluate("el => el.scrollWidth > el.clientWidth")
    container.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.app-scroll-table').scrollLeft > 0")
    assert page.evaluate(WIDTH_JS) <= 320


SITE_PAGES = (
    "cms_portal:start",
    "cms_portal:cookies",
    "cms_portal:help",
    "cms_portal:accessibility",
    "cms_portal:privacy",
    "cms_portal:contact",
)


def _too_wide(page, live_server, names):
    """Each named page (url name, kwargs) at each phone width in both languages: the
    ones that scroll sideways."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for language in ("en", "cy"):
            for name, kwargs in names:
                with translation.override(language):
                    path = reverse(name, kwargs=kwargs)
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                scroll_width = page.evaluate(WIDTH_JS)
                if scroll_width > width:
                    problems.append(f"{path} at {width}px: {scroll_width}px wide")
    return problems


@pytest.mark.django_db
def test_no_site_page_scrolls_sideways_on_a_phone(page, live_server):
    """The pages every parent reads before and after signing in (the cookies page's
    tables are wider than a phone in Welsh) keep to the screen's width too."""
    problems = _too_wide(page, live_server, [(name, {}) for name in SITE_PAGES])
    assert not problems, "\n".join(problems)


def test_no_employer_page_scrolls_sideways_on_a_phone(page, live_server, demo_data):
    """A payroll clerk on a phone: the orders, an order's deductions, the Pay page and the
    payments made keep to the screen; their tables (with visually hidden cell labels)
    scroll inside their own container."""
    from django.contrib.auth import get_user_model

    from cms_portal.accounts.mfa import mark_session_mfa_completed
    from employers.models import DeductionOrder, Remittance
    from tests.fixtures.accounts import give_totp

    user = get_user_model().objects.get(email="gareth.payroll@example.com")
    _sign_in(page, live_server, user)
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore(session_key=page.context.cookies()[0]["value"])
    mark_session_mfa_completed(session, user, give_totp(user))
    session.save()
    order = DeductionOrder.objects.filter(returns__isnull=False).first()
    remittance = Remittance.objects.first()
    names = [
        ("employers:orders", {}),
        ("employers:order_detail", {"reference": order.reference}),
        ("employers:payments", {}),
        ("employers:payment_detail", {"public_id": remittance.public_id}),
        ("employers:upload", {}),
    ]
    problems = _too_wide(page, live_server, names)
    assert not problems, "\n".join(problems)
