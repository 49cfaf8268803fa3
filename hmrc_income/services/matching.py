"""A caseworker matches a row that matched nobody (a number mistyped on either side, or a
party with no number yet) to the party it belongs to."""

from django.db import transaction
from django.utils import timezone

from cases.models import Party
from cms_portal.audit import record_audit_event

from ..models import FeedRow
from .checks import check_current_income


class MatchError(ValueError):
    """The match is not allowed (shown to the caseworker as is)."""


def match_by_hand(*, acting_user, row, party):
    """Match `row`, and every other unmatched row with the same number (the same person),
    to `party`. Returns how many rows were matched."""
    with transaction.atomic():
        row = FeedRow.objects.select_for_update().get(pk=row.pk)
        if row.party_id is not None:
            raise MatchError("This row has already been matched.")
        if Party.objects.filter(national_insurance_number=row.nino).exists():
            raise MatchError("This row already matches a party by National Insurance number.")
        matched = FeedRow.objects.filter(nino=row.nino, party__isnull=True).update(
            party=party,
            matched_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            matched_at=timezone.now(),
        )
        # The number itself is never copied into the audit trail.
        record_audit_event(
            acting_user=acting_user,
            action="hmrc_income.matched_by_hand",
            obj=party.case,
            party=str(party.public_id),
            row=row.pk,
            rows_matched=matched,
        )
    check_current_income(acting_user=acting_user, party=party)
    return matched
