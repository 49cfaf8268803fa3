"""Two places where Django lets a value the database cannot hold reach a query, turned
into the answers Django gives for other bad values.

- A model choice (a select or checkboxes of objects, in the admin and our forms) with an
  id too big for its column: "Select a valid choice", as for an id that does not exist.
- An admin list's date drill-down with a year too big for a date: the admin's own
  "bad filter" redirect, as for a year that is not a number."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField


def _storable(field, value):
    """Whether `value` fits the column the choice field looks objects up by."""
    model = field.queryset.model
    key = field.to_field_name
    model_field = model._meta.get_field(key) if key else model._meta.pk
    try:
        model_field.run_validators(model_field.to_python(value))
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


def install():
    choice_to_python = ModelChoiceField.to_python
    check_values = ModelMultipleChoiceField._check_values
    get_filters = ChangeList.get_filters

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, self.queryset.model)
            and not _storable(self, value)
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return choice_to_python(self, value)

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not isinstance(pk, self.queryset.model) and not _storable(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return check_values(self, value)

    def filters(self, request):
        try:
            return get_filters(self, request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    ModelChoiceField.to_python = to_python
    ModelMultipleChoiceField._check_values = _check_values
    ChangeList.get_filters = filters
