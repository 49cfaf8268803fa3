"""Signed-in pages run a fixed number of queries, whatever the amount of data behind
them: each page is pinned, and fetched again after its data has grown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

# What this branch reaches; the case page, dashboard and payment overview also hold the
# money summary, which brings its own queries.
PINNED = {
    # The session, the user with their roles (one query), then the page's own reads. One
    # read for the parents' requests to close the cases, all cases at once.
    "dashboard": 10,
    # The party comes with every party in the case in one query. One read for the
    # variations section (requests the party may see, agreed ones included), and one for
    # the parents' requests to close the case.
    "case page": 10,
    # A Collect and Pay case's page also looks for enforcement, once it has been opened
    # (the money read says whether it ever was).
    "case page, Collect and Pay": 10,
    # The account comes with the range's totals, then only the page's rows are read.
    "statement": 5,
    "messages": 4,
    "orders": 5,
    # The case page shows everything about the case: the case once for the page and the
    # form, every part of it (each related table's rows) in one read, the arrears and
    # unpaid charges in another; the staff for the caseworker box; the view audited.
    "admin case": 8,
    # Two for the alerts row: the parent's standing in their cases, their choices.
    "account": 6,
}


def _queries(client, path):
    """Queries of a repeat visit (the first may save the session or a language choice)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _case_url(name, case):
    return reverse(name, kwargs={"reference": case.reference})


def _grow_case(case, user):
    """More decisions, messages, change reports and children on the case."""
    from cases import services
    from cases.models import ChangeKind, DecisionReason
    from cases.selectors import CaseAccess

    party = case.parties.get(user=user)
    access = CaseAccess(case=case, party=party)
    for number in range(3):
        services.make_decision(
            acting_user=None, case=case, reason=DecisionReason.CHANGE, notify=False
        )
        message = services.start_thread(
            acting_user=user, access=access, subject=f"Question {number}", body="When is it paid?"
        )
        services.reply_to_thread(acting_user=None, thread=message.thread, body="Soon.")
    services.request_reconsideration(
        acting_user=user,
        access=access,
        decision=case.decisions.order_by("-decided_at", "-id").first(),
        reasons="The income is wrong.",
        late_reason="I was away.",
    )
    receiving = case.parties.get(role="receiving")
    for number in range(2):
        services.add_child(
            acting_user=None,
            case=case,
            receiving_party=receiving,
            full_name=f"Extra Child {number}",
            date_of_birth=case.children.first().date_of_birth,
        )
    services.report_change(
        acting_user=user,
        access=access,
        kind=ChangeKind.SHARED_CARE,
        answers={
            "child": str(case.children.first().public_id),
            "nights": 52,
            "changed_on": case.created_at.date(),
        },
    )


def test_dashboard(family_case, paying_parent, signed_in_client, django_assert_max_num_queries):
    client = signed_in_client(paying_parent)
    before = _queries(client, reverse("cases:dashboard"))
    _grow_case(family_case, paying_parent)
    assert _queries(client, reverse("cases:dashboard")) == before
    with django_assert_max_num_queries(PINNED["dashboard"]):
        client.get(reverse("cases:dashboard"))


def test_dashboard_cases_part_does_not_grow_with_the_number_of_cases(
    make_case, paying_parent, family_case, signed_in_client
):
    """Each card's decision (and the first one, for the review date), unread messages,
    evidence to send and requests to close are read for all the cases at once (the money
    lines, from the payments area, are per case)."""
    from cases.selectors import accesses_for_user, dashboard_facts

    for _ in range(3):
        make_case(paying_user=paying_parent)
    accesses = accesses_for_user(paying_parent)
    assert len(accesses) == 4
    with CaptureQueriesContext(connection) as captured:
        facts = dashboard_facts(accesses)
    assert len(captured) == 4
    assert all(facts.for_access(access)[0] is not None for access in accesses)


def test_case_page(family_case, paying_parent, signed_in_client, django_assert_max_num_queries):
    client = signed_in_client(paying_parent)
    path = _case_url("cases:detail", family_case)
    before = _queries(client, path)
    _grow_case(family_case, paying_parent)
    client.get(path)  # the new decision is marked as seen once
    assert _queries(client, path) == before
    with django_assert_max_num_queries(PINNED["case page"]):
        client.get(path)


def test_collect_and_pay_case_page(
    collect_and_pay_case,
    cp_paying_parent,
    signed_in_client,
    run_nightly,
    days_ago,
    django_assert_max_num_queries,
):
    client = signed_in_client(cp_paying_parent)
    path = _case_url("cases:detail", collect_and_pay_case)
    run_nightly(days_ago(0))
    _queries(client, path)
    with django_assert_max_num_queries(PINNED["case page, Collect and Pay"]):
        assert client.get(path).status_code == 200


def test_case_page_reads_the_partys_requests_together(family_case, paying_parent):
    """Reconsiderations (each with its decision) and the newest ten change reports come
    from one read, newest first."""
    from cases.selectors import case_access, decisions_for_case, own_requests

    _grow_case(family_case, paying_parent)
    _grow_case(family_case, paying_parent)
    access = case_access(paying_parent, family_case.reference)
    decisions = decisions_for_case(access.case)
    expected_changes = list(
        family_case.change_reports.filter(party=access.party).order_by("-reported_at", "-id")
    )
    expected_requests = list(family_case.reconsiderations.filter(party=access.party))
    with CaptureQueriesContext(connection) as captured:
        reconsiderations, changes = own_requests(access, decisions, changes=1)
        shown = [(r.reference, r.status, r.decision.decided_at) for r in reconsiderations]
        listed = [(c.reference, c.get_kind_display(), c.reported_at) for c in changes]
    assert len(captured) == 1
    assert len(expected_requests) == 2
    assert shown == [(r.reference, r.status, r.decision.decided_at) for r in expected_requests]
    assert listed == [
        (c.reference, c.get_kind_display(), c.reported_at) for c in expected_changes[:1]
    ]


def test_messages_list(family_case, paying_parent, signed_in_client, django_assert_max_num_queries):
    from cases import services
    from cases.selectors import CaseAccess

    client = signed_in_client(paying_parent)
    path = _case_url("cases:messages", family_case)
    access = CaseAccess(case=family_case, party=family_case.parties.get(user=paying_parent))
    services.start_thread(acting_user=paying_parent, access=access, subject="First", body="Hello")
    before = _queries(client, path)
    _grow_case(family_case, paying_parent)
    assert _queries(client, path) == before
    with django_assert_max_num_queries(PINNED["messages"]):
        client.get(path)


def test_payment_statement(
    collect_and_pay_case,
    cp_paying_parent,
    signed_in_client,
    run_nightly,
    pay,
    days_ago,
    django_assert_max_num_queries,
):
    client = signed_in_client(cp_paying_parent)
    path = _case_url("payments:statement", collect_and_pay_case)
    run_nightly(days_ago(1))
    before = _queries(client, path)
    for day in range(1, 6):
        pay(collect_and_pay_case, "20.00", received_on=days_ago(day))
    run_nightly(days_ago(0))
    assert _queries(client, path) == before
    with django_assert_max_num_queries(PINNED["statement"]):
        client.get(path)


def test_employer_orders(
    employer, employer_member, make_order, signed_in_client, django_assert_max_num_queries
):
    client = signed_in_client(employer_member)
    path = reverse("employers:orders")
    make_order(employer)
    before = _queries(client, path)
    for _ in range(4):
        make_order(employer)
    assert _queries(client, path) == before
    with django_assert_max_num_queries(PINNED["orders"]):
        client.get(path)


def _one_more_of_everything(case, number, caseworker, make_employer, days_ago):
    """One more row in every part of a Collect and Pay case's admin page (the first time,
    its application and the open requests and enforcement too)."""
    from datetime import date
    from decimal import Decimal

    from arrears_plans.models import ArrearsPlanRequest
    from cases import services
    from cases.models import ChangeKind, ClosureRequest, DecisionReason
    from cases.selectors import CaseAccess
    from casework.models import WorkItem
    from complaints.models import Complaint, ComplaintReview
    from employers.services import issue_order
    from payments.models import EnforcementAction
    from payments.services import agree_payment_plan
    from payments.services.enforcement_process import start_stage
    from tests.fixtures.cases import online_requests_on
    from variations.models import VariationRequest

    paying = case.parties.get(role="paying")
    receiving = case.parties.filter(role="receiving").first()
    access = CaseAccess(case=case, party=paying)
    if number == 0:
        online_requests_on(case, days_ago)
    else:
        ClosureRequest.objects.create(case=case, party=receiving, reason="other", status="refused")
        VariationRequest.objects.create(
            case=case,
            applicant=paying,
            ground="contact_costs",
            amount=Decimal("5.00"),
            period="week",
            weekly_amount=Decimal("5.00"),
            details="Travel",
            respond_by=days_ago(-14),
        )
        complaint = Complaint.objects.create(
            user=receiving.user,
            case=case,
            topic="payments",
            what_happened="Late",
            wanted_outcome="On time",
            division="england-and-wales",
        )
        ComplaintReview.objects.create(
            complaint=complaint,
            stage=1,
            opened_on=days_ago(number),
            acknowledge_by=days_ago(-2),
            answer_by=days_ago(-15),
        )
        ArrearsPlanRequest.objects.create(
            case=case,
            party=paying,
            amount_per_instalment=Decimal("5.00"),
            arrears=Decimal("50.00"),
            starts_on=days_ago(-3),
            clear_by=days_ago(-100),
            clears_in_time=True,
            status="refused",
        )
    services.add_party(
        acting_user=caseworker,
        case=case,
        role="receiving",
        full_name=f"Extra Receiving {number}",
        date_of_birth=date(1990, 1, 1),
    )
    services.add_child(
        acting_user=caseworker,
        case=case,
        receiving_party=receiving,
        full_name=f"Extra Child {number}",
        date_of_birth=date(2015, 1, 1),
    )
    services.record_income(
        acting_user=caseworker,
        case=case,
        gross_weekly_income=Decimal("510.00") + number,
        source="hmrc",
        effective_from=days_ago(number),
    )
    services.make_decision(
        acting_user=caseworker, case=case, reason=DecisionReason.CHANGE, notify=False
    )
    services.start_thread(
        acting_user=paying.user, access=access, subject=f"Question {number}", body="When?"
    )
    services.report_change(
        acting_user=paying.user,
        access=access,
        kind=ChangeKind.SHARED_CARE,
        answers={
            "child": str(case.children.first().public_id),
            "nights": 52,
            "changed_on": case.created_at.date(),
        },
    )
    services.request_reconsideration(
        acting_user=paying.user,
        access=access,
        decision=case.decisions.order_by("-decided_at", "-id").first(),
        reasons="The income is wrong.",
        late_reason="I was away.",
    )
    WorkItem.objects.create(
        case=case,
        kind=WorkItem._meta.get_field("kind").choices[0][0],
        summary=f"Check {number}",
        assigned_to=caseworker if number % 2 else None,
    )
    issue_order(
        acting_user=caseworker,
        # An employer holds one order for a case.
        employer=make_employer(name=f"Employer {number}"),
        case=case,
        payroll_number=f"Q{case.pk}-{number}",
        pay_frequency="monthly",
        normal_deduction_rate=Decimal("100.00"),
        served_on=days_ago(30 + number),
    )
    EnforcementAction.objects.create(
        case=case,
        kind="liability_order",
        taken_on=days_ago(number),
        charge=Decimal("0.00"),
        idempotency_key=f"count:{case.pk}:{number}",
    )
    agree_payment_plan(
        acting_user=caseworker,
        case=case,
        amount_per_instalment=Decimal("10.00") + number,
        starts_on=days_ago(-7 - number),
    )
    start_stage(
        acting_user=caseworker,
        case=case,
        stage=["arrears_notice", "reminder", "rdo"][number],
        on_date=days_ago(0),
        idempotency_key=f"count:stage:{number}",
    )


def test_admin_case_change_page(
    collect_and_pay_case,
    staff_client,
    make_employer,
    pay,
    run_nightly,
    days_ago,
    django_assert_max_num_queries,
):
    import re

    case = collect_and_pay_case
    caseworker, client = staff_client("caseworker")
    run_nightly()
    path = reverse("admin:cases_case_change", args=[case.pk])
    _one_more_of_everything(case, 0, caseworker, make_employer, days_ago)
    pay(case, "10.00")
    before = _queries(client, path)
    for number in (1, 2):
        _one_more_of_everything(case, number, caseworker, make_employer, days_ago)
        pay(case, "10.00")
    run_nightly()
    assert _queries(client, path) == before
    with django_assert_max_num_queries(PINNED["admin case"]):
        page = client.get(path).content.decode()
    # Every part of the page has rows to show (three of each, more for money and parties).
    for key, least in {
        "parties": 5,
        "children": 3,
        "income": 3,
        "decisions": 3,
        "balance": 2,
        "ledger": 3,
        "schedule": 1,
        "enforcement": 6,
        "enforcement-stages": 1,
        "orders": 3,
        "variations": 3,
        "complaints": 3,
        "arrears-plan-requests": 3,
        "application": 1,
        "messages": 3,
        "changes": 6,
        "closures": 3,
        "queue": 3,
    }.items():
        section = re.search(rf'id="case-{key}".*?</section>', page, re.S).group()
        assert section.count("<tr>") - 1 >= least, key


def test_staff_permissions_take_one_query(caseworker_client, make_user):
    from django.contrib.auth.models import Group, Permission

    from cms_portal.accounts.lockout import PortalAuthenticationBackend

    user = make_user(is_staff=True)
    group = Group.objects.create(name="readers of cases")
    group.permissions.add(Permission.objects.get(codename="view_case"))
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_child"))
    backend = PortalAuthenticationBackend()
    with CaptureQueriesContext(connection) as captured:
        granted = backend.get_all_permissions(user)
        assert backend.has_perm(user, "cases.view_case")
    assert len(captured) == 1
    assert granted == {"cases.view_case", "cases.change_child"}
    assert not backend.has_perm(user, "cases.delete_case")


def test_admin_arrears_and_charges_are_one_query(collect_and_pay_case, run_nightly, days_ago):
    from payments.selectors import arrears, arrears_and_unpaid_charges, unpaid_fees_and_charges

    run_nightly(days_ago(0))
    with CaptureQueriesContext(connection) as captured:
        both = arrears_and_unpaid_charges(collect_and_pay_case)
    assert len(captured) == 1
    assert both == (arrears(collect_and_pay_case), unpaid_fees_and_charges(collect_and_pay_case))
    assert both[0] > 0


def test_account_page(paying_parent, signed_in_client, django_assert_max_num_queries):
    client = signed_in_client(paying_parent)
    _queries(client, reverse("cms_portal:account"))
    with django_assert_max_num_queries(PINNED["account"]):
        client.get(reverse("cms_portal:account"))


def test_navigation_roles_take_one_query(paying_parent, employer_member, make_user):
    from django.test import RequestFactory

    from cms_portal.navigation import navigation_items

    for user, parent, employer in (
        (paying_parent, True, False),
        (employer_member, False, True),
        (make_user(), False, False),
    ):
        request = RequestFactory().get("/help/")
        request.user = user
        with CaptureQueriesContext(connection) as captured:
            texts = [str(item["text"]) for item in navigation_items(request)]
        assert len(captured) == 1
        assert ("Your cases" in texts) is parent
        assert ("Your orders" in texts) is employer


def test_signed_in_user_is_read_with_their_roles(paying_parent, employer_member, make_user):
    """The backend reads the user and their roles in one query; the page asks no more."""
    from django.test import RequestFactory

    from cms_portal.accounts.lockout import PortalAuthenticationBackend
    from cms_portal.roles import request_roles

    backend = PortalAuthenticationBackend()
    for user, parent, employer in (
        (paying_parent, True, False),
        (employer_member, False, True),
        (make_user(), False, False),
    ):
        request = RequestFactory().get("/help/")
        with CaptureQueriesContext(connection) as captured:
            request.user = backend.get_user(user.pk)
            roles = request_roles(request)
        assert len(captured) == 1
        # One EXISTS for each distinct relation behind the roles, none asked twice.
        assert captured[0]["sql"].count("EXISTS") == 4
        assert request.user == user
        assert (roles.parent, roles.employer) == (parent, employer)


def test_case_access_reads_every_party_with_the_users_own(family_case, paying_parent):
    from cases.selectors import case_access

    with CaptureQueriesContext(connection) as captured:
        access = case_access(paying_parent, family_case.reference)
        roles = sorted(party.role for party in access.case.parties.all())
    assert len(captured) == 1
    assert access.party.user == paying_parent
    assert roles == ["paying", "receiving"]
    assert all(party.case is access.case for party in access.case.parties.all())
