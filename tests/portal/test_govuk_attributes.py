"""Every component's attributes go through the portal's govukAttributes (made in
Python): it writes exactly what govuk-frontend-jinja's own macro writes."""

import pytest
from django.conf import settings
from django.template import engines
from jinja2 import ChainableUndefined, Environment, PackageLoader
from markupsafe import Markup

CALL = '{% from "govuk_frontend_jinja/macros/attributes.html" import govukAttributes %}'
CALL += "[{{ govukAttributes(attributes) }}]"

CASES = [
    None,
    "",
    {},
    'data-raw="1" <b>',
    Markup('data-safe="1"'),
    ["not", "a", "mapping"],
    {"id": "search", "aria-hidden": True, "hidden": False, "count": 0, "none": None},
    {"data-text": '<script>"&', "data-markup": Markup("<i>ok</i>"), "<odd>": "name"},
    {
        "open": {"value": True, "optional": True},
        "closed": {"value": False, "optional": True},
        "missing": {"value": None, "optional": True},
        "blank": {"value": "", "optional": True},
        "kept": {"value": "v"},
        "kept-false": {"value": False, "optional": False},
        "no-value": {"optional": True},
        "no-options": {},
    },
    {"wrapped": {"val": "x"}, "wrapped-none": {"val": None}, "wrapped-mapping": {"val": {}}},
    {"spellcheck": False, "autocomplete": "off", "data-n": 3.5},
]


def _package_macro():
    """The macro as the package ships it, past the portal's template directory."""
    env = Environment(  # noqa: S701 (autoescape set, as the portal's)
        loader=PackageLoader("govuk_frontend_jinja"),
        undefined=ChainableUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(CALL.replace("govuk_frontend_jinja/", ""))


@pytest.mark.parametrize("attributes", CASES)
def test_same_html_as_the_package_macro(attributes):
    portal = engines["jinja2"].env.from_string(CALL)
    assert portal.render(attributes=attributes) == _package_macro().render(attributes=attributes)


def test_undefined_attributes_write_nothing():
    portal = engines["jinja2"].env.from_string(CALL.replace("(attributes)", "(params.attributes)"))
    assert portal.render(params={}) == _package_macro().render() == "[]"
    wrapped = engines["jinja2"].env.from_string(CALL.replace("(attributes)", "({'a': params.x})"))
    assert wrapped.render(params={}) == '[ a=""]'


def test_the_portal_uses_its_own():
    template = engines["jinja2"].env.get_template("govuk_frontend_jinja/macros/attributes.html")
    assert template.filename.startswith(str(settings.BASE_DIR / "templates"))
