"""Our own markup is never shown as text: the page check finds it on any page a test
fetches, and the success banners that once showed it render a real heading."""

import pytest
from django.http import HttpResponse

from tests.page_quality import page_problems

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Cookies</title></head><body>'
    "<h1>Cookies</h1>{}</body></html>"
)


@pytest.mark.parametrize(
    "escaped",
    [
        '&lt;p class="govuk-notification-banner__heading"&gt;Done&lt;/p&gt;',
        "&lt;div&gt;",
        "&lt;span class=x&gt;",
        '&lt;a href="/"&gt;',
    ],
)
def test_the_page_check_finds_escaped_markup(escaped):
    problems = page_problems("/cookies/", HttpResponse(PAGE.format(f"<p>{escaped}</p>")))
    assert any("HTML shown as text" in problem for problem in problems)


def test_what_a_user_typed_in_a_field_is_not_markup_of_ours():
    field = (
        '<form method="post" action="/x" novalidate><input name="a" value="&lt;p&gt;">'
        "<textarea name=b>&lt;div&gt;</textarea></form><p>5 &lt; 6 and a&lt;b</p>"
    )
    assert page_problems("/cookies/", HttpResponse(PAGE.format(field))) == []


HEADING = '<p class="govuk-notification-banner__heading">'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,text",
    [
        ("", "You’ve set your cookie preferences."),
        ("/cy", "Rydych wedi gosod eich dewisiadau cwcis."),
    ],
)
def test_cookie_settings_saved_banner_is_a_heading(client, prefix, text):
    response = client.post(f"{prefix}/cookies/", {"analytics": "no"})
    html = client.get(response["Location"]).content.decode()
    assert f"{HEADING}{text}" in " ".join(html.split()).replace(f"{HEADING} ", HEADING)
    assert "&lt;p" not in html
