"""Every sign-in and account page is ours (Jinja, GOV.UK macros), in English and Welsh,
and every string in them has real Welsh."""

from pathlib import Path

import pytest
from django.urls import URLResolver

from .helpers import sign_in

BASE = Path(__file__).resolve().parents[2]
TEMPLATES = BASE / "templates"
CATALOGUE = BASE / "locale/cy/LC_MESSAGES/django.po"
# Emails for features the portal does not switch on (sign-in by emailed code, passkeys,
# phone numbers) are never sent.
UNUSED_EMAILS = ("login_code", "password_reset_code", "webauthn", "base_", "unknown_account_phone")


def _views(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry.url_patterns)
        else:
            yield entry


def test_every_routed_allauth_page_has_our_own_template():
    from allauth.account import views as account_views

    from cms_portal.accounts import urls

    names = set()
    for pattern in _views(urls.urlpatterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None and pattern.name == "account_email_verification_sent":
            view_class = account_views.EmailVerificationSentView
        template = getattr(view_class, "template_name", None)
        if template:
            names.add(template)
    assert len(names) >= 20
    missing = [name for name in names if not (TEMPLATES / name).exists()]
    assert not missing, missing


def test_every_email_allauth_can_send_has_our_own_template():
    import allauth

    library = Path(allauth.__file__).parent / "templates"
    needed = [
        path.relative_to(library)
        for folder in ("account/email", "mfa/email")
        for path in (library / folder).glob("*.txt")
        if not path.name.startswith(UNUSED_EMAILS)
    ]
    assert needed
    missing = [str(name) for name in needed if not (TEMPLATES / name).exists()]
    assert not missing, missing


def test_every_string_has_welsh_and_nothing_is_fuzzy_or_empty():
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    assert catalogue.plural_forms.startswith("nplurals=4;")
    entries = [message for message in catalogue if message.id]
    assert all(message.string and not message.fuzzy for message in entries)

    keywords = {"_": None, "gettext": None, "gettext_lazy": None}
    sources = [
        *(BASE / "cms_portal/accounts").glob("*.py"),
        *(TEMPLATES / "account").rglob("*.*"),
        *(TEMPLATES / "mfa").rglob("*.*"),
        TEMPLATES / "includes/session_timeout.html",
        TEMPLATES / "pages/account.html",
        TEMPLATES / "pages/signed_out.html",
        TEMPLATES / "errors/locked_out.html",
    ]
    extracted = set()
    for source in sources:
        method = "python" if source.suffix == ".py" else "jinja2.ext:babel_extract"
        options = {} if method == "python" else {"extensions": "jinja2.ext.i18n,jinja2.ext.do"}
        for _line, message, _comments, _context in extract_from_file(
            method, source, keywords, options=options
        ):
            extracted.add(message)
    known = {message.id for message in entries}
    assert extracted and not (extracted - known), sorted(extracted - known)


LINK_USED_OR_EXPIRED_CY = "Mae’r ddolen hon wedi dod i ben neu wedi cael ei defnyddio’n barod"
ANONYMOUS_PAGES = {
    "/accounts/login/": "Mewngofnodi",
    "/accounts/login/?as=parent": "Mewngofnodi i’ch cyfrif cynhaliaeth plant",
    "/accounts/login/?as=employer": "Mewngofnodi i’ch cyfrif cyflogwr",
    "/accounts/signup/": "Creu cyfrif",
    "/accounts/password/reset/": "Ailosod eich cyfrinair",
    "/accounts/password/reset/done/": "Gwiriwch eich e-bost",
    "/accounts/confirm-email/": "Gwiriwch eich e-bost",
    "/accounts/confirm-email/unknown-key/": LINK_USED_OR_EXPIRED_CY,
    "/accounts/password/reset/key/1-nonsense/": LINK_USED_OR_EXPIRED_CY,
    "/accounts/password/reset/key/done/": "Mae eich cyfrinair wedi cael ei ailosod",
    "/accounts/inactive/": "Mae’r cyfrif hwn wedi cael ei gau",
    "/accounts/email/confirmed/": "Cyfeiriad e-bost wedi’i gadarnhau",
    "/signed-out/?reason=timeout": "Rydych wedi cael eich allgofnodi",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path,heading", ANONYMOUS_PAGES.items())
def test_anonymous_pages_in_welsh(client, path, heading):
    response = client.get("/cy" + path)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{heading}</h1>" in page or f"{heading}\n" in page
    assert 'class="govuk-template' in page


SIGNED_IN_PAGES = {
    "/your-account/": "Eich cyfrif",
    "/accounts/password/change/": "Newid eich cyfrinair",
    "/accounts/password/changed/": "Mae eich cyfrinair wedi newid",
    "/accounts/email/": "Newid eich cyfeiriad e-bost",
    "/accounts/logout/": "Allgofnodi",
    "/accounts/reauthenticate/": "Rhowch eich cyfrinair i barhau",
    "/accounts/2fa/": "Dilysu dau gam",
    "/accounts/2fa/totp/activate/": "Gosod dilysu dau gam",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path,heading", SIGNED_IN_PAGES.items())
def test_signed_in_pages_in_welsh(client, make_user, path, heading):
    sign_in(client, make_user().email)
    page = client.get("/cy" + path).content.decode()
    assert heading in page
    assert "Rydych ar fin cael eich allgofnodi" in page  # the timeout warning, in Welsh


@pytest.mark.django_db
def test_mfa_pages_in_welsh(caseworker_client, caseworker):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(caseworker)
    for path, heading in {
        "/cy/accounts/2fa/recovery-codes/": "Eich codau adfer",
        "/cy/accounts/2fa/recovery-codes/generate/": "Cael codau adfer newydd",
        "/cy/accounts/2fa/totp/deactivate/": "Diffodd dilysu dau gam",
        "/cy/accounts/2fa/reauthenticate/": "Rhowch eich cod diogelwch i barhau",
    }.items():
        assert heading in caseworker_client.get(path).content.decode(), path


@pytest.mark.django_db
def test_welsh_error_messages(client):
    page = client.post("/cy/accounts/login/", {"login": "", "password": ""}).content.decode()
    assert "Rhowch eich cyfeiriad e-bost" in page and "Rhowch eich cyfrinair" in page
    assert "Gwall:" in page


@pytest.mark.django_db
def test_rate_limited_pages_are_ours(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client.post(
        "/cy/accounts/signup/", {"email": "a@example.test", "password1": "x", "password2": "x"}
    )
    response = client.post(
        "/cy/accounts/signup/", {"email": "a@example.test", "password1": "x", "password2": "x"}
    )
    assert response.status_code == 429
    assert "Gormod o ymdrechion" in response.content.decode()
