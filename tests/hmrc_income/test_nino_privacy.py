"""A National Insurance number is never shown in full: plant one, import rows for it
and for an unmatched number, then read every parent page and admin page that could show
it. Only the masked form (JT ** ** ** B) appears."""

from django.urls import reverse
from django.utils import translation

from hmrc_income.models import FeedRow, IncomeImport

from .feed_files import weekly_rows

PLANTED = "JT987654B"
UNMATCHED = "JT121212A"


def _forms(number):
    spaced = f"{number[:2]} {number[2:4]} {number[4:6]} {number[6:8]} {number[8]}"
    return [number, spaced, number[2:8], number.lower()]


def _assert_hidden(html, where):
    for number in (PLANTED, UNMATCHED):
        for form in _forms(number):
            assert form not in html, f"{form} shown on {where}"


def test_parent_pages_never_show_the_number(feed_case, import_lines, signed_in_client):
    case = feed_case(nino=PLANTED)
    import_lines(*weekly_rows(PLANTED, "900.00"), *weekly_rows(UNMATCHED, "100.00"))
    decision = case.decisions.order_by("-decided_at").first()
    with translation.override("en"):
        detail = reverse("cases:detail", kwargs={"reference": case.reference})
        urls = [
            reverse("cases:dashboard"),
            detail,
            reverse(
                "cases:decision",
                kwargs={"reference": case.reference, "decision_id": decision.public_id},
            ),
            f"/cy{detail}",
        ]
    for party in case.parties.all():
        client = signed_in_client(party.user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            _assert_hidden(response.content.decode(), url)


def test_admin_pages_show_only_the_masked_number(feed_case, import_lines, caseworker_client):
    case = feed_case(nino=PLANTED)
    import_lines(*weekly_rows(PLANTED, "900.00"), *weekly_rows(UNMATCHED, "100.00"))
    paying = case.parties.get(role="paying")
    matched_row = FeedRow.objects.filter(nino=PLANTED).first()
    unmatched_row = FeedRow.objects.filter(nino=UNMATCHED).first()
    pages = [
        reverse("admin:cases_party_changelist"),
        reverse("admin:cases_party_change", args=[paying.pk]),
        reverse("admin:hmrc_income_feedrow_changelist"),
        reverse("admin:hmrc_income_feedrow_change", args=[matched_row.pk]),
        reverse("admin:hmrc_income_unmatchedfeedrow_changelist"),
        reverse("admin:hmrc_income_unmatchedfeedrow_change", args=[unmatched_row.pk]),
        reverse("admin:hmrc_income_incomeimport_changelist"),
        reverse("admin:hmrc_income_incomeimport_change", args=[IncomeImport.objects.get().pk]),
        reverse("admin:cases_case_change", args=[case.pk]),
    ]
    for url in pages:
        response = caseworker_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        _assert_hidden(html, url)
    party_list = caseworker_client.get(pages[0]).content.decode()
    assert "JT ** ** ** B" in party_list
    unmatched_list = caseworker_client.get(pages[4]).content.decode()
    assert "JT ** ** ** A" in unmatched_list and "JT ** ** ** B" not in unmatched_list


def test_saving_a_party_in_admin_keeps_the_hidden_number(feed_case, caseworker_client):
    case = feed_case(nino=PLANTED)
    paying = case.parties.get(role="paying")
    url = reverse("admin:cases_party_change", args=[paying.pk])
    page = caseworker_client.get(url).content.decode()
    assert "We hold JT ** ** ** B" in page
    form = {
        "full_name": "New Name",
        "date_of_birth": paying.date_of_birth.isoformat(),
        "email": paying.email,
        "phone": paying.phone,
        "address_line_1": paying.address_line_1,
        "town": paying.town,
        "postcode": paying.postcode,
        "bank_account_name": paying.bank_account_name,
        "bank_sort_code": paying.bank_sort_code,
        "bank_account_number": paying.bank_account_number,
        "national_insurance_number": "",
        "employer_name": paying.employer_name,
        "preferred_language": "en",
    }
    response = caseworker_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    paying.refresh_from_db()
    assert paying.full_name == "New Name" and paying.national_insurance_number == PLANTED
    caseworker_client.post(url, {**form, "national_insurance_number": "jt 24 68 10 a"})
    paying.refresh_from_db()
    assert paying.national_insurance_number == "JT246810A"


def test_a_caseworker_matches_an_unmatched_row_in_admin(feed_case, import_lines, caseworker_client):
    case = feed_case(nino="")
    import_lines(*weekly_rows(UNMATCHED, "100.00"))
    row = FeedRow.objects.filter(nino=UNMATCHED).first()
    paying = case.parties.get(role="paying")
    url = reverse("admin:hmrc_income_unmatchedfeedrow_change", args=[row.pk])
    response = caseworker_client.post(url, {"party": paying.pk, "_save": "Save"})
    assert response.status_code == 302
    assert FeedRow.objects.filter(party=paying).count() == 13
