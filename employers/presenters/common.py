"""Small helpers the employer presenters share."""

from urllib.parse import urlencode

from django.utils.html import format_html


def link(href, text, *, hidden_text=""):
    """A GOV.UK link; `hidden_text` tells screen reader users which row it is for."""
    if hidden_text:
        return format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
            href,
            text,
            hidden_text,
        )
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def tag(text, colour=""):
    return {"text": str(text), "classes": f"govuk-tag--{colour}" if colour else ""}


def query_string(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value not in ("", None)})


def numeric(cell):
    """A table cell for a number, right-aligned as the GOV.UK table pattern does."""
    return {**cell, "format": "numeric"}


def pagination(page, **params):
    """The govukPagination params for a Django page, keeping search and sort."""
    if page.paginator.num_pages <= 1:
        return None
    current = page.number
    shown = sorted(
        {
            1,
            page.paginator.num_pages,
            *range(max(1, current - 2), min(page.paginator.num_pages, current + 2) + 1),
        }
    )
    items, previous_number = [], 0
    for number in shown:
        if number - previous_number > 1:
            items.append({"ellipsis": True})
        items.append(
            {
                "number": number,
                "href": query_string(page=number, **params),
                "current": number == current,
            }
        )
        previous_number = number
    result = {"items": items}
    if page.has_previous():
        result["previous"] = {"href": query_string(page=page.previous_page_number(), **params)}
    if page.has_next():
        result["next"] = {"href": query_string(page=page.next_page_number(), **params)}
    return result
