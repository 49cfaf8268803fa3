"""Caseworkers (and team leaders) work employers and orders in the admin: view, add and
change on every employers model (nothing is deleted; the admin itself stops changes to
records only services write). Kept up to date after each migrate."""

CASEWORKER_GROUPS = ("caseworker", "team leader")
ACTIONS = ("view", "add", "change")


def grant_caseworker_permissions(sender, apps=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(content_type__app_label="employers",
                                            codename__regex=r"^(" + "|".join(ACTIONS) + ")_")
    for name in CASEWORKER_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
