"""An employer's team: admins invite colleagues by email as admins or members, and
remove them. There is always at least one admin."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..codes import hash_invitation_token, new_invitation_token
from ..models import Employer, EmployerInvitation, EmployerMembership, MembershipRole
from .errors import EmployerRuleError


def _require_admin(user, employer):
    if not EmployerMembership.objects.filter(
        employer=employer, user=user, role=MembershipRole.ADMIN
    ).exists():
        raise EmployerRuleError(_("Only an admin can change the team"))


def invite_colleague(*, acting_user, employer, email, role, base_url=""):
    """Email a one-time link that adds the person with `email` to the team. An earlier
    open invitation to the same address stops working."""
    email = email.strip().lower()
    with transaction.atomic():
        employer = Employer.objects.select_for_update().get(pk=employer.pk)
        _require_admin(acting_user, employer)
        if employer.memberships.filter(user__email__iexact=email).exists():
            raise EmployerRuleError(_("This person is already in your team"), field="email")
        now = timezone.now()
        employer.invitations.filter(
            email__iexact=email, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        token = new_invitation_token()
        invitation = EmployerInvitation.objects.create(
            employer=employer,
            email=email,
            role=MembershipRole(role),
            token_hash=hash_invitation_token(token),
            invited_by=acting_user,
        )
        record_audit_event(
            acting_user=acting_user,
            action="employer.colleague_invited",
            obj=employer,
            invitation=str(invitation.public_id),
            role=role,
        )
        link = base_url + reverse("employers:accept_invitation", kwargs={"token": token})
        send_email(
            to=email,
            template="employers_invitation",
            language=employer.preferred_language,
            context={
                "employer_name": employer.name,
                "link": link,
                "inviter": acting_user.get_full_name(),
                "expires_at": invitation.expires_at,
                "is_admin": invitation.role == MembershipRole.ADMIN,
            },
        )
        return invitation


def open_invitation_for_token(token):
    """The invitation a link's token belongs to, if it can still be used."""
    invitation = (
        EmployerInvitation.objects.select_related("employer")
        .filter(token_hash=hash_invitation_token(token))
        .first()
    )
    return invitation if invitation is not None and invitation.is_open() else None


def accept_invitation(*, acting_user, token):
    """Add the signed-in user to the team, if the invitation was sent to their email."""
    with transaction.atomic():
        invitation = (
            EmployerInvitation.objects.select_for_update()
            .filter(token_hash=hash_invitation_token(token))
            .first()
        )
        if invitation is None or not invitation.is_open():
            raise EmployerRuleError(_("This invitation has expired or has already been used"))
        if invitation.email.lower() != acting_user.email.strip().lower():
            raise EmployerRuleError(
                _(
                    "This invitation was sent to a different email address. Sign in with the "
                    "email address the invitation was sent to"
                )
            )
        membership, created = EmployerMembership.objects.get_or_create(
            employer=invitation.employer,
            user=acting_user,
            defaults={"role": invitation.role, "added_by": invitation.invited_by},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = acting_user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        record_audit_event(
            acting_user=acting_user,
            action="employer.invitation_accepted",
            obj=invitation.employer,
            membership=str(membership.public_id),
        )
        return membership


def withdraw_invitation(*, acting_user, invitation):
    with transaction.atomic():
        invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
        _require_admin(acting_user, invitation.employer)
        if invitation.is_open():
            invitation.withdrawn_at = timezone.now()
            invitation.save(update_fields=["withdrawn_at"])
            record_audit_event(
                acting_user=acting_user,
                action="employer.invitation_withdrawn",
                obj=invitation.employer,
                invitation=str(invitation.public_id),
            )
        return invitation


def remove_member(*, acting_user, membership):
    """Take someone out of the team. The last admin cannot be removed."""
    with transaction.atomic():
        employer = Employer.objects.select_for_update().get(pk=membership.employer_id)
        _require_admin(acting_user, employer)
        membership = EmployerMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.user_id == acting_user.pk:
            raise EmployerRuleError(_("You cannot remove yourself. Ask another admin to do it"))
        if (
            membership.is_admin
            and employer.memberships.filter(role=MembershipRole.ADMIN).count() <= 1
        ):
            raise EmployerRuleError(_("You cannot remove the only admin"))
        record_audit_event(
            acting_user=acting_user,
            action="employer.member_removed",
            obj=employer,
            membership=str(membership.public_id),
            role=membership.role,
        )
        membership.delete()
