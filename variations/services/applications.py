"""A parent asks for a variation; the other side is told and may respond."""

from django.db import transaction
from django.utils import timezone

from cases.models import Case, PartyRole
from cases.rules import weekly_from
from cases.uploads import check_upload, safe_display_name
from casework.services import add_to_caseworker_queue
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import (
    Ground,
    Period,
    VariationEvidence,
    VariationRequest,
    VariationResponse,
    VariationStatus,
)
from ..rules import grounds_for, respond_by
from ..selectors import can_respond

WORK_ITEM_KIND = "variation"


def other_side(request):
    """The parties told of a request: the receiving parents for the paying parent's, and
    the paying parent for a receiving parent's."""
    wanted = PartyRole.PAYING if not request.applicant.is_paying else PartyRole.RECEIVING
    return list(request.case.parties.filter(role=wanted).order_by("created_at", "id"))


def store_evidence(*, acting_user, access, upload, request=None):
    """Checks the file by its content (cases.uploads) and keeps it privately. Without a
    request it waits for the journey that uploaded it to be sent."""
    content_type = check_upload(upload)
    with transaction.atomic():
        evidence = VariationEvidence(
            case=access.case,
            party=access.party,
            request=request,
            content_type=content_type,
            size=upload.size,
            original_name=safe_display_name(upload.name),
            uploaded_by=acting_user,
        )
        evidence.file.save("upload", upload, save=False)
        evidence.save()
        record_audit_event(
            acting_user=acting_user,
            action="variation.evidence_uploaded",
            obj=access.case,
            evidence=str(evidence.public_id),
            content_type=content_type,
            size=upload.size,
        )
        return evidence


def apply_for_variation(*, acting_user, access, ground, amount, period, details):
    """Record the request, attach the files uploaded on the way, queue it for a
    caseworker and tell both sides (the other side with the date to respond by)."""
    ground = Ground(ground)
    if ground not in grounds_for(access.is_paying):
        raise ValueError("This ground is not open to this parent.")
    period = Period(period)
    today = timezone.localdate()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=access.case.pk)
        request = VariationRequest.objects.create(
            case=case,
            applicant=access.party,
            submitted_by=acting_user,
            ground=ground,
            amount=amount,
            period=period,
            weekly_amount=weekly_from(amount, period),
            details=details,
            respond_by=respond_by(today),
            status=VariationStatus.AWAITING_RESPONSE,
        )
        VariationEvidence.objects.filter(
            case=case, party=access.party, request__isnull=True
        ).update(request=request)
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=case,
            kind=WORK_ITEM_KIND,
            summary=f"{request.reference}: variation asked for ({ground.label})",
            source_reference=request.reference,
        )
        record_audit_event(
            acting_user=acting_user,
            action="variation.requested",
            obj=case,
            variation=request.reference,
            ground=ground,
            weekly_amount=str(request.weekly_amount),
        )
        send_email(
            to=access.party.notification_email,
            template="variations_requested",
            context={"case_reference": case.reference, "variation_reference": request.reference},
            language=access.party.notification_language,
        )
        for party in other_side(request):
            # Nothing about who asked or how to reach them: the ground, and when to respond.
            send_email(
                to=party.notification_email,
                template="variations_other_parent_told",
                context={
                    "case_reference": case.reference,
                    "variation_reference": request.reference,
                    "ground": ground,
                    "respond_by": request.respond_by,
                },
                language=party.notification_language,
            )
        return request


def respond_to_variation(*, acting_user, access, request, text, upload=None):
    """The other side's response, with a file if one is sent. When everyone told has
    responded the request goes to the caseworker without waiting for the date."""
    with transaction.atomic():
        locked = VariationRequest.objects.select_for_update().get(pk=request.pk)
        if not can_respond(access, locked, timezone.localdate()):
            raise ValueError("This request can no longer be responded to.")
        response = VariationResponse.objects.create(
            request=locked, party=access.party, responded_by=acting_user, text=text
        )
        if upload is not None:
            store_evidence(acting_user=acting_user, access=access, upload=upload, request=locked)
        told = {party.pk for party in other_side(locked)}
        answered = set(locked.responses.values_list("party_id", flat=True))
        if told <= answered:
            locked.status = VariationStatus.WITH_CASEWORKER
            locked.save(update_fields=["status"])
        record_audit_event(
            acting_user=acting_user,
            action="variation.responded",
            obj=locked.case,
            variation=locked.reference,
            status=locked.status,
        )
        return response
