"""Form fields as the parameters govuk-frontend-jinja macros take, so a template only
loops over them. What the user typed is always put back."""

from django.utils.translation import gettext as _

from cms_portal.forms import field_error


def _text(value):
    return {"text": str(value)} if value else None


def _common(form, name, spec):
    params = {"errorMessage": field_error(form, name)}
    hint = _text(spec.get("hint"))
    if hint:
        params["hint"] = hint
    return params


def _input(form, name, spec):
    value = form[name].value()
    params = {
        "id": name,
        "name": name,
        "value": "" if value is None else str(value),
        "label": {"text": str(spec["label"]), "classes": "govuk-label--s"},
        **_common(form, name, spec),
    }
    for option in ("classes", "inputmode", "autocomplete", "type"):
        if spec.get(option):
            params[option] = spec[option]
    if "spellcheck" in spec:
        params["spellcheck"] = spec["spellcheck"]
    if spec.get("prefix"):
        params["prefix"] = {"text": spec["prefix"]}
    return params


def _textarea(form, name, spec):
    value = form[name].value()
    return {
        "id": name,
        "name": name,
        "value": value or "",
        "rows": spec.get("rows", 5),
        "label": {"text": str(spec["label"]), "classes": "govuk-label--s"},
        **_common(form, name, spec),
    }


def _legend(spec):
    return {"legend": {"text": str(spec["label"]), "classes": "govuk-fieldset__legend--s"}}


def _choices(form, name, spec, selected):
    return {
        "idPrefix": name,
        "name": name,
        "fieldset": _legend(spec),
        "items": [
            {"value": value, "text": str(text), "checked": value in selected}
            for value, text in form.fields[name].choices
        ],
        **_common(form, name, spec),
    }


def _radios(form, name, spec):
    value = form[name].value()
    return _choices(form, name, spec, {str(value)} if value not in (None, "") else set())


def _checkboxes(form, name, spec):
    value = form[name].value() or []
    return _choices(form, name, spec, {str(item) for item in value})


def _date(form, name, spec):
    value = form[name].value()
    day, month, year = (
        value if isinstance(value, tuple | list) and len(value) == 3 else ("", "", "")
    )
    if hasattr(value, "year"):
        day, month, year = str(value.day), str(value.month), str(value.year)
    error = field_error(form, name)
    error_class = " govuk-input--error" if error else ""
    return {
        "id": name,
        "namePrefix": name,
        "fieldset": _legend(spec),
        "items": [
            {
                "name": "day",
                "label": _("Day"),
                "value": day,
                "classes": "govuk-input--width-2" + error_class,
            },
            {
                "name": "month",
                "label": _("Month"),
                "value": month,
                "classes": "govuk-input--width-2" + error_class,
            },
            {
                "name": "year",
                "label": _("Year"),
                "value": year,
                "classes": "govuk-input--width-4" + error_class,
            },
        ],
        **_common(form, name, spec),
    }


def _file(form, name, spec):
    return {
        "id": name,
        "name": name,
        "label": {"text": str(spec["label"]), "classes": "govuk-label--s"},
        **_common(form, name, spec),
    }


_BUILDERS = {
    "input": _input,
    "textarea": _textarea,
    "radios": _radios,
    "checkboxes": _checkboxes,
    "date": _date,
    "file": _file,
}


def form_fields(form):
    """[{"kind": ..., "params": {...}}] for each field of the form, in layout order."""
    return [
        {"kind": spec["kind"], "params": _BUILDERS[spec["kind"]](form, name, spec)}
        for name, spec in form.layout.items()
        if name in form.fields
    ]


def has_file_field(form):
    return any(spec["kind"] == "file" for name, spec in form.layout.items() if name in form.fields)
