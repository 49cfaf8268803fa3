"""The team page: who can use the service for the employer, and open invitations."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date


def team_rows(memberships, *, viewer, can_manage):
    rows = []
    for membership in memberships:
        row = {
            "key": {"text": membership.user.get_full_name()},
            "value": {"text": f"{membership.user.email} – {membership.get_role_display()}"},
        }
        if can_manage and membership.user_id != viewer.pk:
            row["actions"] = {
                "items": [
                    {
                        "href": reverse(
                            "employers:remove_member", kwargs={"public_id": membership.public_id}
                        ),
                        "text": _("Remove"),
                        "visuallyHiddenText": membership.user.email,
                    }
                ]
            }
        rows.append(row)
    return rows


def invitation_rows(invitations, *, can_manage):
    rows = []
    for invitation in invitations:
        row = {
            "key": {"text": invitation.email},
            "value": {
                "text": _("%(role)s, invited – link works until %(date)s")
                % {"role": invitation.get_role_display(), "date": govuk_date(invitation.expires_at)}
            },
        }
        if can_manage:
            row["actions"] = {
                "items": [
                    {
                        "href": reverse(
                            "employers:withdraw_invitation",
                            kwargs={"public_id": invitation.public_id},
                        ),
                        "text": _("Cancel invitation"),
                        "visuallyHiddenText": invitation.email,
                    }
                ]
            }
        rows.append(row)
    return rows
