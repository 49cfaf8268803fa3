"""Hypothesis over every variation form: whatever is posted, the answer is a page or a
redirect (never a 500), and a refused form saves nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cases.test_forms_fuzz import FUZZ, VALUES
from variations.models import VariationEvidence, VariationRequest, VariationResponse

from .conftest import apply_online, step_url, variation_url

pytestmark = pytest.mark.django_db


def _counts():
    return (
        VariationRequest.objects.count(),
        VariationResponse.objects.count(),
        VariationEvidence.objects.count(),
    )


def _fuzz(client, url, keys, kept=None):
    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUES)))
    def run(data):
        before = _counts()
        response = client.post(url, data)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert _counts() == before
            assert b"govuk-error-summary" in response.content

    run()


@pytest.mark.parametrize("role", ["paying", "receiving"])
@pytest.mark.parametrize(
    "step,keys",
    [
        ("ground", ["ground"]),
        ("amount", ["amount"]),
        ("period", ["period"]),
        ("details", ["details"]),
    ],
)
def test_journey_questions(
    role, step, keys, family_case, paying_parent, receiving_parent, signed_in_client
):
    client = signed_in_client(paying_parent if role == "paying" else receiving_parent)
    ground = "prior_debts" if role == "paying" else "diversion_of_income"
    # Answer the questions before this one, so the page is reached.
    answers = {
        "ground": {"ground": ground},
        "amount": {"amount": "20"},
        "period": {"period": "week"},
    }
    for earlier, data in answers.items():
        if earlier == step:
            break
        assert client.post(step_url(family_case, earlier), data).status_code == 302
    _fuzz(client, step_url(family_case, step), keys)


def test_response_form(family_case, paying_parent, receiving_parent, signed_in_client):
    apply_online(signed_in_client(paying_parent), family_case, ground="contact_costs", amount="15")
    variation = VariationRequest.objects.get()
    client = signed_in_client(receiving_parent)
    url = variation_url(family_case, variation, "respond")

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={"response": VALUES}))
    def run(data):
        before = _counts()
        response = client.post(url, data)
        assert response.status_code in (302, 400, 404), response.status_code
        if response.status_code != 302:
            assert _counts() == before

    run()
