"""Every change to a complaint: sending it (with its files), acknowledging and answering
each stage, and asking for a stage 2 review. Each is audited in its own transaction."""

from django.db import transaction
from django.utils import timezone

from cases.uploads import check_upload, safe_display_name
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email
from payments.dates import business_date

from .models import Complaint, ComplaintEvidence, ComplaintReview, Stage
from .rules import deadlines, division_for


def _open_review(complaint, stage, opened_on, reason=""):
    due = deadlines(opened_on, complaint.division)
    return ComplaintReview.objects.create(
        complaint=complaint,
        stage=stage,
        reason=reason,
        opened_on=opened_on,
        acknowledge_by=due.acknowledge_by,
        answer_by=due.answer_by,
    )


def store_evidence(*, acting_user, upload):
    """A file for the complaint being filled in, checked by its content (PDF, JPG or PNG,
    10MB at most) and kept privately. A refused file raises UploadRejected, keeping
    nothing."""
    content_type = check_upload(upload)
    with transaction.atomic():
        evidence = ComplaintEvidence(
            user=acting_user,
            content_type=content_type,
            size=upload.size,
            original_name=safe_display_name(upload.name),
        )
        evidence.file.save("upload", upload, save=False)
        evidence.save()
        record_audit_event(
            acting_user=acting_user,
            action="complaint.evidence_uploaded",
            object_type=ComplaintEvidence._meta.label,
            object_ref=str(evidence.public_id),
            content_type=content_type,
            size=upload.size,
        )
        return evidence


def submit_complaint(*, acting_user, topic, what_happened, wanted_outcome, case=None, today=None):
    opened_on = today or business_date()
    with transaction.atomic():
        complaint = Complaint.objects.create(
            user=acting_user,
            case=case,
            topic=topic,
            what_happened=what_happened,
            wanted_outcome=wanted_outcome,
            division=division_for(acting_user, case),
        )
        review = _open_review(complaint, Stage.FIRST, opened_on)
        files = ComplaintEvidence.objects.filter(user=acting_user, complaint__isnull=True).update(
            complaint=complaint
        )
        record_audit_event(
            acting_user=acting_user,
            action="complaint.submitted",
            obj=complaint,
            topic=topic,
            case=case.reference if case else "",
            files=files,
            acknowledge_by=review.acknowledge_by.isoformat(),
            answer_by=review.answer_by.isoformat(),
        )
        send_email(
            to=acting_user.email,
            template="complaints_received",
            context={
                "reference": complaint.reference,
                "acknowledge_by": review.acknowledge_by,
                "answer_by": review.answer_by,
            },
            language=acting_user.preferred_language,
        )
        return complaint


def acknowledge_review(*, acting_user, review):
    with transaction.atomic():
        review = ComplaintReview.objects.select_for_update().get(pk=review.pk)
        if review.is_acknowledged:
            raise ValueError("This complaint was already acknowledged")
        review.acknowledged_at = timezone.now()
        review.acknowledged_by = acting_user
        review.save(update_fields=["acknowledged_at", "acknowledged_by"])
        record_audit_event(
            acting_user=acting_user,
            action="complaint.acknowledged",
            obj=review.complaint,
            stage=review.stage,
            on_time=business_date() <= review.acknowledge_by,
        )
        return review


def answer_review(*, acting_user, review, answer):
    """Our answer, which the person reads in their account; they are emailed that there is
    one, never what it says. Answering also acknowledges, if that was not done."""
    answer = (answer or "").strip()
    if not answer:
        raise ValueError("Write the answer")
    with transaction.atomic():
        review = (
            ComplaintReview.objects.select_for_update()
            .select_related("complaint__user")
            .get(pk=review.pk)
        )
        if review.is_answered:
            raise ValueError("This complaint was already answered")
        now = timezone.now()
        if not review.is_acknowledged:
            review.acknowledged_at, review.acknowledged_by = now, acting_user
        review.answer, review.answered_at, review.answered_by = answer, now, acting_user
        review.save()
        complaint = review.complaint
        record_audit_event(
            acting_user=acting_user,
            action="complaint.answered",
            obj=complaint,
            stage=review.stage,
            on_time=business_date() <= review.answer_by,
        )
        send_email(
            to=complaint.user.email,
            template="complaints_answered",
            context={"reference": complaint.reference, "stage": review.stage},
            language=complaint.user.preferred_language,
        )
        return review


def ask_for_review(*, acting_user, complaint, reason, today=None):
    """Stage 2: the stage 1 answer did not settle it. New deadlines from today."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk, user=acting_user)
        reviews = list(complaint.reviews.all())
        if len(reviews) != 1 or not reviews[0].is_answered:
            raise ValueError("A review can be asked for once, after the first answer")
        review = _open_review(complaint, Stage.REVIEW, today or business_date(), reason=reason)
        record_audit_event(
            acting_user=acting_user,
            action="complaint.review_requested",
            obj=complaint,
            acknowledge_by=review.acknowledge_by.isoformat(),
            answer_by=review.answer_by.isoformat(),
        )
        send_email(
            to=acting_user.email,
            template="complaints_review_requested",
            context={
                "reference": complaint.reference,
                "acknowledge_by": review.acknowledge_by,
                "answer_by": review.answer_by,
            },
            language=acting_user.preferred_language,
        )
        return review


def record_evidence_download(*, acting_user, evidence):
    with transaction.atomic():
        record_audit_event(
            acting_user=acting_user,
            action="complaint.evidence_downloaded",
            obj=evidence.complaint,
            evidence=str(evidence.public_id),
        )
