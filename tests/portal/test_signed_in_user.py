"""The signed-in user is read on every request with a query composed once per process,
and read afresh each time: a deactivation, a password changed elsewhere or a new role
takes effect on the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms_portal.accounts.lockout import PortalAuthenticationBackend
from cms_portal.core.composed import ComposedRows
from cms_portal.roles import Roles

pytestmark = pytest.mark.django_db


def _fields(user):
    return {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields}


def test_the_user_read_is_the_user_the_orm_reads(employer_admin):
    user = PortalAuthenticationBackend().get_user(employer_admin.pk)
    assert type(user) is get_user_model()
    assert _fields(user) == _fields(get_user_model().objects.get(pk=employer_admin.pk))
    assert user.date_joined.tzinfo is not None
    assert not user._state.adding and user._state.db == "default"
    assert user._portal_roles == Roles(employer=True, employer_admin=True)
    # An ordinary instance: it saves like one.
    user.full_name = "Ada Renamed"
    user.save(update_fields=["full_name"])
    assert get_user_model().objects.get(pk=employer_admin.pk).full_name == "Ada Renamed"


def test_the_query_is_composed_once_and_asked_once_per_read(paying_parent, make_user, monkeypatch):
    backend = PortalAuthenticationBackend()
    backend.get_user(paying_parent.pk)
    composed = []
    compose = ComposedRows._compose
    monkeypatch.setattr(
        ComposedRows, "_compose", lambda read, using: composed.append(using) or compose(read, using)
    )
    other = make_user()
    with CaptureQueriesContext(connection) as captured:
        assert backend.get_user(other.pk) == other
        assert backend.get_user(paying_parent.pk)._portal_roles.parent
    assert len(captured) == 2
    assert composed == []


def test_no_such_user_or_an_inactive_one_is_nobody(make_user):
    backend = PortalAuthenticationBackend()
    assert backend.get_user(987654) is None
    assert backend.get_user("987654") is None
    user = make_user(is_active=False)
    assert backend.get_user(user.pk) is None


def test_a_deactivated_user_is_signed_out_on_the_next_request(make_user, signed_in_client):
    user = make_user()
    client = signed_in_client(user)
    assert client.get(reverse("cms_portal:account")).status_code == 200
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("cms_portal:account")).status_code == 302


def test_a_password_changed_elsewhere_ends_the_session(make_user, signed_in_client):
    """Django's check of the session against the password still runs on each request."""
    user = make_user()
    client = signed_in_client(user)
    assert client.get(reverse("cms_portal:account")).status_code == 200
    user.set_password("an entirely different password")
    user.save()
    assert client.get(reverse("cms_portal:account")).status_code == 302


def test_a_new_employer_admin_needs_two_step_verification_at_once(
    employer, employer_member, signed_in_client
):
    client = signed_in_client(employer_member)
    assert client.get(reverse("employers:orders")).status_code == 200
    employer_member.employer_memberships.update(role="admin")
    response = client.get(reverse("employers:orders"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
