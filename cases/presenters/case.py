"""A case as a parent (or their representative) sees it. One parent sees only the
other's name and role: never any part of an address (not even the town or postcode
district, which is enough to find someone not yet flagged as at risk), phone, email,
employer or bank details."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from markupsafe import Markup

from calculation.explain import render_for_reader, step_from_dict
from cms_portal.core.composed import ComposedRead
from cms_portal.formatting import govuk_date, money

from ..dates import age_on
from ..models import Child, DecisionReason, PartyRole, ServiceType
from . import money as money_presenter
from .income import income_source_label
from .tags import status_tag


def role_label(access):
    if access.is_representative:
        return _("Acting for %(name)s") % {"name": access.party.full_name}
    return str(PartyRole(access.party.role).label)


def group_reference(reference):
    return " ".join(reference[i : i + 3] for i in range(0, len(reference), 3))


def other_parties(access):
    """Names of the other people in the case that this party may know about. Only the
    name and role leave this function, so no template can show where someone lives."""
    people = []
    for party in access.case.parties.all():
        if party.pk == access.party.pk:
            continue
        # Receiving parents are not told about each other.
        if not access.is_paying and not party.is_paying:
            continue
        people.append(
            {
                "name": party.full_name,
                "role": str(PartyRole(party.role).label),
            }
        )
    return people


def case_summary_rows(access):
    """The case's summary list: this party's role, how it is paid, then the other people
    in the case that this party may know about."""
    rows = [
        {"key": {"text": _("Your role")}, "value": {"text": role_label(access)}},
        {"key": {"text": _("How it is paid")}, "value": {"text": service_type_label(access.case)}},
    ]
    rows.extend(
        {"key": {"text": other["role"]}, "value": {"text": other["name"]}}
        for other in other_parties(access)
    )
    return rows


# The case page reads the children on every visit: the SQL is composed once for each
# side (the paying parent sees every child, a receiving parent only their own).
_every_child = ComposedRead(lambda case_id: Child.objects.filter(case_id=case_id), keys=1)
_own_children = ComposedRead(
    lambda case_id, party_id: Child.objects.filter(case_id=case_id, receiving_party_id=party_id),
    keys=2,
)


def visible_children(access):
    if access.is_paying:
        children = _every_child(access.case.pk)
    else:
        children = _own_children(access.case.pk, access.party.pk)
    for child in children:
        Child.case.field.set_cached_value(child, access.case)
    return children


def children_rows(access, today):
    return [
        [
            {"text": child.full_name},
            {"text": str(age_on(child.date_of_birth, today))},
            {"text": str(child.get_status_display())},
        ]
        for child in visible_children(access)
    ]


def explanation(access, decision, language):
    """The decision's steps worded for this reader, with the children's names."""
    return decision_explanation(
        decision, language, reader=None if access.is_paying else access.party
    )


def decision_explanation(decision, language, reader=None):
    """The steps as the paying parent (and caseworkers) read them, or as the receiving
    party `reader` does. The snapshot keeps the steps as codes and figures, so the
    wording is chosen here."""
    steps = [step_from_dict(step) for step in decision.calculation_result.get("steps", [])]
    receiving = decision.calculation_input.get("receiving_parties", [])
    numbers = {entry["public_id"]: number for number, entry in enumerate(receiving, start=1)}
    child_names = {
        (number, index): child["full_name"]
        for number, entry in enumerate(receiving, start=1)
        for index, child in enumerate(entry["children"], start=1)
    }
    reader_number = own_fee = None
    parent_names = {}
    if reader is None:
        # `.all()` so parties the page has already read are not read again.
        names = {str(other.public_id): other.full_name for other in decision.case.parties.all()}
        parent_names = {
            number: names[public_id] for public_id, number in numbers.items() if public_id in names
        }
    else:
        public_id = str(reader.public_id)
        reader_number = numbers.get(public_id, 0)  # 0: not in this decision: no one's share
        share = decision.calculation_result.get("by_receiving_party", {}).get(public_id, {})
        fees = share.get("collection_fees")
        if fees:
            own_fee = (
                Decimal(fees["receiving_parent_weekly_fee"]),
                Decimal(fees["receiving_parent_weekly_net"]),
            )
    return render_for_reader(
        steps,
        language if language in ("en", "cy") else "en",
        reader_parent=reader_number,
        several_parents=len(receiving) > 1,
        parent_names=parent_names,
        child_names=child_names,
        own_receiving_fee=own_fee,
    )


def paying_parent_facts_shown_to(access):
    """Whether this reader is shown the paying parent's income and benefit as the decision
    used them. Every party is: the figures and the steps of the calculation are part of the
    decision each parent is sent. Pages offering these facts ask here."""
    return True


def _nights_rows(access, decision):
    rows = []
    for receiving in decision.calculation_input.get("receiving_parties", []):
        if not access.is_paying and receiving["public_id"] != str(access.party.public_id):
            continue
        for child in receiving["children"]:
            rows.append(
                {
                    "key": {
                        "text": _("Nights a year %(name)s stays with the paying parent")
                        % {"name": child["full_name"]}
                    },
                    "value": {"text": str(child["shared_care_nights"])},
                }
            )
    return rows


def inputs_used(access, decision):
    """The figures the calculation used, as summary list rows."""
    data = decision.calculation_input
    income = data.get("gross_weekly_income")
    source = income_source_label(data.get("income_record"))
    rows = []
    if paying_parent_facts_shown_to(access):
        rows += [
            {
                "key": {"text": _("Paying parent’s gross weekly income")},
                "value": {
                    "text": money(income)
                    if income is not None
                    else _("Not used: a benefit decides the rate")
                },
            },
            {"key": {"text": _("Where the income figure came from")}, "value": {"text": source}},
        ]
    rows += [
        {
            "key": {"text": _("Other children living with the paying parent")},
            "value": {"text": str(data.get("relevant_other_children", 0))},
        },
        *_nights_rows(access, decision),
        {
            "key": {"text": _("Date the decision takes effect")},
            "value": {"text": govuk_date(decision.effective_date)},
        },
    ]
    return rows


def decision_rows(access, decisions):
    """Table rows for the decision history, newest first, each linking to its page."""
    rows = []
    for decision in decisions:
        href = reverse(
            "cases:decision",
            kwargs={"reference": access.case.reference, "decision_id": decision.public_id},
        )
        label = _("View decision made on %(date)s") % {"date": govuk_date(decision.decided_at)}
        rows.append(
            [
                {"text": govuk_date(decision.decided_at)},
                {"text": govuk_date(decision.effective_date)},
                {"text": money(decision.weekly_amount_for(access.party))},
                {"text": str(DecisionReason(decision.reason).label)},
                {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(href, label)},
            ]
        )
    return rows


def decision_summary(access, decision, language, today):
    if decision is None:
        return None
    return {
        "decision": decision,
        "amounts": money_presenter.amounts(access, decision),
        "inputs": inputs_used(access, decision),
        "explanation": explanation(access, decision, language),
        "challenge_by": govuk_date(decision.challenge_by),
        "challenge_open": today <= decision.challenge_by,
        "reason": str(DecisionReason(decision.reason).label),
    }


def service_type_label(case):
    return str(ServiceType(case.service_type).label)


def reconsideration_rows(requests):
    return [
        {
            "reference": request.reference,
            "public_id": request.public_id,
            "decision_date": govuk_date(request.decision.decided_at),
            "requested": govuk_date(request.requested_at),
            "tag": status_tag(request.status),
        }
        for request in requests
    ]


def change_rows(reports):
    return [
        {
            "reference": report.reference,
            "public_id": report.public_id,
            "kind": str(report.get_kind_display()),
            "reported": govuk_date(report.reported_at),
            "tag": status_tag(report.status),
        }
        for report in reports
    ]


def preview_links(access, subjects, view_name, **kwargs):
    """Links to preview this page as each party in `subjects` sees it."""
    links = []
    for party in subjects:
        href = reverse(
            view_name,
            kwargs={"reference": access.case.reference, "party_id": party.public_id, **kwargs},
        )
        if len(subjects) == 1:
            text = _("Preview what the other parent sees")
        else:
            text = _("Preview what %(name)s sees") % {"name": party.full_name}
        links.append({"href": href, "text": text})
    return links


def is_new_decision(access, decision):
    seen = access.party.decision_seen_at
    return decision is not None and (seen is None or seen < decision.decided_at)
