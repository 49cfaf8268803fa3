"""Which changes a parent can report, who may report each, and how each is asked."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .forms import changes as forms
from .models import ChangeKind, ServiceType

PAYING, RECEIVING, EITHER = "paying", "receiving", "either"


@dataclass(frozen=True)
class ChangeJourney:
    kind: ChangeKind
    title: str
    link_text: str
    form_class: type
    who: str = EITHER
    # Contact and bank details need the password typed again first.
    needs_reauthentication: bool = False
    # Someone acting for the parent may not change where money goes.
    representatives_allowed: bool = True
    direct_pay_only: bool = False
    # A journey another area owns: the list links there and this area's form redirects.
    url_name: str = ""

    def available_to(self, access):
        if self.who == PAYING and not access.is_paying:
            return False
        if self.who == RECEIVING and access.is_paying:
            return False
        if access.is_representative and not self.representatives_allowed:
            return False
        return not (self.direct_pay_only and access.case.service_type != ServiceType.DIRECT_PAY)


JOURNEYS = {
    journey.kind: journey
    for journey in [
        ChangeJourney(
            ChangeKind.INCOME,
            _("Tell us your income has changed"),
            _("Your income"),
            forms.IncomeChangeForm,
            who=PAYING,
        ),
        ChangeJourney(
            ChangeKind.OTHER_CHILDREN,
            _("Other children living with you"),
            _("Other children living with you"),
            forms.OtherChildrenForm,
            who=PAYING,
        ),
        ChangeJourney(
            ChangeKind.SHARED_CARE,
            _("Overnight stays with the paying parent"),
            _("Overnight stays (shared care)"),
            forms.SharedCareChangeForm,
        ),
        ChangeJourney(
            ChangeKind.CHILD_LEAVING,
            _("A child leaving education or turning 20"),
            _("A child leaving education or turning 20"),
            forms.ChildLeavingForm,
        ),
        ChangeJourney(
            ChangeKind.ADDRESS,
            _("Change your address"),
            _("Your address"),
            forms.AddressChangeForm,
            needs_reauthentication=True,
        ),
        ChangeJourney(
            ChangeKind.PHONE,
            _("Change your phone number"),
            _("Your phone number"),
            forms.PhoneChangeForm,
            needs_reauthentication=True,
        ),
        ChangeJourney(
            ChangeKind.EMAIL,
            _("Change your email address"),
            _("Your email address"),
            forms.EmailChangeForm,
            needs_reauthentication=True,
        ),
        ChangeJourney(
            ChangeKind.BANK_DETAILS,
            _("Change your bank details"),
            _("Your bank details"),
            forms.BankDetailsForm,
            needs_reauthentication=True,
            representatives_allowed=False,
        ),
        ChangeJourney(
            ChangeKind.SERVICE_TYPE,
            _("Change how child maintenance is paid"),
            _("Switch between Direct Pay and Collect and Pay"),
            forms.ServiceTypeForm,
        ),
        # One route for a missed Direct Pay payment: the payments area's form, which lists
        # the payments that were due and refuses one already reported.
        ChangeJourney(
            ChangeKind.MISSED_PAYMENT,
            _("Tell us about a missed or part payment"),
            _("A missed or part payment"),
            None,
            who=RECEIVING,
            direct_pay_only=True,
            url_name="payments:report_missed",
        ),
        ChangeJourney(
            ChangeKind.EXTRA_PAYMENT,
            _("Tell us about an extra payment"),
            _("An extra payment"),
            forms.ExtraPaymentForm,
        ),
    ]
}


def journeys_for(access):
    return [journey for journey in JOURNEYS.values() if journey.available_to(access)]


def journey_for(access, kind):
    """The journey for `kind` if this user may report it, else None."""
    try:
        journey = JOURNEYS[ChangeKind(kind)]
    except ValueError:
        return None
    return journey if journey.available_to(access) else None
