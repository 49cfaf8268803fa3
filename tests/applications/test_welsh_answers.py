"""Welsh answers yes or no with the question's own verb (Ydw, Ydy, Ie), and the error
message asks for the answer the radios offer."""

import re

import pytest
from django import forms as django_forms
from django.utils import translation

from applications import forms, respond_forms

YES_NO_FIELDS = [
    (form_class, name)
    for module in (forms, respond_forms)
    for form_class in vars(module).values()
    if isinstance(form_class, type) and issubclass(form_class, forms.QuestionForm)
    for name, form_field in form_class.base_fields.items()
    if isinstance(form_field, django_forms.ChoiceField)
    and [value for value, _label in form_field.choices] == ["yes", "no"]
]


def test_every_yes_or_no_question_is_found():
    names = {name for _form, name in YES_NO_FIELDS}
    assert {"main_carer", "other_parent_in_uk", "in_education", "is_parent"} <= names


@pytest.mark.parametrize(
    ("form_class", "name"), YES_NO_FIELDS, ids=[f"{f.__name__}.{n}" for f, n in YES_NO_FIELDS]
)
def test_the_welsh_error_asks_for_the_answer_offered(form_class, name):
    form_field = form_class.base_fields[name]
    with translation.override("cy"):
        yes = str(dict(form_field.choices)["yes"])
        message = str(form_field.error_messages["required"])
    asked = re.search(r"‘(\w+)’", message)
    assert asked, message
    assert asked.group(1) == yes.lower(), (message, yes)


@pytest.mark.parametrize(
    ("form_class", "name", "yes", "no"),
    [
        (forms.OtherParentInUkForm, "other_parent_in_uk", "Ydy", "Nac ydy"),
        (forms.MainCarerForm, "main_carer", "Ie", "Na"),
        (forms.SafetyWorriedForm, "safety_worried", "Ydw", "Nac ydw"),
    ],
)
def test_welsh_answers_follow_the_question(form_class, name, yes, no):
    with translation.override("cy"):
        labels = {value: str(label) for value, label in form_class.base_fields[name].choices}
    assert labels == {"yes": yes, "no": no}
