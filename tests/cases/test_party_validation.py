"""Party details are checked wherever they come in (admin, parents' forms, services):
National Insurance numbers, postcodes, bank details and dates of birth."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import services, validation
from cases.models import Child, Party

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("number", ["JT123456C", "jt 12 34 56 c", "AB123456A", "ZY112233D"])
def test_issued_ni_numbers_are_accepted_and_stored_compact(number):
    assert validation.ni_number(number) == number.replace(" ", "").upper()


@pytest.mark.parametrize(
    "number",
    [
        "12345",
        "JT123456",
        "JT123456E",
        "J1234567C",
        "JT12345C",
        "JT1234567C",
        # first letter never issued
        "DA123456A",
        "FA123456A",
        "IA123456A",
        "QA123456A",
        "UA123456A",
        "VA123456A",
        # second letter never issued
        "AD123456A",
        "AF123456A",
        "AI123456A",
        "AQ123456A",
        "AU123456A",
        "AV123456A",
        "AO123456A",
        # prefixes never issued
        "BG123456A",
        "GB123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",
    ],
)
def test_ni_numbers_never_issued_are_refused(number):
    with pytest.raises(ValidationError):
        validation.ni_number(number)


@given(st.from_regex(r"[A-Z]{2}[0-9]{6}[A-D]", fullmatch=True))
@settings(max_examples=200, deadline=None)
def test_any_ni_number_accepted_keeps_every_rule(number):
    try:
        validation.ni_number(number)
    except ValidationError:
        return
    assert number[0] not in "DFIQUV" and number[1] not in "DFIQUVO"
    assert number[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


@pytest.mark.parametrize(
    ("given_value", "stored"),
    [
        ("ls1 4ap", "LS1 4AP"),
        ("SW1A1AA", "SW1A 1AA"),
        ("  cf10   1bt ", "CF10 1BT"),
        ("M1 1AE", "M1 1AE"),
        ("W1A 0AX", "W1A 0AX"),
    ],
)
def test_postcodes_are_stored_in_one_form(given_value, stored):
    assert validation.postcode(given_value) == stored


@pytest.mark.parametrize(
    "value", ["NOT A POSTCODE", "12345", "LS1", "QA1 1AA", "LS1 1CA", "LS1 4AP X", "L\x00S1 4AP"]
)
def test_postcodes_that_cannot_exist_are_refused(value):
    with pytest.raises(ValidationError):
        validation.postcode(value)


def test_bank_details_are_checked_for_form():
    assert validation.sort_code("30-94-30") == "309430"
    assert validation.account_number("733445") == "00733445"
    for bad in ("abc", "12345", "1234567", "３０９４３０"):
        with pytest.raises(ValidationError):
            validation.sort_code(bad)
    for bad in ("abc", "12345", "123456789", "１２３４５６７８"):
        with pytest.raises(ValidationError):
            validation.account_number(bad)


def test_dates_of_birth_must_be_in_the_past_and_plausible():
    assert validation.parent_date_of_birth(date(1985, 3, 14), TODAY)
    for bad in (date(2030, 1, 1), TODAY, date(2020, 1, 1), date(1850, 1, 1)):
        with pytest.raises(ValidationError):
            validation.parent_date_of_birth(bad, TODAY)
    assert validation.child_date_of_birth(TODAY, TODAY)
    for bad in (date(2030, 1, 1), date(2000, 1, 1)):
        with pytest.raises(ValidationError):
            validation.child_date_of_birth(bad, TODAY)


BAD = {
    "date_of_birth": "2030-01-01",
    "national_insurance_number": "12345",
    "bank_sort_code": "abc",
    "postcode": "NOT A POSTCODE",
    "bank_account_number": "x1",
}


def test_the_admin_refuses_bad_party_details_field_by_field(caseworker_client, family_case):
    response = caseworker_client.post(
        reverse("admin:cases_party_add"),
        {
            "case": family_case.pk,
            "role": "receiving",
            "full_name": "New Person",
            "preferred_language": "en",
            **BAD,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(BAD) <= set(errors)
    assert not Party.objects.filter(full_name="New Person").exists()
    party = family_case.parties.get(role="receiving")
    url = reverse("admin:cases_party_change", args=[party.pk])
    form = caseworker_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    response = caseworker_client.post(url, {**data, "bank_sort_code": "abc"})
    assert response.status_code == 200
    party.refresh_from_db()
    assert party.bank_sort_code == "400000"
    response = caseworker_client.post(
        url,
        {
            **data,
            "bank_sort_code": "30-94-30",
            "postcode": "cf101bt",
            "national_insurance_number": "jt 12 34 56 a",
        },
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.bank_sort_code, party.postcode, party.national_insurance_number) == (
        "309430",
        "CF10 1BT",
        "JT123456A",
    )


def test_the_admin_refuses_a_child_born_in_the_future(caseworker_client, family_case):
    receiving = family_case.parties.get(role="receiving")
    response = caseworker_client.post(
        reverse("admin:cases_child_add"),
        {
            "case": family_case.pk,
            "receiving_party": receiving.pk,
            "full_name": "Future",
            "date_of_birth": "2030-01-01",
            "shared_care_nights": 0,
        },
    )
    assert response.status_code == 200
    assert "date_of_birth" in response.context["adminform"].form.errors
    assert not Child.objects.filter(full_name="Future").exists()


def test_the_services_refuse_bad_details_whoever_calls_them(family_case):
    with pytest.raises(ValidationError) as refused:
        services.add_party(
            acting_user=None,
            case=family_case,
            role="receiving",
            full_name="X",
            date_of_birth=date(2030, 1, 1),
            national_insurance_number="12345",
            bank_sort_code="abc",
            postcode="NOT A POSTCODE",
        )
    assert set(refused.value.error_dict) == {
        "date_of_birth",
        "national_insurance_number",
        "bank_sort_code",
        "postcode",
    }
    party = family_case.parties.get(role="paying")
    with pytest.raises(ValidationError):
        services.update_party(acting_user=None, party=party, national_insurance_number="QQ123456C")
    receiving = family_case.parties.get(role="receiving")
    with pytest.raises(ValidationError):
        services.add_child(
            acting_user=None,
            case=family_case,
            receiving_party=receiving,
            full_name="Old",
            date_of_birth=date(1990, 1, 1),
        )


def test_a_parents_change_forms_refuse_bad_postcodes_and_bank_details(
    family_case, signed_in_client, paying_parent, reauthenticate
):
    """The examples that were saved before: each is a 400 with its message, nothing kept."""
    from cases.models import ChangeReport
    from tests.cases.journey_data import valid_answers

    client = reauthenticate(signed_in_client(paying_parent))

    def post(kind, **changes):
        url = reverse(
            "cases:change_form", kwargs={"reference": family_case.reference, "kind": kind}
        )
        return client.post(url, {**valid_answers(kind, family_case), **changes})

    response = post("address", postcode="QQ1 1AA")  # no postcode starts with Q
    assert response.status_code == 400
    assert "Enter a real postcode" in response.content.decode()
    response = post("bank_details", bank_sort_code="abc", bank_account_number="12")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid sort code like 309430" in page
    assert "Account number must be between 6 and 8 digits" in page
    assert not ChangeReport.objects.exists()
    paying = family_case.parties.get(role="paying")
    assert paying.bank_sort_code != "abc" and paying.postcode != "QQ1 1AA"
