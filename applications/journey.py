"""The order of the application's questions, worked out from the answers so far: which
pages apply (education only for a child of 16 or over, bank details only for Collect and
Pay), and which answers end the application (a stop page says why and where to go)."""

from dataclasses import dataclass, field
from datetime import date

from cases.dates import age_on

from . import forms

MAX_CHILDREN = 6


@dataclass(frozen=True)
class Step:
    slug: str
    form: type
    section: str
    stop: object = None  # answers of this page -> the slug of a stop page, or None
    form_kwargs: dict = field(default_factory=dict)


def _stop_country(saved):
    if saved.get("country") == "northern_ireland":
        return "northern-ireland"
    if saved.get("country") == "outside_uk":
        return "cannot-apply"
    return None


def _stop_if_no(name, stop="cannot-apply"):
    return lambda saved: stop if saved.get(name) == "no" else None


def _stop_no_reference(saved):
    return "get-help-first" if saved.get("no_reference") else None


def answer(answers, slug, name, default=None):
    return (answers.get(slug) or {}).get(name, default)


def number_of_children(answers):
    return answer(answers, "number-of-children", "number_of_children", 0) or 0


def child_is_16_or_over(answers, number, today=None):
    born = answer(answers, f"child-{number}-date-of-birth", "date_of_birth")
    return bool(born) and age_on(date.fromisoformat(born), today or date.today()) >= 16


def collects_because_of_abuse(answers):
    return answer(answers, "collect-because-of-abuse", "collect_because_of_abuse") == "yes"


def payment_method(answers):
    if collects_because_of_abuse(answers):
        return "collect_and_pay"
    return answer(answers, "payment-method", "payment_method")


def steps(answers, today=None):
    yield Step("where-you-live", forms.WhereYouLiveForm, "eligibility", _stop_country)
    yield Step("main-carer", forms.MainCarerForm, "eligibility", _stop_if_no("main_carer"))
    yield Step(
        "other-parent-in-uk",
        forms.OtherParentInUkForm,
        "eligibility",
        _stop_if_no("other_parent_in_uk"),
    )
    yield Step("get-help-reference", forms.GetHelpReferenceForm, "eligibility", _stop_no_reference)
    yield Step("your-name", forms.YourNameForm, "you")
    yield Step("your-date-of-birth", forms.YourDateOfBirthForm, "you")
    yield Step("your-national-insurance-number", forms.YourNationalInsuranceForm, "you")
    yield Step("your-address", forms.YourAddressForm, "you")
    yield Step("your-phone", forms.YourPhoneForm, "you")
    yield Step("number-of-children", forms.NumberOfChildrenForm, "children")
    for number in range(1, number_of_children(answers) + 1):
        kwargs = {"number": number}
        yield Step(f"child-{number}-name", forms.ChildNameForm, "children", None, kwargs)
        yield Step(
            f"child-{number}-date-of-birth", forms.ChildDateOfBirthForm, "children", None, kwargs
        )
        if child_is_16_or_over(answers, number, today):
            yield Step(
                f"child-{number}-education",
                forms.ChildEducationForm,
                "children",
                _stop_if_no("in_education", "child-not-included"),
            )
        yield Step(f"child-{number}-nights", forms.ChildNightsForm, "children", None, kwargs)
    yield Step("other-parent-name", forms.OtherParentNameForm, "other_parent")
    yield Step("other-parent-date-of-birth", forms.OtherParentDateOfBirthForm, "other_parent")
    yield Step("other-parent-address", forms.OtherParentAddressForm, "other_parent")
    yield Step("other-parent-phone", forms.OtherParentPhoneForm, "other_parent")
    yield Step("other-parent-employer", forms.OtherParentEmployerForm, "other_parent")
    yield Step(
        "other-parent-national-insurance-number",
        forms.OtherParentNationalInsuranceForm,
        "other_parent",
    )
    yield Step("safety", forms.SafetyWorriedForm, "safety")
    yield Step("domestic-abuse", forms.DomesticAbuseForm, "safety")
    yield Step("hide-address", forms.HideAddressForm, "safety")
    yield Step("new-name", forms.NewNameForm, "safety")
    if answer(answers, "domestic-abuse", "domestic_abuse") == "yes":
        yield Step("collect-because-of-abuse", forms.CollectAndPayAbuseForm, "payments")
    if not collects_because_of_abuse(answers):
        yield Step("payment-method", forms.PaymentMethodForm, "payments")
    if payment_method(answers) == "collect_and_pay":
        yield Step("bank-details", forms.BankDetailsForm, "payments")


def find_step(answers, slug, today=None):
    return next((step for step in steps(answers, today) if step.slug == slug), None)


def where_next(answers, today=None):
    """The first page still to answer, or the stop page an answer leads to, or None when
    every question is answered."""
    for step in steps(answers, today):
        saved = answers.get(step.slug)
        if saved is None:
            return ("question", step.slug)
        if step.stop and (stop := step.stop(saved)):
            return ("stop", stop)
    return None


def reachable(answers, slug, today=None):
    """A page can be shown once every page before it is answered (and none stops)."""
    for step in steps(answers, today):
        if step.slug == slug:
            return True
        saved = answers.get(step.slug)
        if saved is None or (step.stop and step.stop(saved)):
            return False
    return False


def relevant_answers(answers, today=None):
    """Only the answers to pages that still apply (a child removed, a method changed)."""
    return {step.slug: answers[step.slug] for step in steps(answers, today) if step.slug in answers}
