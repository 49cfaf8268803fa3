"""The kernel's single definitions: model choices built from the engine's enums, one
money settings dict, one fee rounding, month arithmetic and one-time code helpers."""

from datetime import date
from decimal import Decimal

import pytest

from calculation.inputs import Benefit as EngineBenefit
from calculation.inputs import ServiceType as EngineServiceType
from calculation.instalments import PaymentFrequency as EnginePaymentFrequency
from cms_portal.core import choices, codes, months
from cms_portal.core.money import MONEY


@pytest.mark.parametrize(
    ("model_choices", "engine_enum"),
    [
        (choices.ServiceType, EngineServiceType),
        (choices.PaymentFrequency, EnginePaymentFrequency),
        (choices.Benefit, EngineBenefit),
    ],
)
def test_model_choices_are_the_engines_values(model_choices, engine_enum):
    assert [value for value, _label in model_choices.choices] == [m.value for m in engine_enum]


def test_the_apps_use_the_kernels_definitions():
    import cases.models
    import employers.models.order
    import payments.models.choices

    assert cases.models.ServiceType is choices.ServiceType
    assert cases.models.Benefit is choices.Benefit
    assert cases.models.PaymentFrequency is choices.PaymentFrequency
    assert payments.models.choices.PaymentFrequency is choices.PaymentFrequency
    assert payments.models.choices.MONEY is MONEY
    assert employers.models.order.MONEY is MONEY


def test_choices_need_a_label_for_every_engine_member():
    with pytest.raises(ValueError, match="no label"):
        choices._choices("Broken", EngineServiceType, {EngineServiceType.DIRECT_PAY: "x"})


def test_fees_round_half_up_the_same_everywhere():
    from calculation.fees import fee_on
    from calculation.results import CollectionFees

    assert fee_on(Decimal("10.10"), Decimal("0.05")) == Decimal("0.51")  # 0.505 -> 0.51
    fees = CollectionFees.on_amount(Decimal("10.10"), Decimal("0.20"), Decimal("0.04"))
    assert fees.paying_parent_weekly_fee == fee_on(Decimal("10.10"), Decimal("0.20"))
    assert fees.receiving_parent_weekly_fee == fee_on(Decimal("10.10"), Decimal("0.04"))


def test_month_arithmetic():
    assert months.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months.add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)
    assert months.following_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert months.previous_month(date(2026, 1, 1)) == date(2025, 12, 1)


def test_code_helpers():
    code = codes.new_code()
    assert len(code) == codes.CODE_LENGTH
    assert codes.format_code("abcd efgh-jkmn") == "ABCD-EFGH-JKMN"
    assert codes.hash_code("one", code) != codes.hash_code("two", code)
    assert codes.hash_matches(codes.hash_code("one", code), codes.hash_code("one", code.lower()))
