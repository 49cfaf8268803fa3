"""Site pages say what is true for this service: the fees the law waives for domestic
abuse, an accessibility statement of its own, and a cookie confirmation shown once."""

import pytest

from tests.accounts.helpers import PASSWORD, sign_in


def _text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,says,promised",
    [
        (
            "",
            "The collection fees still apply: the law does not waive them for domestic abuse.",
            "without paying the fees",
        ),
        (
            "/cy",
            "Mae’r ffioedd casglu yn dal yn berthnasol: nid yw’r gyfraith yn eu hepgor",
            "heb dalu’r ffioedd",
        ),
    ],
)
def test_help_page_says_what_the_law_waives_for_domestic_abuse(client, prefix, says, promised):
    page = _text(client.get(f"{prefix}/help/"))
    assert says in page
    assert promised not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,words",
    [
        (
            "",
            [
                "axe automated accessibility tool",
                "with a keyboard only",
                "320 and 375 pixels",
                "partially compliant",
                "scroll sideways inside their own box",
                "Reporting accessibility problems",
                "Equality Advisory and Support Service (EASS)",
                "payment schedule",
            ],
        ),
        (
            "/cy",
            [
                "offeryn hygyrchedd awtomatig axe",
                "gyda bysellfwrdd yn unig",
                "320 a 375 picsel",
                "cydymffurfio’n rhannol",
                "sgrolio i’r ochr y tu mewn i’w blwch eu hunain",
                "Rhoi gwybod am broblemau hygyrchedd",
                "Gwasanaeth Cynghori a Chefnogi Cydraddoldeb (EASS)",
                "amserlen dalu",
            ],
        ),
    ],
)
def test_accessibility_statement_is_about_this_service(client, prefix, words):
    page = _text(client.get(f"{prefix}/accessibility/"))
    for text in words:
        assert text in page, text
    assert "We are not aware of any parts that fail" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,accepted", [("", "You’ve accepted analytics cookies."), ("/cy", None)]
)
def test_cookie_confirmation_shows_once_and_not_after_sign_in(client, make_user, prefix, accepted):
    user = make_user()
    response = client.post(
        f"{prefix}/cookies/consent/", {"cookies": "accept", "next": f"{prefix}/accounts/login/"}
    )
    first = client.get(response["Location"])
    assert first.status_code == 200
    assert "govuk-cookie-banner" in first.content.decode()
    if accepted:
        assert accepted in first.content.decode()
    # The next page and every page after signing in: no banner at all.
    assert "govuk-cookie-banner" not in client.get(f"{prefix}/help/").content.decode()
    signed_in = sign_in(client, user.email, PASSWORD, prefix=prefix)
    assert signed_in.status_code == 302
    for path in (signed_in["Location"], f"{prefix}/account/", f"{prefix}/help/"):
        page = client.get(path, follow=True).content.decode()
        assert "govuk-cookie-banner" not in page, path
