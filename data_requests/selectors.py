"""Reads scoped to the signed-in user. Another user's request is a 404, never a 403."""

import uuid

from django.db.models import Q
from django.http import Http404

from cases.models import Party
from cases.selectors import accesses_for_user
from cms_portal.models import AuditEvent

from .models import DataRequest, DataRequestStatus

# Events on a case that say nothing about either parent's doings: shown whoever made them.
CASE_WIDE_ACTIONS = ("case.created", "decision.made", "payments.schedule_made")


def can_request_data_copy(user):
    """Parents with a case of their own. Representatives and employers hold no case of
    their own, so this page is not for them."""
    return bool(user is not None and user.is_authenticated and _own_parties(user).exists())


def _own_parties(user):
    return Party.objects.filter(user=user)


def own_accesses(user):
    """The cases the user is a party in (never those they act in for someone else)."""
    return accesses_for_user(user, representations=False)


def data_request_for(user, public_id):
    if user is None or not user.is_authenticated:
        raise Http404
    try:
        wanted = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        raise Http404 from None
    found = DataRequest.objects.filter(user=user, public_id=wanted).first()
    if found is None:
        raise Http404
    return found


def pending_request_for(user):
    return DataRequest.objects.filter(user=user, status=DataRequestStatus.PENDING).first()


def latest_request_for(user):
    return DataRequest.objects.filter(user=user).order_by("-requested_at", "-id").first()


def audit_events_about(user, accesses):
    """What the user did, and what was done to their own party or to their cases as a
    whole. Another parent's doings on a shared case are left out: their action names alone
    (a change reported, a message sent) would say what the other parent did."""
    references = [access.case.reference for access in accesses]
    own_party_ids = [str(access.party.public_id) for access in accesses]
    about_cases = Q(object_type="cases.Case", object_ref__in=references) & (
        Q(actor__isnull=True) | Q(actor__is_staff=True)
    )
    return (
        AuditEvent.objects.filter(
            Q(actor=user)
            | (
                about_cases
                & (Q(details__party__in=own_party_ids) | Q(action__in=CASE_WIDE_ACTIONS))
            )
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
