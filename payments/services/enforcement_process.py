"""Enforcement as a process: opening it, starting each stage with its charge, recording
outcomes, waiving charges under reg 12 and closing it once the arrears are cleared.

Every function runs in one transaction under the case's lock, writes an audit event and
is safe to call twice (steps carry idempotency keys). Steps are only ever added; a
waived charge that was already posted is reversed on the ledger, never removed."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from casework.services import (
    add_many_to_caseworker_queue,
    close_work_items_for,
    set_review_date_for,
)
from cms_portal.audit import audit_event, record_audit_event, record_audit_events
from cms_portal.formatting import money
from cms_portal.staff_roles import WAIVE_CHARGE

from ..dates import business_date
from ..enforcement_rules import (
    AFTER_LIABILITY_ORDER,
    CHARGED,
    DEFAULT_THRESHOLDS,
    NEEDS_FIRST,
    WAIVER_APPLIES_TO,
    WAIVER_NEEDS_ROUTE,
    Thresholds,
    next_stage,
)
from ..models import EnforcementAction, EnforcementKind, EntryKind, LedgerEntry
from ..models.enforcement_process import (
    ChargeWaiver,
    EnforcementCase,
    EnforcementStage,
    EnforcementStep,
    EnforcementThresholds,
    StepStatus,
    WaiverReason,
)
from ..selectors import arrears
from .accounts import IdempotencyConflict, PaymentsError, lock_one_case
from .enforcement import post_enforcement_charge
from .enforcement_notices import (
    NOTICE,
    REMINDER,
    send_many_notice_stage_letters,
    send_notice_stage_letters,
)
from .reversals import reverse_entry
from .validation import COLLECT_AND_PAY, valid_amount

QUEUE_KIND = "enforcement"
OUTCOMES = {StepStatus.SUCCEEDED, StepStatus.UNSUCCESSFUL, StepStatus.STOPPED}


def _user(acting_user):
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def thresholds_on(on_date):
    """The thresholds a team set in force on `on_date`, or the default."""
    row = EnforcementThresholds.objects.filter(effective_from__lte=on_date).first()
    if row is None:
        return DEFAULT_THRESHOLDS.on(on_date)
    return Thresholds(
        row.effective_from, row.days_in_arrears, row.arrears_amount, row.review_after_days
    )


def set_thresholds(
    *, acting_user, effective_from, days_in_arrears, arrears_amount, review_after_days, notes=""
):
    """New thresholds from a date (never before today: the past is what was applied)."""
    if not isinstance(effective_from, date) or effective_from < business_date():
        raise PaymentsError("New thresholds can start today or later, not in the past.")
    amount = valid_amount(arrears_amount)
    if days_in_arrears < 1 or review_after_days < 1:
        raise PaymentsError("Days in arrears and days to the review must be at least 1.")
    with transaction.atomic():
        if EnforcementThresholds.objects.filter(effective_from=effective_from).exists():
            raise PaymentsError("Thresholds already start on that date: choose another date.")
        row = EnforcementThresholds.objects.create(
            effective_from=effective_from,
            days_in_arrears=days_in_arrears,
            arrears_amount=amount,
            review_after_days=review_after_days,
            notes=notes,
            created_by=_user(acting_user),
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.enforcement_thresholds_set",
            object_type="payments.EnforcementThresholds",
            object_ref=effective_from.isoformat(),
            days_in_arrears=days_in_arrears,
            arrears_amount=str(amount),
            review_after_days=review_after_days,
        )
        return row


def open_enforcement_case(case):
    return EnforcementCase.objects.filter(case=case, closed_on__isnull=True).first()


def review_source(step):
    return f"enforcement-review:{step.enforcement_case.public_id}"


def _new_step(enforcement_case, acting_user, **fields):
    return EnforcementStep(
        enforcement_case=enforcement_case,
        case_id=enforcement_case.case_id,
        created_by=_user(acting_user),
        **fields,
    )


def _add_step(enforcement_case, acting_user, **fields):
    step = _new_step(enforcement_case, acting_user, **fields)
    step.save()
    return step


def _opening(case, on_date, owed):
    return EnforcementCase(case=case, opened_on=on_date, arrears_when_opened=owed)


def _notice_step(enforcement_case, acting_user, on_date, review_after_days, automatic):
    return _new_step(
        enforcement_case,
        acting_user,
        stage=EnforcementStage.ARREARS_NOTICE,
        status=StepStatus.STARTED,
        started_on=on_date,
        next_review_on=on_date + timedelta(days=review_after_days),
        automatic=automatic,
        idempotency_key=f"notice:{enforcement_case.public_id}",
    )


def _opened_event(acting_user, enforcement_case, step, owed):
    return audit_event(
        acting_user=acting_user,
        action="payments.enforcement_opened",
        obj=enforcement_case.case,
        enforcement_case=str(enforcement_case.public_id),
        arrears=str(owed),
        next_review_on=step.next_review_on.isoformat(),
    )


def open_enforcement(*, acting_user, case, on_date, owed, automatic=True):
    """Open enforcement with an arrears notice (the nightly job, or a caseworker).
    Returns the notice's step; the open case's notice if there is one already."""
    with transaction.atomic():
        lock_one_case(case)
        existing = open_enforcement_case(case)
        if existing is not None:
            return existing.steps.order_by("id").first()
        enforcement_case = _opening(case, on_date, owed)
        enforcement_case.save(force_insert=True)
        step = _notice_step(
            enforcement_case,
            acting_user,
            on_date,
            thresholds_on(on_date).review_after_days,
            automatic,
        )
        step.save()
        _opened_event(acting_user, enforcement_case, step, owed).save(force_insert=True)
        send_notice_stage_letters(case, NOTICE)
        return step


def open_many_enforcements(*, acting_user, openings, on_date, rules):
    """open_enforcement for many cases (the nightly job's chunk) in a few statements:
    `openings` is [(case, owed)], the cases and their accounts locked by the caller and
    their parties read; `rules` the thresholds in force. A case whose enforcement is
    open already is left alone. Returns the notices' steps."""
    already = set(
        EnforcementCase.objects.filter(
            case__in=[case.pk for case, _owed in openings], closed_on__isnull=True
        ).values_list("case_id", flat=True)
    )
    openings = [(case, owed) for case, owed in openings if case.pk not in already]
    if not openings:
        return []
    enforcement_cases = EnforcementCase.objects.bulk_create(
        [_opening(case, on_date, owed) for case, owed in openings]
    )
    steps = EnforcementStep.objects.bulk_create(
        [
            _notice_step(enforcement_case, acting_user, on_date, rules.review_after_days, True)
            for enforcement_case in enforcement_cases
        ]
    )
    record_audit_events(
        [
            _opened_event(acting_user, enforcement_case, step, owed)
            for enforcement_case, step, (_case, owed) in zip(
                enforcement_cases, steps, openings, strict=True
            )
        ]
    )
    send_many_notice_stage_letters([(case, NOTICE) for case, _owed in openings])
    return steps


def _check_can_start(enforcement_case, stage, liability_route, order_reference):
    if stage == EnforcementStage.LIABILITY_ORDER and not liability_route:
        raise PaymentsError("Say whether the liability order is administrative or by a court.")
    if stage == EnforcementStage.DEDUCTION_FROM_EARNINGS and not order_reference:
        raise PaymentsError("Give the reference of the Deduction from Earnings Order issued.")
    steps = list(enforcement_case.steps.values_list("stage", "status"))
    if (
        stage in AFTER_LIABILITY_ORDER
        and (
            EnforcementStage.LIABILITY_ORDER,
            StepStatus.SUCCEEDED,
        )
        not in steps
    ):
        raise PaymentsError("This needs a liability order first: record one as made.")
    needed = NEEDS_FIRST.get(stage)
    if needed and not any(done in needed for done, _status in steps):
        names = ", ".join(sorted(str(EnforcementStage(n).label).lower() for n in needed))
        raise PaymentsError(f"This can only follow one of: {names}.")


def _deo_charge(case):
    """The charge posted when the order was issued (employers), not yet linked."""
    return (
        EnforcementAction.objects.filter(case=case, kind=EnforcementKind.DEO, steps__isnull=True)
        .order_by("-taken_on", "-id")
        .first()
    )


def start_stage(
    *,
    acting_user,
    case,
    stage,
    on_date,
    idempotency_key,
    next_review_on=None,
    liability_route="",
    order_reference="",
    waiver_reason="",
    notes="",
):
    """A caseworker starts a stage: the step is recorded, its charge posted (unless
    waived at once under reg 12, which needs a team leader) and the review queue items
    of this enforcement are closed. Same key again: the first step."""
    stage = EnforcementStage(stage)
    if not idempotency_key:
        raise PaymentsError("Every enforcement step needs an idempotency key.")
    if not isinstance(on_date, date) or on_date > business_date():
        raise PaymentsError("The date the stage started must be today or in the past.")
    if next_review_on is not None and next_review_on <= on_date:
        raise PaymentsError("The review date must be after the date the stage started.")
    with transaction.atomic():
        lock_one_case(case)
        existing = EnforcementStep.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if (existing.case_id, existing.stage) != (case.pk, stage):
                raise IdempotencyConflict("This idempotency key was used for another step.")
            return existing
        if case.service_type != COLLECT_AND_PAY:
            raise PaymentsError("Enforcement is only for Collect and Pay cases.")
        owed = arrears(case, on_date)
        if owed <= 0:
            raise PaymentsError("There are no arrears on this case, so enforcement cannot start.")
        enforcement_case = open_enforcement_case(case)
        if enforcement_case is None:
            opened = open_enforcement(
                acting_user=acting_user, case=case, on_date=on_date, owed=owed, automatic=False
            )
            if stage == EnforcementStage.ARREARS_NOTICE:
                return opened
            enforcement_case = opened.enforcement_case
        _check_can_start(enforcement_case, stage, liability_route, order_reference)
        if waiver_reason:
            _check_waiver(acting_user, stage, liability_route, waiver_reason)
        action = None
        if stage == EnforcementStage.DEDUCTION_FROM_EARNINGS:
            action = _deo_charge(case)
        elif stage in CHARGED and not waiver_reason:
            action = post_enforcement_charge(
                acting_user=acting_user,
                case=case,
                kind=CHARGED[stage],
                on_date=on_date,
                idempotency_key=f"stage:{idempotency_key}",
                notes=notes,
            )
        review_days = thresholds_on(on_date).review_after_days
        step = _add_step(
            enforcement_case,
            acting_user,
            stage=stage,
            status=StepStatus.STARTED,
            started_on=on_date,
            next_review_on=next_review_on or on_date + timedelta(days=review_days),
            liability_route=liability_route if stage == EnforcementStage.LIABILITY_ORDER else "",
            enforcement_action=action,
            order_reference=order_reference.strip(),
            idempotency_key=idempotency_key,
            notes=notes,
        )
        if waiver_reason and stage in CHARGED:
            _waive(acting_user, step, waiver_reason, notes)
        close_work_items_for(
            acting_user=acting_user, case=case, source_reference=review_source(step)
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.enforcement_stage_started",
            obj=case,
            enforcement_case=str(enforcement_case.public_id),
            step=str(step.public_id),
            stage=stage,
            charge=str(action.charge) if action else "0.00",
            waiver=waiver_reason,
            next_review_on=step.next_review_on.isoformat(),
        )
        return step


def record_outcome(*, acting_user, step, status, on_date, idempotency_key, next_review_on=None):
    """What came of a stage (an order made, refused, stopped), as a new step."""
    status = StepStatus(status)
    if status not in OUTCOMES:
        raise PaymentsError("Choose what happened: succeeded, unsuccessful or stopped.")
    if not isinstance(on_date, date) or on_date > business_date():
        raise PaymentsError("The date of the outcome must be today or in the past.")
    with transaction.atomic():
        lock_one_case(step.case)
        existing = EnforcementStep.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        enforcement_case = EnforcementCase.objects.get(pk=step.enforcement_case_id)
        if not enforcement_case.is_open:
            raise PaymentsError("This enforcement is closed.")
        review_days = thresholds_on(on_date).review_after_days
        outcome = _add_step(
            enforcement_case,
            acting_user,
            stage=step.stage,
            status=status,
            started_on=step.started_on,
            next_review_on=next_review_on or on_date + timedelta(days=review_days),
            liability_route=step.liability_route,
            order_reference=step.order_reference,
            idempotency_key=idempotency_key,
        )
        # A review already waiting now waits for the new date.
        set_review_date_for(
            acting_user=acting_user,
            case=step.case,
            source_reference=review_source(outcome),
            review_by=outcome.next_review_on,
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.enforcement_outcome_recorded",
            obj=step.case,
            enforcement_case=str(enforcement_case.public_id),
            step=str(outcome.public_id),
            stage=step.stage,
            status=status,
            on_date=on_date.isoformat(),
        )
        return outcome


def _check_waiver(acting_user, stage, liability_route, reason):
    if acting_user is None or not acting_user.has_perm(WAIVE_CHARGE):
        raise PaymentsError("Only a team leader can waive an enforcement charge.")
    if reason not in WaiverReason.values:
        raise PaymentsError("Choose a reason the regulations give for waiving the charge.")
    reason = WaiverReason(reason)
    if stage not in WAIVER_APPLIES_TO[reason]:
        raise PaymentsError(f"That reason does not apply to a {EnforcementStage(stage).label}.")
    route = WAIVER_NEEDS_ROUTE.get(reason)
    if route and liability_route != route:
        raise PaymentsError("That reason is for an application to a court.")


def _waive(acting_user, step, reason, notes):
    """Waive the charge of `step`: reverse it if posted; otherwise record what it would
    have been (the charge in force that day), never posted."""
    action = step.enforcement_action
    reversal = None
    if action is not None:
        amount = action.charge
        entry = LedgerEntry.objects.filter(
            enforcement_action=action, kind=EntryKind.ENFORCEMENT_CHARGE
        ).first()
        if entry is not None:
            reversal = reverse_entry(
                acting_user=acting_user,
                entry=entry,
                reason=f"Charge waived: {WaiverReason(reason).label}",
                on_date=business_date(),
            )
    else:
        from calculation.fees import enforcement_charge

        from .enforcement import CHARGE_KINDS

        amount = enforcement_charge(CHARGE_KINDS[CHARGED[step.stage]], step.started_on)
    waiver = ChargeWaiver.objects.create(
        step=step,
        reason=reason,
        amount=amount,
        reversal=reversal,
        notes=notes,
        waived_by=_user(acting_user),
    )
    record_audit_event(
        acting_user=acting_user,
        action="payments.enforcement_charge_waived",
        obj=step.case,
        step=str(step.public_id),
        stage=step.stage,
        reason=reason,
        amount=str(amount),
        reversed=reversal is not None,
    )
    return waiver


def waive_charge(*, acting_user, step, reason, notes=""):
    """A team leader waives a stage's charge under reg 12. Waiving it again returns the
    first waiver."""
    with transaction.atomic():
        lock_one_case(step.case)
        step = EnforcementStep.objects.select_related("enforcement_action", "case").get(pk=step.pk)
        existing = ChargeWaiver.objects.filter(step=step).first()
        if existing is not None:
            return existing
        if step.stage not in CHARGED or step.enforcement_action is None:
            raise PaymentsError("This step has no charge to waive.")
        _check_waiver(acting_user, step.stage, step.liability_route, reason)
        return _waive(acting_user, step, reason, notes)


def close_enforcement(*, acting_user, enforcement_case, on_date=None):
    """Close enforcement once the arrears are cleared. Closing it again does nothing."""
    on_date = on_date or business_date()
    with transaction.atomic():
        lock_one_case(enforcement_case.case)
        enforcement_case = EnforcementCase.objects.select_for_update().get(pk=enforcement_case.pk)
        if not enforcement_case.is_open:
            return enforcement_case
        owed = arrears(enforcement_case.case, on_date)
        if owed > 0:
            raise PaymentsError("The arrears are not cleared yet, so enforcement stays open.")
        last = enforcement_case.steps.order_by("-id").first()
        enforcement_case.closed_on = on_date
        enforcement_case.save(update_fields=["closed_on"])
        _add_step(
            enforcement_case,
            acting_user,
            stage=last.stage,
            status=StepStatus.CLOSED,
            started_on=on_date,
            idempotency_key=f"closed:{enforcement_case.public_id}",
        )
        close_work_items_for(
            acting_user=acting_user,
            case=enforcement_case.case,
            source_reference=f"enforcement-review:{enforcement_case.public_id}",
        )
        close_work_items_for(
            acting_user=acting_user,
            case=enforcement_case.case,
            source_reference=f"enforcement-cleared:{enforcement_case.public_id}",
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.enforcement_closed",
            obj=enforcement_case.case,
            enforcement_case=str(enforcement_case.public_id),
            on_date=on_date.isoformat(),
        )
        return enforcement_case


def _queue_item(enforcement_case, summary, source, review_by=None):
    return {
        "case": enforcement_case.case,
        "kind": QUEUE_KIND,
        "summary": summary,
        "source_reference": f"{source}:{enforcement_case.public_id}",
        "review_by": review_by,
    }


def _review(step, owed, on_date, review_days):
    """What the nightly review does with an open enforcement whose latest step is
    `step`: (the new step or None, the letter to send or None, the queue item or None,
    the counts it adds to). No stage beyond the notice and reminder is taken here."""
    enforcement_case = step.enforcement_case
    if owed <= 0:
        item = _queue_item(
            enforcement_case, _("Arrears cleared: close enforcement"), "enforcement-cleared"
        )
        return None, None, item, ("cleared",)
    if step.next_review_on is None or step.next_review_on > on_date:
        return None, None, None, ()
    review_by = on_date + review_days
    stage = EnforcementStage(step.stage)
    letter = None
    if stage == EnforcementStage.ARREARS_NOTICE:
        # Reminders belong to the notice stage: the only other step taken here.
        new_step = _new_step(
            enforcement_case,
            None,
            stage=EnforcementStage.REMINDER,
            status=StepStatus.STARTED,
            started_on=on_date,
            next_review_on=review_by,
            automatic=True,
            idempotency_key=f"reminder:{step.pk}",
        )
        letter = REMINDER
    else:
        new_step = _new_step(
            enforcement_case,
            None,
            stage=stage,
            status=StepStatus.REVIEW_QUEUED,
            started_on=step.started_on,
            next_review_on=review_by,
            liability_route=step.liability_route,
            order_reference=step.order_reference,
            automatic=True,
            idempotency_key=f"review:{step.pk}",
        )
    reached = EnforcementStage(new_step.stage)
    following = next_stage(reached)
    summary = _(
        "Enforcement review: %(owed)s in arrears at %(stage)s. Consider %(next)s; "
        "review again by %(date)s"
    ) % {
        "owed": money(owed),
        "stage": reached.label,
        "next": following.label if following else _("further action"),
        "date": review_by.isoformat(),
    }
    item = _queue_item(enforcement_case, summary, "enforcement-review", review_by=review_by)
    return new_step, letter, item, ("reminders", "queued") if letter else ("queued",)


def review_many_enforcements(*, on_date, rules, reviews):
    """The nightly review of open enforcements, in a few statements: `reviews` is
    [(latest step, arrears owed)], each step's enforcement case and case read, the case
    and its accounts locked by the caller and its parties read. Arrears cleared: a
    caseworker is asked to close it. Review date reached: after the notice a reminder,
    then a review step; each time the case goes to a caseworker's queue to consider the
    next stage, an item still open taking the latest stage and review date.
    Returns counts of reminders, queued reviews and cleared enforcements."""
    review_days = timedelta(days=rules.review_after_days)
    counts = {"reminders": 0, "queued": 0, "cleared": 0}
    steps, letters, items = [], [], []
    for step, owed in reviews:
        new_step, letter, item, counted_in = _review(step, owed, on_date, review_days)
        if new_step is not None:
            steps.append(new_step)
        if letter is not None:
            letters.append((step.enforcement_case.case, letter))
        if item is not None:
            items.append(item)
        for name in counted_in:
            counts[name] += 1
    EnforcementStep.objects.bulk_create(steps)
    send_many_notice_stage_letters(letters)
    if items:
        add_many_to_caseworker_queue(acting_user=None, items=items)
    return counts
