"""The one GOV.UK form pipeline: form fields carry their macro parameters
(cms_portal/forms) and one macro draws them (templates/components/form-field/macro.html).
No other template calls a govuk form-control macro for a form field."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms_portal.forms import GovukForm, error_summary_items, field
from cms_portal.forms.fields import GovukDateField, MoneyField

TEMPLATES = Path(settings.BASE_DIR) / "templates"

FORM_CONTROLS = re.compile(
    r"\b(govuk(Input|PasswordInput|Textarea|CharacterCount|Radios|Checkboxes|DateInput|Select"
    r"|FileUpload)|appCharacterCount)\s*\("
)

# The pipeline itself, and the Welsh wrapper round govukCharacterCount that it calls.
PIPELINE = {
    "components/form-field/macro.html",
    "components/character-count/macro.html",
}

# Templates that still call a form-control macro themselves, and why.
EXCEPTIONS = {
    # The sign-in, sign-up, password and two-step verification pages are django-allauth's
    # forms and views; they share their own field macro, outside the four apps.
    "account/_fields.html": "allauth forms",
    # The cookie settings page is the site's own, outside the four apps; its "No" radio
    # is checked whenever "Yes" is not, even after an empty answer.
    "pages/cookies.html": "cookie settings",
    # A search box and a filter read from the query string: no Django form behind them.
    "employers/orders.html": "search box",
}

# `{% do list.append(...) %}` in a template: summary lists are built by presenters.
TEMPLATE_APPEND = re.compile(r"\{%-?\s*do\s+\w+\.append\(")
APPEND_EXCEPTIONS = {
    # django-allauth's two-step verification page; its context is allauth's.
    "mfa/index.html": "allauth page",
    # Table rows holding the inputs drawn by the pipeline, one per order.
    "employers/schedule.html": "table of inputs",
    # Table head and rows, not summary lists.
    "payments/overview.html": "table head",
    "payments/schedule.html": "table rows",
}


def _templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        yield path.relative_to(TEMPLATES).as_posix(), path.read_text(encoding="utf-8")


def test_only_the_pipeline_calls_form_control_macros():
    outside = sorted(
        name
        for name, text in _templates()
        if FORM_CONTROLS.search(text) and name not in PIPELINE and name not in EXCEPTIONS
    )
    assert outside == [], "Draw form fields with components/form-field/macro.html"


def test_every_exception_is_still_needed():
    texts = dict(_templates())
    assert all(FORM_CONTROLS.search(texts[name]) for name in EXCEPTIONS)
    assert all(TEMPLATE_APPEND.search(texts[name]) for name in APPEND_EXCEPTIONS)


def test_templates_do_not_build_lists_with_append():
    building = sorted(
        name
        for name, text in _templates()
        if TEMPLATE_APPEND.search(text) and name not in APPEND_EXCEPTIONS
    )
    assert building == [], "Build summary lists in a presenter"


class ExampleForm(GovukForm):
    email = forms.CharField(error_messages={"required": "Enter your email address"})
    born_on = GovukDateField(label_text=_("your date of birth"), when="past")
    colour = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")],
        error_messages={"required": "Select a colour"},
    )
    amount = MoneyField(label_text="the amount", required=False)
    notes = forms.CharField(required=False, max_length=100)

    layout = {
        "email": field(
            "input", _("Email address"), type="email", autocomplete="email", spellcheck=False
        ),
        "born_on": field("date", _("What is your date of birth?"), hint="For example, 27 3 1985"),
        "colour": field("radios", "Which colour?", heading=True, items=[("red", "Red", "Warm")]),
        "amount": field("input", "Amount", prefix="£", classes="govuk-input--width-10"),
        "notes": field("character_count", "Notes", maxlength=100),
    }


def _render(form, language="en"):
    request = RequestFactory().get("/form/")
    template = engines["jinja2"].from_string(
        '{% from "components/form-field/macro.html" import govuk_form with context %}'
        '{{ govuk_form(form, "Continue") }}'
    )
    with translation.override(language):
        return template.render({"form": form, "request": request, "csrf_input": ""})


def test_error_summary_links_to_the_first_input_of_each_field():
    form = ExampleForm({"born_on-day": "31", "born_on-month": "2", "born_on-year": "2000"})
    assert not form.is_valid()
    hrefs = {item["href"] for item in error_summary_items(form)}
    assert hrefs == {"#email", "#born_on-day", "#colour"}
    html = _render(form)
    for href in hrefs:
        assert f'id="{href[1:]}"' in html


def test_date_input_keeps_what_was_typed_and_marks_every_box_in_error():
    form = ExampleForm({"born_on-day": "31", "born_on-month": "2", "born_on-year": "2000"})
    form.is_valid()
    html = _render(form)
    assert "Your date of birth must be a real date" in html
    assert re.search(r'id="born_on-day" name="born_on-day" type="text"[^>]*value="31"', html)
    assert html.count("govuk-date-input__input govuk-input--width-2 govuk-input--error") == 2
    assert html.count("govuk-input--width-4 govuk-input--error") == 1
    assert 'aria-describedby="born_on-hint born_on-error"' in html


def test_fields_carry_their_macro_parameters():
    form = ExampleForm({"email": "a@example.com", "colour": "red", "amount": "12"})
    html = _render(form)
    assert re.search(r'<input class="govuk-input" id="email" name="email" type="email"', html)
    assert 'spellcheck="false"' in html and 'autocomplete="email"' in html
    assert 'value="a@example.com"' in html
    assert '<h1 class="govuk-fieldset__heading">' in html  # the legend is the page heading
    assert 'value="red" checked' in html and "Warm" in html
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert 'data-maxlength="100"' in html
    assert 'action="/form/"' in html and 'data-prevent-double-click="true"' in html
    assert "enctype" not in html


def test_labels_and_errors_are_in_the_page_language():
    form = ExampleForm({})
    form.is_valid()
    html = _render(form, "cy")
    assert "Cyfeiriad e-bost" in html
    assert "Beth yw eich dyddiad geni?" in html
    assert "Diwrnod" in html
    assert '<span class="govuk-visually-hidden">Gwall:</span>' in html


def test_a_file_field_makes_the_form_multipart():
    class UploadForm(GovukForm):
        evidence = forms.FileField()
        layout = {"evidence": field("file", "Upload evidence")}

    assert 'enctype="multipart/form-data"' in _render(UploadForm())


def test_a_layout_names_known_kinds_and_options_only():
    with pytest.raises(ValueError, match="kind"):
        field("slider", "Label")
    with pytest.raises(ValueError, match="options"):
        field("input", "Label", colour="red")
