"""A parent names someone to act for them, chooses what they may do and until when,
and can remove them at any time."""

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import Party, Representative, RepresentativeStatus
from .activation import issue_representative_code


class RepresentativeError(ValueError):
    pass


def name_representative(
    *, acting_user, access, full_name, email, can_view, can_report_changes, can_message, valid_until
):
    """Returns (representative, code): the parent passes the code on; the representative
    is emailed that they have been named (without the code)."""
    if access.is_representative:
        raise RepresentativeError("Only the parent can name a representative.")
    if not (can_view or can_report_changes or can_message):
        raise RepresentativeError("Choose at least one thing they may do.")
    if valid_until <= timezone.localdate():
        raise RepresentativeError("The end date must be in the future.")
    with transaction.atomic():
        party = Party.objects.select_for_update().get(pk=access.party.pk)
        representative = Representative.objects.create(
            case=party.case,
            party=party,
            full_name=full_name,
            email=email.strip().lower(),
            can_view=can_view,
            can_report_changes=can_report_changes,
            can_message=can_message,
            valid_until=valid_until,
            created_by=acting_user,
        )
        record_audit_event(
            acting_user=acting_user,
            action="representative.named",
            obj=party.case,
            representative=str(representative.public_id),
            scopes=[str(scope) for scope in representative.scopes],
            valid_until=valid_until.isoformat(),
        )
        _record, code = issue_representative_code(
            acting_user=acting_user, representative=representative
        )
        send_email(
            to=representative.email,
            template="cases_representative_named",
            context={"representative_name": full_name},
            language=party.notification_language,
        )
        return representative, code


def revoke_representative(*, acting_user, representative, access=None):
    """Removes a representative at once. `access` is the parent's (None for a caseworker)."""
    with transaction.atomic():
        representative = Representative.objects.select_for_update().get(pk=representative.pk)
        if access is not None and (
            representative.party_id != access.party.pk or access.is_representative
        ):
            raise RepresentativeError("Only the parent who named them can remove them.")
        if representative.status == RepresentativeStatus.REVOKED:
            return representative
        representative.status = RepresentativeStatus.REVOKED
        representative.revoked_at = timezone.now()
        representative.save(update_fields=["status", "revoked_at"])
        # An unused code must not let them in after removal.
        representative.activation_codes.filter(
            used_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=representative.revoked_at)
        record_audit_event(
            acting_user=acting_user,
            action="representative.revoked",
            obj=representative.case,
            representative=str(representative.public_id),
        )
        _tell_removed(representative)
        return representative


def _tell_removed(representative):
    """So someone acting for a parent is not left to find out at their next sign-in."""
    user = representative.user
    send_email(
        to=user.email if user is not None else representative.email,
        template="cases_representative_removed",
        context={"representative_name": representative.full_name},
        language=(
            getattr(user, "preferred_language", "") or representative.party.notification_language
        ),
    )
