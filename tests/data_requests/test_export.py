"""What the ZIP holds: README, JSON and CSV, in the parent's language, read through the
same presenters as their pages; and nothing of the other parent's personal details."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from arrears_plans import presenters as plan_presenter
from arrears_plans import services as plan_services
from arrears_plans.models import ArrearsPlanRequest
from cases import services as case_services
from cases.presenters import case as case_presenter
from cases.selectors import CaseAccess, current_decision
from cms_portal.audit import record_audit_event
from cms_portal.formatting import govuk_date
from complaints import presenters as complaint_presenter
from complaints import services as complaint_services
from complaints.models import ComplaintEvidence
from data_requests.archive import JSON_NAME, README_NAME, csv_name
from data_requests.export import TABLES
from payments.selectors import active_plan, plan_progress
from tests.cases.conftest import PDF_BYTES, pdf_upload, side_objects

from .conftest import zip_members


def _csv_rows(members, table):
    text = members[csv_name(table)].decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_zip_holds_a_readme_the_json_every_csv_and_the_files(
    collect_and_pay_case, cp_paying_parent, run_nightly, pay, prepare_copy
):
    case = collect_and_pay_case
    paying = case.parties.get(role="paying")
    objects = side_objects(case, paying, cp_paying_parent)
    run_nightly()
    pay(case, "50.00")

    data_request = prepare_copy(cp_paying_parent)

    assert data_request.status == "ready"
    members = zip_members(data_request)
    assert README_NAME in members and JSON_NAME in members
    assert {csv_name(table) for table in TABLES} <= set(members)
    sent_files = [name for name in members if name.startswith(f"files/{case.reference}/")]
    assert len(sent_files) == 1 and members[sent_files[0]] == PDF_BYTES

    data = json.loads(members[JSON_NAME])
    assert data["account"]["email"] == cp_paying_parent.email
    assert data["profile"][0]["full_name"] == paying.full_name
    assert data["profile"][0]["bank_account_number"] == "****9911"  # as the pages mask it
    assert [row["case_reference"] for row in data["cases"]] == [case.reference]
    # The decision with its explanation, worded exactly as the decision page words it.
    decision = current_decision(case)
    shown = case_presenter.decision_summary(
        CaseAccess(case=case, party=paying), decision, "en", timezone.localdate()
    )
    exported = data["decisions"][0]
    assert exported["decision_id"] == str(decision.public_id)
    assert exported["explanation"] == [str(line) for line in shown["explanation"]]
    assert exported["explanation"]
    assert {row["figure"] for row in exported["figures"]} == {
        row["key"]["text"] for row in shown["inputs"]
    }
    assert data["payment_schedule"]
    assert any(
        row["what"].startswith("Payment received") and row["amount"] == "-50.00"
        for row in data["statement"]
    )
    assert [(row["subject"], row["message"]) for row in data["messages"]] == [
        ("A question", "Hello")
    ]
    assert data["attachments"][0]["file_in_this_download"] == sent_files[0]
    assert objects.report.reference in {row["reference"] for row in data["change_reports"]}
    assert {"action": "message.sent", "by": "You"}.items() <= next(
        row for row in data["activity"] if row["action"] == "message.sent"
    ).items()

    # The CSV holds the same rows under headings in words.
    steps = _csv_rows(members, "decision_explanations")
    assert steps[0] == ["Case reference", "Decision", "Step", "How we worked it out"]
    assert [row[3] for row in steps[1:]] == exported["explanation"]
    statement = _csv_rows(members, "statement")
    assert statement[0] == ["Case reference", "Date", "What", "Amount", "Balance"]
    assert len(statement) == len(data["statement"]) + 1

    readme = members[README_NAME].decode("utf-8")
    assert readme.startswith("A copy of your data from the Child Maintenance Service")
    assert "csv/decision-explanations.csv" in readme
    assert "until" in readme


def test_a_welsh_speaker_gets_the_readme_and_headings_in_welsh(
    family_case, paying_parent, prepare_copy
):
    paying_parent.preferred_language = "cy"
    paying_parent.save(update_fields=["preferred_language"])

    members = zip_members(prepare_copy(paying_parent))

    with translation.override("cy"):
        title = translation.gettext("A copy of your data from the Child Maintenance Service")
        heading = translation.gettext("How we worked it out")
        role = translation.gettext("Paying parent")
    assert title != "A copy of your data from the Child Maintenance Service"
    assert members[README_NAME].decode("utf-8").startswith(title)
    assert _csv_rows(members, "decision_explanations")[0][3] == heading
    data = json.loads(members[JSON_NAME])
    assert data["cases"][0]["role"] == role
    # The explanation is the Welsh one the Welsh decision page shows.
    decision = current_decision(family_case)
    access = CaseAccess(case=family_case, party=family_case.parties.get(role="paying"))
    with translation.override("cy"):
        welsh = case_presenter.explanation(access, decision, "cy")
    assert data["decisions"][0]["explanation"] == [str(line) for line in welsh]


def test_a_representative_only_user_cannot_ask(representative):
    from data_requests.selectors import can_request_data_copy

    assert not can_request_data_copy(representative)


# The other parent's details, each a token that appears nowhere else.
PRIVATE_TOKENS = {
    "email": "tok-email-{n}@example.test",
    "pending_email": "tok-pending-{n}@example.test",
    "phone": "07700 9{n}4321",
    "address_line_1": "{n} Tokenaddress Lane",
    "address_line_2": "Tokenflat {n}",
    "town": "Tokentown{n}",
    "postcode": "TK{n} 9ZZ",
    "bank_account_name": "Tokenbankname {n}",
    "bank_sort_code": "9{n}8273",
    "bank_account_number": "4{n}381957",
    "national_insurance_number": "TK{n}7391A",
    "employer_name": "Tokenemployer {n} Ltd",
}


def _plant(party, number):
    tokens = {name: value.format(n=number) for name, value in PRIVATE_TOKENS.items()}
    for name, value in tokens.items():
        setattr(party, name, value)
    party.save()
    if party.user_id:
        party.user.full_name = f"Tokenusername {number}"
        party.user.save(update_fields=["full_name"])
        tokens["user_full_name"] = party.user.full_name
        tokens["user_email"] = party.user.email
    return set(tokens.values())


def _other_side_activity(case, party, number):
    """Messages, files, changes and a challenge on another party's side, each with a token."""
    access = CaseAccess(case=case, party=party)
    user = party.user
    case_services.start_thread(
        acting_user=user,
        access=access,
        subject=f"Tokensubject {number}",
        body=f"Tokenmessage {number}",
        upload=pdf_upload(f"tokenfile{number}.pdf", PDF_BYTES + f"Tokencontent{number}".encode()),
    )
    case_services.report_change(
        acting_user=user,
        access=access,
        kind="extra_payment",
        answers={"amount": 10, "paid_on": date.today(), "note": f"Tokenchange {number}"},
    )
    complaint = complaint_services.submit_complaint(
        acting_user=user,
        topic="payments",
        case=case,
        what_happened=f"Tokencomplaint {number}",
        wanted_outcome=f"Tokenwanted {number}",
    )
    complaint_services.answer_review(
        acting_user=None, review=complaint.reviews.get(), answer=f"Tokenanswer {number}"
    )
    tokens = {
        f"Tokensubject {number}",
        f"Tokenmessage {number}",
        f"tokenfile{number}",
        f"Tokencontent{number}",
        f"Tokenchange {number}",
        f"Tokencomplaint {number}",
        f"Tokenwanted {number}",
        f"Tokenanswer {number}",
        complaint.reference,
    }
    if party.is_paying:
        # Net income is the paying parent's own: nobody else's file may hold it.
        plan_services.request_arrears_plan(
            acting_user=user, access=access, amount=Decimal("1.00"), net_income=Decimal("1234.56")
        )
        tokens |= {"1,234.56", "1234.56"}
    return tokens


@pytest.mark.parametrize("reader_role", ["paying", "receiving"])
def test_no_file_in_the_zip_holds_the_other_parents_details(
    reader_role, make_case, make_user, run_nightly, pay, prepare_copy
):
    case = make_case(
        service_type="collect_and_pay",
        paying_user=make_user(),
        receiving_users=[make_user(), make_user()],
        receiving_parents=2,
    )
    run_nightly()
    pay(case, "40.00")
    paying = case.parties.get(role="paying")
    first, second = case.receiving_parties
    reader = paying if reader_role == "paying" else first
    own_tokens = _plant(reader, 1)
    side_objects(case, reader, reader.user)
    forbidden = set()
    for number, party in enumerate((p for p in (paying, first, second) if p != reader), start=2):
        forbidden |= _plant(party, number)
        forbidden |= _other_side_activity(case, party, number)
    # Receiving parents are not told about each other: not even the name.
    second.full_name = "Tokensecondname"
    second.save(update_fields=["full_name"])
    if reader_role == "receiving":
        forbidden.add("Tokensecondname")
        forbidden |= {child["full_name"] for child in _children_of(case, second)}
    # An event's details may name anyone: they never leave the database.
    record_audit_event(acting_user=None, action="decision.made", obj=case, note="Tokenauditdetail")
    forbidden.add("Tokenauditdetail")

    members = zip_members(prepare_copy(reader.user))

    everything = b"\n".join(members.values())
    found = {token for token in forbidden if token.encode() in everything}
    assert not found, f"The other parent's details are in the file: {sorted(found)}"
    # The search can find what is there: the reader's own address is.
    assert reader.address_line_1.encode() in members[JSON_NAME]
    assert own_tokens
    # What the reader's own case page shows of the others is there.
    if reader_role == "paying":
        assert first.full_name.encode() in members[JSON_NAME]
    else:
        assert paying.full_name.encode() in members[JSON_NAME]
    data = json.loads(members[JSON_NAME])
    assert "decision.made" in {row["action"] for row in data["activity"]}
    assert all(set(row) == {"when", "action", "by", "case_reference"} for row in data["activity"])


def _children_of(case, party):
    for entry in current_decision(case).calculation_input["receiving_parties"]:
        if entry["public_id"] == str(party.public_id):
            return entry["children"]
    return []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_copy_holds_your_complaints_and_arrears_plan_as_their_pages_show_them(
    language, collect_and_pay_case, cp_paying_parent, run_nightly, prepare_copy
):
    case = collect_and_pay_case
    paying = case.parties.get(role="paying")
    run_nightly()  # the first instalment is due and unpaid: arrears
    complaint = complaint_services.submit_complaint(
        acting_user=cp_paying_parent,
        topic="payments",
        case=case,
        what_happened="My payment went missing.",
        wanted_outcome="Find it.",
    )
    evidence = complaint_services.store_evidence(
        acting_user=cp_paying_parent, upload=pdf_upload("receipt.pdf", PDF_BYTES)
    )
    ComplaintEvidence.objects.filter(pk=evidence.pk).update(complaint=complaint)
    complaint_services.answer_review(
        acting_user=None, review=complaint.reviews.get(), answer="We found it."
    )
    plan_request = plan_services.request_arrears_plan(
        acting_user=cp_paying_parent,
        access=CaseAccess(case=case, party=paying),
        amount=Decimal("50.00"),
    )
    cp_paying_parent.preferred_language = language
    cp_paying_parent.save(update_fields=["preferred_language"])

    with translation.override(language):
        members = zip_members(prepare_copy(cp_paying_parent))
        review = complaint.reviews.get()
        expected_status = str(complaint_presenter.status_tag(review)["text"])
        expected_answer_by = govuk_date(review.answer_by)
        expected_plan = [
            str(row["value"]["text"])
            for row in plan_presenter.plan_rows(active_plan(case), plan_progress(active_plan(case)))
        ]

    data = json.loads(members[JSON_NAME])
    [row] = data["complaints"]
    assert row["reference"] == complaint.reference
    assert row["case_reference"] == case.reference
    assert row["what_happened"] == "My payment went missing."
    assert row["status"] == expected_status
    assert row["answer_by"] == expected_answer_by
    assert [answer["our_answer"] for answer in data["complaint_answers"]] == ["We found it."]
    [sent_file] = [name for name in members if name.startswith("files/complaints/")]
    assert members[sent_file] == PDF_BYTES
    assert complaint.reference in sent_file

    assert ArrearsPlanRequest.objects.get(pk=plan_request.pk).status == "agreed"
    [asked] = data["arrears_plan_requests"]
    assert asked["case_reference"] == case.reference
    assert "50.00" in asked["amount_per_instalment"]
    assert [row["value"] for row in data["arrears_plan"]] == expected_plan
    headings = _csv_rows(members, "complaints")[0]
    assert headings[0] == ("Cyfeirnod" if language == "cy" else "Reference")


def test_the_receiving_parent_gets_no_arrears_plan_rows(
    collect_and_pay_case, cp_paying_parent, run_nightly, prepare_copy
):
    case = collect_and_pay_case
    paying = case.parties.get(role="paying")
    run_nightly()
    plan_services.request_arrears_plan(
        acting_user=cp_paying_parent,
        access=CaseAccess(case=case, party=paying),
        amount=Decimal("10.00"),
    )
    receiving = case.parties.get(role="receiving")
    data = json.loads(members_json(prepare_copy(receiving.user)))
    assert data["arrears_plan_requests"] == [] and data["arrears_plan"] == []
    assert data["complaints"] == []


def members_json(data_request):
    return zip_members(data_request)[JSON_NAME]


def test_what_you_told_us_in_a_change_is_its_questions_and_answers_in_your_language(
    family_case, paying_parent, prepare_copy
):
    """Not the form's field names and ISO dates: the questions the form asked, with the
    answers as the pages write them, in Welsh for a Welsh speaker."""
    paying = family_case.parties.get(role="paying")
    case_services.report_change(
        acting_user=paying_parent,
        access=CaseAccess(case=family_case, party=paying),
        kind="extra_payment",
        answers={"amount": Decimal("10"), "paid_on": date(2026, 3, 5), "note": ""},
    )
    paying_parent.preferred_language = "cy"
    paying_parent.save(update_fields=["preferred_language"])

    data = json.loads(zip_members(prepare_copy(paying_parent))[JSON_NAME])

    told = [row["what_you_told_us"] for row in data["change_reports"]][-1]
    with translation.override("cy"):
        asked = translation.gettext("When was it paid?")
    assert "paid_on" not in told and "2026-03-05" not in told
    assert f"{asked} 5 Mawrth 2026" in told and "£10.00" in told
