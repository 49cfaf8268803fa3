"""A case decision's steps worded for whoever reads them: the paying parent sees the
children's and receiving parents' names; a receiving parent reads about "the paying
parent" and sees only their own share, children and fee."""

import pytest

from calculation.engine import ServiceType, calculate
from calculation.explain import (
    NAMED_TEMPLATES,
    RECEIVING_TEMPLATES,
    STEP_PARAMS,
    render_for_reader,
)

from .helpers import make_input
from .test_explain import _placeholders


def _result(parents, income="850.00", other=1):
    return calculate(
        make_input(income, parents, other_children=other, service=ServiceType.COLLECT_AND_PAY)
    )


@pytest.mark.parametrize("templates", [NAMED_TEMPLATES, RECEIVING_TEMPLATES])
def test_every_reader_wording_is_in_english_and_welsh(templates):
    assert set(templates["en"]) == set(templates["cy"]) <= set(STEP_PARAMS)
    for code, english in templates["en"].items():
        assert _placeholders(english) == _placeholders(templates["cy"][code]), code


CHILDREN = {(1, 1): "Ffion", (1, 2): "Gareth", (2, 1): "Idris"}
PARENTS = {1: "Robin", 2: "Sam"}


def test_paying_parent_reads_names_not_numbers():
    result = _result([[160, 0], [200]])
    text = "\n".join(
        render_for_reader(
            result.steps, "en", several_parents=True, parent_names=PARENTS, child_names=CHILDREN
        )
    )
    assert "Your gross weekly income is £850.00." in text
    assert "Ffion stays with you for 160 nights a year, so Ffion's share is reduced" in text
    assert "Idris stays with you for 200 nights a year" in text
    assert "Amount for Robin:" in text and "Amount for Sam:" in text
    assert "Child 1" not in text and "receiving parent 1" not in text


@pytest.mark.parametrize(
    "language,income,paying_total",
    [
        ("en", "The paying parent's gross weekly income is £850.00.", "you pay"),
        ("cy", "Incwm wythnosol gros y rhiant sy'n talu yw £850.00.", "rydych yn talu"),
    ],
)
def test_receiving_parent_reads_it_for_themselves_and_only_their_share(
    language, income, paying_total
):
    result = _result([[160, 0], [200]])
    first, second = result.receiving_parents
    own_fee = (
        first.collection_fees.receiving_parent_weekly_fee,
        first.collection_fees.receiving_parent_weekly_net,
    )
    lines = render_for_reader(
        result.steps,
        language,
        reader_parent=1,
        several_parents=True,
        parent_names=PARENTS,
        child_names=CHILDREN,
        own_receiving_fee=own_fee,
    )
    text = "\n".join(lines)
    assert income in text
    assert "Ffion" in text
    # Nothing about the other receiving parent: their child, nights, share or name.
    assert "Idris" not in text and "200" not in text and "Sam" not in text
    assert f"£{second.weekly_amount}" not in text
    # No combined total or combined fee, from which the other share could be worked out.
    assert f"£{result.weekly_amount}" not in text
    assert f"£{result.collection_fees.receiving_parent_weekly_net}" not in text
    assert f"£{own_fee[1]}" in text and f"£{first.weekly_amount}" in text
    # The paying parent's own fee and "you" wording are not used.
    assert paying_total not in text
    assert "Your gross weekly income" not in text and "Eich incwm wythnosol" not in text


def test_the_other_receiving_parent_sees_only_theirs():
    result = _result([[160, 0], [200]])
    text = "\n".join(
        render_for_reader(
            result.steps, "en", reader_parent=2, several_parents=True, child_names=CHILDREN
        )
    )
    assert "Idris stays with the paying parent for 200 nights a year" in text
    assert "Ffion" not in text and "160" not in text
    assert "Your amount:" in text


def test_a_single_receiving_parent_keeps_the_total_and_the_fee():
    result = _result([[0]], other=0, income="300.00")
    text = "\n".join(
        render_for_reader(result.steps, "en", reader_parent=1, child_names={(1, 1): "Ffion"})
    )
    assert "Total child maintenance: £36.00 a week." in text
    assert "taken from the money passed on to you, leaving £34.56 a week" in text
    assert "you pay" not in text.replace("passed on to you", "")
