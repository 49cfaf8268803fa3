"""Demo caseworker account (staff). Other apps add parents and employers."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

DEMO_PASSWORD = "demo password for local use"
CASEWORKER_EMAIL = "caseworker@example.gov.uk"
CASEWORKER_GROUPS = ["caseworker", "team leader", "finance"]


def ensure_user(email, *, full_name="", is_staff=False, password=DEMO_PASSWORD):
    """Find or create a verified demo user with the shared demo password."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured("Demo accounts are refused with these settings.")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "is_staff": is_staff}
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(stdout=None):
    for name in CASEWORKER_GROUPS:
        Group.objects.get_or_create(name=name)
    caseworker = ensure_user(CASEWORKER_EMAIL, full_name="Casey Worker", is_staff=True)
    caseworker.is_superuser = True
    caseworker.save(update_fields=["is_superuser"])
    caseworker.groups.add(Group.objects.get(name="caseworker"))
    if stdout:
        stdout.write(f"Caseworker: {CASEWORKER_EMAIL} / {DEMO_PASSWORD}")
