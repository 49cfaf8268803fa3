from datetime import date
from decimal import Decimal

import pytest

from hmrc_income.services import import_income_file

from .feed_files import csv_file


@pytest.fixture
def feed_case(make_case, make_user):
    """A case decided on £400.00 a week whose paying parent has number JT987654B."""

    def make(nino="JT987654B", income=Decimal("400.00"), **options):
        case = make_case(
            paying_user=make_user(), receiving_user=make_user(), income=income, **options
        )
        case.parties.filter(role="paying").update(national_insurance_number=nino)
        case.parties.exclude(role="paying").update(national_insurance_number="")
        return case

    return make


@pytest.fixture
def import_lines(db, django_capture_on_commit_callbacks):
    """Import the given rows (emails sent as after commit); returns the report."""

    def run(*lines, name="feed.csv", today=None, acting_user=None):
        with django_capture_on_commit_callbacks(execute=True):
            return import_income_file(
                acting_user=acting_user,
                file_name=name,
                data=csv_file(*lines),
                today=today or date.today(),
            )

    return run
