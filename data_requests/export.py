"""What goes in a copy of a parent's data, read through the same selectors and worded by
the same presenters as the parent's own pages, so the file shows nothing about the other
parent that those pages do not: their name and role at most, never where they live, how
to contact them, their employer, bank or National Insurance number.

`collect(user, today)` gives `Export`: tables of rows (plain strings, for JSON and CSV)
and the files the parent sent or received. Call it with the user's language active."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from arrears_plans import presenters as plan_presenter
from arrears_plans.models import ArrearsPlanRequest
from cases.models import Attachment, DecisionReason
from cases.presenters import case as case_presenter
from cases.presenters import changes as changes_presenter
from cases.presenters.messages import message_items
from cases.selectors import change_reports_for, decisions_for_case, threads_for
from cms_portal.formatting import govuk_date, money
from complaints import presenters as complaint_presenter
from complaints.models import ComplaintEvidence, Stage, Topic
from complaints.selectors import complaints_for, current_review
from payments import selectors as payment_selectors
from payments.dates import business_date
from payments.presenters import position
from payments.presenters import schedule as schedule_presenter
from payments.presenters.words import entry_description
from payments.selectors import active_plan, plan_progress

from .selectors import audit_events_about, own_accesses

# Each table: (key in the JSON, heading in the CSV), in column order.
TABLES = {
    "profile": [
        ("case_reference", gettext_lazy("Case reference")),
        ("role", gettext_lazy("Role")),
        ("full_name", gettext_lazy("Full name")),
        ("date_of_birth", gettext_lazy("Date of birth")),
        ("email", gettext_lazy("Email address")),
        ("phone", gettext_lazy("Phone number")),
        ("address_line_1", gettext_lazy("Address line 1")),
        ("address_line_2", gettext_lazy("Address line 2")),
        ("town", gettext_lazy("Town or city")),
        ("postcode", gettext_lazy("Postcode")),
        ("employer", gettext_lazy("Employer")),
        ("national_insurance_number", gettext_lazy("National Insurance number")),
        ("bank_account_name", gettext_lazy("Name on the account")),
        ("bank_sort_code", gettext_lazy("Sort code")),
        ("bank_account_number", gettext_lazy("Account number")),
        ("preferred_language", gettext_lazy("Preferred language")),
    ],
    "cases": [
        ("case_reference", gettext_lazy("Case reference")),
        ("role", gettext_lazy("Your role")),
        ("how_it_is_paid", gettext_lazy("How it is paid")),
        ("payment_frequency", gettext_lazy("How often payments are due")),
        ("status", gettext_lazy("Status")),
    ],
    "people": [
        ("case_reference", gettext_lazy("Case reference")),
        ("role", gettext_lazy("Role")),
        ("name", gettext_lazy("Name")),
    ],
    "children": [
        ("case_reference", gettext_lazy("Case reference")),
        ("name", gettext_lazy("Name")),
        ("age", gettext_lazy("Age")),
        ("status", gettext_lazy("Status")),
    ],
    "decisions": [
        ("case_reference", gettext_lazy("Case reference")),
        ("decision_id", gettext_lazy("Decision")),
        ("decided_on", gettext_lazy("Date of decision")),
        ("effective_date", gettext_lazy("Takes effect")),
        ("reason", gettext_lazy("Reason")),
        ("weekly_amount", gettext_lazy("Weekly amount")),
        ("each_payment", gettext_lazy("Each payment")),
        ("collection_fee", gettext_lazy("Collection fee")),
        ("challenge_by", gettext_lazy("Can be challenged until")),
    ],
    "decision_figures": [
        ("case_reference", gettext_lazy("Case reference")),
        ("decision_id", gettext_lazy("Decision")),
        ("figure", gettext_lazy("Figure")),
        ("value", gettext_lazy("Value")),
    ],
    "decision_explanations": [
        ("case_reference", gettext_lazy("Case reference")),
        ("decision_id", gettext_lazy("Decision")),
        ("step", gettext_lazy("Step")),
        ("explanation", gettext_lazy("How we worked it out")),
    ],
    "payment_schedule": [
        ("case_reference", gettext_lazy("Case reference")),
        ("due_date", gettext_lazy("Due date")),
        ("amount", gettext_lazy("Amount")),
        ("status", gettext_lazy("Status")),
    ],
    "statement": [
        ("case_reference", gettext_lazy("Case reference")),
        ("date", gettext_lazy("Date")),
        ("what", gettext_lazy("What")),
        ("amount", gettext_lazy("Amount")),
        ("balance", gettext_lazy("Balance")),
    ],
    "messages": [
        ("case_reference", gettext_lazy("Case reference")),
        ("subject", gettext_lazy("Subject")),
        ("sender", gettext_lazy("From")),
        ("sent", gettext_lazy("Sent")),
        ("message", gettext_lazy("Message")),
        ("files", gettext_lazy("Files")),
    ],
    "attachments": [
        ("case_reference", gettext_lazy("Case reference")),
        ("name", gettext_lazy("File name")),
        ("sent", gettext_lazy("Sent")),
        ("sent_with", gettext_lazy("Sent with")),
        ("file_in_this_download", gettext_lazy("File in this download")),
    ],
    "change_reports": [
        ("case_reference", gettext_lazy("Case reference")),
        ("reference", gettext_lazy("Reference")),
        ("what_changed", gettext_lazy("What changed")),
        ("reported", gettext_lazy("Reported")),
        ("status", gettext_lazy("Status")),
        ("what_you_told_us", gettext_lazy("What you told us")),
        ("what_we_did", gettext_lazy("What we did")),
        ("note_from_us", gettext_lazy("Note from us")),
    ],
    "arrears_plan_requests": [
        ("case_reference", gettext_lazy("Case reference")),
        ("sent", gettext_lazy("Sent")),
        ("amount_per_instalment", gettext_lazy("Towards your arrears with each payment")),
        ("net_income", gettext_lazy("Net income you told us")),
        ("arrears", gettext_lazy("Arrears when you asked")),
        ("first_payment", gettext_lazy("From the payment due on")),
        ("paid_off_by", gettext_lazy("Paid off by")),
        ("status", gettext_lazy("Status")),
    ],
    "arrears_plan": [
        ("case_reference", gettext_lazy("Case reference")),
        ("item", gettext_lazy("Item")),
        ("value", gettext_lazy("Value")),
    ],
    "complaints": [
        ("reference", gettext_lazy("Reference")),
        ("case_reference", gettext_lazy("Case reference")),
        ("about", gettext_lazy("About")),
        ("sent", gettext_lazy("Sent")),
        ("stage", gettext_lazy("Stage")),
        ("status", gettext_lazy("Status")),
        ("acknowledge_by", gettext_lazy("Acknowledge by")),
        ("answer_by", gettext_lazy("Answer by")),
        ("what_happened", gettext_lazy("What happened")),
        ("what_you_want_us_to_do", gettext_lazy("What you want us to do")),
    ],
    "complaint_answers": [
        ("reference", gettext_lazy("Reference")),
        ("stage", gettext_lazy("Stage")),
        ("why_you_asked_for_a_review", gettext_lazy("Why you asked for a review")),
        ("our_answer", gettext_lazy("Our answer")),
        ("answered", gettext_lazy("Answered")),
    ],
    "activity": [
        ("when", gettext_lazy("When")),
        ("action", gettext_lazy("What happened")),
        ("by", gettext_lazy("Who did it")),
        ("case_reference", gettext_lazy("Case reference")),
    ],
}


@dataclass(frozen=True)
class IncludedFile:
    """A file the parent sent or received: where it is in the ZIP and where it is stored."""

    path: str
    # A case's Attachment or a complaint's evidence: both keep the file in `.file`.
    attachment: Attachment | ComplaintEvidence


@dataclass
class Export:
    account: dict
    tables: dict = field(default_factory=lambda: {name: [] for name in TABLES})
    files: list = field(default_factory=list)


def collect(user, today=None):
    today = today or timezone.localdate()
    language = get_language()
    export = Export(account=_account(user))
    accesses = own_accesses(user)
    for access in accesses:
        reference = access.case.reference
        tables = export.tables
        tables["profile"].append(_profile_row(access))
        tables["cases"].append(_case_row(access))
        tables["people"].extend(
            {"case_reference": reference, **other} for other in case_presenter.other_parties(access)
        )
        tables["children"].extend(
            {
                "case_reference": reference,
                "name": name["text"],
                "age": age["text"],
                "status": status["text"],
            }
            for name, age, status in case_presenter.children_rows(access, today)
        )
        _add_decisions(tables, access, language, today)
        _add_money(tables, access)
        _add_messages(export, access)
        _add_change_reports(tables, access)
        _add_arrears_plans(tables, access)
    _add_complaints(export, user)
    export.tables["activity"] = _activity(user, accesses)
    return export


def _account(user):
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": _language_name(user.preferred_language),
        "account_created": govuk_date(user.date_joined),
    }


def _language_name(code):
    return _("Welsh") if code == "cy" else _("English")


def _profile_row(access):
    party = access.party
    masked = changes_presenter.SECRET_FIELDS

    def secret(name):
        value = getattr(party, name)
        return masked[name](value) if value else ""

    return {
        "case_reference": access.case.reference,
        "role": case_presenter.role_label(access),
        "full_name": party.full_name,
        "date_of_birth": govuk_date(party.date_of_birth),
        "email": party.email,
        "phone": party.phone,
        "address_line_1": party.address_line_1,
        "address_line_2": party.address_line_2,
        "town": party.town,
        "postcode": party.postcode,
        "employer": party.employer_name,
        "national_insurance_number": party.national_insurance_number,
        "bank_account_name": party.bank_account_name,
        # Shown as on the parent's own pages: the last digits only.
        "bank_sort_code": secret("bank_sort_code"),
        "bank_account_number": secret("bank_account_number"),
        "preferred_language": _language_name(party.preferred_language),
    }


def _case_row(access):
    case = access.case
    return {
        "case_reference": case.reference,
        "role": case_presenter.role_label(access),
        "how_it_is_paid": case_presenter.service_type_label(case),
        "payment_frequency": str(case.get_payment_frequency_display()),
        "status": str(case.get_status_display()),
    }


def _add_decisions(tables, access, language, today):
    reference = access.case.reference
    for decision in decisions_for_case(access.case):
        summary = case_presenter.decision_summary(access, decision, language, today)
        decision_id = str(decision.public_id)
        amounts = summary["amounts"]
        tables["decisions"].append(
            {
                "case_reference": reference,
                "decision_id": decision_id,
                "decided_on": govuk_date(decision.decided_at),
                "effective_date": govuk_date(decision.effective_date),
                "reason": str(DecisionReason(decision.reason).label),
                "weekly_amount": amounts["weekly"],
                "each_payment": amounts["instalment"],
                "collection_fee": str(amounts["fee_note"]),
                "challenge_by": summary["challenge_by"],
            }
        )
        tables["decision_figures"].extend(
            {
                "case_reference": reference,
                "decision_id": decision_id,
                "figure": str(row["key"]["text"]),
                "value": str(row["value"]["text"]),
            }
            for row in summary["inputs"]
        )
        tables["decision_explanations"].extend(
            {
                "case_reference": reference,
                "decision_id": decision_id,
                "step": str(number),
                "explanation": str(line),
            }
            for number, line in enumerate(summary["explanation"], start=1)
        )


def _add_money(tables, access):
    case, party = access.case, access.party
    reference = case.reference
    account = payment_selectors.account_for(case, party)
    if account is None:
        return
    upcoming = position.money_position(case, party, count=12)
    for payment in upcoming.payments if upcoming else []:
        tables["payment_schedule"].append(
            {
                "case_reference": reference,
                "due_date": govuk_date(payment.due_date),
                "amount": money(payment.total),
                "status": _("Due"),
            }
        )
    past = schedule_presenter.past_rows(
        payment_selectors.past_instalments(case, party, limit=None),
        party,
        collect=payment_selectors.is_collect_and_pay(case),
        today=business_date(),
    )
    for row in past:
        due, amount = row["cells"]
        tables["payment_schedule"].append(
            {
                "case_reference": reference,
                "due_date": due["text"],
                "amount": amount["text"],
                "status": str(row["tag"]["text"]),
            }
        )
    entries, opening = payment_selectors.statement_entries(account)
    for entry in entries.iterator(chunk_size=2000):
        tables["statement"].append(
            {
                "case_reference": reference,
                "date": entry.effective_date.isoformat(),
                "what": entry_description(entry, paying=party.is_paying),
                "amount": f"{entry.amount:.2f}",
                "balance": f"{Decimal(opening + entry.running_balance):.2f}",
            }
        )


def _add_messages(export, access):
    reference = access.case.reference
    threads = threads_for(access).prefetch_related("messages__attachments", "messages__sender")
    for thread in threads:
        for item in message_items(access, thread):
            export.tables["messages"].append(
                {
                    "case_reference": reference,
                    "subject": thread.subject,
                    "sender": str(item["sender"]),
                    "sent": item["sent"],
                    "message": item["body"],
                    "files": "; ".join(file["name"] for file in item["files"]),
                }
            )
    own_files = Attachment.objects.filter(case=access.case, party=access.party).select_related(
        "message__thread", "change_report"
    )
    for attachment in own_files:
        path = f"files/{reference}/{attachment.public_id.hex[:8]}-{_safe_name(attachment)}"
        export.files.append(IncludedFile(path=path, attachment=attachment))
        export.tables["attachments"].append(
            {
                "case_reference": reference,
                "name": attachment.original_name,
                "sent": govuk_date(attachment.uploaded_at),
                "sent_with": _sent_with(attachment),
                "file_in_this_download": path,
            }
        )


def _safe_name(attachment):
    kept = "".join(
        char if char.isalnum() or char in "._-" else "_" for char in attachment.original_name
    )
    return kept.lstrip(".")[:80] or "file"


def _sent_with(attachment):
    if attachment.message_id:
        return _("Message: %(subject)s") % {"subject": attachment.message.thread.subject}
    if attachment.change_report_id:
        return _("Change report %(reference)s") % {"reference": attachment.change_report.reference}
    if attachment.reconsideration_id:
        return _("Request to look at a decision again")
    return ""


def _add_change_reports(tables, access):
    for report in change_reports_for(access).select_related("case", "decision"):
        outcome = changes_presenter.outcome(report)
        answers = "; ".join(
            f"{question} {answer}" if question.endswith("?") else f"{question}: {answer}"
            for question, answer in changes_presenter.told_us(report, access)
        )
        tables["change_reports"].append(
            {
                "case_reference": access.case.reference,
                "reference": report.reference,
                "what_changed": str(report.get_kind_display()),
                "reported": govuk_date(report.reported_at),
                "status": str(report.get_status_display()),
                "what_you_told_us": answers,
                "what_we_did": " ".join(str(paragraph) for paragraph in outcome["paragraphs"]),
                # Only the notes the change's page shows the parent.
                "note_from_us": str(outcome["note"]),
            }
        )


def _add_arrears_plans(tables, access):
    """The paying parent's plan requests and the plan in force, as the plan pages show
    them; nobody else has plan pages, so nobody else gets these rows."""
    case, party = access.case, access.party
    if not party.is_paying or not payment_selectors.is_collect_and_pay(case):
        return
    reference = case.reference
    for request in ArrearsPlanRequest.objects.filter(case=case, party=party).order_by(
        "submitted_at", "id"
    ):
        tables["arrears_plan_requests"].append(
            {
                "case_reference": reference,
                "sent": govuk_date(request.submitted_at),
                "amount_per_instalment": money(request.amount_per_instalment),
                "net_income": money(request.net_income) if request.net_income else "",
                "arrears": money(request.arrears),
                "first_payment": govuk_date(request.starts_on),
                "paid_off_by": govuk_date(request.expected_end_on)
                if request.expected_end_on
                else "",
                "status": str(request.get_status_display()),
            }
        )
    plan = active_plan(case)
    if plan is None:
        return
    tables["arrears_plan"].extend(
        {
            "case_reference": reference,
            "item": str(row["key"]["text"]),
            "value": str(row["value"]["text"]),
        }
        for row in plan_presenter.plan_rows(plan, plan_progress(plan))
    )


def _add_complaints(export, user):
    """Complaints belong to the person who sent them, whichever case they are about."""
    for complaint in complaints_for(user).prefetch_related("evidence"):
        review = current_review(complaint)
        export.tables["complaints"].append(
            {
                "reference": complaint.reference,
                "case_reference": complaint.case.reference if complaint.case else "",
                "about": str(Topic(complaint.topic).label),
                "sent": govuk_date(complaint.submitted_at),
                "stage": str(Stage(review.stage).label) if review else "",
                "status": str(complaint_presenter.status_tag(review)["text"]) if review else "",
                "acknowledge_by": govuk_date(review.acknowledge_by) if review else "",
                "answer_by": govuk_date(review.answer_by) if review else "",
                "what_happened": complaint.what_happened,
                "what_you_want_us_to_do": complaint.wanted_outcome,
            }
        )
        for item in complaint.reviews.all():
            if not (item.is_answered or item.reason):
                continue
            export.tables["complaint_answers"].append(
                {
                    "reference": complaint.reference,
                    "stage": str(Stage(item.stage).label),
                    "why_you_asked_for_a_review": item.reason,
                    "our_answer": item.answer if item.is_answered else "",
                    "answered": govuk_date(item.answered_at) if item.is_answered else "",
                }
            )
        for evidence in complaint.evidence.all():
            path = (
                f"files/complaints/{complaint.reference}/"
                f"{evidence.public_id.hex[:8]}-{_safe_name(evidence)}"
            )
            export.files.append(IncludedFile(path=path, attachment=evidence))
            export.tables["attachments"].append(
                {
                    "case_reference": complaint.case.reference if complaint.case else "",
                    "name": evidence.original_name,
                    "sent": govuk_date(evidence.uploaded_at),
                    "sent_with": _("Complaint %(reference)s") % {"reference": complaint.reference},
                    "file_in_this_download": path,
                }
            )


def _activity(user, accesses):
    rows = []
    for event in audit_events_about(user, accesses):
        # Only the time, the kind of event, who (you or us) and the case: an event's
        # details can name the other parent, so they never leave the database.
        rows.append(
            {
                "when": timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                "action": event.action,
                "by": _("You") if event.actor_id == user.pk else _("Child Maintenance Service"),
                "case_reference": event.object_ref if event.object_type == "cases.Case" else "",
            }
        )
    return rows
