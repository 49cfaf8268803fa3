from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases import services
from cases.models import Decision, DecisionReason, ImmutableRecordError
from cases.selectors import current_decision
from cases.signals import decision_made
from cms_portal.models import AuditEvent


def test_make_case_makes_a_first_decision_from_the_engine(make_case):
    case = make_case(income=Decimal("300.00"))
    decision = current_decision(case)
    assert decision.weekly_amount == Decimal("36.00")
    assert decision.reason == DecisionReason.INITIAL
    receiving = case.parties.get(role="receiving")
    assert decision.weekly_amount_for(receiving) == Decimal("36.00")
    assert decision.calculation_result["steps"]
    assert AuditEvent.objects.filter(action="decision.made", object_ref=case.reference).exists()


def test_two_receiving_parents_get_shares_keyed_by_party(make_case):
    case = make_case(income=Decimal("850.00"), children=1, receiving_parents=2, other_children=1)
    decision = current_decision(case)
    shares = [decision.weekly_amount_for(party) for party in case.parties.filter(role="receiving")]
    assert sum(shares) == decision.weekly_amount
    assert len(decision.calculation_result["by_receiving_party"]) == 2


def test_decisions_are_never_changed_or_deleted(make_case):
    decision = current_decision(make_case())
    decision.weekly_amount = Decimal("1.00")
    with pytest.raises(ImmutableRecordError):
        decision.save()
    with pytest.raises(ImmutableRecordError):
        decision.delete()
    with pytest.raises(ImmutableRecordError):
        Decision.objects.filter(pk=decision.pk).update(weekly_amount=Decimal("1.00"))


def test_the_database_refuses_to_change_a_decision(make_case):
    from django.db import DatabaseError, connection, transaction

    decision = current_decision(make_case())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_decision SET weekly_amount = 1 WHERE id = %s", [decision.pk])
    decision.refresh_from_db()
    assert decision.weekly_amount != Decimal("1")


def test_decision_made_signal_is_sent_inside_the_transaction(make_case):
    case = make_case()
    received = []

    def receiver(sender, decision, acting_user, **kwargs):
        received.append(decision)
        assert Decision.objects.filter(pk=decision.pk).exists()

    decision_made.connect(receiver)
    try:
        decision = services.make_decision(acting_user=None, case=case)
    finally:
        decision_made.disconnect(receiver)
    assert received == [decision]
    assert decision.supersedes is not None


@pytest.mark.parametrize(
    "decided,deadline",
    [
        # Reg 14(1) of SI 2012/2677: within 30 days of the date of notification, not a
        # calendar month (which would give 28 February and 3 April).
        ("2026-01-31 12:00:00+00:00", date(2026, 3, 2)),
        ("2026-03-03 09:00:00+00:00", date(2026, 4, 2)),
        ("2026-12-06 23:30:00+00:00", date(2027, 1, 5)),
    ],
)
def test_challenge_deadline_is_30_days_from_notification(
    make_case, time_machine, decided, deadline
):
    time_machine.move_to(decided)
    case = make_case(effective_date=date.fromisoformat(decided[:10]) - timedelta(days=11))
    assert current_decision(case).challenge_by == deadline


def test_no_income_means_no_decision(make_case):
    case = make_case(decision=False)
    case.income_records.all().delete()
    with pytest.raises(services.DecisionNotPossible):
        services.make_decision(
            acting_user=None, case=case, effective_date=date.today() - timedelta(days=1)
        )


def _open_review(case, user):
    from cases.selectors import CaseAccess

    party = case.parties.get(role="paying")
    party.user = user
    party.save()
    return services.request_reconsideration(
        acting_user=user,
        access=CaseAccess(case=case, party=party),
        decision=current_decision(case),
        reasons="The income is wrong",
    )


def test_a_review_finished_with_a_new_decision_records_both(make_case, make_user):
    case = make_case(income=Decimal("300.00"))
    review = _open_review(case, make_user())
    caseworker = make_user(is_staff=True)
    decision = services.revise_decision_on_reconsideration(
        acting_user=caseworker, reconsideration=review
    )
    review.refresh_from_db()
    assert decision.reason == DecisionReason.RECONSIDERATION
    assert current_decision(case) == decision
    assert review.status == "decision_changed"
    assert review.resulting_decision == decision


def test_a_review_that_cannot_finish_leaves_no_new_decision(make_case, make_user, monkeypatch):
    case = make_case(income=Decimal("300.00"))
    review = _open_review(case, make_user())
    before = Decision.objects.filter(case=case).count()

    def refuse(**kwargs):
        raise services.ReconsiderationError("cannot finish")

    monkeypatch.setattr("cases.services.reconsiderations.update_reconsideration", refuse)
    with pytest.raises(services.ReconsiderationError):
        services.revise_decision_on_reconsideration(
            acting_user=make_user(is_staff=True), reconsideration=review
        )
    assert Decision.objects.filter(case=case).count() == before
