"""Small helpers shared by the accounts tests."""

import re

from django.core import mail

PASSWORD = "correct horse battery staple"


def sign_in(client, email, password=PASSWORD, prefix="", **extra):
    return client.post(f"{prefix}/accounts/login/", {"login": email, "password": password, **extra})


def main_text(response):
    """The page's <main> as plain text, for comparing what two pages say."""
    html = response.content.decode()
    main = html[html.find("<main") : html.find("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def link_in_last_email(pattern):
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def session_key(client):
    from django.conf import settings

    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


def session_exists(key):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(session_key=key).exists()
