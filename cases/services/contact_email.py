"""A new case contact email is used for nothing until its owner confirms it by a link
sent to it: otherwise a typing slip (or the other parent's address) would receive the
next decision. The old address is told that a change was asked for."""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import ChangeKind, ChangeReport, ChangeStatus, Party

SALT = "cases.contact-email-confirmation"
LINK_LIFETIME = timedelta(hours=24)


class ContactEmailLinkError(Exception):
    """The link is broken, expired, already used or replaced by a newer one."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def confirmation_token(party):
    return signing.dumps(
        {"party": str(party.public_id), "nonce": party.pending_email_nonce}, salt=SALT
    )


def ask_to_confirm_contact_email(*, acting_user, report, new_email, base_url=""):
    """Part of reporting an email change: keep the new address aside, send it a link and
    tell the address we use now."""
    party = Party.objects.select_for_update().get(pk=report.party_id)
    # Only the newest request can be confirmed.
    ChangeReport.objects.filter(
        party=party, kind=ChangeKind.EMAIL, outcome="email_confirmation_sent"
    ).exclude(pk=report.pk).update(
        status=ChangeStatus.REJECTED, outcome="email_replaced", resolved_at=timezone.now()
    )
    old_email = party.notification_email
    party.pending_email = new_email
    party.pending_email_nonce = secrets.token_urlsafe(32)
    party.save(update_fields=["pending_email", "pending_email_nonce"])
    report.status = ChangeStatus.RECORDED
    report.outcome = "email_confirmation_sent"
    report.outcome_details = {"email": new_email}
    path = reverse(
        "cases:contact_email_confirm",
        kwargs={"reference": report.case.reference, "token": confirmation_token(party)},
    )
    expires_at = timezone.now() + LINK_LIFETIME
    send_email(
        to=new_email,
        template="cases_contact_email_confirm",
        context={
            "case_reference": report.case.reference,
            "link": f"{base_url}{path}",
            "expires_at": expires_at,
        },
        language=party.notification_language,
    )
    if old_email and old_email.lower() != new_email.lower():
        send_email(
            to=old_email,
            template="cases_contact_email_change_requested",
            context={"case_reference": report.case.reference},
            language=party.notification_language,
        )
    record_audit_event(
        acting_user=acting_user,
        action="party.email_confirmation_sent",
        obj=report.case,
        party=str(party.public_id),
    )


def _nonce_from_token(access, token):
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
    except signing.SignatureExpired as error:
        raise ContactEmailLinkError("expired") from error
    except signing.BadSignature as error:
        raise ContactEmailLinkError("invalid") from error
    if data.get("party") != str(access.party.public_id):
        raise ContactEmailLinkError("invalid")
    return data["nonce"]


def _check_still_wanted(party, nonce):
    # A used link, or one replaced by a newer request, no longer matches.
    if not party.pending_email_nonce or not secrets.compare_digest(
        party.pending_email_nonce, nonce
    ):
        raise ContactEmailLinkError("used")


def check_contact_email_link(*, access, token):
    """The address the link would confirm, or ContactEmailLinkError."""
    nonce = _nonce_from_token(access, token)
    party = Party.objects.get(pk=access.party.pk)
    _check_still_wanted(party, nonce)
    return party.pending_email


def confirm_contact_email(*, acting_user, access, token):
    """Start using the confirmed address; the link cannot be used again."""
    nonce = _nonce_from_token(access, token)
    with transaction.atomic():
        party = Party.objects.select_for_update().get(pk=access.party.pk)
        _check_still_wanted(party, nonce)
        party.email, party.pending_email, party.pending_email_nonce = party.pending_email, "", ""
        party.save(update_fields=["email", "pending_email", "pending_email_nonce"])
        now = timezone.now()
        ChangeReport.objects.filter(
            party=party,
            kind=ChangeKind.EMAIL,
            outcome="email_confirmation_sent",
            answers__email=party.email,
        ).update(status=ChangeStatus.APPLIED, outcome="updated", resolved_at=now)
        record_audit_event(
            acting_user=acting_user,
            action="party.email_confirmed",
            obj=party.case,
            party=str(party.public_id),
        )
        return party
