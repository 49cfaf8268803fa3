"""The next annual review (12 months after the initial effective date, then yearly, across
leap years and month ends), where the income came from in words, and what the case page
and the dashboard say is coming up."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import IncomeRecord, IncomeSource
from cases.presenters.income import income_source_label, tax_year_label, tax_year_start
from cases.rules import review_on_or_after
from cms_portal.formatting import govuk_date


@pytest.mark.parametrize(
    ("initial", "today", "review"),
    [
        # Twelve months on, then the same date each year.
        (date(2025, 3, 3), date(2025, 3, 4), date(2026, 3, 3)),
        (date(2025, 3, 3), date(2026, 3, 3), date(2026, 3, 3)),
        (date(2025, 3, 3), date(2026, 3, 4), date(2027, 3, 3)),
        # 29 February: the 28th in other years, the 29th again in a leap year.
        (date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28)),
        (date(2024, 2, 29), date(2026, 3, 1), date(2027, 2, 28)),
        (date(2024, 2, 29), date(2027, 3, 1), date(2028, 2, 29)),
        # Month ends stay month ends; the last day of the year moves to the next year.
        (date(2025, 1, 31), date(2025, 2, 1), date(2026, 1, 31)),
        (date(2023, 2, 28), date(2024, 1, 1), date(2024, 2, 28)),
        (date(2025, 12, 31), date(2026, 12, 31), date(2026, 12, 31)),
        (date(2025, 12, 31), date(2027, 1, 1), date(2027, 12, 31)),
        # A case whose first decision is in the future: its first review is a year on.
        (date(2026, 6, 30), date(2026, 1, 1), date(2027, 6, 30)),
    ],
)
def test_review_on_or_after(initial, today, review):
    assert review_on_or_after(initial, today) == review


def test_tax_years_are_read_in_any_usual_form():
    assert [tax_year_start(v) for v in ("2024-25", "2024-2025", "2024/25", 2024, "2024")] == [
        2024
    ] * 5
    assert tax_year_start("2024-27") is None
    assert tax_year_start("last year") is None
    assert tax_year_start(None) is None
    assert tax_year_label("1999-00") == "tax year 1999 to 2000"


@pytest.mark.parametrize(
    ("record", "english", "welsh"),
    [
        (
            {"source": "hmrc_historic", "tax_year": "2024-25"},
            "HMRC, tax year 2024 to 2025",
            "CThEF, blwyddyn dreth 2024 i 2025",
        ),
        ({"source": "hmrc_current", "tax_year": ""}, "HMRC", "CThEF"),
        # A feed's own source name still reads as HMRC.
        (
            SimpleNamespace(source="hmrc_feed", tax_year="2025-26"),
            "HMRC, tax year 2025 to 2026",
            "CThEF, blwyddyn dreth 2025 i 2026",
        ),
        (
            {"source": "self_assessment", "tax_year": "2023-24"},
            "Self Assessment tax return, tax year 2023 to 2024",
            "Ffurflen dreth Hunanasesiad, blwyddyn dreth 2023 i 2024",
        ),
        (
            {"source": "reported"},
            "Reported by the paying parent",
            "Wedi’i roi gan y rhiant sy’n talu",
        ),
        (
            {"source": "caseworker_estimate", "tax_year": "2024-25"},
            "Estimated by a caseworker",
            "Wedi’i amcangyfrif gan weithiwr achos",
        ),
        # No source at all: an older record, a record without the fields, or none.
        (SimpleNamespace(), "Recorded by a caseworker", "Wedi’i gofnodi gan weithiwr achos"),
        ({}, "Recorded by a caseworker", "Wedi’i gofnodi gan weithiwr achos"),
        (None, "Recorded by a caseworker", "Wedi’i gofnodi gan weithiwr achos"),
    ],
)
def test_income_source_label(record, english, welsh):
    with translation.override("en"):
        assert income_source_label(record) == english
    with translation.override("cy"):
        assert income_source_label(record) == welsh


@pytest.mark.django_db
def test_income_source_label_reads_a_stored_record(family_case):
    record = IncomeRecord.objects.filter(case=family_case).first()
    assert record.source == IncomeSource.HMRC_HISTORIC
    with translation.override("en"):
        assert income_source_label(record) == "HMRC, tax year 2024 to 2025"


def _path(name, language="en", **kwargs):
    with translation.override("en"):
        path = reverse(name, kwargs=kwargs)
    return f"/cy{path}" if language == "cy" else path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "review_words", "income_words", "next_words"),
    [
        ("en", "Your case will be reviewed on", "HMRC, tax year 2024 to 2025", "What happens next"),
        (
            "cy",
            "Bydd eich achos yn cael ei adolygu ar",
            "CThEF, blwyddyn dreth 2024 i 2025",
            "Beth sy’n digwydd nesaf",
        ),
    ],
)
def test_case_page_and_dashboard_show_what_is_coming(
    family_case, paying_parent, signed_in_client, language, review_words, income_words, next_words
):
    from cases.selectors import decisions_for_case

    first = decisions_for_case(family_case)[-1]
    review = review_on_or_after(first.effective_date, timezone.localdate())
    with translation.override(language):
        review_text = govuk_date(review)
    client = signed_in_client(paying_parent)
    page = client.get(_path("cases:detail", language, reference=family_case.reference))
    body = page.content.decode()
    assert f"{review_words} {review_text}" in body
    assert income_words in body
    assert next_words in body
    dashboard = client.get(_path("cases:dashboard", language)).content.decode()
    assert f"{review_words} {review_text}" in dashboard


@pytest.mark.django_db
def test_the_review_follows_the_first_decision_not_the_latest(
    make_case, make_user, signed_in_client
):
    from cases import services

    user = make_user()
    first_effective = timezone.localdate() - timedelta(days=400)
    case = make_case(paying_user=user, effective_date=first_effective)
    services.make_decision(acting_user=None, case=case, notify=False)  # effective today
    expected = review_on_or_after(first_effective, timezone.localdate())
    assert expected != review_on_or_after(timezone.localdate(), timezone.localdate())
    page = signed_in_client(user).get(_path("cases:detail", reference=case.reference))
    assert f"Your case will be reviewed on {govuk_date(expected)}" in page.content.decode()


@pytest.mark.django_db
def test_a_case_without_a_decision_shows_no_review(make_case, make_user, signed_in_client):
    user = make_user()
    case = make_case(paying_user=user, decision=False)
    client = signed_in_client(user)
    for path in (_path("cases:detail", reference=case.reference), _path("cases:dashboard")):
        body = client.get(path).content.decode()
        assert "Your case will be reviewed" not in body
