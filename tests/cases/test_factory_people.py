"""The case factory numbers the people it makes. A run that makes over a thousand (the
page walks start first) must still give them real-looking UK mobile numbers, or a page
that shows a valid number only would differ with the order tests run in."""

import itertools
import re

from tests.fixtures import cases as case_fixtures


def test_people_made_after_the_thousandth_have_mobile_numbers_of_eleven_digits(
    make_case, monkeypatch
):
    monkeypatch.setattr(case_fixtures, "_numbers", itertools.count(1234))
    case = make_case()
    digits = [re.sub(r"\D", "", party.phone) for party in case.parties.all()]
    assert digits and all(re.fullmatch(r"0770090[01]\d{3}", number) for number in digits)
