"""A full set of valid answers, page by page, as a browser would post them."""

from datetime import date

from django.urls import reverse
from django.utils import translation

from applications import journey
from applications.models import Application

TODAY = date.today()

ANSWERS = {
    "where-you-live": {"country": "wales"},
    "main-carer": {"main_carer": "yes"},
    "other-parent-in-uk": {"other_parent_in_uk": "yes"},
    "get-help-reference": {"reference": "GH12 3456 78"},
    "your-name": {"full_name": "Alys Applicant"},
    "your-date-of-birth": {
        "date_of_birth-day": "3",
        "date_of_birth-month": "4",
        "date_of_birth-year": "1990",
    },
    "your-national-insurance-number": {"national_insurance_number": "ab 12 34 56 c"},
    "your-address": {
        "address_line_1": "1 Hidden Lane",
        "town": "Secretville",
        "postcode": "cf10 1aa",
    },
    "your-phone": {"phone": "07700 900982"},
    "number-of-children": {"number_of_children": "1"},
    "child-1-name": {"full_name": "Cai Child"},
    "child-1-date-of-birth": {
        "date_of_birth-day": "1",
        "date_of_birth-month": "6",
        "date_of_birth-year": str(TODAY.year - 8),
    },
    "child-1-nights": {"nights": "52"},
    "other-parent-name": {"full_name": "Pat Payer"},
    "other-parent-date-of-birth": {
        "date_of_birth-day": "9",
        "date_of_birth-month": "9",
        "date_of_birth-year": "1988",
    },
    "other-parent-address": {"unknown": "on"},
    "other-parent-phone": {"unknown": "on"},
    "other-parent-employer": {"employer": "Acme Ltd"},
    "other-parent-national-insurance-number": {"unknown": "on"},
    "safety": {"safety_worried": "yes"},
    "domestic-abuse": {"domestic_abuse": "yes"},
    "hide-address": {"hide_address": "yes"},
    "new-name": {"hide_new_name": "no"},
    "collect-because-of-abuse": {"collect_because_of_abuse": "yes"},
    "bank-details": {
        "account_name": "A Applicant",
        "sort_code": "30-94-30",
        "account_number": "00733445",
    },
}


def answer_every_question(client, prefix="", answers=None):
    """Starts (or resumes) and answers each page the journey asks, following redirects
    the way a browser would. Returns the application."""
    answers = {**ANSWERS, **(answers or {})}
    response = client.post(f"{prefix}/apply/")
    assert response.status_code == 302, response
    location = response["Location"]
    seen = []
    while "/apply/" in location and not location.endswith("/check-your-answers/"):
        slug = location.rstrip("/").rsplit("/", 1)[-1]
        assert slug in answers, f"unexpected page {location}"
        assert slug not in seen, f"asked twice: {slug}"
        seen.append(slug)
        response = client.post(location, answers[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
        location = response["Location"]
    return Application.objects.get(pk=Application.objects.latest("created_at").pk), seen


def submit(client, prefix=""):
    response = client.post(f"{prefix}/apply/declaration/", {"confirm": "on"})
    assert response.status_code == 302
    return response


def question_url(slug, prefix=""):
    with translation.override("en"):
        return prefix + reverse("applications:question", args=[slug])


__all__ = ["ANSWERS", "answer_every_question", "journey", "question_url", "submit"]
