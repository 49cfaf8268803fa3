"""Demo employers: one with a team, orders in several states, a month reported and paid
and a month reported but not yet paid; another waiting to activate with a code. Safe to
load again: everything is found or created."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, DecisionReason, IncomeSource, PartyRole
from employers import services
from employers.deadlines import deduction_month, following_month, liable_from, previous_month
from employers.models import DeductionOrder, Employer, EmployerActivationCode, EmployerMembership

from .cases import SHARED_CARE_CASE
from .password import demo_password
from .staff import CASEWORKER_EMAIL, ensure_user

EMPLOYER_REFERENCE = "4829175360"
WAITING_EMPLOYER_REFERENCE = "5931046287"
DEMO_EMPLOYER_CODE = "DEMO-EMPL-2026"
# Extra employees of the demo employer, each on a Collect and Pay case of their own.
EMPLOYEES = [
    ("121000000505", "Bethan Rowlands", "TE-0107", "weekly", Decimal("420.00")),
    ("121000000606", "Owen Pritchard", "TE-0233", "monthly", Decimal("980.00")),
]
PEOPLE = [
    ("gareth.payroll@example.com", "Gareth Jones", "employer admin", EMPLOYER_REFERENCE),
    ("nia.payroll@example.com", "Nia Williams", "employer member", EMPLOYER_REFERENCE),
    (
        "new.payroll@example.com",
        "Dafydd Morris",
        "employer user not yet linked",
        WAITING_EMPLOYER_REFERENCE,
    ),
]


def accounts():
    return [
        {
            "email": email,
            "password": demo_password(),
            "role": role,
            "case_references": [],
            "employer_reference": reference,
        }
        for email, _name, role, reference in PEOPLE
    ]


def _employer(reference, name, **details):
    employer = Employer.objects.filter(reference=reference).first()
    return employer or Employer.objects.create(reference=reference, name=name, **details)


def _member(employer, user, role):
    EmployerMembership.objects.get_or_create(employer=employer, user=user, defaults={"role": role})


def _employee_case(caseworker, reference, name, frequency, weekly_income):
    case = Case.objects.filter(reference=reference).first()
    if case is not None:
        return case
    case = case_services.create_case(
        acting_user=caseworker,
        reference=reference,
        service_type="collect_and_pay",
        payment_frequency=frequency,
        assigned_caseworker=caseworker,
    )
    case_services.add_party(
        acting_user=caseworker,
        case=case,
        role=PartyRole.PAYING,
        full_name=name,
        date_of_birth=date(1988, 5, 20),
        national_insurance_number="JT112233C",
        employer_name="Taff Engineering Ltd",
    )
    receiving = case_services.add_party(
        acting_user=caseworker,
        case=case,
        role=PartyRole.RECEIVING,
        full_name=f"{name.split()[0]}'s former partner",
        date_of_birth=date(1989, 2, 11),
    )
    case_services.add_child(
        acting_user=caseworker,
        case=case,
        receiving_party=receiving,
        full_name=f"Child of {name.split()[0]}",
        date_of_birth=date(2016, 9, 3),
    )
    start = timezone.localdate() - timedelta(days=90)
    case_services.record_income(
        acting_user=caseworker,
        case=case,
        gross_weekly_income=weekly_income,
        source=IncomeSource.HMRC_HISTORIC,
        tax_year="2024-25",
        effective_from=start,
    )
    case_services.make_decision(
        acting_user=caseworker,
        case=case,
        reason=DecisionReason.INITIAL,
        effective_date=start,
        notify=False,
    )
    return case


def _order(caseworker, employer, case, payroll_number, frequency):
    order = DeductionOrder.objects.filter(employer=employer, case=case).first()
    if order is not None:
        return order
    # The rate comes from the case's schedule with the collection fee, so paying it in
    # full clears each instalment.
    return services.issue_order(
        acting_user=caseworker,
        employer=employer,
        case=case,
        payroll_number=payroll_number,
        pay_frequency=frequency,
        served_on=timezone.localdate() - timedelta(days=90),
    )


def _weekly_returns(admin, employer, orders, until):
    """Each weekly-paid employee's pay days from the first the order covers, in full."""
    for order in orders:
        pay_date = liable_from(order.served_on)
        while pay_date < until:
            services.file_returns(
                acting_user=admin,
                employer=employer,
                pay_date=pay_date,
                lines=[(order.reference, Decimal("600.00"), Decimal("1.00"))],
            )
            pay_date += timedelta(days=7)


def _returns_and_payment(admin, employer, orders):
    if employer.returns.exists():
        return
    today = timezone.localdate()
    paid_month = previous_month(previous_month(deduction_month(today)))
    last_month = previous_month(deduction_month(today))
    monthly = [order for order in orders if order.pay_frequency == "monthly"]
    for month, net in ((paid_month, Decimal("1650.00")), (last_month, Decimal("240.00"))):
        pay_date = month.replace(day=25)
        services.file_returns(
            acting_user=admin,
            employer=employer,
            pay_date=pay_date,
            lines=[(order.reference, net, Decimal("1.00")) for order in monthly],
        )
    _weekly_returns(
        admin,
        employer,
        [order for order in orders if order.pay_frequency == "weekly"],
        until=deduction_month(today),
    )
    # Every month before last month is paid on time; the money reaches CMS's bank the next
    # day, in the payments demo's history.
    month = deduction_month(min(returned.pay_date for returned in employer.returns.all()))
    while month <= paid_month:
        if employer.returns.filter(
            pay_date__gte=month, pay_date__lt=following_month(month)
        ).exists():
            services.record_remittance(
                acting_user=admin,
                employer=employer,
                month=month,
                method="bank_transfer",
                paid_on=month.replace(day=28) + timedelta(days=14),
                payment_reference="TAFF PAYROLL",
            )
        month = following_month(month)


def load(stdout=None):
    caseworker = get_user_model().objects.get(email=CASEWORKER_EMAIL)
    users = {email: ensure_user(email, full_name=name) for email, name, _role, _ref in PEOPLE}
    employer = _employer(
        EMPLOYER_REFERENCE,
        "Taff Engineering Ltd",
        address_line_1="Unit 4, Dock Road",
        town="Cardiff",
        postcode="CF10 5AA",
        contact_email="payroll@taff.example.com",
    )
    _member(employer, users["gareth.payroll@example.com"], "admin")
    _member(employer, users["nia.payroll@example.com"], "member")
    orders = []
    shared_care = Case.objects.filter(reference=SHARED_CARE_CASE).first()
    if shared_care is not None:
        orders.append(_order(caseworker, employer, shared_care, "TE-0042", "monthly"))
    for reference, name, payroll, frequency, income in EMPLOYEES:
        case = _employee_case(caseworker, reference, name, frequency, income)
        orders.append(_order(caseworker, employer, case, payroll, frequency))
    _returns_and_payment(users["gareth.payroll@example.com"], employer, orders)
    if not employer.messages.filter(subject="Your yearly reminder").exists():
        services.send_employer_message(
            acting_user=caseworker,
            employer=employer,
            subject="Your yearly reminder",
            body=(
                "Each month, report what you deducted and pay it to us by the 19th of the "
                "next month."
            ),
        )

    waiting = _employer(
        WAITING_EMPLOYER_REFERENCE, "Bryn Retail Ltd", town="Wrexham", postcode="LL11 1AA"
    )
    if not EmployerActivationCode.objects.filter(employer=waiting, used_at__isnull=True).exists():
        services.issue_employer_activation_code(
            acting_user=caseworker, employer=waiting, code=DEMO_EMPLOYER_CODE
        )
    if stdout:
        stdout.write(
            f"Employers: {employer.name} ({EMPLOYER_REFERENCE}), admin gareth.payroll@example.com; "
            f"{waiting.name} ({WAITING_EMPLOYER_REFERENCE}) activates with code "
            f"{DEMO_EMPLOYER_CODE}"
        )
