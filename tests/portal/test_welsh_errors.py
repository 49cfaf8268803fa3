"""What the libraries under the portal say is Welsh on Welsh pages: sign-in failures and
the lockout (allauth, django-axes), password rules (Django's validators), signing up with
an address already used, the error pages and a refused form (CSRF), each compared with
the same page in English (tests/portal/welsh_crawl.py says what counts as English)."""

import pytest
from django.test import Client

from tests.portal.welsh_crawl import english_pieces

PASSWORD = "correct horse battery staple"
WRONG = "not the right password"


def _pair(send):
    """The Welsh and English responses of `send(prefix)`, each from a fresh client."""
    return send(Client(), "/cy"), send(Client(), "")


def _english_on(welsh, english):
    return english_pieces(welsh.content.decode(), english.content.decode())


def _wrong_password(user):
    def send(client, prefix):
        return client.post(f"{prefix}/accounts/login/", {"login": user.email, "password": WRONG})

    return send


def _locked_out(user):
    def send(client, prefix):
        for _ in range(5):
            client.post(f"{prefix}/accounts/login/", {"login": user.email, "password": WRONG})
        return client.post(f"{prefix}/accounts/login/", {"login": user.email, "password": PASSWORD})

    return send


@pytest.mark.django_db
def test_a_wrong_password_is_told_in_welsh(make_user):
    welsh, english = _pair(_wrong_password(make_user()))
    assert welsh.status_code == 400
    assert not _english_on(welsh, english)


@pytest.mark.django_db
def test_the_lockout_is_told_in_welsh(make_user):
    user = make_user()
    welsh = _locked_out(user)(Client(), "/cy")
    from axes.utils import reset

    reset()
    english = _locked_out(user)(Client(), "")
    assert welsh.status_code == 429
    assert not _english_on(welsh, english)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    ["abc", "password", "signup@example.test"],
    ids=["short", "common", "like-the-email"],
)
def test_password_rules_are_told_in_welsh_when_signing_up(password):
    def send(client, prefix):
        return client.post(
            f"{prefix}/accounts/signup/",
            {"email": "signup@example.test", "password1": password, "password2": password},
        )

    welsh, english = _pair(send)
    assert welsh.status_code == 400
    assert "govuk-error-summary" in welsh.content.decode()
    assert not _english_on(welsh, english)


@pytest.mark.django_db
def test_signing_up_with_an_address_already_used_is_told_in_welsh(make_user):
    user = make_user()

    def send(client, prefix):
        return client.post(
            f"{prefix}/accounts/signup/",
            {"email": user.email, "password1": "a long new passphrase", "password2": "other"},
        )

    welsh, english = _pair(send)
    assert not _english_on(welsh, english)


@pytest.mark.django_db
def test_changing_password_with_the_wrong_one_is_told_in_welsh(make_user):
    user = make_user()

    def send(client, prefix):
        client.force_login(user)
        return client.post(
            f"{prefix}/accounts/password/change/",
            {"oldpassword": WRONG, "password1": "abc", "password2": "abd"},
        )

    welsh, english = _pair(send)
    assert welsh.status_code == 400
    assert not _english_on(welsh, english)


@pytest.mark.django_db
@pytest.mark.skip_page_quality
def test_error_pages_are_welsh():
    welsh, english = _pair(lambda client, prefix: client.get(f"{prefix}/no-such-page/"))
    assert welsh.status_code == 404
    assert not _english_on(welsh, english)

    def refused(client, prefix):
        return Client(enforce_csrf_checks=True).post(f"{prefix}/accounts/login/", {})

    welsh, english = _pair(refused)
    assert welsh.status_code == 403
    assert not _english_on(welsh, english)


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["timeout", "expired", "signed-out"])
def test_the_signed_out_pages_are_welsh(reason):
    welsh, english = _pair(
        lambda client, prefix: client.get(f"{prefix}/signed-out/?reason={reason}")
    )
    assert welsh.status_code == 200
    assert not _english_on(welsh, english)


@pytest.mark.django_db
def test_signing_out_is_asked_and_ends_in_welsh(make_user):
    user = make_user()

    def ask(client, prefix):
        client.force_login(user)
        return client.get(f"{prefix}/accounts/logout/")

    welsh, english = _pair(ask)
    assert not _english_on(welsh, english)
    client = Client()
    client.force_login(user)
    signed_out = client.post("/cy/accounts/logout/", follow=True)
    assert [hop for hop, _status in signed_out.redirect_chain] == [
        "/cy/signed-out/?reason=signed-out"
    ]


@pytest.mark.django_db
@pytest.mark.skip_page_quality
def test_a_bad_request_page_is_welsh():
    def bad_host(client, prefix):
        return Client(HTTP_HOST="not-this-site.example").get(f"{prefix}/contact/")

    welsh, english = _pair(bad_host)
    assert welsh.status_code == 400
    assert not _english_on(welsh, english)


@pytest.mark.django_db
@pytest.mark.skip_page_quality
def test_too_many_password_resets_are_told_in_welsh(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "2/m/ip"}

    def many(client, prefix):
        for _ in range(3):
            response = client.post(
                f"{prefix}/accounts/password/reset/", {"email": "someone@example.test"}
            )
        return response

    welsh = many(Client(), "/cy")
    from django.core.cache import cache

    cache.clear()
    english = many(Client(), "")
    assert welsh.status_code == 429
    assert not _english_on(welsh, english)
