"""`govuk_table` makes exactly govukTable's HTML, so long tables can use it."""

import pytest
from django.template import engines
from django.utils.translation import gettext_lazy
from markupsafe import Markup

from cms_portal.tables import govuk_table

MACRO = (
    '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}'
    "{{ govukTable(params) }}"
)

CASES = [
    {"rows": []},
    {"rows": [[{"text": "only"}]]},
    {
        "caption": "Payments <newest> first",
        "captionClasses": "govuk-visually-hidden",
        "classes": "app-table--responsive",
        "attributes": {"data-module": "x", "data-flag": True, "data-off": False},
        "firstCellIsHeader": False,
        "head": [
            {"text": "Date"},
            {"text": "Amount & fee", "format": "numeric"},
            {"html": Markup('<a class="govuk-link" href="?sort=a&amp;b=1">Name</a>')},
            {"text": "Sorted", "attributes": {"aria-sort": "ascending"}, "classes": "x y"},
            {"text": "Wide", "colspan": 2, "rowspan": 1},
        ],
        "rows": [
            [
                {"text": "5 March 2026"},
                {"text": "£1,234.56", "format": "numeric"},
                {"html": '<a href="/x">Order</a>'},
                {"text": "<script>", "classes": "c"},
                {"text": 0},
                {"text": "£-1.00", "format": "numeric", "colspan": 2, "attributes": "data-raw"},
            ],
            [],
            [{"text": gettext_lazy("Date")}, {"html": "", "text": "fallback"}, {}],
        ],
    },
    {
        "firstCellIsHeader": True,
        "head": [{"text": "Child"}, {"text": "Nights", "format": "numeric"}],
        "rows": [
            [
                {"text": "Sam", "classes": "k", "format": "numeric"},
                {"text": "52", "format": "numeric"},
            ],
            [
                {"text": "Alex", "colspan": 1, "attributes": {"id": "a"}},
                {"text": None, "attributes": {"hidden": {"value": True, "optional": True}}},
            ],
            [
                {"text": "Jo"},
                {"attributes": {"x": {"value": None, "optional": True}, "y": {"value": "v"}}},
            ],
        ],
    },
]


@pytest.mark.parametrize("params", CASES)
def test_same_html_as_the_macro(params):
    macro = engines["jinja2"].env.from_string(MACRO)
    assert str(govuk_table(params)) == macro.render(params=params)


def test_text_is_escaped_and_html_is_not():
    html = str(govuk_table({"rows": [[{"text": "<b>"}, {"html": "<b>x</b>"}]]}))
    assert "&lt;b&gt;" in html
    assert "<b>x</b>" in html
