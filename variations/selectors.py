"""Reads scoped to the signed-in user's side of a case (Http404 for anything else), and
the agreed variations the decision service feeds to the engine."""

import uuid

from django.db.models import Q
from django.http import Http404

from calculation.inputs import Variation
from cases.models import PartyRole
from cms_portal.core.composed import ComposedRead

from .models import OPEN_STATUSES, VariationEvidence, VariationRequest, VariationStatus


def _visible_query(access):
    """A party sees their own requests and those they may respond to: every request on
    the case for the paying parent; for a receiving parent, their own and the paying
    parent's (never another receiving parent's)."""
    if access.is_paying:
        return Q(case=access.case)
    return Q(case=access.case) & (Q(applicant=access.party) | Q(applicant__role=PartyRole.PAYING))


# The case page reads these on every visit: the SQL is composed once for each side.
_paying_sees = ComposedRead(
    lambda case_id: VariationRequest.objects.filter(case_id=case_id).order_by(
        "-submitted_at", "-id"
    ),
    keys=1,
    related=("applicant",),
)
_receiving_sees = ComposedRead(
    lambda case_id, party_id: VariationRequest.objects.filter(
        Q(case_id=case_id) & (Q(applicant_id=party_id) | Q(applicant__role=PartyRole.PAYING))
    ).order_by("-submitted_at", "-id"),
    keys=2,
    related=("applicant",),
)


def variation_requests_for(access):
    """As _visible_query(access) finds them, newest first, each with its applicant."""
    if access.is_paying:
        return _paying_sees(access.case.pk)
    return _receiving_sees(access.case.pk, access.party.pk)


def variation_request_for(access, public_id):
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    found = (
        VariationRequest.objects.filter(_visible_query(access), public_id=public_id)
        .select_related("applicant", "case")
        .first()
    )
    if found is None:
        raise Http404
    return found


def is_applicant(access, request):
    return request.applicant_id == access.party.pk


def can_respond(access, request, today):
    """The other side may respond while the request waits and the response period runs."""
    return (
        not is_applicant(access, request)
        and access.is_paying != request.applicant.is_paying
        and request.status == VariationStatus.AWAITING_RESPONSE
        and today <= request.respond_by
    )


def has_responded(access, request):
    return request.responses.filter(party=access.party).exists()


def pending_evidence_for(access):
    """Files uploaded in a journey not yet sent."""
    return list(
        VariationEvidence.objects.filter(
            case=access.case, party=access.party, request__isnull=True
        ).order_by("uploaded_at", "id")
    )


def own_evidence_for(access, request):
    return list(request.evidence.filter(party=access.party))


def open_requests_for(access):
    return [
        request for request in variation_requests_for(access) if request.status in OPEN_STATUSES
    ]


def agreed_requests(case):
    return list(
        VariationRequest.objects.filter(case=case, status=VariationStatus.AGREED).order_by(
            "in_force_from", "id"
        )
    )


def cases_with_agreed_variations(case_ids):
    """Which of `case_ids` have a variation agreed (a batch decides those one at a time)."""
    return set(
        VariationRequest.objects.filter(
            case_id__in=list(case_ids), status=VariationStatus.AGREED
        ).values_list("case_id", flat=True)
    )


def agreed_variations_for_engine(case):
    """Every variation agreed on the case, as the engine's input; the engine counts those
    in force on a decision's effective date."""
    return tuple(
        Variation(
            ground=request.ground,
            weekly_amount=request.agreed_weekly_amount,
            in_force_from=request.in_force_from,
            in_force_to=request.in_force_to,
        )
        for request in agreed_requests(case)
    )
