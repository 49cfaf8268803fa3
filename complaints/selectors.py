"""Reads scoped to the signed-in user: another user's complaint or file is a 404."""

import uuid

from django.http import Http404

from cases.selectors import accesses_for_user

from .models import Complaint, ComplaintEvidence


def _signed_in(user):
    if user is None or not user.is_authenticated:
        raise Http404


def complaints_for(user):
    _signed_in(user)
    return Complaint.objects.filter(user=user).select_related("case").prefetch_related("reviews")


def complaint_for(user, public_id):
    try:
        wanted = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        raise Http404 from None
    found = complaints_for(user).filter(public_id=wanted).first()
    if found is None:
        raise Http404
    return found


def pending_evidence_for(user):
    """Files uploaded in the journey being filled in, not yet sent with a complaint."""
    _signed_in(user)
    return ComplaintEvidence.objects.filter(user=user, complaint__isnull=True)


def evidence_for(user, complaint, public_id):
    try:
        wanted = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        raise Http404 from None
    found = complaint.evidence.filter(user=user, public_id=wanted).first()
    if found is None:
        raise Http404
    return found


def cases_for(user):
    """The cases someone may say their complaint is about: their own, or those they act
    in for a parent."""
    return [access.case for access in accesses_for_user(user)]


def current_review(complaint):
    reviews = list(complaint.reviews.all())
    return reviews[-1] if reviews else None


def can_ask_for_review(complaint):
    """A stage 2 review can be asked for once the stage 1 answer is given."""
    review = current_review(complaint)
    return review is not None and review.stage == 1 and review.is_answered
