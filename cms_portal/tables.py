"""govukTable's HTML built in Python, for long tables (statements, order lists, schedules).

govuk-frontend-jinja's macro renders every cell through a nested macro call and a
`govukAttributes` loop, which costs far more than the markup it makes; a page of 50 rows
spends most of its time there. `govuk_table(params)` takes the same params and returns
the same HTML, byte for byte (tests/portal/test_tables.py holds it to the macro's output).
"""

from collections.abc import Mapping

from jinja2 import Undefined
from markupsafe import Markup, escape

_MISSING = object()


def _text(value):
    """What `{{ value }}` prints in our Jinja environment: nothing when absent."""
    if value is _MISSING:
        return ""
    return str(escape(value))


def _content(item):
    html = item.get("html")
    if html:
        return str(html)
    return _text(item.get("text", _MISSING))


def _attribute_value(value):
    return str(value).lower() if isinstance(value, bool) else value


def _attributes(attributes):
    """govukAttributes: ` name="value"` pairs; `{"value": x, "optional": True}` drops
    an empty optional attribute and writes a true one as a bare name."""
    if not attributes:
        return ""
    if isinstance(attributes, str):
        return attributes
    if not isinstance(attributes, Mapping):
        return ""
    html = []
    for name, value in attributes.items():
        # A `safe`-filtered value arrives wrapped (`{"val": ...}`): unwrap it as the macro
        # does (a missing "val" is undefined there; None is not).
        if isinstance(value, Mapping) and "val" in value and _given(value["val"]):
            value = value["val"]
        if isinstance(value, Mapping):
            shown, optional = value.get("value", _UNDEFINED), value.get("optional", False)
        else:
            shown, optional = _attribute_value(value), False
        if optional is True and shown is True:
            html.append(f" {escape(name)}")
        elif optional is not True or (shown is not None and _given(shown) and shown is not False):
            html.append(f' {escape(name)}="{escape(shown)}"')
    return "".join(html)


_UNDEFINED = Undefined()  # what the macro reads for a key that is not there: writes ""


def _given(value):
    """Not Jinja's undefined (the macro's `undefined` and `null` are undefined names)."""
    return not isinstance(value, Undefined)


def govuk_attributes(attributes):
    """govukAttributes for every component (templates/govuk_frontend_jinja/macros)."""
    return Markup(_attributes(attributes))  # noqa: S704 (names and values escaped; a string is the caller's own HTML, as in the macro)


def _spans(cell):
    spans = ""
    if cell.get("colspan"):
        spans += f' colspan="{escape(cell["colspan"])}"'
    if cell.get("rowspan"):
        spans += f' rowspan="{escape(cell["rowspan"])}"'
    return spans


def _classes(base, *extra):
    return base + "".join(f" {escape(value)}" for value in extra if value)


def govuk_table(params):
    params = params or {}
    out = [
        f'<table class="{_classes("govuk-table", params.get("classes"))}"'
        f"{_attributes(params.get('attributes'))}>\n"
    ]
    if params.get("caption"):
        caption_class = _classes("govuk-table__caption", params.get("captionClasses"))
        out.append(f'  <caption class="{caption_class}">{_text(params["caption"])}</caption>\n')
    if params.get("head"):
        out.append('  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n')
        for item in params["head"]:
            fmt = item.get("format")
            classes = _classes(
                "govuk-table__header",
                f"govuk-table__header--{fmt}" if fmt else "",
                item.get("classes"),
            )
            out.append(
                f'      <th scope="col" class="{classes}"{_spans(item)}'
                f"{_attributes(item.get('attributes'))}>{_content(item)}</th>\n"
            )
        out.append("    </tr>\n  </thead>\n")
    out.append('  <tbody class="govuk-table__body">\n')
    first_is_header = params.get("firstCellIsHeader")
    for row in params.get("rows") or ():
        if not row:
            continue
        out.append('    <tr class="govuk-table__row">\n')
        for number, cell in enumerate(row):
            common = _spans(cell) + _attributes(cell.get("attributes"))
            if number == 0 and first_is_header:
                classes = _classes("govuk-table__header", cell.get("classes"))
                out.append(
                    f'      <th scope="row" class="{classes}"{common}>{_content(cell)}</th>\n'
                )
            else:
                fmt = cell.get("format")
                classes = _classes(
                    "govuk-table__cell",
                    f"govuk-table__cell--{fmt}" if fmt else "",
                    cell.get("classes"),
                )
                out.append(f'      <td class="{classes}"{common}>{_content(cell)}</td>\n')
        out.append("    </tr>\n")
    out.append("  </tbody>\n</table>\n")
    return Markup("".join(out))  # noqa: S704 (every value escaped above; `html` cells are trusted, as in govukTable)
