"""Finding English on Welsh pages: the visible text of a page (and the words a screen
reader says: labels, titles, button values), and which of its pieces are English.

Two ways a piece of text is English on a Welsh page:
- it holds a word Welsh never uses (``the``, ``your``, ``payment``, an English month), or
- it is the same piece of text on the English page and holds a common English word.
What a user or caseworker typed (names, messages, reasons) is the same in both languages:
text found in the database is left out, as are the names in ``ALLOWED``."""

import re
from html.parser import HTMLParser

NOT_VISIBLE = {"script", "style", "template", "textarea", "noscript"}
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
SHOWN_BY_SCRIPTS = ("data-i18n", "data-text-")


def _word_set(text):
    return frozenset(text.split())


# Words that are never Welsh: one on a Welsh page is English left behind.
NEVER_WELSH = _word_set(
    """
    the and your you yours of for with from this that these those which what when where
    how why who will would should could must has have had was were been being are is
    not there their they them our we us please if than then into about after before
    between during without within only also any each every other more less most
    payment payments paid pay paying case cases amount amounts date dates change changes
    continue back sign signed account accounts message messages order orders employer
    employers view send sent report reported details due page help service services
    enter choose select yes no none total week weeks weekly month months monthly year
    years yearly day days today tomorrow yesterday name address email phone number
    reference status open closed active ended new old start started stop stopped
    received receiving decision decisions child children parent parents arrears
    enforcement request requests requested complaint complaints variation variations
    application applications statement statements download file files upload uploaded
    balance owed owe owes collected collection fee fees charge charges income earnings
    deduction deductions employee employees submit save saved cancel remove delete
    confirm confirmed error errors problem there's you've you're don't can't won't isn't
    it's we've we'll we're
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue wed thu fri sat sun
    """
)
# Words that may be Welsh too (``a``, ``i``, ``at``, ``am``, ``can``, ``man``, ``to``):
# these flag text only when the English page shows the very same text.
COMMON_ENGLISH = NEVER_WELSH | _word_set("to on in at by be it an as or so up")
# Ambiguous words dropped from the "never Welsh" list: Welsh words spelt the same.
_WELSH_TOO = {
    "may",
    "mar",
    "dec",
    "sun",
    "no",
    "pay",
    "day",
    "help",
    "page",
    "than",
    "we",
    "problem",
}
NEVER_WELSH = NEVER_WELSH - _WELSH_TOO
COMMON_ENGLISH = COMMON_ENGLISH - {"help", "page", "may", "mar", "dec", "sun"}

# Names the Welsh service keeps in English, and the language toggle's own name.
ALLOWED = (
    "GOV.UK",
    "GOV.UK One Login",
    "HMRC",
    "English",
    "Cymraeg",
    "Crown copyright",
    "© Crown copyright",
    "Open Government Licence v3.0",
    "Universal Credit",
    "Direct Pay",
    "Collect and Pay",
)
# A word is letters alone: not part of a reference or an id ("e23fe415-21fb-...").
WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z'’]*(?![A-Za-z0-9])")


class _TextParser(HTMLParser):
    """The visible text pieces of a page, and what a screen reader says for controls."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self._hidden = 0
        # Open elements, each with whether it says it is in another language (the
        # toggle's link to English is in English on purpose).
        self._foreign = []

    VOID = _word_set("area base br col embed hr img input link meta source track wbr")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in self.VOID:
            lang = attributes.get("lang")
            self._foreign.append(bool(lang) and lang != "cy" and tag != "html")
        if tag in NOT_VISIBLE:
            self._hidden += 1
            return
        if any(self._foreign):
            return
        for name, value in attributes.items():
            # Text a script shows (GOV.UK Frontend's data-i18n.*, our data-text-*).
            if value and (name in SPOKEN_ATTRIBUTES or name.startswith(SHOWN_BY_SCRIPTS)):
                self.pieces.append(value)
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.pieces.append(attributes.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self._foreign:
            self._foreign.pop()
        if tag in NOT_VISIBLE:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._foreign:
            self._foreign.pop()
        if tag in NOT_VISIBLE and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and not any(self._foreign):
            self.pieces.append(data)


def text_pieces(html):
    """Each piece of visible or spoken text on the page, whitespace squashed."""
    parser = _TextParser()
    parser.feed(html)
    pieces = (" ".join(piece.split()) for piece in parser.pieces)
    return [piece for piece in pieces if piece]


def _words(text):
    return [word.lower().replace("’", "'") for word in WORD.findall(text)]


# Addresses (of pages, of email) and file names are not words.
ADDRESS = re.compile(r"(?:https?://|/)\S*|\S+@\S+|[\w./-]+\.(?:json|csv|txt|pdf|zip)\b|\w+/")


def _without_allowed(text):
    text = ADDRESS.sub(" ", text)
    for name in sorted(ALLOWED, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


# A name from a file format (a CSV column such as payroll_number), shown as it must be typed.
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")


# A time of day written the English way (Welsh writes 9yb, 2:30yh).
ENGLISH_TIME = re.compile(r"\d(?:am|pm|a\.m\.|p\.m\.)(?![\w])", re.IGNORECASE)


def _is_english(piece, english):
    text = _without_allowed(piece)
    words = set(_words(text))
    return bool(
        words & NEVER_WELSH
        or ENGLISH_TIME.search(text)
        or (piece in english and words & COMMON_ENGLISH)
    )


_SORTED = {}


def _longest_first(data):
    key = id(data)
    if key not in _SORTED or _SORTED[key][0] is not data:
        _SORTED[key] = (data, sorted((v for v in data if len(v) >= 4), key=len, reverse=True))
    return _SORTED[key][1]


def english_pieces(welsh_html, english_html=None, data=frozenset(), skipped=None):
    """The pieces of the Welsh page that are English. `data` holds text users and staff
    typed, which no page translates (a page title holding a message's subject is English
    only in what is left of it). Pieces left out as data are added to `skipped`."""
    english = set(text_pieces(english_html)) if english_html is not None else set()
    found = []
    for piece in text_pieces(welsh_html):
        if IDENTIFIER.match(piece) or not _is_english(piece, english):
            continue
        rest = piece
        if piece in data:
            rest = ""
        else:
            for value in _longest_first(data):
                if value in rest:
                    rest = rest.replace(value, " ")
            rest = " ".join(rest.split())
        if rest and _is_english(rest, {rest} if piece in english else set()):
            found.append(piece)
        elif skipped is not None:
            skipped.append(piece)
    return found


def database_text():
    """Every text value stored in the database: what users and staff typed (and the
    demo data's names and messages) is shown as it was typed, in either language."""
    from django.apps import apps
    from django.db import models

    from cms_portal.models import OutboundMessage

    values = set()
    for model in apps.get_models():
        # What the portal itself sent is not what anyone typed.
        if issubclass(model, OutboundMessage):
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                if isinstance(value, str) and len(value) >= 3:
                    values.add(" ".join(value.split()))
                    values.update(" ".join(line.split()) for line in value.splitlines())
    values.discard("")
    return frozenset(values)
