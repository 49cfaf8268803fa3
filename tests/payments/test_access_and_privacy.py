"""Every payments URL (and the CSV) for every kind of user: only the expected cells
succeed, everything else is a 404 (anonymous users are sent to sign in). And nothing on
them shows the other parent's address, phone, email, employer or bank details."""

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.models import Representative, RepresentativeStatus
from payments.services import report_missed_direct_payment

ROLES = [
    "anonymous",
    "paying",
    "receiving",
    "representative",
    "other_parent",
    "employer",
    "caseworker",
]
BOTH = {"paying", "receiving", "representative"}
SECRETS = {
    "address_line_1": "Qwzaddress Row",
    "address_line_2": "Qwzline Two",
    "postcode": "ZY9 9WQ",
    "phone": "07111 135791",
    "email": "qwz-private@example.test",
    "bank_account_name": "Qwzbankname",
    "bank_sort_code": "918273",
    "bank_account_number": "73625184",
    "employer_name": "Qwzemployer Holdings",
    "national_insurance_number": "ZY112233B",
}


def _represent(case, party, user, days_ago):
    Representative.objects.create(
        case=case,
        party=party,
        user=user,
        full_name=user.full_name,
        email=user.email,
        can_view=True,
        can_report_changes=True,
        valid_until=days_ago(-30),
        status=RepresentativeStatus.ACTIVE,
    )


@pytest.fixture
def people(make_user, make_case, days_ago, run_nightly, pay):
    users = {
        role: make_user(full_name=f"{role} person")
        for role in ("paying", "receiving", "representative")
    }
    collect = make_case(
        service_type="collect_and_pay",
        paying_user=users["paying"],
        receiving_user=users["receiving"],
    )
    direct = make_case(
        service_type="direct_pay", paying_user=users["paying"], receiving_user=users["receiving"]
    )
    for case in (collect, direct):
        _represent(case, case.parties.get(role="receiving"), users["representative"], days_ago)
    run_nightly(days_ago(1))
    pay(collect, "100.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    report = report_missed_direct_payment(
        acting_user=users["receiving"],
        case=direct,
        party=direct.parties.get(role="receiving"),
        due_date=days_ago(7),
        amount_received=0,
    )
    return users, collect, direct, report


@pytest.fixture
def clients(
    people,
    anonymous_client,
    signed_in_client,
    other_parent,
    employer_admin,
    mfa_user_client,
    caseworker_client,
):
    users = people[0]
    return {
        "anonymous": anonymous_client,
        "paying": signed_in_client(users["paying"]),
        "receiving": signed_in_client(users["receiving"]),
        "representative": signed_in_client(users["representative"]),
        "other_parent": signed_in_client(other_parent),
        "employer": mfa_user_client(employer_admin),
        "caseworker": caseworker_client,
    }


def _url(name, case, **kwargs):
    return reverse(f"payments:{name}", kwargs={"reference": case.reference, **kwargs})


def _cells(people):
    _users, collect, direct, report = people
    cells = []
    for case in (collect, direct):
        for name in ("overview", "schedule", "statement", "statement_csv"):
            cells.append((_url(name, case), BOTH))
        cells.append((_url("how_to_pay", case), {"paying"}))
    cells.append((_url("report_missed", collect), set()))
    cells.append((_url("report_missed", direct), {"receiving", "representative"}))
    cells.append(
        (
            _url("report_missed_done", direct, report_id=report.public_id),
            {"receiving", "representative"},
        )
    )
    cells.append((_url("report_missed_done", collect, report_id=report.public_id), set()))
    for bad in ("000000000000", "12345", "121%2e%2e"):
        cells.append((f"/account/cases/{bad}/payments/", set()))
    return cells


def test_access_matrix_for_every_payments_url(people, clients):
    failures = []
    for url, allowed in _cells(people):
        for prefix in ("", "/cy"):
            for role in ROLES:
                response = clients[role].get(prefix + url)
                if role == "anonymous":
                    ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
                elif role in allowed:
                    ok = response.status_code == 200
                else:
                    ok = response.status_code == 404
                if not ok:
                    failures.append(f"{prefix}{url} as {role}: {response.status_code}")
    assert not failures, failures


def test_posting_a_report_for_someone_elses_case_is_a_404(people, clients, days_ago):
    _users, _collect, direct, _report = people
    url = _url("report_missed", direct)
    for role in ("paying", "other_parent", "employer", "caseworker"):
        response = clients[role].post(
            url, {"due_date": days_ago(7).isoformat(), "amount_received": "0"}
        )
        assert response.status_code == 404, role


def _body(response):
    return (
        (b"".join(response.streaming_content) if response.streaming else response.content)
        .decode("utf-8", "replace")
        .lower()
    )


@pytest.mark.parametrize(
    ("seeded", "viewers"), [("paying", ["receiving", "representative"]), ("receiving", ["paying"])]
)
def test_no_payments_page_shows_the_other_parents_details(people, clients, seeded, viewers):
    _users, collect, direct, report = people
    for case in (collect, direct):
        party = case.parties.get(role=seeded)
        case_services.update_party(acting_user=None, party=party, **SECRETS)
    leaks = []
    for viewer in viewers:
        for url, allowed in _cells(people):
            if viewer not in allowed:
                continue
            for prefix in ("", "/cy"):
                response = clients[viewer].get(prefix + url)
                text = _body(response)
                leaks += [
                    f"{name} on {prefix}{url} for {viewer}"
                    for name, value in SECRETS.items()
                    if value.lower() in text
                ]
    assert not leaks, leaks


def test_a_receiving_parent_never_sees_another_receiving_parents_money(
    make_case, make_user, signed_in_client, run_nightly, pay, days_ago
):
    first, second = make_user(), make_user()
    case = make_case(
        service_type="collect_and_pay",
        receiving_users=[first, second],
        receiving_parents=2,
        payment_frequency="weekly",
        effective_date=days_ago(1),
    )
    run_nightly(days_ago(1))
    pay(case, "500.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    other = case.parties.get(user=second)
    client = signed_in_client(first)
    for name in ("overview", "schedule", "statement", "statement_csv"):
        text = _body(client.get(_url(name, case)))
        assert other.full_name.lower() not in text, name
    statement = _body(client.get(_url("statement_csv", case)))
    # Only the first receiving parent's own account: collected, fee, paid out.
    assert statement.count("\n") == 4
