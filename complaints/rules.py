"""How quickly we acknowledge and answer a complaint, as a dated table (docs: the
complaints procedure): both stages keep the same standard, counted in working days of the
person's part of the UK from the day the complaint or the review request reaches us."""

from dataclasses import dataclass
from datetime import date

from calculation.dated import DatedTable
from cms_portal.core.working_days import Division, add_working_days, division_for_postcode


@dataclass(frozen=True)
class ServiceStandard:
    effective_from: date | None
    acknowledge_days: int
    answer_days: int


SERVICE_STANDARDS = DatedTable(
    "complaint service standard",
    [ServiceStandard(effective_from=date(2012, 12, 10), acknowledge_days=2, answer_days=15)],
)


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: date
    answer_by: date


def deadlines(opened_on: date, division: Division | str) -> Deadlines:
    standard = SERVICE_STANDARDS.on(opened_on)
    return Deadlines(
        acknowledge_by=add_working_days(opened_on, standard.acknowledge_days, division),
        answer_by=add_working_days(opened_on, standard.answer_days, division),
    )


def division_for(user, case=None) -> Division:
    """The part of the UK whose bank holidays count: from the postcode of the person's
    party in the case the complaint is about, else of their first party with a postcode,
    else England and Wales (the default, see cms_portal.core.working_days)."""
    from cases.models import Party

    parties = Party.objects.filter(user=user).exclude(postcode="")
    if case is not None:
        in_case = parties.filter(case=case).first()
        if in_case is not None:
            return division_for_postcode(in_case.postcode)
    first = parties.order_by("created_at", "id").first()
    return division_for_postcode(first.postcode if first else "")
