"""Helpers for the variations tests: a family case, and the journey's answers."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.cases.conftest import PDF_BYTES, pdf_upload  # noqa: F401


@pytest.fixture(autouse=True)
def _english_between_tests():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def step_url(case, step, prefix=""):
    return prefix + reverse(f"variations:{step}", kwargs={"reference": case.reference})


def variation_url(case, variation, name="detail", prefix=""):
    return prefix + reverse(
        f"variations:{name}",
        kwargs={"reference": case.reference, "variation_id": variation.public_id},
    )


def apply_online(
    client, case, *, ground, amount, period="week", details="Train fares", upload=None, prefix=""
):
    """Go through every page of the journey; returns the final response."""
    assert client.post(step_url(case, "ground", prefix), {"ground": ground}).status_code == 302
    assert client.post(step_url(case, "amount", prefix), {"amount": amount}).status_code == 302
    assert client.post(step_url(case, "period", prefix), {"period": period}).status_code == 302
    assert client.post(step_url(case, "details", prefix), {"details": details}).status_code == 302
    if upload is not None:
        response = client.post(step_url(case, "evidence", prefix), {"evidence": upload})
        assert response.status_code == 302, response.content
    response = client.post(step_url(case, "evidence", prefix), {})
    assert response.status_code == 302
    assert client.get(step_url(case, "check", prefix)).status_code == 200
    return client.post(step_url(case, "check", prefix), follow=True)


def after_response_period(variation):
    """Moves the response date into the past, as if the period had run out."""
    variation.respond_by = variation.respond_by - timedelta(days=30)
    variation.save(update_fields=["respond_by"])
