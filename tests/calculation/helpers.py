"""Building engine inputs tersely in tests."""

from datetime import date
from decimal import Decimal

from calculation.engine import (
    Benefit,
    CalculationInput,
    ChildInput,
    ReceivingParentInput,
    ServiceType,
)

APRIL_2024 = date(2024, 4, 1)


def make_input(
    income,
    nights_by_parent=((0,),),
    *,
    other_children=0,
    benefit=Benefit.NONE,
    service=ServiceType.DIRECT_PAY,
    on=APRIL_2024,
):
    """`nights_by_parent` lists, for each receiving parent, each child's nights a year."""
    return CalculationInput(
        effective_date=on,
        gross_weekly_income=None if income is None else Decimal(income),
        benefit=benefit,
        relevant_other_children=other_children,
        service_type=service,
        receiving_parents=tuple(
            ReceivingParentInput(tuple(ChildInput(nights) for nights in children))
            for children in nights_by_parent
        ),
    )


def amounts(result):
    return [str(amount) for amount in result.parent_amounts]
