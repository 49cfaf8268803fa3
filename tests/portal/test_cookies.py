"""Cookie consent: the banner form works without JavaScript, the cookie is set by the
server for a year, and analytics only runs after an explicit yes."""

import json

import pytest

ANALYTICS_SNIPPET = "js/analytics.mjs"


def html(response):
    return response.content.decode()


@pytest.mark.django_db
def test_banner_is_shown_until_a_choice_is_made_and_no_analytics_runs(client):
    page = html(client.get("/"))
    assert "govuk-cookie-banner" in page
    assert 'action="/cookies/consent/"' in page
    assert ANALYTICS_SNIPPET not in page


@pytest.mark.django_db
def test_accepting_sets_a_one_year_cookie_shows_a_confirmation_then_hides(client):
    response = client.post("/cookies/consent/", {"cookies": "accept", "next": "/help/"})
    assert response.status_code == 302 and response["Location"] == "/help/"
    cookie = response.cookies["cookies_policy"]
    assert json.loads(cookie.value) == {"essential": True, "analytics": True, "version": 1}
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["httponly"]
    page = html(client.get("/help/"))
    assert "You’ve accepted analytics cookies." in page
    assert ANALYTICS_SNIPPET in page
    hide = client.post("/cookies/consent/", {"cookies": "hide", "next": "/help/"})
    assert hide.status_code == 302
    page = html(client.get("/help/"))
    assert "govuk-cookie-banner" not in page
    assert ANALYTICS_SNIPPET in page


@pytest.mark.django_db
def test_rejecting_records_no_analytics(client):
    response = client.post("/cookies/consent/", {"cookies": "reject", "next": "/"})
    assert json.loads(response.cookies["cookies_policy"].value)["analytics"] is False
    page = html(client.get("/"))
    assert "You’ve rejected analytics cookies." in page
    assert ANALYTICS_SNIPPET not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[]",
        '{"analytics": "yes", "version": 1}',
        '{"analytics": true}',
        '{"analytics": true, "version": 99}',
        "%7B",
    ],
)
def test_a_malformed_cookie_counts_as_not_accepted(client, raw):
    client.cookies["cookies_policy"] = raw
    page = html(client.get("/"))
    assert "govuk-cookie-banner" in page
    assert ANALYTICS_SNIPPET not in page


@pytest.mark.django_db
def test_an_unknown_banner_choice_is_a_bad_request(client):
    assert client.post("/cookies/consent/", {"cookies": "maybe"}).status_code == 400


@pytest.mark.django_db
def test_banner_next_cannot_redirect_off_site(client):
    response = client.post(
        "/cookies/consent/", {"cookies": "accept", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_cookies_page_defaults_to_no_and_saves_with_a_success_banner(client):
    page = html(client.get("/cookies/"))
    assert 'value="no" checked' in page
    assert "sessionid" in page and "csrftoken" in page and "cookies_policy" in page
    response = client.post("/cookies/", {"analytics": "yes"})
    assert response.status_code == 302
    assert json.loads(response.cookies["cookies_policy"].value)["analytics"] is True
    page = html(client.get(response["Location"]))
    assert "govuk-notification-banner--success" in page
    assert 'value="yes" checked' in page


@pytest.mark.django_db
def test_cookies_page_without_a_choice_shows_the_error_pattern(client):
    response = client.post("/cookies/", {})
    assert response.status_code == 400
    page = html(response)
    assert (
        "govuk-error-summary" in page and "Select whether you want to use analytics cookies" in page
    )
    assert 'href="#analytics"' in page


@pytest.mark.django_db
def test_cookies_page_is_translated(client):
    page = html(client.get("/cy/cookies/"))
    assert "Cwcis" in page
    response = client.post("/cy/cookies/", {})
    assert "Gwall:" in html(response)
