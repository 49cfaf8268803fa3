"""Turning Django form errors into the GOV.UK error summary and inline error messages.

Convention: the govuk macros are given each field's name as its id (their default), so
an error links to `#<field name>`. A form may set `error_anchors = {"field": "element-id"}`
where the first focusable element differs (a date input's day box: "dob-day")."""

from django import forms
from django.utils.translation import gettext as _


def _anchor(form, name):
    return "#" + getattr(form, "error_anchors", {}).get(name, name)


def error_summary_items(*forms_with_errors):
    items = []
    for form in forms_with_errors:
        if form is None or not getattr(form, "errors", None):
            continue
        for name, errors in form.errors.items():
            field_name = name if name != "__all__" else next(iter(form.fields), "main-content")
            items.extend(
                {"text": str(message), "href": _anchor(form, field_name)} for message in errors
            )
    return items


def field_error(form, name):
    """The `errorMessage` param for a govuk macro, or False when the field is fine."""
    if form is None or not getattr(form, "is_bound", False) or name not in form.errors:
        return False
    return {
        "text": " ".join(str(message) for message in form.errors[name]),
        # The macro's hidden "Error:" prefix must be in the page's language too.
        "visuallyHiddenText": _("Error"),
    }


class GovukForm(forms.Form):
    """A form whose element ids are the field names, as the govuk macros render them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class GovukModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
