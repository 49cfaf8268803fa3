from decimal import Decimal

import pytest

from calculation.engine import PaymentFrequency, instalment_amount


@pytest.mark.parametrize(
    ("weekly", "frequency", "expected"),
    [
        ("69.17", PaymentFrequency.WEEKLY, "69.17"),
        ("69.17", PaymentFrequency.FORTNIGHTLY, "138.34"),
        ("69.17", PaymentFrequency.FOUR_WEEKLY, "276.68"),
        ("69.17", PaymentFrequency.MONTHLY, "299.74"),  # 69.17 x 52 / 12 = 299.736666
        ("7.00", "monthly", "30.33"),  # 30.333333
        ("10.01", "monthly", "43.38"),  # 43.376666
        ("0.03", "monthly", "0.13"),  # exactly 0.13
        ("0.00", "monthly", "0.00"),
    ],
)
def test_instalment_amount(weekly, frequency, expected):
    assert instalment_amount(Decimal(weekly), frequency) == Decimal(expected)


def test_unknown_frequency():
    with pytest.raises(ValueError):
        instalment_amount(Decimal("7.00"), "quarterly")


def test_an_amount_for_one_frequency_as_another_is_exact_and_rounded_once():
    from calculation.instalments import per_other_frequency

    assert per_other_frequency(Decimal("100.00"), "weekly", "monthly") == Decimal("433.33")
    assert per_other_frequency(Decimal("433.33"), "monthly", "weekly") == Decimal("100.00")
    assert per_other_frequency(Decimal("449.58"), "monthly", "monthly") == Decimal("449.58")
    assert per_other_frequency(Decimal("50.00"), "fortnightly", "four_weekly") == Decimal("100.00")
    assert per_other_frequency(Decimal("0.01"), "weekly", "fortnightly") == Decimal("0.02")
