"""Dates on pages are written as Django's "j F Y" writes them, in English and Welsh."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation

from cms_portal.formatting import govuk_date, govuk_datetime

DAYS = [date(2026, 1, 1) + timedelta(days=step * 31 + step % 7) for step in range(14)]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_govuk_date_writes_what_django_writes(language):
    with translation.override(language):
        for day in [*DAYS, date(999, 12, 9), date(9999, 2, 28)]:
            assert govuk_date(day) == formats.date_format(day, "j F Y")
        assert govuk_date("2026-03-05") == formats.date_format(date(2026, 3, 5), "j F Y")


def test_govuk_date_of_a_moment_is_its_day_in_the_uk(settings):
    settings.TIME_ZONE = "Europe/London"
    late = datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 July in London
    assert govuk_date(late) == "1 July 2026"
    assert govuk_datetime(late) == "1 July 2026, 12:30am"
    with translation.override("cy"):
        assert govuk_date(late) == formats.date_format(date(2026, 7, 1), "j F Y")
    assert govuk_date(None) == govuk_date("") == ""


def test_welsh_july_is_spelt_gorffennaf():
    # Django's own Welsh catalogue has "Gorffenaf"; ours corrects it for every date.
    with translation.override("cy"):
        assert govuk_date(date(2026, 7, 15)) == "15 Gorffennaf 2026"
        assert formats.date_format(date(2026, 7, 15), "j F Y") == "15 Gorffennaf 2026"


def test_welsh_times_of_day_are_yb_and_yh(settings):
    settings.TIME_ZONE = "Europe/London"
    morning = datetime(2026, 3, 5, 9, 5, tzinfo=ZoneInfo("UTC"))
    afternoon = datetime(2026, 3, 5, 14, 30, tzinfo=ZoneInfo("UTC"))
    assert (govuk_datetime(morning), govuk_datetime(afternoon)) == (
        "5 March 2026, 9:05am",
        "5 March 2026, 2:30pm",
    )
    with translation.override("cy"):
        assert (govuk_datetime(morning), govuk_datetime(afternoon)) == (
            "5 Mawrth 2026, 9:05yb",
            "5 Mawrth 2026, 2:30yh",
        )
