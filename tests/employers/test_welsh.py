"""Every string the employers area shows has a Welsh translation, and Welsh pages use it."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale/cy/LC_MESSAGES/django.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
}
JINJA = ("jinja2", {"extensions": "jinja2.ext.i18n,jinja2.ext.do"})


def extracted():
    sources = [
        (ROOT / "employers", [("**/migrations/**", "ignore"), ("**.py", "python")]),
        (ROOT / "templates/employers", [("**.html", JINJA[0])]),
        (ROOT / "templates/emails", [("employers_*.txt", JINJA[0])]),
    ]
    found = set()
    for directory, method_map in sources:
        options = {pattern: JINJA[1] for pattern, method in method_map if method == "jinja2"}
        for _filename, _line, message, _comments, _context in extract_from_dir(
            directory, method_map=method_map, options_map=options, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_string_has_a_welsh_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, key
        translated[key] = strings
    missing = sorted(extracted() - set(translated))
    assert not missing, missing


@pytest.mark.parametrize(
    ("name", "english", "welsh"),
    [
        ("employers:dashboard", "Your employer account", "Eich cyfrif cyflogwr"),
        ("employers:upload", "Upload a deductions file", "Uwchlwytho ffeil didyniadau"),
        ("employers:new_message", "Send us a message", "Anfon neges atom"),
        (
            "employers:report_stopped_trading",
            "Tell us the business has stopped trading",
            "Dweud wrthym fod y busnes wedi rhoi’r gorau i fasnachu",
        ),
    ],
)
def test_welsh_pages_are_in_welsh(employer_world, employer_client, name, english, welsh):
    client = employer_client(employer_world.admin)
    with translation.override("en"):
        url = reverse(name)
    page = client.get("/cy" + url).content.decode()
    assert welsh in page and english not in page


@pytest.mark.parametrize("name", ["employers:new_message", "employers:report_stopped_trading"])
def test_the_character_count_speaks_welsh(employer_world, employer_client, name):
    """The box's limit and the count as you type (GOV.UK Frontend's own words are
    English) are Welsh on Welsh pages."""
    client = employer_client(employer_world.admin)
    with translation.override("en"):
        url = reverse(name)
    page = client.get("/cy" + url).content.decode()
    assert "Gallwch roi hyd at" in page and "nod ar ôl" in page
    assert "You can enter up to" not in page and "characters remaining" not in page
