"""Reported changes of circumstances. Simple changes are applied at once (contact and
bank details, an income change under the 25% rule, other children, a safeguarded switch
to Collect and Pay); the rest go to the caseworker queue and are applied from admin."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from casework.models import WorkItemKind
from casework.services import add_to_caseworker_queue, close_work_items_for
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import (
    Case,
    ChangeKind,
    ChangeReport,
    ChangeStatus,
    Child,
    DecisionReason,
    IncomeSource,
    ServiceType,
)
from ..rules import income_change_fraction, income_change_needs_new_decision, percent_for_display
from ..selectors import current_decision
from .contact_email import ask_to_confirm_contact_email
from .decisions import DecisionNotPossible, make_decision
from .messaging import link_pending_attachments, store_attachment
from .setup import (
    CaseRuleError,
    end_child_qualifying,
    record_income,
    relevant_other_children_on,
    set_relevant_other_children,
    update_case,
    update_child,
    update_party,
)

# Bank details are stored on the party only; the report keeps these masked forms.
MASKED_ANSWERS = {
    "bank_sort_code": lambda v: f"**-**-{v[-2:]}",
    "bank_account_number": lambda v: f"****{v[-4:]}",
}


def _json_safe(answers):
    safe = {}
    for name, value in answers.items():
        if name in MASKED_ANSWERS and value:
            value = MASKED_ANSWERS[name](str(value))
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, bool | int | str | list):
            value = str(value)
        safe[name] = value
    return safe


def _to_caseworker(report, acting_user, summary):
    report.status = ChangeStatus.WITH_CASEWORKER
    report.outcome = "with_caseworker"
    add_to_caseworker_queue(
        acting_user=acting_user,
        case=report.case,
        kind=WorkItemKind.MISSED_PAYMENT
        if report.kind == ChangeKind.MISSED_PAYMENT
        else WorkItemKind.CHANGE_REPORT,
        summary=f"{report.reference}: {summary}",
        source_reference=report.reference,
    )


def _new_decision(report, acting_user, outcome, **details):
    try:
        report.decision = make_decision(
            acting_user=acting_user, case=report.case, reason=DecisionReason.CHANGE
        )
    except DecisionNotPossible:
        _to_caseworker(report, acting_user, "a new decision could not be made automatically")
        return
    report.status = ChangeStatus.NEW_DECISION
    report.outcome = outcome
    report.outcome_details = details
    report.resolved_at = timezone.now()


def _income(report, acting_user, answers):
    decision = current_decision(report.case)
    old = decision.income_used if decision else None
    new = answers["weekly_income"]
    if old is None:
        _to_caseworker(report, acting_user, "income reported where a benefit decided the rate")
        return
    details = {
        "decision_income": str(old),
        "new_income": str(new),
        "percent": str(percent_for_display(income_change_fraction(old, new)) or ""),
    }
    if not income_change_needs_new_decision(old, new, timezone.localdate(report.reported_at)):
        report.status = ChangeStatus.RECORDED
        report.outcome = "below_threshold"
        report.outcome_details = details
        report.resolved_at = timezone.now()
        return
    record_income(
        acting_user=acting_user,
        case=report.case,
        gross_weekly_income=new,
        source=IncomeSource.REPORTED,
        effective_from=min(answers["changed_on"], timezone.localdate()),
    )
    _new_decision(report, acting_user, "income_new_decision", **details)


def _other_children(report, acting_user, answers):
    today = timezone.localdate()
    before = relevant_other_children_on(report.case, today)
    count = answers["count"]
    if before == count:
        report.status = ChangeStatus.RECORDED
        report.outcome = "no_change"
        report.resolved_at = timezone.now()
        return
    set_relevant_other_children(
        acting_user=acting_user,
        case=report.case,
        count=count,
        on_date=min(answers["changed_on"], today),
    )
    _new_decision(report, acting_user, "other_children_new_decision", before=before, after=count)


def _contact(fields):
    def apply(report, acting_user, answers):
        update_party(
            acting_user=acting_user,
            party=report.party,
            **{name: answers.get(name, "") for name in fields},
        )
        report.status = ChangeStatus.APPLIED
        report.outcome = "updated"
        report.resolved_at = timezone.now()

    return apply


def _service_type(report, acting_user, answers):
    wanted = answers["service_type"]
    case = report.case
    if wanted == ServiceType.COLLECT_AND_PAY and case.is_safeguarded:
        # Domestic abuse: no need for the other parent's agreement or a caseworker first.
        update_case(acting_user=acting_user, case=case, service_type=wanted)
        report.case.refresh_from_db()
        _new_decision(report, acting_user, "switched_now")
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=case,
            kind=WorkItemKind.SAFEGUARDING,
            summary=f"{report.reference}: moved to Collect and Pay at once (safeguarding)",
            source_reference=f"{report.reference}-safeguarding",
        )
        return
    _to_caseworker(report, acting_user, f"asks to move to {ServiceType(wanted).label}")


def _queued(summary):
    def apply(report, acting_user, answers):
        _to_caseworker(report, acting_user, summary)

    return apply


HANDLERS = {
    ChangeKind.INCOME: _income,
    ChangeKind.OTHER_CHILDREN: _other_children,
    ChangeKind.ADDRESS: _contact(["address_line_1", "address_line_2", "town", "postcode"]),
    ChangeKind.PHONE: _contact(["phone"]),
    ChangeKind.BANK_DETAILS: _contact(
        ["bank_account_name", "bank_sort_code", "bank_account_number"]
    ),
    ChangeKind.SERVICE_TYPE: _service_type,
    ChangeKind.SHARED_CARE: _queued("overnight stays changed"),
    ChangeKind.CHILD_LEAVING: _queued("a child may stop qualifying"),
    ChangeKind.EXTRA_PAYMENT: _queued("extra payment reported"),
}


def report_change(*, acting_user, access, kind, answers, attachment_ids=(), base_url=""):
    """Record what the parent told us and act on it as far as the rules allow.
    `base_url` makes the links in emails absolute."""
    kind = ChangeKind(kind)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=access.case.pk)
        if case.is_closed:
            raise CaseRuleError("The case is closed: changes are no longer reported on it.")
        report = ChangeReport.objects.create(
            case=case,
            party=access.party,
            reported_by=acting_user,
            kind=kind,
            answers=_json_safe(answers),
            status=ChangeStatus.RECORDED,
        )
        link_pending_attachments(
            access=access, attachment_ids=list(attachment_ids), change_report=report
        )
        if kind == ChangeKind.EMAIL:
            ask_to_confirm_contact_email(
                acting_user=acting_user,
                report=report,
                new_email=answers["email"],
                base_url=base_url,
            )
        else:
            HANDLERS[kind](report, acting_user, answers)
        report.save()
        record_audit_event(
            acting_user=acting_user,
            action="change.reported",
            obj=case,
            change_report=report.reference,
            kind=kind,
            status=report.status,
        )
        send_email(
            to=acting_user.email,
            template="cases_change_reported",
            context={
                "case_reference": case.reference,
                "change_reference": report.reference,
                "kind": kind.label,
            },
            language=access.party.notification_language,
        )
        return report


def _locked_report(change_report):
    return (
        ChangeReport.objects.select_for_update()
        .select_related("case", "party")
        .get(pk=change_report.pk)
    )


def _finish_for_caseworker(report, acting_user, action):
    report.save()
    record_audit_event(
        acting_user=acting_user,
        action=action,
        obj=report.case,
        change_report=report.reference,
        status=report.status,
    )
    if not report.is_open:
        close_work_items_for(
            acting_user=acting_user, case=report.case, source_reference=report.reference
        )
    party = report.party
    send_email(
        to=party.notification_email,
        template="cases_change_updated",
        context={"case_reference": report.case.reference, "change_reference": report.reference},
        language=party.notification_language,
    )
    return report


def _child_in(report):
    return Child.objects.get(case=report.case, public_id=report.answers["child"])


def apply_change_report(*, acting_user, change_report):
    """A caseworker accepts a queued change: the facts are updated and, where they
    change the amount, a new decision is made."""
    with transaction.atomic():
        report = _locked_report(change_report)
        answers = report.answers
        if report.kind == ChangeKind.SHARED_CARE:
            update_child(
                acting_user=acting_user,
                child=_child_in(report),
                shared_care_nights=int(answers["nights"]),
            )
            _new_decision(report, acting_user, "shared_care_new_decision")
        elif report.kind == ChangeKind.CHILD_LEAVING:
            end_child_qualifying(
                acting_user=acting_user,
                child=_child_in(report),
                left_on=date.fromisoformat(answers["left_on"]),
            )
            _new_decision(report, acting_user, "child_left_new_decision")
        elif report.kind == ChangeKind.SERVICE_TYPE:
            update_case(
                acting_user=acting_user, case=report.case, service_type=answers["service_type"]
            )
            report.case.refresh_from_db()
            _new_decision(report, acting_user, "switched")
        elif report.kind == ChangeKind.INCOME and answers.get("weekly_income"):
            record_income(
                acting_user=acting_user,
                case=report.case,
                gross_weekly_income=Decimal(answers["weekly_income"]),
                source=IncomeSource.REPORTED,
                effective_from=date.fromisoformat(answers["changed_on"]),
            )
            _new_decision(report, acting_user, "income_new_decision")
        else:
            report.status = ChangeStatus.APPLIED
            report.outcome = "caseworker_applied"
            report.resolved_at = timezone.now()
        return _finish_for_caseworker(report, acting_user, "change.applied")


def request_change_evidence(*, acting_user, change_report, note=""):
    with transaction.atomic():
        report = _locked_report(change_report)
        report.status = ChangeStatus.EVIDENCE_NEEDED
        report.outcome = "evidence_needed"
        if note:
            report.caseworker_notes = note
        return _finish_for_caseworker(report, acting_user, "change.evidence_requested")


def reject_change_report(*, acting_user, change_report, note=""):
    with transaction.atomic():
        report = _locked_report(change_report)
        report.status = ChangeStatus.REJECTED
        report.outcome = "rejected"
        report.resolved_at = timezone.now()
        if note:
            report.caseworker_notes = note
        return _finish_for_caseworker(report, acting_user, "change.rejected")


def add_change_evidence(*, acting_user, access, change_report, upload):
    """The parent sends the evidence asked for; the change goes back to a caseworker."""
    with transaction.atomic():
        report = _locked_report(change_report)
        if report.party_id != access.party.pk:
            raise ValueError("Not this party's change.")
        attachment = store_attachment(
            acting_user=acting_user, access=access, upload=upload, change_report=report
        )
        if report.status == ChangeStatus.EVIDENCE_NEEDED:
            _to_caseworker(report, acting_user, "evidence sent")
        report.save()
        record_audit_event(
            acting_user=acting_user,
            action="change.evidence_added",
            obj=report.case,
            change_report=report.reference,
        )
        return attachment


def set_change_note(*, acting_user, change_report, note):
    """The caseworker's note the parent sees when evidence is asked for or a change refused."""
    with transaction.atomic():
        report = _locked_report(change_report)
        report.caseworker_notes = note
        report.save(update_fields=["caseworker_notes"])
        record_audit_event(
            acting_user=acting_user,
            action="change.note_set",
            obj=report.case,
            change_report=report.reference,
        )
        return report
