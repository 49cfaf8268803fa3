"""The base layout: GOV.UK chrome, the language toggle, role-aware navigation."""

import re

import pytest

SITE_PAGES = [
    "/",
    "/cookies/",
    "/accessibility/",
    "/privacy/",
    "/contact/",
    "/help/",
    "/signed-out/",
]


def html(response):
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", SITE_PAGES)
def test_every_site_page_renders_in_english_with_a_link_to_the_welsh_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="en"' in page
    welsh_link = re.search(
        r'<a[^>]*href="(/cy/[^"]*)"[^>]*hreflang="cy"[^>]*lang="cy"[^>]*rel="alternate"', page
    )
    assert welsh_link, "no Welsh toggle link"
    assert welsh_link.group(1) == "/cy" + path
    assert (
        '<span class="app-language-navigation__current" aria-current="true" '
        'lang="en">English</span>' in page
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", SITE_PAGES)
def test_every_site_page_renders_in_welsh_with_a_link_back_to_english(client, path):
    response = client.get("/cy" + path)
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="cy"' in page
    assert re.search(rf'href="{re.escape(path)}"[^>]*hreflang="en"[^>]*lang="en"', page)
    assert "Gwasanaeth Cynhaliaeth Plant" in page
    assert (
        "Child Maintenance Service" not in page.split("<main")[1].split("</main>")[0]
        or path == "/contact/"
    )


@pytest.mark.django_db
def test_language_toggle_keeps_the_query_string(client):
    page = html(client.get("/signed-out/?reason=timeout"))
    assert 'href="/cy/signed-out/?reason=timeout"' in page


@pytest.mark.django_db
def test_layout_has_skip_link_header_phase_banner_and_footer_links(client):
    page = html(client.get("/"))
    assert 'class="govuk-skip-link"' in page and 'href="#main-content"' in page
    assert "govuk-header" in page
    assert "govuk-service-navigation" in page and "Child Maintenance Service" in page
    assert "govuk-phase-banner" in page and "Beta" in page
    for href in ["/cookies/", "/accessibility/", "/privacy/", "/contact/", "/help/"]:
        assert f'class="govuk-footer__link" href="{href}"' in page


@pytest.mark.django_db
def test_footer_and_component_defaults_are_translated_in_welsh(client):
    page = html(client.get("/cy/"))
    for english in [
        "Support links",
        "© Crown copyright",
        "Open Government Licence v3.0, except",
        "Skip to main content",
        "Service information",
        "Cookies on the Child",
    ]:
        assert english not in page, english
    assert "Hawlfraint y Goron" in page
    assert "Neidio i’r prif gynnwys" in page


@pytest.mark.django_db
def test_anonymous_users_have_no_service_navigation_items(client):
    page = html(client.get("/"))
    assert "govuk-service-navigation__item" not in page


@pytest.mark.django_db
def test_signed_in_users_see_their_account_and_sign_out(signed_in_client):
    page = html(signed_in_client().get("/"))
    assert "govuk-service-navigation__item" in page
    assert "Your account" in page and "Sign out" in page


@pytest.mark.django_db
def test_start_page_offers_both_sign_ins_the_calculator_and_northern_ireland(client):
    page = html(client.get("/"))
    assert "Sign in as a parent or guardian" in page
    assert "Sign in as an employer" in page
    assert "nidirect.gov.uk" in page and "Northern Ireland" in page
    assert 'href="/calculate/"' in page
    assert "govuk-exit-this-page" in page


@pytest.mark.django_db
def test_assets_come_from_our_static_files(client):
    page = html(client.get("/"))
    assert 'href="/static/build/app.css"' in page
    assert "/static/build/govuk/assets/images/favicon.svg" in page
    assert 'src="/static/js/application.mjs"' in page


def test_compiled_css_points_fonts_and_crest_at_our_static_url():
    from pathlib import Path

    css = Path("static/build/app.css").read_text()
    assert "/static/build/govuk/assets/fonts/" in css
    assert "url(/assets/" not in css
