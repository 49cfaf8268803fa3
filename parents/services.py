"""What the parents' pages write."""

from django.db import transaction

from cms_portal.audit import record_audit_event


@transaction.atomic
def record_preview(*, acting_user, access, shown_as, page):
    """A party opened a preview of `page` as another party (`shown_as`) sees it. It
    shows nothing new to them, but who looked at whose view is kept."""
    record_audit_event(
        acting_user=acting_user,
        action="case.preview_viewed",
        obj=access.case,
        page=page,
        party=str(access.party.public_id),
        shown_as=str(shown_as.party.public_id),
        shown_as_role=shown_as.party.role,
    )
