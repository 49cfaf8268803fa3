"""A form's fields as the parameters govuk-frontend-jinja macros take.

`field_params(form, name)` reads how the field is drawn from `form.layout[name]` (made by
`fields.field`), puts back what the user typed and adds the field's error. Labels and
hints are turned into text here, while the page is drawn, so they are in its language.
The one macro that draws the result is templates/components/form-field/macro.html."""

from django import forms
from django.utils.translation import gettext as _

from .errors import field_error
from .fields import GovukDateField

_LABEL_SIZES = {
    "s": "govuk-label--s",
    "m": "govuk-label--m",
    "l": "govuk-label--l",
    "xl": "govuk-label--xl",
    "hidden": "govuk-visually-hidden",
}
_LEGEND_SIZES = {
    "s": "govuk-fieldset__legend--s",
    "m": "govuk-fieldset__legend--m",
    "l": "govuk-fieldset__legend--l",
    "xl": "govuk-fieldset__legend--xl",
    "hidden": "govuk-visually-hidden",
}
_DATE_PARTS = (("day", 2), ("month", 2), ("year", 4))
_PASSED_ON = ("classes", "autocomplete", "inputmode", "type", "attributes", "rows")


def _size(spec):
    return spec.get("size", "l" if spec.get("heading") else "s")


def _label(spec):
    label: dict[str, str | bool] = {"text": str(spec["label"])}
    classes = _LABEL_SIZES.get(_size(spec), "")
    if classes:
        label["classes"] = classes
    if spec.get("heading"):
        label["isPageHeading"] = True
    return label


def _fieldset(spec):
    if spec.get("label") is None:
        return {}
    legend: dict[str, str | bool] = {"text": str(spec["label"])}
    classes = _LEGEND_SIZES.get(_size(spec), "")
    if classes:
        legend["classes"] = classes
    if spec.get("heading"):
        legend["isPageHeading"] = True
    return {"fieldset": {"legend": legend}}


def _common(form, name, spec):
    params = {"errorMessage": field_error(form, name)}
    if spec.get("hint"):
        params["hint"] = {"text": str(spec["hint"])}
    for option in _PASSED_ON:
        if spec.get(option):
            params[option] = spec[option]
    if "spellcheck" in spec:
        params["spellcheck"] = spec["spellcheck"]
    return params


def _text_value(form, name):
    value = form[name].value()
    return "" if value is None else str(value)


def _input(form, name, spec):
    params = {
        "id": name,
        "name": name,
        "value": _text_value(form, name),
        "label": _label(spec),
        **_common(form, name, spec),
    }
    for option in ("prefix", "suffix"):
        if spec.get(option):
            params[option] = {"text": str(spec[option])}
    return params


def _password(form, name, spec):
    # A password is never put back into the page.
    params = _input(form, name, spec)
    params.pop("value")
    return params


def _textarea(form, name, spec):
    params = {
        "id": name,
        "name": name,
        "value": _text_value(form, name),
        "label": _label(spec),
        **_common(form, name, spec),
    }
    if spec.get("maxlength"):
        params["maxlength"] = spec["maxlength"]
    return params


def _choices(form, name, spec):
    items = spec.get("items")
    if callable(items):
        items = items(form)
    return items if items is not None else form.fields[name].choices


def _selected(form, name):
    value = form[name].value()
    if isinstance(form.fields[name], forms.BooleanField):
        return {"on"} if value else set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return {str(value)} if value not in (None, "") else set()


def _choice_items(form, name, spec):
    selected = _selected(form, name)
    items = []
    for choice in _choices(form, name, spec):
        value, text = choice[0], choice[1]
        item = {"value": value, "text": str(text), "checked": str(value) in selected}
        if len(choice) > 2 and choice[2]:
            item["hint"] = {"text": str(choice[2])}
        items.append(item)
    if spec.get("none_option"):
        value, text = spec["none_option"]
        items.append({"divider": _("or")})
        items.append(
            {
                "value": value,
                "text": str(text),
                "behaviour": "exclusive",
                "checked": value in selected,
            }
        )
    return items


def _radios(form, name, spec):
    return {
        "idPrefix": name,
        "name": name,
        **_fieldset(spec),
        "items": _choice_items(form, name, spec),
        **_common(form, name, spec),
    }


def _select(form, name, spec):
    selected = _selected(form, name)
    return {
        "id": name,
        "name": name,
        "label": _label(spec),
        "items": [
            {"value": choice[0], "text": str(choice[1]), "selected": str(choice[0]) in selected}
            for choice in _choices(form, name, spec)
        ],
        **_common(form, name, spec),
    }


def _date_parts(form, name):
    if form.is_bound:
        value = form[name].value()
        if isinstance(value, tuple | list) and len(value) == 3:
            return [str(part) for part in value]
        return ["", "", ""]
    value = form[name].value()
    if hasattr(value, "year"):
        return [str(value.day), str(value.month), str(value.year)]
    return ["", "", ""]


def _date(form, name, spec):
    error_class = " govuk-input--error" if field_error(form, name) else ""
    labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
    return {
        "id": name,
        "namePrefix": name,
        **_fieldset(spec),
        "items": [
            {
                "name": part,
                "label": labels[part],
                "value": value,
                "classes": f"govuk-input--width-{width}{error_class}",
            }
            for (part, width), value in zip(_DATE_PARTS, _date_parts(form, name), strict=True)
        ],
        **_common(form, name, spec),
    }


def _file(form, name, spec):
    return {"id": name, "name": name, "label": _label(spec), **_common(form, name, spec)}


def _hidden(form, name, spec):
    return {"name": name, "value": _text_value(form, name)}


_BUILDERS = {
    "input": _input,
    "password": _password,
    "textarea": _textarea,
    "character_count": _textarea,
    "radios": _radios,
    "checkboxes": _radios,
    "date": _date,
    "select": _select,
    "file": _file,
    "hidden": _hidden,
}


def field_params(form, name):
    """{"kind": ..., "params": {...}} for one field of the form."""
    spec = form.layout[name]
    return {"kind": spec["kind"], "params": _BUILDERS[spec["kind"]](form, name, spec)}


def form_fields(form, names=None):
    """field_params for each field of the form (or those `names`), in layout order."""
    if form is None:
        return []
    wanted = form.layout if names is None else names
    return [field_params(form, name) for name in wanted if name in form.fields]


def has_file_field(form):
    return form is not None and any(
        spec["kind"] == "file" for name, spec in form.layout.items() if name in form.fields
    )


def error_anchor(form, name):
    """The id of the first element of a field, which its error summary item links to: a
    date's day box; the first radio or checkbox (which has the field's name as its id)."""
    explicit = getattr(form, "error_anchors", {})
    if name in explicit:
        return explicit[name]
    layout = getattr(form, "layout", {})
    if name in layout:
        return f"{name}-day" if layout[name]["kind"] == "date" else name
    if isinstance(form.fields.get(name), GovukDateField):
        return f"{name}-day"
    return name
