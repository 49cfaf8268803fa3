"""The decision page words the calculation for its reader, with the children's names,
and shows a receiving parent only their own share and their own children's nights."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.selectors import current_decision


@pytest.fixture
def two_family_case(make_case, make_user):
    paying, first, second = make_user(), make_user(), make_user()
    case = make_case(
        paying_user=paying,
        receiving_users=[first, second],
        receiving_parents=2,
        service_type="collect_and_pay",
        income=Decimal("850.00"),
        other_children=1,
    )
    names = iter(["Ffion", "Gareth"])
    for party in case.parties.filter(role="receiving").order_by("created_at", "id"):
        for child in party.children.all():
            services.update_child(
                acting_user=None,
                child=child,
                full_name=next(names),
                shared_care_nights=160 if party.user == first else 200,
            )
    services.make_decision(acting_user=None, case=case, notify=False)
    return case, paying, first, second


def _page(client, case, language):
    decision = current_decision(case)
    with translation.override(language):
        url = reverse(
            "cases:decision",
            kwargs={"reference": case.reference, "decision_id": decision.public_id},
        )
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split()).replace("&#39;", "'")


@pytest.mark.parametrize(
    "language,own_words,paying_words",
    [
        (
            "en",
            [
                "The paying parent's gross weekly income is £850.00.",
                "Ffion stays with the paying parent for 160 nights a year",
                "Your amount:",
            ],
            ["Your gross weekly income is", "written to the paying parent"],
        ),
        (
            "cy",
            [
                "Incwm wythnosol gros y rhiant sy'n talu yw £850.00.",
                "Mae Ffion yn aros gyda'r rhiant sy'n talu am 160 noson",
                "Eich swm chi:",
            ],
            ["Eich incwm wythnosol gros yw"],
        ),
    ],
)
def test_receiving_parent_reads_their_own_explanation(
    two_family_case, signed_in_client, language, own_words, paying_words
):
    case, _paying, first, second = two_family_case
    other = case.parties.get(role="receiving", user=second)
    decision = current_decision(case)
    other_amount = decision.calculation_result["by_receiving_party"][str(other.public_id)]
    html = _page(signed_in_client(first), case, language)
    for words in own_words:
        assert words in html
    for words in paying_words:
        assert words not in html
    # Nothing of the other family: child, nights, share or the combined total.
    assert "Gareth" not in html and "200 n" not in html
    assert f"£{other_amount['weekly_amount']}" not in html
    assert f"£{decision.calculation_result['weekly_amount']}" not in html
    assert "receiving parent 1" not in html and "Child 1" not in html


def test_paying_parent_reads_names_not_numbers(two_family_case, signed_in_client):
    case, paying, _first, _second = two_family_case
    html = _page(signed_in_client(paying), case, "en")
    assert "Ffion stays with you for 160 nights a year" in html
    assert "Gareth stays with you for 200 nights a year" in html
    for party in case.parties.filter(role="receiving"):
        assert f"Amount for {party.full_name}:" in html
    assert "receiving parent 1" not in html and "Child 1 " not in html
