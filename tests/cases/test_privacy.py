"""One parent never sees any part of the other's address (not even the town or the
postcode district), phone, email, employer or bank details, in any case, flagged for
safeguarding or not: seed unique values for one parent, then fetch everything the other
parent can reach (every linked page in English and Welsh, downloads and emails) and look
for them."""

import contextlib
import io
import re
import zipfile
from collections import Counter, deque
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from cases import services
from tests.parent_pages import (
    LINK,
    REACHED_ONLY_BY_A_FORM,
    one_of_everything,
    page_name,
    parent_page_names,
)

SECRETS = {
    "address_line_1": "Zqxaddress Terrace",
    "address_line_2": "Zqxline Two",
    "town": "Zqxtownville",
    "postcode": "YO62 7XW",
    "phone": "07111 246813",
    "email": "zqx-private@example.test",
    "bank_account_name": "Zqxbankname",
    "bank_sort_code": "908172",
    "bank_account_number": "81726354",
    "employer_name": "Zqxemployer Holdings",
    "national_insurance_number": "ZX998877A",
}
# The outward part of the postcode alone narrows a home down to a few streets.
POSTCODE_DISTRICT = "YO62"


def _text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):  # a ZIP (a copy of your data): read every file in it
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"\n".join(archive.read(name) for name in archive.namelist())
    return body.decode("utf-8", "replace")


def _crawl(client, starts, limit=80, per_page=None):
    """(url, text) of each page reached by following links from `starts`; with
    `per_page`, at most that many of one named page (one thread out of many, say), so a
    long list cannot use up the limit before other pages are reached."""
    seen, queue, bodies, counts = set(), deque(starts), [], Counter()
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        if per_page is not None:
            name = (page_name(url), url.startswith("/cy/"))
            if counts[name] >= per_page:
                continue
            counts[name] += 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text(response)
        bodies.append((url, text))
        queue.extend(link for link in LINK.findall(text) if link not in seen)
    return bodies


def _seed(party, **extra):
    services.update_party(acting_user=None, party=party, **SECRETS, **extra)


def _leaks(bodies, secrets, district=POSTCODE_DISTRICT):
    secrets = {**secrets, "postcode district": district}
    # Whole words only: a short value such as a postcode district can turn up by chance
    # inside a random token (a CSRF token, say) without anything having leaked.
    patterns = {
        name: re.compile(rf"(?<![0-9a-z]){re.escape(value)}(?![0-9a-z])", re.IGNORECASE)
        for name, value in secrets.items()
    }
    found = []
    for url, text in bodies:
        for name, pattern in patterns.items():
            if pattern.search(text):
                found.append(f"{name} on {url}")
    return found


@pytest.mark.parametrize("safeguarding", [False, True], ids=["not-flagged", "safeguarded"])
@pytest.mark.parametrize(
    "seeded_role,viewer_role", [("paying", "receiving"), ("receiving", "paying")]
)
def test_other_parent_never_sees_address_contact_or_bank_details(
    populated_case,
    signed_in_client,
    paying_parent,
    receiving_parent,
    representative,
    reauthenticate,
    seeded_role,
    viewer_role,
    safeguarding,
    django_capture_on_commit_callbacks,
):
    case = populated_case.case
    if safeguarding:
        case.safeguarding = True
        case.save(update_fields=["safeguarding"])
    _seed(case.parties.get(role=seeded_role))
    viewer = {"paying": paying_parent, "receiving": receiving_parent}[viewer_role]
    viewers = [viewer] + ([representative] if viewer_role == "receiving" else [])
    # Things that send emails to the viewer, so the emails are checked too.
    with django_capture_on_commit_callbacks(execute=True):
        services.make_decision(acting_user=None, case=case)
        thread = (
            populated_case.paying if viewer_role == "paying" else populated_case.receiving
        ).thread
        services.reply_to_thread(acting_user=None, thread=thread, body="Reply")
    for user in viewers:
        client = reauthenticate(signed_in_client(user))
        starts = [
            reverse("cases:dashboard"),
            populated_case.case_url,
            f"/cy{populated_case.case_url}",
        ]
        with contextlib.suppress(NoReverseMatch):  # the payments pages, once they exist
            starts += [
                reverse("payments:overview", kwargs={"reference": case.reference}),
                reverse("payments:statement_csv", kwargs={"reference": case.reference}),
            ]
        bodies = _crawl(client, starts)
        assert len(bodies) > 10
        assert not _leaks(bodies, SECRETS)
    emails = [(message.subject, message.body) for message in mail.outbox]
    assert emails
    assert not _leaks([("email", f"{s}\n{b}") for s, b in emails], SECRETS)


@pytest.mark.parametrize("safeguarding", [False, True], ids=["not-flagged", "safeguarded"])
def test_no_part_of_the_address_is_shown_in_any_case(
    make_case, make_user, signed_in_client, safeguarding
):
    paying_user, receiving_user = make_user(), make_user()
    case = make_case(
        paying_user=paying_user, receiving_user=receiving_user, safeguarding=safeguarding
    )
    receiving = case.parties.get(role="receiving")
    _seed(receiving)
    case_url = reverse("cases:detail", kwargs={"reference": case.reference})
    bodies = _crawl(signed_in_client(paying_user), [case_url, f"/cy{case_url}"])
    assert len(bodies) > 3
    # The name may be shown: it is the address that must not be.
    assert any(receiving.full_name in text for _url, text in bodies)
    assert not _leaks(bodies, SECRETS)
    # After a move the new town is not shown either.
    services.update_party(acting_user=None, party=receiving, town="Zqxnewtown", postcode="YO62 1AB")
    bodies = _crawl(signed_in_client(paying_user), [case_url, f"/cy{case_url}"])
    assert not _leaks(bodies, {"new town": "Zqxnewtown"})


def test_receiving_parents_do_not_see_each_other(make_case, make_user, signed_in_client):
    first, second = make_user(), make_user()
    case = make_case(receiving_users=[first, second], receiving_parents=2)
    other = case.parties.filter(role="receiving").exclude(user=first).get()
    _seed(other)
    bodies = _crawl(
        signed_in_client(first), [reverse("cases:detail", kwargs={"reference": case.reference})]
    )
    assert not _leaks(bodies, {**SECRETS, "name": other.full_name})


def test_paying_parents_employer_is_never_shown_to_the_receiving_parent(
    make_employer, make_order, make_user, signed_in_client
):
    employer = make_employer(name=SECRETS["employer_name"])
    paying_user, receiving_user = make_user(), make_user()
    order = make_order(employer, paying_user=paying_user)
    case = order.case
    receiving = case.parties.get(role="receiving")
    receiving.user = receiving_user
    receiving.save(update_fields=["user"])
    case_url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert SECRETS["employer_name"] in signed_in_client(paying_user).get(case_url).content.decode()
    bodies = _crawl(signed_in_client(receiving_user), [reverse("cases:dashboard"), case_url])
    assert len(bodies) > 3
    assert not _leaks(bodies, {"employer": SECRETS["employer_name"]})


# A second set, so each parent of one case has their own and either can be looked for.
OTHER_SECRETS = {
    "address_line_1": "Zqxother Road",
    "address_line_2": "Zqxsecond Line",
    "town": "Zqxothertown",
    "postcode": "LD7 1AB",
    "phone": "07111 975310",
    "email": "zqx-other@example.test",
    "bank_account_name": "Zqxotherbank",
    "bank_sort_code": "817263",
    "bank_account_number": "72635481",
    "employer_name": "Zqxother Works",
    "national_insurance_number": "ZY112233B",
}


def test_every_parent_page_shows_no_part_of_the_other_parents_address(
    make_case,
    make_user,
    signed_in_client,
    reauthenticate,
    run_nightly,
    days_ago,
    django_capture_on_commit_callbacks,
):
    """Two cases between the same parents (Collect and Pay in arrears, and Direct Pay),
    with one of everything on them: the crawl reaches every parent page the URL
    configuration names (or the page is listed above with why not), as each parent and
    a representative, in English and Welsh, with their downloads (statement CSV, a copy of
    their data) and every email sent, and finds no part of the other parent's address,
    contact, bank or employer details."""
    from cases.models import Representative, RepresentativeStatus
    from data_requests.services import request_data_copy

    paying_user, receiving_user, adviser = make_user(), make_user(), make_user()
    cases = [
        make_case(paying_user=paying_user, receiving_user=receiving_user, service_type=service_type)
        for service_type in ("collect_and_pay", "direct_pay")
    ]
    run_nightly(days_ago(0))  # the first Collect and Pay payment is missed: arrears
    with django_capture_on_commit_callbacks(execute=True):
        for case in cases:
            paying, receiving = case.parties.get(role="paying"), case.parties.get(role="receiving")
            _seed(paying)
            services.update_party(acting_user=None, party=receiving, **OTHER_SECRETS)
            Representative.objects.create(
                case=case,
                party=receiving,
                user=adviser,
                full_name=adviser.full_name,
                email=adviser.email,
                can_view=True,
                can_report_changes=True,
                can_message=True,
                valid_until=date.today() + timedelta(days=90),
                status=RepresentativeStatus.ACTIVE,
            )
            one_of_everything(case, paying, receiving, close=case.service_type == "direct_pay")
            services.make_decision(acting_user=None, case=case)
        for user in (paying_user, receiving_user, adviser):
            request_data_copy(acting_user=user)
    reached = set()
    for user, secrets in (
        (paying_user, OTHER_SECRETS),
        (receiving_user, SECRETS),
        (adviser, SECRETS),
    ):
        client = reauthenticate(signed_in_client(user))
        with translation.override("en"):
            home = [reverse("cases:dashboard"), reverse("cms_portal:account")]
        bodies = _crawl(client, home + [f"/cy{url}" for url in home], limit=1000, per_page=2)
        reached |= {page_name(url) for url, _text in bodies}
        found = _leaks(bodies, secrets, district=secrets["postcode"].split()[0])
        assert not found, (user.email, found)
    missing = parent_page_names() - REACHED_ONLY_BY_A_FORM - reached
    assert not missing, f"parent pages the crawl did not reach: {sorted(missing)}"
    emails = [("email", f"{message.subject}\n{message.body}") for message in mail.outbox]
    assert emails
    assert not _leaks(emails, SECRETS)
    assert not _leaks(emails, OTHER_SECRETS, district="LD7")
