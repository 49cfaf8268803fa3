"""Enforcement as a process: the nightly job over months of history, the stages' charges
and every reg 12 waiver, dated thresholds, and the admin's audited forms."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from casework.models import WorkItem
from cms_portal.models import AuditEvent
from payments.jobs.enforcement import escalate
from payments.models import (
    ChargeWaiver,
    EnforcementCase,
    EnforcementStep,
    EnforcementThresholds,
    EntryKind,
    LedgerEntry,
    WaiverReason,
)
from payments.models.insert_only import InsertOnlyError
from payments.selectors import arrears
from payments.services import PaymentsError
from payments.services.enforcement_process import (
    close_enforcement,
    open_enforcement,
    record_outcome,
    set_thresholds,
    start_stage,
    waive_charge,
)

pytestmark = pytest.mark.django_db

STEP_FIELDS = ("stage", "status", "started_on", "next_review_on", "automatic")


def _history(case):
    return list(EnforcementStep.objects.filter(case=case).order_by("id").values_list(*STEP_FIELDS))


def _queue(case):
    return list(
        WorkItem.objects.filter(case=case, kind="enforcement")
        .order_by("id")
        .values_list("source_reference", "status")
    )


def _simulate(case, run_nightly, days_ago, *, repeats):
    """Sixteen weeks of nights, a week apart (each run catches up on the week)."""
    for back in range(119, -1, -7):
        for _ in range(repeats):
            run_nightly(days_ago(back))
            # Past the chunk records too: the work itself must be idempotent.
            escalate(days_ago(back), 0, 10**9)


@pytest.mark.parametrize("repeats", [1, 3])
def test_months_of_nights_open_remind_and_queue_but_never_go_further(
    make_case, run_nightly, days_ago, repeats
):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(119)
    )
    _simulate(case, run_nightly, days_ago, repeats=repeats)
    enforcement_case = EnforcementCase.objects.get(case=case)
    # The first instalment (day -119) is 28 days overdue on day -91: the notice.
    assert enforcement_case.opened_on == days_ago(91)
    assert _history(case) == [
        ("arrears_notice", "started", days_ago(91), days_ago(63), True),
        ("reminder", "started", days_ago(63), days_ago(35), True),
        ("reminder", "review_queued", days_ago(63), days_ago(7), True),
        ("reminder", "review_queued", days_ago(63), days_ago(-21), True),
    ]
    # One open queue item for the case's enforcement, never doubled.
    assert _queue(case) == [(f"enforcement-review:{enforcement_case.public_id}", "open")]
    item = WorkItem.objects.get(case=case, kind="enforcement")
    assert "Consider Deduction from earnings order" in item.summary
    # Queued at the reminder; later reviews find it still open, add no other and move
    # it on to the latest review date.
    assert item.review_by == days_ago(-21)
    assert days_ago(-21).isoformat() in item.summary
    assert days_ago(35).isoformat() not in item.summary


def test_the_open_queue_item_follows_the_case_to_its_later_stage_and_review_date(
    make_case, run_nightly, days_ago, caseworker
):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(119)
    )
    for back in (91, 63, 35):
        run_nightly(days_ago(back))
    item = WorkItem.objects.get(case=case, kind="enforcement")
    assert item.review_by == days_ago(7)
    assert "at Reminder" in item.summary

    # The caseworker moves the case on: the waiting review is done.
    step = start_stage(
        acting_user=caseworker,
        case=case,
        stage="rdo",
        on_date=days_ago(30),
        idempotency_key="rdo-later-stage",
    )
    item.refresh_from_db()
    assert item.status == "done"
    for back in (2, 0):
        run_nightly(days_ago(back))
    item = WorkItem.objects.exclude(status="done").get(case=case, kind="enforcement")
    assert "at Regular deduction order" in item.summary
    assert "Consider Lump sum deduction order" in item.summary
    assert item.review_by == step.next_review_on + timedelta(days=28)

    # An outcome with its own review date moves the waiting item to that date, audited.
    record_outcome(
        acting_user=caseworker,
        step=step,
        status="unsuccessful",
        on_date=days_ago(0),
        idempotency_key="rdo-later-outcome",
        next_review_on=days_ago(-10),
    )
    item.refresh_from_db()
    assert item.review_by == days_ago(-10)
    assert AuditEvent.objects.filter(
        action="work_item.updated", details__review_by=days_ago(-10).isoformat()
    ).exists()


def test_a_case_without_arrears_or_on_direct_pay_is_left_alone(
    make_case, run_nightly, days_ago, pay
):
    direct = make_case(
        service_type="direct_pay", payment_frequency="weekly", effective_date=days_ago(70)
    )
    paid = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(6)
    )
    run_nightly(days_ago(6))
    pay(paid, "72.00", received_on=days_ago(5))
    for back in (35, 0):
        run_nightly(days_ago(back))
    assert not EnforcementCase.objects.filter(case__in=[direct, paid]).exists()


def test_thresholds_in_force_on_the_night_decide(make_case, run_nightly, days_ago, team_leader):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(40)
    )
    EnforcementThresholds.objects.create(
        effective_from=days_ago(30),
        days_in_arrears=10,
        arrears_amount=Decimal("5000.00"),
        review_after_days=14,
    )
    run_nightly(days_ago(1))
    assert not EnforcementCase.objects.filter(case=case).exists()  # £5,000 not reached
    set_thresholds(
        acting_user=team_leader,
        effective_from=days_ago(0),
        days_in_arrears=30,
        arrears_amount=Decimal("100.00"),
        review_after_days=14,
    )
    escalate(days_ago(0), 0, 10**9)
    step = EnforcementStep.objects.get(case=case)
    assert step.next_review_on == days_ago(0) + timedelta(days=14)
    assert AuditEvent.objects.filter(action="payments.enforcement_thresholds_set").exists()


def test_thresholds_cannot_be_set_in_the_past_or_twice_for_a_date(team_leader, days_ago):
    with pytest.raises(PaymentsError, match="not in the past"):
        set_thresholds(
            acting_user=team_leader,
            effective_from=days_ago(1),
            days_in_arrears=1,
            arrears_amount=Decimal("1"),
            review_after_days=1,
        )
    kwargs = {"days_in_arrears": 5, "arrears_amount": Decimal("10"), "review_after_days": 7}
    row = set_thresholds(acting_user=team_leader, effective_from=days_ago(-5), **kwargs)
    with pytest.raises(PaymentsError, match="already start"):
        set_thresholds(acting_user=team_leader, effective_from=days_ago(-5), **kwargs)
    with pytest.raises(InsertOnlyError):
        row.save()


@pytest.fixture
def team_leader(make_user):
    from django.contrib.auth.models import Group

    user = make_user(is_staff=True)
    user.groups.add(Group.objects.get(name="team leader"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def case_in_arrears(make_case, run_nightly, days_ago):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(40)
    )
    run_nightly(days_ago(0))
    return case


def _charges(case):
    return list(
        LedgerEntry.objects.filter(case=case, kind__in=[EntryKind.ENFORCEMENT_CHARGE, "reversal"])
        .order_by("id")
        .values_list("kind", "amount")
    )


_keys = iter(range(10**6))


def _start(case, stage, user, days_ago, **extra):
    return start_stage(
        acting_user=user,
        case=case,
        stage=stage,
        on_date=days_ago(0),
        idempotency_key=f"test-step-{next(_keys)}",
        **extra,
    )


def test_each_charged_stage_posts_its_charge_from_the_dated_table(
    case_in_arrears, caseworker, days_ago
):
    case = case_in_arrears
    _start(case, "rdo", caseworker, days_ago)
    _start(case, "lsdo", caseworker, days_ago)
    lo = _start(case, "liability_order", caseworker, days_ago, liability_route="administrative")
    assert _charges(case) == [
        ("enforcement_charge", Decimal("50.00")),
        ("enforcement_charge", Decimal("200.00")),
        ("enforcement_charge", Decimal("300.00")),
    ]
    assert lo.enforcement_action.charge == Decimal("300.00")
    # The arrears notice was opened first, by hand: no charge.
    assert EnforcementStep.objects.filter(case=case, stage="arrears_notice").count() == 1
    assert AuditEvent.objects.filter(action="payments.enforcement_stage_started").count() == 3


def test_the_same_key_starts_a_stage_once(case_in_arrears, caseworker, days_ago):
    kwargs = {"acting_user": caseworker, "case": case_in_arrears, "on_date": days_ago(0)}
    first = start_stage(stage="rdo", idempotency_key="same", **kwargs)
    again = start_stage(stage="rdo", idempotency_key="same", **kwargs)
    assert first.pk == again.pk and len(_charges(case_in_arrears)) == 1


def test_after_a_liability_order_stages_need_it_made_and_last_resorts_need_a_try(
    case_in_arrears, caseworker, days_ago
):
    case = case_in_arrears
    with pytest.raises(PaymentsError, match="liability order first"):
        _start(case, "enforcement_agents", caseworker, days_ago)
    with pytest.raises(PaymentsError, match="administrative or by a court"):
        _start(case, "liability_order", caseworker, days_ago)
    lo = _start(case, "liability_order", caseworker, days_ago, liability_route="court")
    record_outcome(
        acting_user=caseworker,
        step=lo,
        status="succeeded",
        on_date=days_ago(0),
        idempotency_key="lo-made",
    )
    with pytest.raises(PaymentsError, match="can only follow"):
        _start(case, "committal", caseworker, days_ago)
    _start(case, "registration", caseworker, days_ago)
    _start(case, "enforcement_agents", caseworker, days_ago)
    for stage in ("charging_order", "order_for_sale", "third_party_debt_order"):
        _start(case, stage, caseworker, days_ago)
    for stage in ("driving_licence", "passport", "committal"):
        _start(case, stage, caseworker, days_ago)
    assert len(_charges(case)) == 1  # only the liability order is charged


# Each reg 12 circumstance with a stage it applies to.
WAIVABLE = {
    WaiverReason.SEVERAL_EMPLOYERS: ("deo", {}),
    WaiverReason.SEVERAL_ACCOUNTS: ("lsdo", {}),
    WaiverReason.CHANGED_EMPLOYER: ("deo", {}),
    WaiverReason.CHANGED_ACCOUNT: ("rdo", {}),
    WaiverReason.AMOUNT_CHANGED: ("rdo", {}),
    WaiverReason.NO_LIABILITY_ORDER: ("liability_order", {"liability_route": "court"}),
    WaiverReason.APPEAL_OR_REVIEW: ("lsdo", {}),
    WaiverReason.SECRETARY_OF_STATE_ERROR: ("rdo", {}),
}


def test_every_waiver_reason_is_covered():
    assert set(WAIVABLE) == set(WaiverReason)


def _charged_step(case, stage, extra, user, days_ago, make_employer):
    if stage == "deo":
        from employers import services as employer_services

        order = employer_services.issue_order(
            acting_user=user,
            employer=make_employer(),
            case=case,
            payroll_number="P1",
            pay_frequency="monthly",
            normal_deduction_rate=Decimal("100.00"),
            served_on=days_ago(0),
        )
        extra = {"order_reference": order.reference}
    return _start(case, stage, user, days_ago, **extra)


@pytest.mark.parametrize("reason", list(WAIVABLE))
def test_a_posted_charge_waived_is_reversed_with_its_reason(
    reason, case_in_arrears, caseworker, team_leader, days_ago, make_employer
):
    stage, extra = WAIVABLE[reason]
    step = _charged_step(case_in_arrears, stage, extra, caseworker, days_ago, make_employer)
    charge = step.enforcement_action.charge
    assert charge > 0
    with pytest.raises(PaymentsError, match="team leader"):
        waive_charge(acting_user=caseworker, step=step, reason=reason)
    waiver = waive_charge(acting_user=team_leader, step=step, reason=reason)
    assert waiver.amount == charge and waiver.reversal.amount == -charge
    assert waiver.reversal.reverses.enforcement_action_id == step.enforcement_action_id
    assert waive_charge(acting_user=team_leader, step=step, reason=reason).pk == waiver.pk
    event = AuditEvent.objects.get(action="payments.enforcement_charge_waived")
    assert event.actor == team_leader


def test_a_charge_waived_when_the_stage_starts_is_never_posted(
    case_in_arrears, team_leader, days_ago
):
    step = _start(
        case_in_arrears,
        "rdo",
        team_leader,
        days_ago,
        waiver_reason=WaiverReason.CHANGED_ACCOUNT,
    )
    assert _charges(case_in_arrears) == []
    waiver = ChargeWaiver.objects.get(step=step)
    assert waiver.amount == Decimal("50.00") and waiver.reversal is None


def test_a_waiver_must_fit_the_stage(case_in_arrears, caseworker, team_leader, days_ago):
    rdo = _start(case_in_arrears, "rdo", caseworker, days_ago)
    with pytest.raises(PaymentsError, match="does not apply"):
        waive_charge(acting_user=team_leader, step=rdo, reason=WaiverReason.NO_LIABILITY_ORDER)
    lo = _start(
        case_in_arrears, "liability_order", caseworker, days_ago, liability_route="administrative"
    )
    with pytest.raises(PaymentsError, match="application to a court"):
        waive_charge(acting_user=team_leader, step=lo, reason=WaiverReason.NO_LIABILITY_ORDER)
    assert not ChargeWaiver.objects.exists()


def test_enforcement_closes_only_once_the_arrears_are_cleared(
    case_in_arrears, caseworker, days_ago, pay
):
    case = case_in_arrears
    step = _start(case, "arrears_notice", caseworker, days_ago)
    with pytest.raises(PaymentsError, match="not cleared"):
        close_enforcement(acting_user=caseworker, enforcement_case=step.enforcement_case)
    pay(case, str(arrears(case, days_ago(0)) * Decimal("1.2") + 100))
    escalate(days_ago(0), 0, 10**9)
    assert WorkItem.objects.filter(case=case, source_reference__startswith="enforcement-cleared")
    closed = close_enforcement(acting_user=caseworker, enforcement_case=step.enforcement_case)
    assert closed.closed_on == days_ago(0)
    assert EnforcementStep.objects.filter(case=case).last().status == "closed"
    assert not WorkItem.objects.filter(case=case).exclude(status="done").filter(kind="enforcement")
    with pytest.raises(PaymentsError, match="no arrears"):
        _start(case, "rdo", caseworker, days_ago)


def test_a_step_is_never_changed_or_deleted(case_in_arrears, caseworker, days_ago):
    step = _start(case_in_arrears, "arrears_notice", caseworker, days_ago)
    with pytest.raises(InsertOnlyError):
        step.save()
    with pytest.raises(InsertOnlyError):
        EnforcementStep.objects.filter(pk=step.pk).delete()


def test_opening_twice_keeps_one_open_enforcement(case_in_arrears, days_ago):
    first = open_enforcement(
        acting_user=None, case=case_in_arrears, on_date=days_ago(0), owed=Decimal("1")
    )
    second = open_enforcement(
        acting_user=None, case=case_in_arrears, on_date=days_ago(0), owed=Decimal("1")
    )
    assert first.pk == second.pk and EnforcementCase.objects.count() == 1


def test_the_job_runs_after_missed_payments_and_has_a_time():
    from django.conf import settings

    from payments.jobs import JOBS, NIGHTLY_ORDER

    assert JOBS["escalate_enforcement"].after == "detect_missed_payments"
    assert NIGHTLY_ORDER[-1] == "escalate_enforcement"
    assert "payments.escalate_enforcement" in settings.CELERY_BEAT_SCHEDULE


@pytest.mark.postgres
@pytest.mark.parametrize("repeats", [1, 3])
def test_months_of_nights_on_postgresql(make_case, run_nightly, days_ago, repeats):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    test_months_of_nights_open_remind_and_queue_but_never_go_further(
        make_case, run_nightly, days_ago, repeats
    )


# The admin: every form calls a service, which audits it.


def test_a_caseworker_starts_a_stage_in_the_admin_and_it_is_audited(
    case_in_arrears, staff_client, days_ago
):
    user, client = staff_client("caseworker")
    url = reverse("admin:payments_enforcementstep_add")
    form = client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["idempotency_key"]
    response = client.post(
        url,
        {
            "idempotency_key": key,
            "case": case_in_arrears.reference,
            "stage": "rdo",
            "on_date": days_ago(0).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="payments.enforcement_stage_started")
    assert event.actor == user
    step = EnforcementStep.objects.get(case=case_in_arrears, stage="rdo")
    # Waiving needs a team leader.
    waive = reverse("admin:payments_enforcementstep_waive", args=[step.pk])
    assert client.get(waive).status_code == 403
    leader, leader_client = staff_client("team leader")
    response = leader_client.post(waive, {"reason": WaiverReason.SECRETARY_OF_STATE_ERROR})
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="payments.enforcement_charge_waived").actor == leader
    outcome = reverse("admin:payments_enforcementstep_outcome", args=[step.pk])
    form = client.get(outcome)
    response = client.post(
        outcome,
        {
            "idempotency_key": form.context["form"].initial["idempotency_key"],
            "status": "unsuccessful",
            "on_date": days_ago(0).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="payments.enforcement_outcome_recorded").exists()


def test_a_refused_stage_in_the_admin_is_a_400_with_the_reason(
    case_in_arrears, staff_client, days_ago
):
    _user, client = staff_client("caseworker")
    response = client.post(
        reverse("admin:payments_enforcementstep_add"),
        {
            "idempotency_key": "k1",
            "case": case_in_arrears.reference,
            "stage": "committal",
            "on_date": days_ago(0).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 400
    assert "liability order first" in response.content.decode()


def test_only_team_leaders_set_thresholds_in_the_admin(staff_client, days_ago):
    _user, caseworker_client = staff_client("caseworker")
    url = reverse("admin:payments_enforcementthresholds_add")
    assert caseworker_client.get(url).status_code == 403
    leader, client = staff_client("team leader")
    form = client.get(url)
    response = client.post(
        url,
        {
            "idempotency_key": form.context["form"].initial["idempotency_key"],
            "effective_from": days_ago(-1).strftime("%d/%m/%Y"),
            "days_in_arrears": "14",
            "arrears_amount": "75.00",
            "review_after_days": "21",
        },
    )
    assert response.status_code == 302
    assert EnforcementThresholds.objects.get().arrears_amount == Decimal("75.00")
    assert AuditEvent.objects.get(action="payments.enforcement_thresholds_set").actor == leader


def test_a_caseworker_closes_cleared_enforcement_from_the_list(
    case_in_arrears, staff_client, caseworker, days_ago, pay
):
    step = _start(case_in_arrears, "arrears_notice", caseworker, days_ago)
    pay(case_in_arrears, "2000.00")
    user, client = staff_client("caseworker")
    response = client.post(
        reverse("admin:payments_enforcementcase_changelist"),
        {"action": "close_cleared", "_selected_action": [step.enforcement_case_id]},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="payments.enforcement_closed").actor == user


def test_the_notice_and_the_reminder_are_emailed_in_each_parents_language_without_amounts(
    make_case, run_nightly, days_ago, django_capture_on_commit_callbacks
):
    from django.core import mail

    from cms_portal.models import OutboundEmail
    from payments.services.enforcement_notices import TEMPLATES

    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(119)
    )
    case.parties.filter(role="receiving").update(preferred_language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        _simulate(case, run_nightly, days_ago, repeats=2)
    sent = list(
        OutboundEmail.objects.filter(template__in=TEMPLATES.values())
        .order_by("id")
        .values_list("template", "language")
    )
    # Once each, however often the nights ran: the notice to both sides, one reminder.
    assert sorted(sent) == [
        ("payments_arrears_notice_paying", "en"),
        ("payments_arrears_reminder_paying", "en"),
        ("payments_enforcement_started_receiving", "cy"),
    ]
    subjects = {
        "You owe child maintenance: arrears notice",
        "Reminder: you still owe child maintenance",
    }
    letters = [m for m in mail.outbox if m.subject in subjects or case.reference in m.body]
    assert len([m for m in letters if m.subject in subjects]) == 2
    # The receiving parent reads Welsh: the letter that enforcement started is in Welsh.
    (welsh,) = [
        m
        for m in mail.outbox
        if m.extra_headers.get("Content-Language") == "cy" and case.reference in m.body
    ]
    assert welsh.subject == "Rydym wedi dechrau casglu cynhaliaeth plant sydd heb ei thalu"
    for message in letters:
        assert "£" not in message.subject + message.body
