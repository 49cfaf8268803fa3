"""The layout chrome is rendered once per language and role and kept; what belongs to
one request (the toggle's link to this page, the CSRF token, the session's expiry) is
filled in per request and never crosses users."""

import re
from html import unescape

import pytest

from cms_portal import chrome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_chrome():
    chrome.clear()
    yield
    chrome.clear()


def _toggle_href(response):
    html = response.content.decode()
    return unescape(re.search(r'href="([^"]*)" hreflang=', html).group(1))


def _csrf_values(response):
    return set(
        re.findall(
            r'(?:csrfmiddlewaretoken" value|data-csrf-token)="([^"]+)"', response.content.decode()
        )
    )


def test_chrome_is_rendered_once_per_language_and_kept(client, monkeypatch):
    rendered = []
    original = chrome._Slots

    def counting(names):
        rendered.append(names)
        return original(names)

    monkeypatch.setattr(chrome, "_Slots", counting)
    client.get("/help/")
    first = len(rendered)
    assert first >= 5  # skip link, header, navigation, banner, footer, cookie banner
    client.get("/contact/")
    client.get("/help/")
    assert len(rendered) == first
    client.get("/cy/help/")
    assert len(rendered) == 2 * first  # each fragment again, in Welsh


def test_language_toggle_links_to_each_page_with_its_query_string(client):
    assert _toggle_href(client.get("/help/?topic=fees&x=1")) == "/cy/help/?topic=fees&x=1"
    assert _toggle_href(client.get("/contact/")) == "/cy/contact/"
    assert _toggle_href(client.get("/cy/contact/?a=1")) == "/contact/?a=1"
    # The address is HTML-escaped where it is filled in.
    assert (
        'href="/cy/help/?topic=fees&amp;x=1"'
        in client.get("/help/?topic=fees&x=1").content.decode()
    )


def test_cookie_banner_keeps_this_page_and_this_visitors_csrf_token(client):
    from django.test import Client

    other = Client()
    mine = client.get("/help/?from=banner")
    theirs = other.get("/contact/")
    assert 'name="next" value="/help/?from=banner"' in mine.content.decode()
    assert 'name="next" value="/contact/"' in theirs.content.decode()
    mine_tokens, their_tokens = _csrf_values(mine), _csrf_values(theirs)
    assert mine_tokens and their_tokens
    # Each token is this visitor's own: it unmasks to their CSRF cookie's secret.
    from django.middleware.csrf import _unmask_cipher_token

    for response, browser in ((mine, client), (theirs, other)):
        secret = browser.cookies["csrftoken"].value
        for token in _csrf_values(response):
            assert _unmask_cipher_token(token) == secret


def test_navigation_differs_by_role_and_is_never_shared(
    signed_in_client, paying_parent, employer_member
):
    parent = signed_in_client(paying_parent)
    employer = signed_in_client(employer_member)
    parent_page = parent.get("/help/").content.decode()
    employer_page = employer.get("/help/").content.decode()
    assert "Your cases" in parent_page and "Your orders" not in parent_page
    assert "Your orders" in employer_page and "Your cases" not in employer_page
    again = parent.get("/help/").content.decode()
    assert "Your orders" not in again


def test_timeout_dialog_carries_each_sessions_own_expiry_and_token(
    signed_in_client, make_user, settings
):
    first = signed_in_client(make_user())
    first.get("/help/")
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 600
    second = signed_in_client(make_user())
    page = second.get("/help/").content.decode()
    expires = int(re.search(r'data-expires-in="(\d+)"', page).group(1))
    assert 590 <= expires <= 600
    secret = second.cookies["csrftoken"].value
    from django.middleware.csrf import _unmask_cipher_token

    assert {_unmask_cipher_token(token) for token in _csrf_values(second.get("/help/"))} == {secret}


def test_a_value_that_looks_like_a_placeholder_is_not_filled_in(client):
    page = client.get("/help/?q=@@cms-slot-csrf@@").content.decode()
    assert "q=@@cms-slot-csrf@@" in page


def test_with_debug_on_edited_templates_show_at_once(client, settings, monkeypatch):
    rendered = []
    original = chrome._Slots
    monkeypatch.setattr(chrome, "_Slots", lambda names: rendered.append(names) or original(names))
    settings.DEBUG = True
    client.get("/help/")
    first = len(rendered)
    client.get("/help/")
    assert len(rendered) == 2 * first


def test_header_and_footer_are_rendered_once_per_page(signed_in_client, paying_parent, monkeypatch):
    """govuk-frontend's template renders them twice; the layout asks for each part once:
    the language toggle looks up only the other language's address of this page."""
    from cms_portal import languages

    looked_up = []
    original = languages.translate_url

    def counting(path, code):
        looked_up.append(code)
        return original(path, code)

    monkeypatch.setattr(languages, "translate_url", counting)
    client = signed_in_client(paying_parent)
    page = client.get("/help/").content.decode()
    assert looked_up == ["cy"]
    assert page.count('<header class="govuk-template__header">') == 1
    assert page.count('<footer class="govuk-template__footer">') == 1
    assert page.count("Your cases") == 1
    looked_up.clear()
    client.get("/cy/help/")
    assert looked_up == ["en"]


def test_welsh_chrome_after_english_and_english_after_welsh(signed_in_client, paying_parent):
    """Kept chrome is kept per language: a Welsh page after an English one (and back)
    has its own language's header, navigation, toggle and footer."""
    client = signed_in_client(paying_parent)
    english = client.get("/help/").content.decode()
    welsh = client.get("/cy/help/").content.decode()
    english_again = client.get("/help/").content.decode()
    for page in (english, english_again):
        assert "Your cases" in page and "Eich achosion" not in page
        assert "Skip to main content" in page and "Support links" in page
        assert 'hreflang="cy"' in page and 'hreflang="en"' not in page
    assert "Eich achosion" in welsh and "Your cases" not in welsh
    assert "Skip to main content" not in welsh and "Support links" not in welsh
    assert 'href="/help/" hreflang="en"' in welsh and 'hreflang="cy"' not in welsh
