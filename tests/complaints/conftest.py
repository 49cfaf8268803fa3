"""Helpers for the complaints tests: going through the journey, and the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.cases.conftest import PDF_BYTES, pdf_upload  # noqa: F401


@pytest.fixture(autouse=True)
def _english_between_tests():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def url(name, prefix="", **kwargs):
    # Reversed in English (no prefix), whatever the last Welsh page left active.
    with translation.override("en"):
        return prefix + reverse(f"complaints:{name}", kwargs=kwargs)


def complain(
    client,
    *,
    topic="payments",
    case=None,
    what_happened="My payment was late twice.",
    wanted_outcome="An explanation and an apology.",
    upload=None,
    prefix="",
):
    """Go through every page of the journey; returns the response to sending it."""
    about = {"topic": topic}
    if case is not None:
        about["case"] = case.reference
    response = client.post(url("about", prefix), about)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        url("details", prefix),
        {"what_happened": what_happened, "wanted_outcome": wanted_outcome},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    if upload is not None:
        response = client.post(url("evidence", prefix), {"evidence": upload})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert client.post(url("evidence", prefix), {}).status_code == 302
    assert client.get(url("check", prefix)).status_code == 200
    return client.post(url("check", prefix))


def admin_action(client, action, reviews):
    return client.post(
        reverse("admin:complaints_complaintreview_changelist"),
        {"action": action, "_selected_action": [str(review.pk) for review in reviews]},
        follow=True,
    )


def admin_answer(client, review, text):
    return client.post(
        reverse("admin:complaints_complaintreview_change", args=[review.pk]),
        {"answer_text": text},
    )
