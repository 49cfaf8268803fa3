"""Letters drawn from HTML as tagged PDFs (PDF/UA): a real text layer, headings, lists
and tables a screen reader can follow, the document's language and title."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# A letter is self-contained: no protocol is allowed, so nothing it names is ever fetched.
NO_FETCHING = URLFetcher(allowed_protocols=frozenset())


def _css_string(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def page_numbers():
    """The CSS `content` for "Page 1 of 2" in the active language."""
    words = _css_string(_("Page %(number)s of %(total)s"))
    words = words.replace("%(number)s", '" counter(page) "').replace(
        "%(total)s", '" counter(pages) "'
    )
    return Markup(f'"{words}"')  # noqa: S704 (our own words, escaped for CSS above)


def render_pdf(template, context, request=None):
    html = render_to_string(template, {**context, "page_numbers": page_numbers()}, request=request)
    return HTML(string=html, url_fetcher=NO_FETCHING).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
