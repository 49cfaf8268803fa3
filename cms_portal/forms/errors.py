"""Turning Django form errors into the GOV.UK error summary and inline error messages.

Each summary item links to the first thing a user can type into or choose for the field
(`rendering.error_anchor`): the field's own id for inputs, the first radio or checkbox,
or the day box of a date."""

from django.utils.translation import gettext as _


def error_summary_items(*forms_with_errors):
    from .rendering import error_anchor

    items: list[dict[str, str]] = []
    for form in forms_with_errors:
        if form is None or not getattr(form, "errors", None):
            continue
        for name, errors in form.errors.items():
            field_name = name if name != "__all__" else next(iter(form.fields), "main-content")
            items.extend(
                {"text": str(message), "href": "#" + error_anchor(form, field_name)}
                for message in errors
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
