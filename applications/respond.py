"""The other parent's side: a caseworker issues a one-time response code (as activation
codes are issued), the other parent uses it with the application reference to start a
response, answers one question a page, and sends it. A parentage dispute goes to the
caseworker queue. Services here are atomic, take the acting user and are audited."""

import hmac
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from cases.models import MAX_FAILED_ATTEMPTS
from cases.models.references import readable_token
from cases.services.activation import CODE_LENGTH, format_code, hash_code, normalise_code
from cases.uploads import check_upload, safe_display_name
from casework.models import WorkItemKind
from casework.services import add_to_caseworker_queue
from cms_portal.audit import record_audit_event

from . import journey as apply_journey
from . import respond_forms as forms
from .models import (
    Application,
    ApplicationStatus,
    Response,
    ResponseCode,
    ResponsePayslip,
    ResponseStatus,
)


class ResponseError(ValueError):
    """A response the state of the application or code does not allow."""


def issue_response_code(*, acting_user, application):
    """A new code for the other parent's letter; earlier unused codes are withdrawn.
    Returns the plain code, shown once to the caseworker and never stored."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == ApplicationStatus.DRAFT:
            raise ResponseError("The application has not been sent.")
        now = timezone.now()
        application.response_codes.filter(used_at__isnull=True, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        plain = readable_token(CODE_LENGTH)
        record = ResponseCode.objects.create(
            application=application,
            code_hash=hash_code(plain),
            issued_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        if application.other_parent_contacted_at is None:
            application.other_parent_contacted_at = now
            application.save(update_fields=["other_parent_contacted_at"])
        record_audit_event(
            acting_user=acting_user,
            action="application.response_code_issued",
            obj=application,
            response_code=str(record.public_id),
        )
        return format_code(plain)


def start_response(*, acting_user, reference, code):
    """The respondent's response to the application, once the code matches. Every
    failure looks the same to the user (ResponseError); wrong codes count towards a lock,
    and that count and the audit event are kept although the attempt fails."""
    reference = "".join(str(reference or "").upper().split())
    with transaction.atomic():
        response, failure = _match_code(acting_user, reference, code)
        if failure:
            record_audit_event(
                acting_user=acting_user,
                action="application.response_code_failed",
                object_type="applications.Application",
                object_ref=reference[:20],
                reason=failure,
            )
    if response is None:
        raise ResponseError("not_matched")
    return response


def _match_code(acting_user, reference, code):
    application = (
        Application.objects.select_for_update()
        .filter(reference=reference)
        .exclude(status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is None:
        return None, "no_application"
    existing = Response.objects.filter(application=application).first()
    if existing is not None:
        return (existing, "") if existing.user_id == acting_user.pk else (None, "taken")
    if application.user_id == acting_user.pk:
        return None, "own_application"
    now = timezone.now()
    candidates = [
        record for record in application.response_codes.select_for_update() if record.is_usable(now)
    ]
    wanted = hash_code(normalise_code(code))
    match = next(
        (record for record in candidates if hmac.compare_digest(record.code_hash, wanted)), None
    )
    if match is None:
        for record in candidates:
            record.failed_attempts += 1
            if record.failed_attempts >= MAX_FAILED_ATTEMPTS:
                record.locked_at = now
            record.save(update_fields=["failed_attempts", "locked_at"])
        return None, "wrong_code"
    match.used_at, match.used_by = now, acting_user
    match.save(update_fields=["used_at", "used_by"])
    response = Response.objects.create(application=application, user=acting_user)
    record_audit_event(
        acting_user=acting_user, action="application.response_started", obj=application
    )
    return response, ""


def own_response(user):
    return (
        Response.objects.select_related("application")
        .filter(user=user, status=ResponseStatus.DRAFT)
        .first()
    )


@dataclass(frozen=True)
class Step:
    slug: str
    form: type
    form_kwargs: dict = field(default_factory=dict)


def child_first_names(application):
    """The children's first names: all the respondent is told about the application."""
    names = []
    for number in range(1, apply_journey.number_of_children(application.answers) + 1):
        full = apply_journey.answer(application.answers, f"child-{number}-name", "full_name", "")
        names.append(full.split()[0] if full else "")
    return names


def steps(response):
    for number, name in enumerate(child_first_names(response.application), start=1):
        yield Step(f"parent-of-child-{number}", forms.ParentageForm, {"child_name": name})
    yield Step("work", forms.WorkForm)
    if (response.answers.get("work") or {}).get("work") in ("employed", "self_employed"):
        yield Step("income", forms.IncomeForm)
    yield Step("other-children", forms.OtherChildrenForm)
    yield Step("nights", forms.NightsForm)
    yield Step("payment-method", forms.PayMethodForm)
    yield Step("payment-frequency", forms.FrequencyForm)
    yield Step("safety", forms.RespondentSafetyForm)


def find_step(response, slug):
    return next((step for step in steps(response) if step.slug == slug), None)


def where_next(response):
    return next((step.slug for step in steps(response) if step.slug not in response.answers), None)


def reachable(response, slug):
    for step in steps(response):
        if step.slug == slug:
            return True
        if step.slug not in response.answers:
            return False
    return False


def save_response_answer(*, acting_user, response, slug, answers, payslip=None):
    """Saves one page's answers, and a payslip sent with the income. The payslip is
    checked by its content first (cases.uploads): a refused file saves nothing and
    raises UploadRejected."""
    content_type = check_upload(payslip) if payslip is not None else None
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.user_id != acting_user.pk or response.status != ResponseStatus.DRAFT:
            raise ResponseError("Only the respondent can change a draft response.")
        if find_step(response, slug) is None:
            raise ResponseError(f"No question {slug!r} in this response.")
        response.answers = {**response.answers, slug: answers}
        kept = {step.slug for step in steps(response)}
        response.answers = {key: value for key, value in response.answers.items() if key in kept}
        response.save(update_fields=["answers"])
        if "income" not in kept:
            # No longer working: the payslips sent earlier are not part of the response.
            for old in response.payslips.all():
                old.file.delete(save=False)
                old.delete()
        record_audit_event(
            acting_user=acting_user,
            action="application.response_answer_saved",
            obj=response.application,
            page=slug,
        )
        if payslip is not None:
            _store_payslip(acting_user, response, payslip, content_type)
        return response


def _store_payslip(acting_user, response, upload, content_type):
    payslip = ResponsePayslip(
        response=response,
        content_type=content_type,
        size=upload.size,
        original_name=safe_display_name(upload.name),
    )
    payslip.file.save("upload", upload, save=False)
    payslip.save()
    record_audit_event(
        acting_user=acting_user,
        action="application.response_payslip_uploaded",
        obj=response.application,
        payslip=str(payslip.public_id),
        content_type=content_type,
        size=upload.size,
    )


def disputes_parentage(answers):
    return any(
        (value or {}).get("is_parent") == "no"
        for slug, value in answers.items()
        if slug.startswith("parent-of-child-")
    )


def submit_response(*, acting_user, response):
    with transaction.atomic():
        response = (
            Response.objects.select_for_update().select_related("application").get(pk=response.pk)
        )
        if response.user_id != acting_user.pk or response.status != ResponseStatus.DRAFT:
            raise ResponseError("This response cannot be sent.")
        if where_next(response) is not None:
            raise ResponseError("Answer every question before sending the response.")
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.parentage_disputed = disputes_parentage(response.answers)
        response.save(update_fields=["status", "submitted_at", "parentage_disputed"])
        record_audit_event(
            acting_user=acting_user,
            action="application.response_submitted",
            obj=response.application,
            parentage_disputed=response.parentage_disputed,
        )
        if response.parentage_disputed and response.application.case_id:
            queue_parentage_dispute(acting_user=acting_user, application=response.application)
        return response


def queue_parentage_dispute(*, acting_user, application):
    """A disputed parentage is a caseworker's decision: queue it on the case."""
    return add_to_caseworker_queue(
        acting_user=acting_user,
        case=application.case,
        kind=WorkItemKind.OTHER,
        summary=f"Parentage disputed in the response to application {application.reference}",
        source_reference=f"parentage:{application.reference}",
    )


def date_or_none(value):
    return date.fromisoformat(value) if value else None
