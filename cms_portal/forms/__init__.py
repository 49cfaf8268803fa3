"""The one GOV.UK form pipeline.

A form lists how each field is drawn in `layout` ({name: field(kind, label, ...)}, see
`fields.field`); `rendering` turns a bound or unbound form into the parameters the
govuk-frontend-jinja macros take; and one Jinja macro draws them
(templates/components/form-field/macro.html: `govuk_form`, `govuk_fields`, `govuk_field`).
Templates never call a form-control macro for a Django field themselves.

This package is part of the kernel: it imports no app."""

from .errors import error_summary_items, field_error
from .fields import GovukForm, GovukModelForm, field

__all__ = ["GovukForm", "GovukModelForm", "error_summary_items", "field", "field_error"]
