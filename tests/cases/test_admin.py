"""Caseworkers run cases from the admin through the same services; every action is audited."""

from decimal import Decimal

from django.core import mail
from django.urls import reverse

from cases import services
from cases.models import Case, ChangeReport, Party
from cases.selectors import CaseAccess
from casework.models import WorkItem
from cms_portal.models import AuditEvent


def _action(client, model, action, objects):
    return client.post(
        reverse(f"admin:cases_{model}_changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
    )


def test_caseworker_sets_up_a_case_end_to_end(caseworker_client, caseworker):
    client = caseworker_client
    response = client.post(
        reverse("admin:cases_case_add"),
        {
            "service_type": "direct_pay",
            "payment_frequency": "monthly",
            "status": "open",
            "assigned_caseworker": "",
            "parties-TOTAL_FORMS": 0,
            "parties-INITIAL_FORMS": 0,
            "children-TOTAL_FORMS": 0,
            "children-INITIAL_FORMS": 0,
            "decisions-TOTAL_FORMS": 0,
            "decisions-INITIAL_FORMS": 0,
            "work_items-TOTAL_FORMS": 0,
            "work_items-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    for role, name in (("paying", "Pat"), ("receiving", "Robin")):
        response = client.post(
            reverse("admin:cases_party_add"),
            {
                "case": case.pk,
                "role": role,
                "full_name": name,
                "date_of_birth": "1985-01-02",
                "preferred_language": "en",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    receiving = case.parties.get(role="receiving")
    assert (
        client.post(
            reverse("admin:cases_child_add"),
            {
                "case": case.pk,
                "receiving_party": receiving.pk,
                "full_name": "Kid",
                "date_of_birth": "2016-05-05",
                "shared_care_nights": 0,
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("admin:cases_incomerecord_add"),
            {
                "case": case.pk,
                "gross_weekly_income": "300.00",
                "benefit": "none",
                "source": "hmrc_historic",
                "tax_year": "2024-25",
                "effective_from": "2025-01-01",
            },
        ).status_code
        == 302
    )
    _action(client, "case", "make_decision", [case])
    assert case.decisions.get().weekly_amount == Decimal("36.00")
    response = _action(client, "party", "issue_activation_code", [receiving])
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Activation code for Robin" in page
    actions = set(AuditEvent.objects.filter(actor=caseworker).values_list("action", flat=True))
    assert {
        "case.created",
        "party.added",
        "child.added",
        "income.recorded",
        "decision.made",
        "activation_code.issued",
    } <= actions


def test_second_paying_parent_is_refused_with_a_message(caseworker_client, family_case):
    response = caseworker_client.post(
        reverse("admin:cases_party_add"),
        {
            "case": family_case.pk,
            "role": "paying",
            "full_name": "Another",
            "date_of_birth": "1980-01-01",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 200
    assert "already has a paying parent" in response.content.decode()
    assert family_case.parties.filter(role="paying").count() == 1


def test_viewing_a_case_in_admin_is_audited(caseworker_client, caseworker, family_case):
    caseworker_client.get(reverse("admin:cases_case_change", args=[family_case.pk]))
    assert AuditEvent.objects.filter(
        actor=caseworker, action="case.viewed_by_caseworker", object_ref=family_case.reference
    ).exists()


def test_answering_a_message_from_admin(
    caseworker_client, family_case, receiving_parent, django_capture_on_commit_callbacks
):
    receiving = family_case.parties.get(role="receiving")
    message = services.start_thread(
        acting_user=receiving_parent,
        access=CaseAccess(case=family_case, party=receiving),
        subject="Help",
        body="Question",
    )
    thread = message.thread
    assert WorkItem.objects.filter(kind="message", status="open").exists()
    url = reverse("admin:cases_messagethread_change", args=[thread.pk])
    assert caseworker_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = caseworker_client.post(
            url,
            {"reply": "Here is the answer", "messages-TOTAL_FORMS": 0, "messages-INITIAL_FORMS": 0},
        )
    assert response.status_code == 302
    assert thread.messages.filter(from_caseworker=True, body="Here is the answer").exists()
    assert not WorkItem.objects.filter(kind="message", status="open").exists()
    assert "Here is the answer" not in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="message.replied").exists()


def test_applying_a_queued_shared_care_change_makes_a_decision(
    caseworker_client, family_case, receiving_parent
):
    receiving = family_case.parties.get(role="receiving")
    child = family_case.children.get()
    report = services.report_change(
        acting_user=receiving_parent,
        access=CaseAccess(case=family_case, party=receiving),
        kind="shared_care",
        answers={
            "child": str(child.public_id),
            "nights": 156,
            "changed_on": child.created_at.date(),
        },
    )
    assert report.status == "with_caseworker"
    before = family_case.decisions.count()
    _action(caseworker_client, "changereport", "apply_changes", [report])
    report.refresh_from_db()
    child.refresh_from_db()
    assert report.status == "new_decision" and child.shared_care_nights == 156
    assert family_case.decisions.count() == before + 1
    assert not WorkItem.objects.filter(source_reference=report.reference, status="open").exists()


def test_asking_for_evidence_shows_on_the_parent_dashboard(
    caseworker_client, family_case, receiving_parent, signed_in_client
):
    receiving = family_case.parties.get(role="receiving")
    report = services.report_change(
        acting_user=receiving_parent,
        access=CaseAccess(case=family_case, party=receiving),
        kind="extra_payment",
        answers={"amount": Decimal("5"), "paid_on": receiving.created_at.date()},
    )
    services.set_change_note(acting_user=None, change_report=report, note="Send a bank statement")
    _action(caseworker_client, "changereport", "ask_for_evidence", [report])
    assert ChangeReport.objects.get().status == "evidence_needed"
    client = signed_in_client(receiving_parent)
    assert (
        f"Send evidence for change {report.reference}"
        in client.get(reverse("cases:dashboard")).content.decode()
    )
    page = client.get(
        reverse(
            "cases:change",
            kwargs={"reference": family_case.reference, "change_id": report.public_id},
        )
    )
    assert "Send a bank statement" in page.content.decode()


def test_admin_pages_load(caseworker_client, family_case):
    for model in (
        "case",
        "party",
        "child",
        "incomerecord",
        "decision",
        "changereport",
        "reconsideration",
        "messagethread",
        "attachment",
        "representative",
        "activationcode",
        "relevantotherchild",
    ):
        assert caseworker_client.get(reverse(f"admin:cases_{model}_changelist")).status_code == 200
    assert caseworker_client.get(reverse("admin:casework_workitem_changelist")).status_code == 200
    decision = family_case.decisions.get()
    assert (
        caseworker_client.get(
            reverse("admin:cases_decision_change", args=[decision.pk])
        ).status_code
        == 200
    )
    assert Party.objects.exists()


def test_a_negative_income_is_refused_beside_the_box(caseworker_client, family_case):
    before = family_case.income_records.count()
    response = caseworker_client.post(
        reverse("admin:cases_incomerecord_add"),
        {
            "case": family_case.pk,
            "gross_weekly_income": "-5",
            "benefit": "none",
            "source": "caseworker_estimate",
            "tax_year": "",
            "effective_from": "2026-12-06",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gross weekly income must be £0 or more." in page
    assert "Constraint" not in page and "cases_income_not_negative" not in page
    assert family_case.income_records.count() == before
