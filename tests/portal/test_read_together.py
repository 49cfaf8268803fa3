"""Rows of many tables about one object come back from one query as the ORM would give
them: in order, limited, money as Decimal, times aware, related objects (or None)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_portal.core.admin import ReadTogether, Rows

pytestmark = pytest.mark.django_db


def _reads():
    from cases.models import Decision, Party

    return {
        "parties": Rows(Party.objects, ("full_name", "role", "user__email"), order_by=("-id",)),
        "newest decision": Rows(
            Decision.objects,
            ("weekly_amount", "decided_at", "reason"),
            order_by=("-decided_at", "-id"),
            limit=1,
        ),
        "paying": Rows(Party.objects.filter(role="paying"), ("full_name",)),
    }


def test_rows_of_many_tables_in_one_query(family_case):
    from cases import services
    from cases.models import Case

    services.make_decision(acting_user=None, case=family_case, notify=False)
    read = ReadTogether(Case, _reads)
    read(family_case.pk)  # built once, then only run
    with CaptureQueriesContext(connection) as captured:
        found = read(family_case.pk)
    assert len(captured) == 1

    parties = list(family_case.parties.select_related("user").order_by("-id"))
    assert [party.pk for party in found["parties"]] == [party.pk for party in parties]
    for got, expected in zip(found["parties"], parties, strict=True):
        assert (got.full_name, got.get_role_display()) == (
            expected.full_name,
            expected.get_role_display(),
        )
        # A party with no account has no user (not an empty one).
        assert (got.user and got.user.email) == (expected.user and expected.user.email)

    newest = family_case.decisions.order_by("-decided_at", "-id").first()
    [decision] = found["newest decision"]
    assert decision.pk == newest.pk
    assert decision.weekly_amount == newest.weekly_amount
    assert isinstance(decision.weekly_amount, Decimal)
    assert str(decision.weekly_amount) == str(newest.weekly_amount)
    assert decision.decided_at == newest.decided_at and decision.decided_at.tzinfo is not None
    assert [party.role for party in found["paying"]] == ["paying"]


def test_no_object_no_rows(family_case):
    from cases.models import Case

    assert ReadTogether(Case, _reads)(0) == {"parties": [], "newest decision": [], "paying": []}


def test_choice_labels_are_what_django_shows_in_either_language(family_case):
    from django.utils import translation

    from cms_portal.core.admin import display

    party = family_case.parties.get(role="paying")
    decision = family_case.decisions.get()
    for language in ("en", "cy"):
        with translation.override(language):
            assert str(display(party, "role")) == party.get_role_display()
            assert str(display(decision, "reason")) == decision.get_reason_display()
    party.role = "not a role"
    assert display(party, "role") == party.get_role_display() == "not a role"
