"""Every change to an application: atomic, taking the acting user, audited. Answers are
saved as the applicant goes; a caseworker turns a submitted application into a case."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from cases.models import Case, IncomeSource, Party, PartyRole
from cases.services import setup
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from . import journey
from .models import DRAFT_LIFETIME, DRAFT_WARNING_BEFORE, Application, ApplicationStatus


class ApplicationError(ValueError):
    """A change the application's state does not allow."""


def _locked(application):
    return Application.objects.select_for_update().get(pk=application.pk)


def start_application(*, acting_user):
    """The user's draft, or a new one: one draft per user at a time."""
    with transaction.atomic():
        draft = (
            Application.objects.select_for_update()
            .filter(user=acting_user, status=ApplicationStatus.DRAFT)
            .first()
        )
        if draft is not None:
            return draft
        application = Application.objects.create(
            user=acting_user, language=(get_language() or "en")[:2]
        )
        record_audit_event(acting_user=acting_user, action="application.started", obj=application)
        return application


def save_answer(*, acting_user, application, slug, answers):
    """Keeps the answers to one page; answers to pages that no longer apply are dropped."""
    with transaction.atomic():
        application = _locked(application)
        if application.user_id != acting_user.pk or not application.is_draft:
            raise ApplicationError("Only the applicant can change a draft application.")
        if journey.find_step(application.answers, slug) is None:
            raise ApplicationError(f"No question {slug!r} in this application.")
        merged = {**application.answers, slug: answers}
        application.answers = journey.relevant_answers(merged)
        # A later question may apply only now (a new child, Collect and Pay chosen).
        application.answers[slug] = answers
        application.last_saved_at = timezone.now()
        application.expiry_warning_sent_at = None
        application.save(update_fields=["answers", "last_saved_at", "expiry_warning_sent_at"])
        # Which question, never the answer: audit events hold no personal details.
        record_audit_event(
            acting_user=acting_user, action="application.answer_saved", obj=application, page=slug
        )
        return application


def submit_application(*, acting_user, application):
    with transaction.atomic():
        application = _locked(application)
        if application.user_id != acting_user.pk or not application.is_draft:
            raise ApplicationError("This application cannot be sent.")
        if journey.where_next(application.answers) is not None:
            raise ApplicationError("Answer every question before sending the application.")
        application.answers = journey.relevant_answers(application.answers)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["answers", "status", "submitted_at"])
        record_audit_event(
            acting_user=acting_user,
            action="application.submitted",
            obj=application,
            safety_concern=application.safety_concern,
        )
        send_email(
            to=acting_user.email,
            template="applications_submitted",
            context={"reference": application.reference},
            language=application.language,
        )
        return application


def warn_and_delete_old_drafts(*, now=None):
    """Nightly: a week before a draft expires, email its owner; at 28 days, delete it.
    Returns (warned, deleted)."""
    now = now or timezone.now()
    warned = deleted = 0
    warn_before = now - (DRAFT_LIFETIME - DRAFT_WARNING_BEFORE)
    drafts = Application.objects.filter(status=ApplicationStatus.DRAFT)
    for application_id in drafts.filter(last_saved_at__lte=now - DRAFT_LIFETIME).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update()
                .filter(pk=application_id, status=ApplicationStatus.DRAFT)
                .first()
            )
            if application is None or application.expires_at > now:
                continue
            record_audit_event(
                acting_user=None, action="application.draft_deleted", obj=application
            )
            application.delete()
            deleted += 1
    to_warn = drafts.filter(last_saved_at__lte=warn_before, expiry_warning_sent_at__isnull=True)
    for application_id in to_warn.values_list("pk", flat=True):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update()
                .select_related("user")
                .filter(pk=application_id, expiry_warning_sent_at__isnull=True)
                .first()
            )
            if application is None or not application.is_draft:
                continue
            application.expiry_warning_sent_at = now
            application.save(update_fields=["expiry_warning_sent_at"])
            record_audit_event(
                acting_user=None, action="application.expiry_warning_sent", obj=application
            )
            send_email(
                to=application.user.email,
                template="applications_draft_expiring",
                context={"expires_on": timezone.localdate(application.expires_at)},
                language=application.language,
            )
            warned += 1
    return warned, deleted


def mark_other_parent_contacted(*, acting_user, application):
    with transaction.atomic():
        application = _locked(application)
        if application.status != ApplicationStatus.SUBMITTED:
            raise ApplicationError("Only a submitted application can be followed up.")
        if application.other_parent_contacted_at is None:
            application.other_parent_contacted_at = timezone.now()
            application.save(update_fields=["other_parent_contacted_at"])
            record_audit_event(
                acting_user=acting_user,
                action="application.other_parent_contacted",
                obj=application,
            )
        return application


def case_setup_defaults(application):
    """What the caseworker's set-up form starts with, taken from the answers."""
    answers = application.answers
    a = lambda slug, name, default="": journey.answer(answers, slug, name, default)  # noqa: E731
    safeguarding = application.safety_concern or any(
        a(slug, name) == "yes"
        for slug, name in (("hide-address", "hide_address"), ("new-name", "hide_new_name"))
    )
    defaults = {
        "service_type": journey.payment_method(answers) or "direct_pay",
        "payment_frequency": "monthly",
        "safeguarding": safeguarding,
        "receiving_full_name": a("your-name", "full_name"),
        "receiving_date_of_birth": _date(a("your-date-of-birth", "date_of_birth")),
        "receiving_national_insurance_number": a(
            "your-national-insurance-number", "national_insurance_number"
        ),
        "receiving_address_line_1": a("your-address", "address_line_1"),
        "receiving_address_line_2": a("your-address", "address_line_2"),
        "receiving_town": a("your-address", "town"),
        "receiving_postcode": a("your-address", "postcode"),
        "receiving_phone": a("your-phone", "phone"),
        "receiving_bank_account_name": a("bank-details", "account_name"),
        "receiving_bank_sort_code": a("bank-details", "sort_code"),
        "receiving_bank_account_number": a("bank-details", "account_number"),
        "paying_full_name": a("other-parent-name", "full_name"),
        "paying_date_of_birth": _date(a("other-parent-date-of-birth", "date_of_birth")),
        "paying_national_insurance_number": a(
            "other-parent-national-insurance-number", "national_insurance_number"
        ),
        "paying_phone": a("other-parent-phone", "phone"),
        "paying_employer_name": a("other-parent-employer", "employer"),
    }
    response = _submitted_response(application)
    if response is not None:
        said = response.answers
        defaults["payment_frequency"] = (said.get("payment-frequency") or {}).get(
            "frequency", "monthly"
        )
        defaults["paying_reported_weekly_income"] = _decimal(
            (said.get("income") or {}).get("gross_weekly_income")
        )
        defaults["relevant_other_children"] = (said.get("other-children") or {}).get(
            "other_children", 0
        )
    for number in range(1, journey.number_of_children(answers) + 1):
        defaults[f"child_{number}_full_name"] = a(f"child-{number}-name", "full_name")
        defaults[f"child_{number}_date_of_birth"] = _date(
            a(f"child-{number}-date-of-birth", "date_of_birth")
        )
        defaults[f"child_{number}_shared_care_nights"] = int(
            a(f"child-{number}-nights", "nights", "0") or 0
        )
    return defaults


def _submitted_response(application):
    from .models import ResponseStatus

    response = getattr(application, "response", None)
    return response if response and response.status == ResponseStatus.SUBMITTED else None


def _decimal(value):
    return Decimal(value) if value not in (None, "") else None


def _date(value):
    return date.fromisoformat(value) if value else None


def _party_details(prefix, details):
    return {
        name[len(prefix) :]: value
        for name, value in details.items()
        if name.startswith(prefix) and value not in (None, "")
    }


def create_case_from_application(*, acting_user, application, details):
    """One step: the case, both parents, every child and the safeguarding flags, from the
    caseworker's checked copy of the answers (`details`, keys as in case_setup_defaults).
    The applicant's sign-in is linked to their party at once: they applied signed in."""
    with transaction.atomic():
        application = _locked(application)
        if application.status != ApplicationStatus.SUBMITTED or application.case_id:
            raise ApplicationError("This application has already been set up as a case.")
        safeguarding = bool(details.get("safeguarding"))
        case = setup.create_case(
            acting_user=acting_user,
            service_type=details["service_type"],
            payment_frequency=details.get("payment_frequency") or "monthly",
            safeguarding=safeguarding,
        )
        receiving_details = _party_details("receiving_", details)
        receiving = setup.add_party(
            acting_user=acting_user,
            case=case,
            role=PartyRole.RECEIVING,
            full_name=receiving_details.pop("full_name"),
            date_of_birth=receiving_details.pop("date_of_birth"),
            email=application.user.email,
            preferred_language=application.language,
            safeguarding=safeguarding,
            **receiving_details,
        )
        Party.objects.filter(pk=receiving.pk).update(user=application.user)
        paying_details = _party_details("paying_", details)
        reported_income = paying_details.pop("reported_weekly_income", None)
        response = _submitted_response(application)
        paying = setup.add_party(
            acting_user=acting_user,
            case=case,
            role=PartyRole.PAYING,
            full_name=paying_details.pop("full_name"),
            date_of_birth=paying_details.pop("date_of_birth"),
            **({"email": response.user.email} if response else {}),
            **paying_details,
        )
        if response is not None:
            # The other parent responded signed in: they see the case without a code.
            Party.objects.filter(pk=paying.pk).update(user=response.user)
        if reported_income is not None:
            setup.record_income(
                acting_user=acting_user,
                case=case,
                gross_weekly_income=reported_income,
                source=IncomeSource.REPORTED,
            )
        if details.get("relevant_other_children"):
            setup.set_relevant_other_children(
                acting_user=acting_user, case=case, count=details["relevant_other_children"]
            )
        number = 1
        while f"child_{number}_full_name" in details:
            setup.add_child(
                acting_user=acting_user,
                case=case,
                receiving_party=receiving,
                full_name=details[f"child_{number}_full_name"],
                date_of_birth=details[f"child_{number}_date_of_birth"],
                shared_care_nights=details.get(f"child_{number}_shared_care_nights") or 0,
            )
            number += 1
        application.case = case
        response = getattr(application, "response", None)
        if response is not None and response.parentage_disputed:
            from .respond import queue_parentage_dispute

            queue_parentage_dispute(acting_user=acting_user, application=application)
        application.status = ApplicationStatus.CASE_SET_UP
        application.case_set_up_at = timezone.now()
        application.save(update_fields=["case", "status", "case_set_up_at"])
        record_audit_event(
            acting_user=acting_user,
            action="application.case_created",
            obj=application,
            case=case.reference,
            edited=sorted(
                name
                for name, value in case_setup_defaults(application).items()
                if details.get(name, value) != value
            ),
        )
        return Case.objects.get(pk=case.pk)
