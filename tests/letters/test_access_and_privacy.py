"""Who may download which letter, and what a letter never says about the other parent."""

import pytest
from django.urls import reverse

from cases import services
from letters.periods import TAX_YEAR, period_containing
from tests.fixtures.payments import business_date

from .helpers import pdf_text, read_pdf

ROLES = ["anonymous", "paying", "receiving", "representative", "other_parent", "employer"]
ALLOWED = {"paying", "receiving", "representative"}


@pytest.fixture
def letter_case(make_case, make_user, run_nightly, pay, days_ago):
    case = make_case(
        service_type="collect_and_pay",
        paying_user=make_user(full_name="Cai Paying"),
        receiving_user=make_user(full_name="Ceri Receiving"),
    )
    run_nightly(days_ago(1))
    pay(case, "312.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    return case


@pytest.fixture
def representative_for(make_user):
    def make(case):
        from datetime import date, timedelta

        from cases.models import Representative, RepresentativeStatus

        user = make_user(full_name="Rae Representative")
        Representative.objects.create(
            case=case,
            party=case.parties.get(role="receiving"),
            user=user,
            full_name=user.full_name,
            email=user.email,
            can_view=True,
            can_report_changes=True,
            can_message=True,
            valid_until=date.today() + timedelta(days=90),
            status=RepresentativeStatus.ACTIVE,
        )
        return user

    return make


def letter_urls(case):
    year = period_containing(TAX_YEAR, business_date()).year
    return {
        "decision": reverse(
            "letters:decision",
            kwargs={"reference": case.reference, "decision_id": case.decisions.latest().public_id},
        ),
        "statement": reverse(
            "letters:statement",
            kwargs={"reference": case.reference, "kind": TAX_YEAR, "year": year},
        ),
    }


def test_access_matrix(
    letter_case,
    representative_for,
    anonymous_client,
    signed_in_client,
    other_parent,
    employer_admin,
    mfa_user_client,
):
    parties = {party.role: party.user for party in letter_case.parties.all()}
    clients = {
        "anonymous": anonymous_client,
        "paying": signed_in_client(parties["paying"]),
        "receiving": signed_in_client(parties["receiving"]),
        "representative": signed_in_client(representative_for(letter_case)),
        "other_parent": signed_in_client(other_parent),
        "employer": mfa_user_client(employer_admin),
    }
    failures = []
    for name, url in letter_urls(letter_case).items():
        for prefix in ("", "/cy"):
            for role in ROLES:
                response = clients[role].get(prefix + url)
                if role == "anonymous":
                    ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
                elif role in ALLOWED:
                    ok = response.status_code == 200 and response.content.startswith(b"%PDF")
                else:
                    ok = response.status_code == 404
                if not ok:
                    failures.append(f"{prefix}{name} as {role}: {response.status_code}")
    assert not failures, failures


def test_another_cases_decision_is_not_found_under_your_case(
    family_case, paying_parent, other_parent, signed_in_client
):
    theirs = other_parent.parties.get().case.decisions.latest()
    url = reverse(
        "letters:decision",
        kwargs={"reference": family_case.reference, "decision_id": theirs.public_id},
    )
    assert signed_in_client(paying_parent).get(url).status_code == 404


def test_only_get_is_allowed(letter_case, signed_in_client):
    user = letter_case.parties.get(role="paying").user
    for url in letter_urls(letter_case).values():
        assert signed_in_client(user).post(url).status_code == 405


# Distinctive values planted in one parent's record; the other's letters must not say them.
SECRETS = {
    "address_line_1": "Zqxaddress Terrace",
    "address_line_2": "Zqxline Two",
    "town": "Zqxtownville",
    "postcode": "YO62 7XW",
    "phone": "07111 246813",
    "email": "zqx-private@example.test",
    "bank_account_name": "Zqxbankname",
    "bank_sort_code": "908172",
    "bank_account_number": "81726354",
    "employer_name": "Zqxemployer Holdings",
    "national_insurance_number": "ZX998877A",
}


@pytest.mark.parametrize("prefix", ["", "/cy"])
@pytest.mark.parametrize("seeded,reader", [("paying", "receiving"), ("receiving", "paying")])
def test_a_letter_never_says_where_the_other_parent_lives_or_how_to_reach_them(
    letter_case, signed_in_client, seeded, reader, prefix
):
    services.update_party(acting_user=None, party=letter_case.parties.get(role=seeded), **SECRETS)
    client = signed_in_client(letter_case.parties.get(role=reader).user)
    for url in letter_urls(letter_case).values():
        text = pdf_text(read_pdf(client.get(prefix + url)))
        leaked = [name for name, value in SECRETS.items() if value.lower() in text.lower()]
        assert not leaked, f"{url}: {leaked}"
        assert "YO62" not in text and "81726354" not in text
