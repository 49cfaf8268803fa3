"""Every string marked for translation anywhere in the portal has a Welsh translation,
and the catalogue has no fuzzy entries."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def _catalogues():
    yield ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def _translations():
    translated, fuzzy = {}, []
    for path in _catalogues():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if message.fuzzy:
                fuzzy.append(key)
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            if all(strings):
                translated[(message.context, key)] = strings
    return translated, fuzzy


def _extracted():
    with (ROOT / "babel.cfg").open() as handle:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(handle)
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        yield context, key


def test_every_marked_string_has_a_welsh_translation():
    translated, _ = _translations()
    missing = sorted({key for context, key in _extracted() if (context, key) not in translated})
    assert not missing, f"{len(missing)} strings have no Welsh translation, e.g. {missing[:15]}"


def test_catalogues_have_no_fuzzy_entries():
    _, fuzzy = _translations()
    assert not fuzzy, fuzzy[:15]


def test_percent_signs_survive_newstyle_gettext_in_welsh():
    translated, _ = _translations()
    for (_context, key), strings in translated.items():
        for string in strings:
            assert key.count("%%") == string.count("%%"), (key, string)
