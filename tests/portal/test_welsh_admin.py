"""Caseworkers can use the admin in Welsh (/cy/admin/): Django's own Welsh catalogue
lacks many of the admin's strings, so ours carries them. Only strings a caseworker never
sees here are left out, each listed with why."""

from pathlib import Path

import django
from babel.messages.pofile import read_po
from django.utils import translation

ADMIN_CATALOGUE = (
    Path(django.__file__).parent
    / "contrib"
    / "admin"
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)
# Pages and features this admin does not use.
NOT_SHOWN = {
    # error pages: the portal serves its own 404 and 500 pages
    "There’s been an error. It’s been reported to the site administrators via email and "
    "should be fixed shortly. Thanks for your patience.",
    "Something’s wrong with your database installation. Make sure the appropriate database "
    "tables have been created, and make sure the database is readable by the appropriate user.",
    # staff sign in, sign out and change passwords through the portal's accounts pages
    "You are authenticated as %(username)s, but are not authorized to access this page. "
    "Would you like to login to a different account?",
    "Forgotten your login credentials?",
    "Thanks for spending some quality time with the web site today.",
    "Please enter your old password, for security’s sake, and then enter your new password "
    "twice so we can verify you typed it in correctly.",
    "We’ve emailed you instructions for setting your password, if an account exists with the "
    "email you entered. You should receive them shortly.",
    "If you don’t receive an email, please make sure you’ve entered the address you "
    "registered with, and check your spam folder.",
    "In case you’ve forgotten, you are:",
    "Forgotten your password? Enter your email address below, and we’ll email instructions "
    "for setting a new one.",
    "After you’ve created a user, you’ll be able to edit more user options.",
    "Set password",
    "This action will <strong>enable</strong> password-based authentication for this user.",
    "Disable password-based authentication",
    "Enable password-based authentication",
    # deleting in bulk is turned off (ledger and audit rows are never deleted)
    "Deleting the selected %(objects_name)s would result in deleting related objects, but "
    "your account doesn't have permission to delete the following types of objects:",
    # popups and the object-representation fallback
    "Popup closing…",
    "%(class_name)s %(instance)s",
}


def _admin_messages():
    with ADMIN_CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    return [message for message in catalog if message.id and not message.context]


def _untranslated():
    missing = []
    with translation.override("cy"):
        for message in _admin_messages():
            if isinstance(message.id, tuple):
                singular, plural = message.id
                if translation.ngettext(singular, plural, 3) == plural:
                    missing.append(singular)
            elif translation.gettext(message.id) == message.id:
                missing.append(message.id)
    return missing


def test_every_admin_string_a_caseworker_sees_is_welsh():
    assert [text for text in _untranslated() if text not in NOT_SHOWN] == []
