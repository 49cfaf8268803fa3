"""Caseworkers work cases in the admin: the caseworker and team leader groups get view,
add and change on every cases model (nothing is ever deleted), kept up to date after
each migrate."""

CASEWORKER_GROUPS = ("caseworker", "team leader")
ACTIONS = ("view", "add", "change")


def grant_caseworker_permissions(sender, apps=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(
        content_type__app_label="cases",
        codename__regex=rf"^({'|'.join(ACTIONS)})_",
    )
    for name in CASEWORKER_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
