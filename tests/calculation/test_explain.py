"""Explanations: structured steps rendered in English and Welsh."""

import re
import string
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from calculation.engine import Benefit, ServiceType, calculate
from calculation.explain import (
    STEP_PARAMS,
    TEMPLATES,
    ExplanationStep,
    format_date,
    format_money,
    render_explanation,
    render_step,
)

from .helpers import make_input


def _placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_step_has_english_and_welsh_with_the_same_figures():
    assert set(TEMPLATES["en"]) == set(TEMPLATES["cy"]) == set(STEP_PARAMS)
    for code, english in TEMPLATES["en"].items():
        assert _placeholders(english) == _placeholders(TEMPLATES["cy"][code]), code


def test_worked_check_in_english():
    result = calculate(
        make_input("850.00", ((160, 160),), other_children=1, service=ServiceType.COLLECT_AND_PAY)
    )
    assert result.explanation == [
        "The figures used are those in force on 1 April 2024.",
        "Your gross weekly income is £850.00.",
        "Your income is reduced by 11% for 1 other child living with you: £756.50.",
        "The basic rate is 16% of £756.50 for 2 children: £121.04 a week.",
        "The £121.04 is shared equally between 2 children: £60.52 for each child.",
        "Child 1 stays with you for 160 nights a year, so that child's share is reduced by "
        "three sevenths.",
        "Child 2 stays with you for 160 nights a year, so that child's share is reduced by "
        "three sevenths.",
        "Each amount is rounded to the nearest penny.",
        "Total child maintenance: £69.17 a week.",
        "With Collect and Pay you also pay a 20% collection fee of £13.83 a week, so you pay "
        "£83.00 a week in total.",
        "A 4% collection fee of £2.77 a week is taken from the money passed on, leaving "
        "£66.40 a week.",
    ]


def test_worked_check_in_welsh():
    result = calculate(make_input("850.00", ((160, 160),), other_children=1))
    welsh = result.explain("cy")
    assert welsh[0] == "Mae'r cyfrifiad yn defnyddio'r ffigurau sydd mewn grym ar 1 Ebrill 2024."
    assert welsh[1] == "Eich incwm wythnosol gros yw £850.00."
    assert welsh[2] == (
        "Mae eich incwm yn cael ei ostwng o 11% ar gyfer 1 plentyn arall sy'n "
        "byw gyda chi: £756.50."
    )
    assert (
        welsh[3] == "Y gyfradd sylfaenol yw 16% o £756.50 ar gyfer 2 o blant: £121.04 yr wythnos."
    )
    assert "dair rhan o saith" in welsh[5]
    assert welsh[-2] == "Cyfanswm y gynhaliaeth plant: £69.17 yr wythnos."
    assert welsh[-1] == "Gyda Thalu Uniongyrchol nid oes ffioedd casglu."


def test_reduced_rate_explanation():
    result = calculate(make_input("150.00", ((0, 0),), other_children=1))
    assert (
        "£7.00 plus 21.2% of the £50.00 over £100.00 (the rate for 2 children and 1 other "
        "child living with you): £17.60."
    ) in result.explanation
    assert (
        "£7.00, gan ychwanegu 21.2% o'r £50.00 dros £100.00 (y gyfradd ar gyfer 2 o blant "
        "pan fo 1 plentyn arall yn byw gyda chi): £17.60."
    ) in result.explain("cy")


def test_basic_plus_explanation_shows_both_tiers():
    result = calculate(make_input("1000.00", other_children=2))
    assert "The basic rate is 12% of the first £800.00 for 1 child: £96.00." in result.explanation
    assert "Add 9% of the £60.00 over £800.00: £5.40." in result.explanation
    assert "Together this is £101.40 a week." in result.explanation


def test_equal_care_and_several_parents_in_both_languages():
    result = calculate(make_input("850.00", ((0,), (200, 0)), other_children=1))
    english = result.explanation
    assert (
        "Child 1 of receiving parent 2 stays with you for 200 nights a year, so that "
        "child's share is reduced by one half."
    ) in english
    assert (
        "Because care of that child is shared equally, a further £7.00 a week is taken off."
        in english
    )
    assert "Amount for receiving parent 2: £64.87 a week." in english
    welsh = result.explain("cy")
    assert "Swm ar gyfer rhiant sy'n derbyn 2: £64.87 yr wythnos." in welsh
    assert any("o hanner" in line for line in welsh)


@pytest.mark.parametrize(
    ("calculation_input", "english", "welsh"),
    [
        (
            make_input(None, benefit=Benefit.NIL_RATE),
            "You are in a group that pays the nil rate, so no child maintenance is due.",
            "Rydych mewn grŵp sy'n talu'r gyfradd ddim, felly nid oes cynhaliaeth plant i'w thalu.",
        ),
        (
            make_input(None, benefit=Benefit.FLAT_RATE_BENEFIT),
            "You get a benefit that means the flat rate of £7.00 a week applies.",
            "Rydych yn cael budd-dal sy'n golygu bod y gyfradd unradd o £7.00 yr wythnos yn "
            "berthnasol.",
        ),
        (
            make_input("3500.00"),
            "Income over £3,000.00 a week is not counted, so £3,000.00 is used.",
            "Nid yw incwm dros £3,000.00 yr wythnos yn cael ei gyfrif, felly defnyddir £3,000.00.",
        ),
        (
            make_input("60.00"),
            "This is between £7.00 and £100.00, so the flat rate of £7.00 a week applies.",
            "Mae hyn rhwng £7.00 a £100.00, felly mae'r gyfradd unradd o £7.00 yr wythnos yn "
            "berthnasol.",
        ),
    ],
)
def test_rate_explanations(calculation_input, english, welsh):
    result = calculate(calculation_input)
    assert english in result.explanation
    assert welsh in result.explain("cy")


def test_welsh_renders_every_step_without_english_words():
    english_words = re.compile(r"\b(the|your|child|children|income|rate|week|receiving)\b")
    inputs = [
        make_input(
            "850.00", ((0,), (200, 0)), other_children=1, service=ServiceType.COLLECT_AND_PAY
        ),
        make_input("200.00", ((175,), (175,), (175,))),
        make_input(None, ((0,), (60,)), benefit=Benefit.FLAT_RATE_BENEFIT),
        make_input("50.00", ((200,),)),
        make_input("300.00", on=date(2014, 1, 1), service=ServiceType.COLLECT_AND_PAY),
        make_input("200.00", ((175,), (0, 0))),
        make_input("5.00"),
    ]
    for calculation_input in inputs:
        for line in calculate(calculation_input).explain("cy"):
            assert not english_words.search(line.lower()), line


def test_money_and_dates():
    assert format_money(Decimal("1234.5")) == "£1,234.50"
    assert format_money(Decimal("0.005")) == "£0.01"
    assert format_money(Decimal("1000000")) == "£1,000,000.00"
    assert format_date(date(2026, 3, 5), "en") == "5 March 2026"
    assert format_date(date(2026, 3, 5), "cy") == "5 Mawrth 2026"


def test_render_explanation_rejects_an_unknown_language():
    with pytest.raises(ValueError):
        render_explanation([ExplanationStep("direct_pay", {})], "fr")


def test_steps_are_structured():
    result = calculate(make_input("300.00"))
    codes = [step.code for step in result.steps]
    assert codes == ["rates_in_force", "gross_income", "basic_rate", "weekly_total", "direct_pay"]
    assert result.steps[1].params == {"income": Decimal("300.00")}
    assert result.to_dict()["steps"][1] == {"code": "gross_income", "params": {"income": "300.00"}}


def test_nights_can_be_quoted_as_the_band_the_calculator_asked_for():
    bands = ((0, 51), (52, 103), (104, 155), (156, 174), (175, None))
    middle = ExplanationStep(
        "shared_care_child", {"child": 1, "nights": 78, "fraction": Fraction(1, 7)}
    )
    last = ExplanationStep(
        "shared_care_parent_child",
        {"parent": 2, "child": 1, "nights": 182, "fraction": Fraction(1, 2)},
    )
    assert render_step(middle, "en", bands).startswith(
        "Child 1 stays with you for 52 to 103 nights"
    )
    assert render_step(middle, "cy", bands).startswith(
        "Mae plentyn 1 yn aros gyda chi am 52 i 103 noson"
    )
    assert "for at least 175 nights a year" in render_step(last, "en", bands)
    assert "am o leiaf 175 noson y flwyddyn" in render_step(last, "cy", bands)
    # Without bands (a caseworker's decision, with the real count) the count is quoted.
    assert "for 78 nights a year" in render_step(middle, "en")
