"""The case page's reads composed once per process give what the ORM gives, for each
case and party they are run with, in one query each."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def _same(found, expected):
    assert [_fields(row) for row in found] == [_fields(row) for row in expected]


def _variation(case, applicant, amount, days_ago):
    from variations.models import VariationRequest

    return VariationRequest.objects.create(
        case=case,
        applicant=applicant,
        ground="contact_costs",
        amount=amount,
        period="week",
        weekly_amount=amount,
        details="Travel",
        respond_by=days_ago(-14),
    )


@pytest.fixture
def two_cases(make_case, make_user, days_ago):
    from cases.models import ClosureRequest

    cases = [
        make_case(receiving_parents=2, children=2, receiving_user=make_user()),
        make_case(children=1),
    ]
    for case in cases:
        paying = case.parties.get(role="paying")
        for receiving in case.parties.filter(role="receiving"):
            ClosureRequest.objects.create(
                case=case, party=receiving, reason="other", status="refused"
            )
            _variation(case, receiving, Decimal("3.50"), days_ago)
        _variation(case, paying, Decimal("5.00"), days_ago)
        ClosureRequest.objects.create(case=case, party=paying, reason="other")
        # The service's own request for a review is not a parent's: never read here.
        ClosureRequest.objects.create(case=case, party=None, reason="other", status="refused")
    return cases


def test_case_reads_match_the_orm_for_every_case_and_side(two_cases):
    from cases.models import Child, ClosureRequest, Decision
    from cases.presenters.case import visible_children
    from cases.selectors import CaseAccess, decisions_for_case, parent_closure_requests
    from variations.models import VariationRequest
    from variations.selectors import _visible_query, variation_requests_for

    for case in two_cases:
        _same(
            decisions_for_case(case),
            Decision.objects.filter(case=case).order_by("-decided_at", "-id"),
        )
        closures = parent_closure_requests(case)
        _same(
            closures,
            ClosureRequest.objects.filter(case=case, party__isnull=False).order_by(
                "-requested_at", "-id"
            ),
        )
        with CaptureQueriesContext(connection) as captured:
            assert [closure.party.full_name for closure in closures] == [
                closure.party.full_name
                for closure in ClosureRequest.objects.filter(case=case, party__isnull=False)
                .select_related("party")
                .order_by("-requested_at", "-id")
            ]
        assert len(captured) == 1  # the ORM's own read: the parties came with the requests
        for party in case.parties.all():
            access = CaseAccess(case=case, party=party)
            expected_children = Child.objects.filter(case=case)
            if not party.is_paying:
                expected_children = expected_children.filter(receiving_party=party)
            with CaptureQueriesContext(connection) as captured:
                children = visible_children(access)
                variations = variation_requests_for(access)
                [
                    (variation.applicant.role, child.case.pk)
                    for variation in variations
                    for child in children
                ]
            assert len(captured) == 2
            _same(children, expected_children)
            expected_variations = VariationRequest.objects.filter(_visible_query(access)).order_by(
                "-submitted_at", "-id"
            )
            _same(variations, expected_variations)
            assert [v.applicant_id for v in variations] == [v.applicant.pk for v in variations]
            assert all(isinstance(v.weekly_amount, Decimal) for v in variations)
            assert {str(v.weekly_amount) for v in variations} <= {"3.50", "5.00"}


def test_case_access_and_accesses_are_the_users_own(two_cases):
    from django.http import Http404

    from cases.selectors import accesses_for_user, case_access

    first, second = two_cases
    for case, other in ((first, second), (second, first)):
        for party in case.parties.exclude(user=None):
            access = case_access(party.user, case.reference)
            assert (access.case.pk, access.party.pk) == (case.pk, party.pk)
            assert {p.pk for p in access.case.parties.all()} == {p.pk for p in case.parties.all()}
            with pytest.raises(Http404):
                case_access(party.user, other.reference)
            assert [(a.case.pk, a.party.pk) for a in accesses_for_user(party.user)] == [
                (case.pk, party.pk)
            ]


def test_dashboard_facts_match_the_orm_for_any_number_of_cases(two_cases):
    from cases.models import ClosureRequest, Decision
    from cases.selectors import CaseAccess, dashboard_facts

    accesses = [CaseAccess(case=case, party=case.parties.get(role="paying")) for case in two_cases]
    for chosen in (accesses[:1], accesses[1:], accesses):
        facts = dashboard_facts(chosen)
        for access in chosen:
            decisions = list(Decision.objects.filter(case=access.case).order_by("-decided_at"))
            assert facts.decisions[access.case.pk].pk == decisions[0].pk
            assert facts.first_decisions[access.case.pk].pk == decisions[-1].pk
            waiting = ClosureRequest.objects.filter(case=access.case, status="requested")
            assert [c.pk for c in facts.closures[access.case.pk]] == [c.pk for c in waiting]
            assert [c.party.pk for c in facts.closures[access.case.pk]] == [access.party.pk]
            assert facts.for_access(access)[1:] == (0, [])
        assert set(facts.decisions) == {access.case.pk for access in chosen}
