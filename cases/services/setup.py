"""Setting a case up and keeping its facts right: the caseworker's side (admin) and
the parts parents change themselves. Every write is locked, atomic and audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.staff_roles import is_assignable

from .. import validation
from ..models import (
    Benefit,
    Case,
    Child,
    ChildStatus,
    IncomeRecord,
    Party,
    PartyRole,
    RelevantOtherChild,
)
from ..signals import case_changed

PARTY_FIELDS = {
    "full_name",
    "date_of_birth",
    "email",
    "phone",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "bank_account_name",
    "bank_sort_code",
    "bank_account_number",
    "national_insurance_number",
    "employer_name",
    "preferred_language",
    "safeguarding",
}
CHILD_FIELDS = {
    "full_name",
    "date_of_birth",
    "shared_care_nights",
    "receiving_party",
    "education_ends_on",
}
CASE_FIELDS = {"service_type", "payment_frequency", "safeguarding", "assigned_caseworker", "status"}


class CaseRuleError(ValueError):
    """A change that the rules of a case do not allow (shown to caseworkers as is)."""


def _locked(model, instance):
    return model.objects.select_for_update().get(pk=instance.pk)


def _audit_value(name, value):
    # Audit events record which fields changed; contact and bank values are never copied.
    return getattr(value, "pk", value) if name in CASE_FIELDS else None


def create_case(
    *,
    acting_user,
    service_type,
    payment_frequency="monthly",
    safeguarding=False,
    assigned_caseworker=None,
    reference=None,
):
    """A new open case. `reference` is for records that already have one (demo data,
    migrations from older systems); otherwise a random one is drawn."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    service_type=service_type,
                    payment_frequency=payment_frequency,
                    safeguarding=safeguarding,
                    assigned_caseworker=assigned_caseworker,
                    **({"reference": reference} if reference else {}),
                )
                record_audit_event(
                    acting_user=acting_user,
                    action="case.created",
                    obj=case,
                    service_type=service_type,
                    safeguarding=safeguarding,
                )
                return case
        except IntegrityError:
            # A random reference collided with an existing one: draw again.
            continue
    raise CaseRuleError("Could not find a free case reference.")


def update_case(*, acting_user, case, **changes):
    unknown = set(changes) - CASE_FIELDS
    if unknown:
        raise CaseRuleError(f"Unknown case fields: {sorted(unknown)}")
    if "assigned_caseworker" in changes:
        _check_assignee(changes["assigned_caseworker"])
    with transaction.atomic():
        case = _locked(Case, case)
        changed = _apply(case, changes)
        if "status" in changed:
            case.closed_at = timezone.now() if case.status == "closed" else None
            if case.status != "closed":
                case.closed_from = None
        if changed:
            case.save()
            record_audit_event(
                acting_user=acting_user,
                action="case.updated",
                obj=case,
                fields=sorted(changed),
                values={name: str(_audit_value(name, getattr(case, name))) for name in changed},
            )
            if {"status", "service_type"} & set(changed):
                case_changed.send(
                    sender=Case, case=case, changed=sorted(changed), acting_user=acting_user
                )
        return case


def _check_assignee(user):
    if not is_assignable(user):
        raise CaseRuleError("A case can only be assigned to a caseworker or team leader.")


def _apply(instance, changes):
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def add_party(*, acting_user, case, role, full_name, date_of_birth, **details):
    unknown = set(details) - PARTY_FIELDS
    if unknown:
        raise CaseRuleError(f"Unknown party fields: {sorted(unknown)}")
    details = validation.party_details({**details, "date_of_birth": date_of_birth})
    date_of_birth = details.pop("date_of_birth")
    with transaction.atomic():
        case = _locked(Case, case)
        if role == PartyRole.PAYING and case.parties.filter(role=PartyRole.PAYING).exists():
            raise CaseRuleError("A case has one paying parent.")
        party = Party.objects.create(
            case=case, role=role, full_name=full_name, date_of_birth=date_of_birth, **details
        )
        record_audit_event(
            acting_user=acting_user,
            action="party.added",
            obj=case,
            party=str(party.public_id),
            role=role,
        )
        return party


def update_party(*, acting_user, party, **changes):
    unknown = set(changes) - PARTY_FIELDS
    if unknown:
        raise CaseRuleError(f"Unknown party fields: {sorted(unknown)}")
    changes = validation.party_details(changes)
    with transaction.atomic():
        party = _locked(Party, party)
        changed = _apply(party, changes)
        if changed:
            party.save()
            record_audit_event(
                acting_user=acting_user,
                action="party.updated",
                obj=party.case,
                party=str(party.public_id),
                fields=sorted(changed),
            )
        return party


def add_child(
    *,
    acting_user,
    case,
    receiving_party,
    full_name,
    date_of_birth,
    shared_care_nights=0,
    education_ends_on=None,
):
    validation.child_details({"date_of_birth": date_of_birth})
    with transaction.atomic():
        case = _locked(Case, case)
        if receiving_party.case_id != case.pk or receiving_party.role != PartyRole.RECEIVING:
            raise CaseRuleError("A child is linked to a receiving parent in the same case.")
        child = Child.objects.create(
            case=case,
            receiving_party=receiving_party,
            full_name=full_name,
            date_of_birth=date_of_birth,
            shared_care_nights=shared_care_nights,
            education_ends_on=education_ends_on,
        )
        record_audit_event(
            acting_user=acting_user, action="child.added", obj=case, child=str(child.public_id)
        )
        return child


def update_child(*, acting_user, child, **changes):
    unknown = set(changes) - CHILD_FIELDS
    if unknown:
        raise CaseRuleError(f"Unknown child fields: {sorted(unknown)}")
    validation.child_details(changes)
    with transaction.atomic():
        child = _locked(Child, child)
        changed = _apply(child, changes)
        if changed:
            child.save()
            record_audit_event(
                acting_user=acting_user,
                action="child.updated",
                obj=child.case,
                child=str(child.public_id),
                fields=sorted(changed),
            )
        return child


def end_child_qualifying(*, acting_user, child, left_on):
    """The child stops counting (left education, turned 20, left the UK)."""
    with transaction.atomic():
        child = _locked(Child, child)
        child.status = ChildStatus.LEFT
        child.left_on = left_on
        child.save()
        record_audit_event(
            acting_user=acting_user,
            action="child.stopped_qualifying",
            obj=child.case,
            child=str(child.public_id),
            left_on=left_on.isoformat(),
        )
        return child


def record_income(
    *,
    acting_user,
    case,
    gross_weekly_income,
    source,
    tax_year="",
    effective_from=None,
    benefit=Benefit.NONE,
):
    with transaction.atomic():
        case = _locked(Case, case)
        paying = case.parties.filter(role=PartyRole.PAYING).first()
        if paying is None:
            raise CaseRuleError("Add the paying parent before recording income.")
        if gross_weekly_income is None and benefit == Benefit.NONE:
            raise CaseRuleError("Give an income, or the benefit that decides the rate.")
        if gross_weekly_income is not None and gross_weekly_income < 0:
            raise CaseRuleError("Income cannot be negative.")
        record = IncomeRecord.objects.create(
            case=case,
            paying_party=paying,
            gross_weekly_income=gross_weekly_income,
            benefit=benefit,
            source=source,
            tax_year=tax_year,
            effective_from=effective_from or timezone.localdate(),
            recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        record_audit_event(
            acting_user=acting_user,
            action="income.recorded",
            obj=case,
            income_record=str(record.public_id),
            source=source,
        )
        return record


def set_relevant_other_children(*, acting_user, case, count, on_date=None):
    """Make the number of other children living with the paying parent `count` from
    `on_date`, ending or adding records as needed."""
    on_date = on_date or timezone.localdate()
    with transaction.atomic():
        case = _locked(Case, case)
        paying = case.parties.filter(role=PartyRole.PAYING).first()
        if paying is None:
            raise CaseRuleError("Add the paying parent first.")
        current = list(RelevantOtherChild.objects.filter(case=case, to_date__isnull=True))
        for extra in current[count:]:
            extra.to_date = on_date
            extra.save()
        for _index in range(count - len(current)):
            RelevantOtherChild.objects.create(case=case, paying_party=paying, from_date=on_date)
        record_audit_event(
            acting_user=acting_user,
            action="other_children.set",
            obj=case,
            count=count,
            on_date=on_date.isoformat(),
        )
        return count


def relevant_other_children_on(case, on_date):
    return (
        RelevantOtherChild.objects.filter(case=case, from_date__lte=on_date)
        .exclude(to_date__lte=on_date)
        .count()
    )


def add_relevant_other_child(*, acting_user, case, from_date, date_of_birth=None):
    with transaction.atomic():
        case = _locked(Case, case)
        paying = case.parties.filter(role=PartyRole.PAYING).first()
        if paying is None:
            raise CaseRuleError("Add the paying parent first.")
        child = RelevantOtherChild.objects.create(
            case=case, paying_party=paying, from_date=from_date, date_of_birth=date_of_birth
        )
        record_audit_event(
            acting_user=acting_user,
            action="other_child.added",
            obj=case,
            other_child=str(child.public_id),
        )
        return child


def end_relevant_other_child(*, acting_user, other_child, to_date):
    with transaction.atomic():
        child = _locked(RelevantOtherChild, other_child)
        child.to_date = to_date
        child.save(update_fields=["to_date"])
        record_audit_event(
            acting_user=acting_user,
            action="other_child.ended",
            obj=child.case,
            other_child=str(child.public_id),
            to_date=to_date.isoformat(),
        )
        return child
