"""A caseworker runs a case from its one admin page: everything about the case with the
actions beside it, search boxes instead of whole-table lists, UK dates, Welsh for Welsh
speakers, a queue dashboard, and add forms that show no reference they will not save."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case
from cases.selectors import CaseAccess
from casework import services as casework_services
from casework.models import WorkItem
from employers.models import Employer
from tests.fixtures.cases import online_requests_on

SECTIONS = [
    "parties",
    "children",
    "income",
    "decisions",
    "balance",
    "ledger",
    "schedule",
    "enforcement",
    "orders",
    "messages",
    "changes",
    "queue",
]


def test_the_case_page_shows_every_part_of_the_case_with_its_actions(
    staff_client, make_employer, make_order, run_nightly, pay
):
    order = make_order(make_employer(name="Taff Payroll Ltd"))
    case = order.case
    run_nightly()
    pay(case, "12.34")
    receiving = case.parties.get(role="receiving")
    services.start_thread(
        acting_user=None,
        access=CaseAccess(case=case, party=receiving),
        subject="Where is my money",
        body="Question",
    )
    _user, client = staff_client("caseworker")
    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    for key in SECTIONS:
        assert f'id="case-{key}"' in page, key
    child = case.children.get()
    decision = case.decisions.get()
    for text in (
        receiving.full_name,
        child.full_name,
        "Taff Payroll Ltd",
        order.reference,
        "Where is my money",
        "£12.34",
        "Deduction from earnings order",
        reverse("admin:cases_party_change", args=[receiving.pk]),
        reverse("admin:cases_decision_change", args=[decision.pk]),
        reverse("admin:cases_child_add") + f"?case={case.pk}",
        reverse("admin:payments_enforcementaction_add") + f"?case={case.reference}",
        'value="make_decision"',
        'value="issue_activation_code"',
        "In force",
    ):
        assert text in page, text
    # A caseworker is not finance: no receipt recording offered.
    assert reverse("admin:payments_receipt_add") not in page


def test_the_actions_beside_a_case_work(staff_client, family_case):
    _user, client = staff_client("caseworker")
    before = family_case.decisions.count()
    response = client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "make_decision", "_selected_action": [family_case.pk]},
    )
    assert response.status_code == 302
    assert family_case.decisions.count() == before + 1
    add = client.get(reverse("admin:cases_child_add"), {"case": family_case.pk})
    assert add.context["adminform"].form.initial["case"] == str(family_case.pk)


def test_parties_cases_and_employers_are_searched_not_listed(staff_client, family_case):
    _user, client = staff_client("caseworker")
    for url, names in (
        (reverse("admin:cases_child_add"), ["case", "receiving_party"]),
        (reverse("admin:cases_party_add"), ["case"]),
        (reverse("admin:cases_incomerecord_add"), ["case"]),
        (reverse("admin:employers_deductionorder_add"), ["employer", "case"]),
    ):
        page = client.get(url).content.decode()
        for name in names:
            assert re.search(
                rf'<select[^>]*name="{name}"[^>]*class="[^"]*admin-autocomplete', page
            ), (url, name)
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": family_case.reference,
            "app_label": "cases",
            "model_name": "child",
            "field_name": "case",
        },
    )
    assert found.json()["results"][0]["text"] == family_case.reference


def test_dates_are_written_the_uk_way(staff_client, family_case):
    _user, client = staff_client("caseworker")
    decision = family_case.decisions.get()
    page = client.get(reverse("admin:cases_decision_change", args=[decision.pk])).content.decode()
    effective = decision.effective_date
    assert f"{effective.day} {effective:%B} {effective.year}" in page
    assert (
        client.post(
            reverse("admin:cases_child_add"),
            {
                "case": family_case.pk,
                "receiving_party": family_case.parties.get(role="receiving").pk,
                "full_name": "Dated Child",
                "date_of_birth": "05/04/2019",
                "shared_care_nights": 0,
            },
        ).status_code
        == 302
    )
    assert family_case.children.get(full_name="Dated Child").date_of_birth.month == 4


def test_the_admin_in_welsh(staff_client):
    user, client = staff_client("caseworker")
    page = client.get("/cy/admin/").content.decode()
    assert 'lang="cy"' in page and "Offer gweithwyr achos" in page
    assert 'href="/admin/"' in page  # back to English
    assert 'href="/cy/admin/"' in client.get("/admin/").content.decode()
    user.preferred_language = "cy"
    user.save()
    response = client.get(reverse("cms_portal:after_sign_in"))
    assert response["Location"] == "/cy/admin/"


def test_the_queue_dashboard_counts_ages_and_deadlines(staff_client, family_case):
    _user, client = staff_client("caseworker")
    old = casework_services.add_to_caseworker_queue(
        acting_user=None, case=family_case, kind="message", summary="Old message"
    )
    WorkItem.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))
    casework_services.add_to_caseworker_queue(
        acting_user=None,
        case=family_case,
        kind="change_report",
        summary="New change",
        source_reference="CR1",
    )
    response = client.get(reverse("admin:casework_workitem_dashboard"))
    assert response.status_code == 200
    rows = {row["kind"]: row for row in response.context["rows"]}
    assert rows["message"]["open"] == 1 and rows["message"]["oldest_days"] == 9
    assert rows["message"]["overdue"] == 1 and rows["change_report"]["overdue"] == 0
    first = response.context["items"][0]
    assert first["item"].summary == "Old message" and first["late"]
    assert "Late:" in response.content.decode()
    assert (
        reverse("admin:casework_workitem_dashboard")
        in client.get(reverse("admin:index")).content.decode()
    )


def test_add_forms_show_no_reference_they_would_not_save(staff_client, family_case):
    _user, client = staff_client("caseworker")
    twelve_digits = re.compile(r"\b1\d{11}\b")
    page = client.get(reverse("admin:cases_case_add")).content.decode()
    assert not twelve_digits.search(page)
    response = client.post(
        reverse("admin:cases_case_add"),
        {
            "service_type": "direct_pay",
            "payment_frequency": "monthly",
            "status": "open",
            "assigned_caseworker": "",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("admin:employers_employer_add")).content.decode()
    assert not re.search(r"\b\d{10}\b", page.split('id="content-main"')[1])
    party_page = client.get(reverse("admin:cases_party_add")).content.decode()
    assert "public_id" not in party_page
    assert Case.objects.count() == 2 and Employer.objects.count() == 0


def test_the_admin_names_each_area_in_welsh(staff_client):
    """The headings over each area's lists, and the admin's own words around them,
    are Welsh too."""
    _user, client = staff_client("caseworker")
    page = client.get("/cy/admin/").content.decode()
    assert ">Achosion</a>" in page and ">Cyflogwyr</a>" in page
    assert ">Cases</a>" not in page and ">Employers</a>" not in page
    # Django's own Welsh catalogue leaves these admin strings in English.
    for english in ("View site", "Recent actions", "Model name", "Add link", "Toggle theme"):
        assert english not in page, english


def test_the_case_page_holds_the_requests_complaints_and_enforcement_stages(
    staff_client, collect_and_pay_case, run_nightly, days_ago
):
    from payments.models import EnforcementStep
    from payments.services.enforcement_process import start_stage

    case = collect_and_pay_case
    run_nightly()
    caseworker, caseworker_client = staff_client("caseworker")
    start_stage(
        acting_user=caseworker,
        case=case,
        stage="arrears_notice",
        on_date=days_ago(0),
        idempotency_key="page:notice",
    )
    step = EnforcementStep.objects.filter(case=case).last()
    closure, variation, review, plan_request, application = online_requests_on(case, days_ago)
    url = reverse("admin:cases_case_change", args=[case.pk])
    page = caseworker_client.get(url).content.decode()
    for key in (
        "enforcement-stages",
        "closures",
        "variations",
        "complaints",
        "arrears-plan-requests",
        "application",
    ):
        assert f'id="case-{key}"' in page, key
    for text in (
        # Each row links to its own admin page, with its next step beside it.
        reverse("admin:payments_enforcementstep_change", args=[step.pk]),
        reverse("admin:payments_enforcementstep_outcome", args=[step.pk]),
        reverse("admin:payments_enforcementstep_add") + f"?case={case.reference}",
        closure.reference,
        reverse("admin:cases_closurerequest_confirm", args=[closure.pk]),
        reverse("admin:cases_closurerequest_refuse", args=[closure.pk]),
        variation.reference,
        reverse("admin:variations_variationrequest_change", args=[variation.pk]),
        review.complaint.reference,
        'value="acknowledge"',
        reverse("admin:arrears_plans_arrearsplanrequest_change", args=[plan_request.pk]),
        'value="agree_plans"',
        'value="refuse_plans"',
        application.reference,
    ):
        assert text in page, text
    welsh = caseworker_client.get(f"/cy{url}").content.decode()
    for title in ("Camau gorfodi", "Ceisiadau am gynllun ôl-ddyledion", "Cais"):
        assert title in welsh, title
    # Finance sees the case but decides none of these.
    _finance, finance_client = staff_client("finance")
    page = finance_client.get(url).content.decode()
    for text in (
        reverse("admin:cases_closurerequest_confirm", args=[closure.pk]),
        'value="agree_plans"',
        'value="acknowledge"',
        reverse("admin:payments_enforcementstep_outcome", args=[step.pk]),
    ):
        assert text not in page, text


def test_agreeing_an_arrears_plan_from_the_case_page_goes_through_the_service(
    staff_client, collect_and_pay_case, run_nightly, days_ago
):
    from arrears_plans.models import ArrearsPlanRequest

    run_nightly()
    _closure, _variation, _review, plan_request, _application = online_requests_on(
        collect_and_pay_case, days_ago
    )
    _user, client = staff_client("caseworker")
    response = client.post(
        reverse("admin:arrears_plans_arrearsplanrequest_changelist"),
        {"action": "refuse_plans", "_selected_action": [plan_request.pk]},
    )
    assert response.status_code == 302
    assert ArrearsPlanRequest.objects.get(pk=plan_request.pk).status == "refused"


def test_a_button_on_the_case_page_comes_back_to_the_case_page(staff_client, family_case):
    _user, client = staff_client("caseworker")
    case_url = reverse("admin:cases_case_change", args=[family_case.pk])
    page = client.get(case_url).content.decode()
    form = re.search(
        r'<form method="post"[^>]*>(?:(?!</form>).)*value="make_decision".*?</form>', page
    )
    assert form, "no button to make a decision"
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(0)))
    assert fields["_return_to"] == case_url
    before = family_case.decisions.count()
    response = client.post(reverse("admin:cases_case_changelist"), fields)
    assert response.status_code == 302 and response["Location"] == case_url
    assert family_case.decisions.count() == before + 1
    # Only a page of this site: anything else goes to the list as before.
    fields["_return_to"] = "https://elsewhere.example/"
    response = client.post(reverse("admin:cases_case_changelist"), fields)
    assert response["Location"] == reverse("admin:cases_case_changelist")


def test_admin_pages_name_their_icon(staff_client, family_case):
    """Without a link the browser asks for /favicon.ico, which is not found (a console
    error on every admin page)."""
    _user, client = staff_client("caseworker")
    for url in ("/admin/", reverse("admin:cases_case_change", args=[family_case.pk])):
        page = client.get(url).content.decode()
        assert re.search(r'<link rel="icon"[^>]*href="/static/[^"]*favicon\.ico"', page), url
