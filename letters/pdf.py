"""Letters drawn from HTML as tagged PDFs (PDF/UA): a real text layer, headings, lists
and tables a screen reader can follow, the document's language and title."""

from django.template.loader import render_to_string
from weasyprint import HTML


class NoFetching(Exception):
    """A letter is self-contained: nothing it names is ever fetched."""


def _refuse(url, *args, **kwargs):
    raise NoFetching(url)


def render_pdf(template, context, request=None):
    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_refuse).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
