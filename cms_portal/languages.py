"""The English / Cymraeg toggle: links to the same page in the other language."""

from django.urls import translate_url
from django.utils import translation

# Each language names itself, and the hidden link prefix is in the target language.
LANGUAGES = [
    ("en", "English", "Change the language to"),
    ("cy", "Cymraeg", "Newid yr iaith i’r"),
]


def language_toggle_items(request):
    current = translation.get_language() or "en"
    here = request.get_full_path()
    return [
        {
            "code": code,
            "text": name,
            "description": description,
            # This page is this page in its own language; only the other is looked up.
            "href": here if code == current else translate_url(here, code),
            "current": current == code,
        }
        for code, name, description in LANGUAGES
    ]


def toggle_hrefs(items):
    """The toggle's links, which hold this page's own address, as per-request values."""
    return {f"href_{item['code']}": item["href"] for item in items}


def toggle_slots(items, slot):
    """The toggle's items with each link standing in for its per-request value."""
    return [{**item, "href": getattr(slot, f"href_{item['code']}")} for item in items]
