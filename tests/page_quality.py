"""Checks every HTML page a test fetches against the basics of a GOV.UK page:
a language, a title that matches the h1 (with "Error: " when there are errors),
unique ids, forms that submit to an explicit action without browser validation, and no
markup of our own shown as text (HTML escaped twice, like "<p class=...>" on screen)."""

import re
from collections import Counter
from html.parser import HTMLParser

SKIPPED_PREFIXES = ("/admin/", "/cy/admin/")
# Tags our templates write. What a user typed is shown in form fields (attributes or
# textareas, which are not checked), so a tag in the visible text is our own markup escaped.
ESCAPED_TAG = re.compile(
    r"</?(?:p|div|span|a|strong|h[1-6]|ul|ol|li|br|table|tr|td|th)[\s>/]", re.IGNORECASE
)
NOT_VISIBLE = {"script", "style", "textarea", "template"}


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.ids = []
        self.forms = []
        self.title_parts = []
        self.h1_parts = []
        self.h1_count = 0
        self.has_error_summary = False
        self._in_head_title = False
        self._in_h1 = False
        self._in_head = False
        self._seen_title = False
        self._hidden_depth = 0
        self.escaped_tags = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in NOT_VISIBLE:
            self._hidden_depth += 1
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "head":
            self._in_head = True
        if tag == "title" and self._in_head and not self._seen_title:
            self._in_head_title = True
        if tag == "h1":
            self._in_h1 = True
            self.h1_count += 1
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "form":
            self.forms.append(attributes)
        if "govuk-error-summary" in (attributes.get("class") or "").split():
            self.has_error_summary = True

    def handle_endtag(self, tag):
        if tag in NOT_VISIBLE and self._hidden_depth:
            self._hidden_depth -= 1
        if tag == "head":
            self._in_head = False
        if tag == "title" and self._in_head_title:
            self._in_head_title = False
            self._seen_title = True
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if not self._hidden_depth:
            self.escaped_tags.extend(match.group(0) for match in ESCAPED_TAG.finditer(data))
        if self._in_head_title:
            self.title_parts.append(data)
        if self._in_h1 and self.h1_count == 1:
            self.h1_parts.append(data)


def _squash(text):
    return " ".join(text.split())


def page_problems(path, response):
    """A list of problems with the page (empty when it is fine)."""
    content_type = response.get("Content-Type", "")
    if not content_type.startswith("text/html") or path.startswith(SKIPPED_PREFIXES):
        return []
    if response.status_code in (301, 302, 303, 307, 308) or not response.content:
        return []
    content = response.content.decode(response.charset or "utf-8")
    parser = _PageParser()
    parser.feed(content)
    problems = []
    expected_lang = "cy" if path.startswith("/cy/") or path == "/cy" else "en"
    if parser.html_lang != expected_lang:
        problems.append(f"<html lang> is {parser.html_lang!r}, expected {expected_lang!r}")
    title = _squash("".join(parser.title_parts))
    h1 = _squash("".join(parser.h1_parts))
    if parser.h1_count != 1:
        problems.append(f"expected one <h1>, found {parser.h1_count}")
    error_prefix = "Gwall: " if expected_lang == "cy" else "Error: "
    expected_start = (error_prefix if parser.has_error_summary else "") + h1
    if not h1 or not title.startswith(expected_start):
        problems.append(f"<title> {title!r} does not start with {expected_start!r}")
    if not parser.has_error_summary and title.startswith(error_prefix):
        problems.append("<title> says there is an error but the page has no error summary")
    if expected_lang == "cy" and '<span class="govuk-visually-hidden">Error:</span>' in content:
        problems.append("an inline error on a Welsh page says 'Error:' in English")
    if parser.escaped_tags:
        problems.append(f"HTML shown as text: {sorted(set(parser.escaped_tags))}")
    duplicates = [value for value, count in Counter(parser.ids).items() if count > 1]
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    for form in parser.forms:
        if "action" not in form:
            problems.append(f"a form has no action: {form}")
        if (form.get("method") or "get").lower() == "post" and "novalidate" not in form:
            problems.append(f"a form has no novalidate: {form}")
    return problems
