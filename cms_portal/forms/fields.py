"""Form fields shaped for GOV.UK components, with specific error messages, and `field()`,
which says how a form draws each of its fields.

A form's `layout` maps field names to `field(kind, label, ...)`; `rendering` turns that into
the govuk-frontend-jinja macro parameters, so one template macro can draw any form. Dates
arrive as three boxes named `<name>-day`, `<name>-month` and `<name>-year`."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms_portal.core.parsing import ValueProblem, parse_amount

# What each kind of field is drawn with (a govuk-frontend-jinja macro).
KINDS = (
    "input",
    "password",
    "textarea",
    "character_count",
    "radios",
    "checkboxes",
    "date",
    "select",
    "file",
    "hidden",
)
OPTIONS = frozenset(
    {
        "attributes",  # extra HTML attributes, such as {"accept": ".csv"}
        "autocomplete",
        "classes",  # the control's classes, such as widths or "govuk-radios--inline"
        "heading",  # True: the label or legend is the page's <h1>
        "inputmode",
        "items",  # choices as (value, text) or (value, text, hint); default: the field's
        "maxlength",  # character count limit
        "none_option",  # (value, text): an exclusive "none of these" checkbox after "or"
        "prefix",
        "rows",
        "size",  # label or legend size: "s" (default), "m", "l", "xl" or "hidden"
        "spellcheck",
        "suffix",
        "type",  # the input's type, such as "email" or "search"
    }
)


def field(kind, label, *, hint=None, **options):
    """How a form field is drawn: its `kind` (one of KINDS), its label or legend and hint
    (gettext_lazy strings, so they are in the language of the page), and the macro
    options listed in OPTIONS."""
    if kind not in KINDS:
        raise ValueError(f"Unknown field kind {kind!r}")
    unknown = set(options) - OPTIONS
    if unknown:
        raise ValueError(f"Unknown field options {sorted(unknown)}")
    return {"kind": kind, "label": label, "hint": hint, **options}


class GovukForm(forms.Form):
    """A form whose element ids are the field names, as the govuk macros render them."""

    layout: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def raw_data(self):
        """What the user typed, to keep in the session between a form and its check page."""
        return {
            key: self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data[key]]
            for key in self.data
            if key != "csrfmiddlewaretoken"
        }

    @classmethod
    def from_raw(cls, raw, **kwargs):
        """The form bound again to answers kept by `raw_data`."""
        data = MultiValueDict({key: list(values) for key, values in (raw or {}).items()})
        return cls(data, **kwargs)


class GovukModelForm(forms.ModelForm):
    layout: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


def message(template, label, **values):
    """A translated message naming a field by a noun phrase (`label`, "your date of
    birth"); a sentence that starts with it gets a capital letter."""
    text = str(template) % {
        "label": str(label),
        **{key: str(value) for key, value in values.items()},
    }
    return text[:1].upper() + text[1:]


def lazy_message(template, label, **values):
    """`message`, worked out when shown, so it is in the language of that request."""
    return lazy(message, str)(template, label, **values)


class GovukDateWidget(forms.Widget):
    parts = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        return tuple(str(data.get(f"{name}-{part}", "")).strip() for part in self.parts)

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}-{part}" not in data for part in self.parts)


class GovukDateField(forms.Field):
    """A date typed into day, month and year boxes. `when` bounds it by today: "past",
    "not_future" (today or earlier), "future" or None; `label_text` names it in messages."""

    widget = GovukDateWidget

    def __init__(self, *, label_text, when=None, max_years_ago=120, **kwargs):
        self.label_text = label_text
        self.when = when
        self.max_years_ago = max_years_ago
        kwargs.setdefault("error_messages", {})
        super().__init__(**kwargs)

    def _error(self, template, **values):
        return ValidationError(message(template, self.label_text, **values))

    def to_python(self, value):
        if not value or not any(value):
            if self.required:
                raise self._error(_("Enter %(label)s"))
            return None
        day, month, year = (value + ("", "", ""))[:3]
        parts = (
            pgettext_lazy("date part", "a day"),
            pgettext_lazy("date part", "a month"),
            pgettext_lazy("date part", "a year"),
        )
        missing = [name for name, text in zip(parts, (day, month, year), strict=True) if not text]
        if missing:
            raise self._error(_("%(label)s must include %(part)s"), part=missing[0])
        if not all(
            len(text) <= 4 and text.isascii() and text.isdigit() for text in (day, month, year)
        ):
            raise self._error(_("%(label)s must be a real date"))
        if len(year) != 4:
            raise self._error(_("Year must include 4 numbers"))
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise self._error(_("%(label)s must be a real date")) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.when == "past" and value >= today:
            raise self._error(_("%(label)s must be in the past"))
        if self.when == "not_future" and value > today:
            raise self._error(_("%(label)s must be today or in the past"))
        if self.when == "future" and value <= today:
            raise self._error(_("%(label)s must be in the future"))
        if value.year < today.year - self.max_years_ago:
            raise self._error(
                _("%(label)s must be in or after %(year)s"), year=today.year - self.max_years_ago
            )
        if value.year > today.year + 100:
            raise self._error(_("%(label)s must be a real date"))


class MoneyField(forms.Field):
    """Pounds and pence as typed by people: "£1,250.50", "350", "350.5"."""

    def __init__(
        self,
        *,
        label_text,
        max_value=Decimal("1000000"),
        min_value=Decimal("0"),
        allow_zero=True,
        **kwargs,
    ):
        self.label_text = label_text
        self.max_value, self.min_value, self.allow_zero = max_value, min_value, allow_zero
        super().__init__(**kwargs)

    def to_python(self, value):
        # People write thousands with spaces as well as commas; the kernel's parser reads
        # the rest, so forms, uploads and bank statements agree on what an amount is.
        text = str(value or "").replace(" ", "")
        try:
            return parse_amount(text)
        except ValueProblem as problem:
            if problem.code == "blank":
                if self.required:
                    raise ValidationError(message(_("Enter %(label)s"), self.label_text)) from None
                return None
            raise ValidationError(
                message(
                    _("%(label)s must be an amount of money, like 350 or 350.50"), self.label_text
                )
            ) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value == 0 and not self.allow_zero:
            raise ValidationError(message(_("%(label)s must be more than £0"), self.label_text))
        if value > self.max_value:
            raise ValidationError(
                message(
                    _("%(label)s must be %(max)s or less"),
                    self.label_text,
                    max=f"£{self.max_value:,.0f}",
                )
            )


def whole_number(*, label_text, min_value, max_value, required=True):
    messages = {
        "required": lazy_message(_("Enter %(label)s"), label_text),
        "invalid": lazy_message(_("%(label)s must be a whole number, like 3"), label_text),
        "min_value": lazy_message(
            _("%(label)s must be %(min)s or more"), label_text, min=min_value
        ),
        "max_value": lazy_message(
            _("%(label)s must be %(max)s or fewer"), label_text, max=max_value
        ),
    }
    return forms.IntegerField(
        min_value=min_value, max_value=max_value, required=required, error_messages=messages
    )


def text_field(*, label_text, max_length=200, required=True, strip=True):
    return forms.CharField(
        max_length=max_length,
        required=required,
        strip=strip,
        error_messages={
            "required": lazy_message(_("Enter %(label)s"), label_text),
            "max_length": lazy_message(
                _("%(label)s must be %(max)s characters or fewer"), label_text, max=max_length
            ),
            "null_characters_not_allowed": lazy_message(
                _("%(label)s must not contain special characters"), label_text
            ),
        },
    )


def choice_field(*, choices, required_message, required=True):
    return forms.ChoiceField(
        choices=choices,
        required=required,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def bank_account_layout(name, sort_code, account_number, *, name_spellcheck=None):
    """The GOV.UK bank details pattern: how the three fields are drawn, under the form's
    own field names."""
    name_options = {} if name_spellcheck is None else {"spellcheck": name_spellcheck}
    digits = {"inputmode": "numeric", "spellcheck": False, "autocomplete": "off"}
    return {
        name: field("input", _("Name on the account"), **name_options),
        sort_code: field(
            "input",
            _("Sort code"),
            hint=_("Must be 6 digits long"),
            classes="govuk-input--width-5",
            **digits,
        ),
        account_number: field(
            "input",
            _("Account number"),
            hint=_("Must be between 6 and 8 digits long"),
            classes="govuk-input--width-10",
            **digits,
        ),
    }
