"""Demo staff accounts, one for each role (none is a superuser). The other demo modules
add parents and employers."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured

from cms_portal import staff_roles

from .password import demo_password

CASEWORKER_EMAIL = "caseworker@example.gov.uk"
TEAM_LEADER_EMAIL = "team.leader@example.gov.uk"
FINANCE_EMAIL = "finance@example.gov.uk"
# (email, name, role group)
STAFF = [
    (CASEWORKER_EMAIL, "Casey Worker", staff_roles.CASEWORKER),
    (TEAM_LEADER_EMAIL, "Tegan Leader", staff_roles.TEAM_LEADER),
    (FINANCE_EMAIL, "Finley Finance", staff_roles.FINANCE),
]


def ensure_user(email, *, full_name="", is_staff=False, password=None):
    """Find or create a verified demo user with the shared demo password."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured("Demo accounts are refused with these settings.")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "is_staff": is_staff}
    )
    if created:
        user.set_password(password or demo_password())
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def accounts():
    return [
        {
            "email": email,
            "password": demo_password(),
            "role": role,
            "case_references": [],
            "employer_reference": None,
        }
        for email, _name, role in STAFF
    ]


def load(stdout=None):
    staff_roles.sync_roles(Group, Permission)
    for email, name, role in STAFF:
        user = ensure_user(email, full_name=name, is_staff=True)
        if user.is_superuser:
            # Older demo databases made the caseworker a superuser.
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        user.groups.set([Group.objects.get(name=role)])
        if stdout:
            stdout.write(f"{role.capitalize()}: {email}")
