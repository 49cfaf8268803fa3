"""The one thing letters write: who downloaded which letter, for the audit trail."""

from django.db import transaction

from cms_portal.audit import record_audit_event

LETTER_DOWNLOADED = "letter.downloaded"


@transaction.atomic
def record_letter_download(*, acting_user, access, letter, language, **details):
    """`letter` names the kind ("decision", "statement"); `details` say which one."""
    return record_audit_event(
        acting_user=acting_user,
        action=LETTER_DOWNLOADED,
        obj=access.case,
        letter=letter,
        party=str(access.party.public_id),
        representative=access.is_representative,
        language=language,
        **details,
    )
