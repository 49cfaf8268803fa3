"""Demo money on the demo cases: every night since the first decision run in order, the
Collect and Pay cases paid on time except one part payment (so there are arrears, a
missed-payment email and a plan), a deduction from earnings order, and a missed Direct
Pay payment reported. Safe to load again: jobs skip what is done, keys repeat."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Max, Min

from cases.models import Case
from payments import jobs, services
from payments.dates import business_date
from payments.models import ArrearsPaymentPlan, DirectPayReport, Instalment, JobRun, PlanStatus

from .cases import DIRECT_PAY_CASE, SAFEGUARDING_CASE, SHARED_CARE_CASE
from .staff import CASEWORKER_EMAIL, ensure_user

PART_PAYMENT_SHARE = Decimal("0.5")


def accounts():
    """Payments adds no sign-ins of its own: the cases area's parents see their money."""
    return []


def _paid_from_wages(case, day):
    """Whether an employer deducts this case's payments from wages by `day`: then the
    parent pays nothing more by Direct Debit (paying twice would leave them in credit)."""
    from employers.deadlines import liable_from
    from employers.models import DeductionOrder

    return any(
        liable_from(order.served_on) <= day
        for order in DeductionOrder.objects.filter(case=case, status="active")
    )


def _pay_what_fell_due(case, day, caseworker):
    """Pay each instalment on its due date; on the shared care case, only half of the
    second one (so it has arrears)."""
    if _paid_from_wages(case, day):
        return
    for instalment in Instalment.objects.filter(case=case, due_date=day, collect_and_pay=True):
        amount = instalment.amount + instalment.fee_amount
        earlier = Instalment.objects.filter(case=case, due_date__lt=day).count()
        if case.reference == SHARED_CARE_CASE and earlier == 1:
            amount = (amount * PART_PAYMENT_SHARE).quantize(Decimal("0.01"))
        # Collected by Direct Debit: expected, then matched to the money in the bank.
        key = f"demo:{case.reference}:{day.isoformat()}"
        services.record_expected_payment(
            acting_user=caseworker,
            case=case,
            amount=amount,
            paid_on=day,
            method="direct_debit",
            reference=f"DD {case.reference}",
            idempotency_key=key,
        )
        services.record_bank_receipt(
            acting_user=caseworker,
            booked_on=day,
            amount=amount,
            reference=f"DD {case.reference}",
            payer_name="BACS DD",
            transaction_id=key,
        )


def _first_due_date(references=None):
    schedules = (
        Case.objects.all() if references is None else Case.objects.filter(reference__in=references)
    )
    return schedules.aggregate(first=Min("payment_schedules__first_due_date"))["first"]


def run_nightly_up_to_today(since=None):
    """The nightly jobs for every business date from `since` to today, as the scheduler
    would have run them. By default they start the day after the last pass-on that ran
    (or at the first due date if none has): running a long-past date now would pass
    money collected today on with that old date. Dates already run are skipped, so
    loading the demo again on a later day catches up."""
    today = business_date()
    if since is None:
        last = JobRun.objects.filter(job=jobs.nightly.PASS_ON).aggregate(last=Max("business_date"))[
            "last"
        ]
        since = last + timedelta(days=1) if last else _first_due_date()
    day = since
    while day is not None and day <= today:
        for job in jobs.NIGHTLY_ORDER:
            jobs.run_job_now(job, day)
        day += timedelta(days=1)


def _employer_money_arrives(day):
    """Demo employers' payments reach CMS's bank the day after they were made (matched
    then, so posted to the cases on the day the money arrived)."""
    from employers.models import Remittance
    from employers.services import post_remittance_receipts

    for remittance in Remittance.objects.filter(paid_on=day - timedelta(days=1)).select_related(
        "employer"
    ):
        services.record_bank_receipt(
            acting_user=None,
            booked_on=day,
            amount=remittance.amount,
            reference=f"{remittance.payment_reference} {remittance.employer.reference}".strip(),
            payer_name=remittance.employer.name.upper(),
            transaction_id=f"demo:employer:{remittance.public_id}",
        )
        # Posted now, not after the demo's transaction commits, so the shares are
        # collected (and passed on) in date order like everything else here.
        post_remittance_receipts(acting_user=None, remittance_id=remittance.pk)


def _run_history(cases, caseworker):
    today = business_date()
    # Every case with a schedule (the employers' demo cases too) from its first due date.
    day = _first_due_date()
    while day is not None and day <= today:
        # Today's pass-on and missed-payment check run last (nonprod.demo.nightly), after
        # every area has loaded, so money the other areas post is passed on like the rest.
        for job in jobs.NIGHTLY_ORDER if day < today else jobs.NIGHTLY_ORDER[:2]:
            jobs.run_job_now(job, day)
        for case in cases:
            if case.service_type == "collect_and_pay":
                _pay_what_fell_due(case, day, caseworker)
        _employer_money_arrives(day)
        day += timedelta(days=1)


def load(stdout=None):
    caseworker = ensure_user(CASEWORKER_EMAIL, full_name="Casey Worker", is_staff=True)
    cases = list(
        Case.objects.filter(reference__in=[DIRECT_PAY_CASE, SHARED_CARE_CASE, SAFEGUARDING_CASE])
    )
    if not cases:
        return
    _run_history(cases, caseworker)
    today = business_date()
    by_reference = {case.reference: case for case in cases}
    shared = by_reference.get(SHARED_CARE_CASE)
    # A deduction from earnings order brings its own charge when it is issued (the
    # employers' demo does that); a case without one has its arrears taken from the
    # paying parent's bank account instead.
    if shared is not None and not shared.enforcement_actions.exists():
        services.post_enforcement_charge(
            acting_user=caseworker,
            case=shared,
            kind="rdo",
            on_date=today - timedelta(days=10),
            idempotency_key=f"demo:{shared.reference}:rdo",
            notes="Demo: regular deductions from the paying parent's bank account.",
        )
    if (
        shared is not None
        and not ArrearsPaymentPlan.objects.filter(case=shared, status=PlanStatus.ACTIVE).exists()
    ):
        services.agree_payment_plan(
            acting_user=caseworker,
            case=shared,
            amount_per_instalment=Decimal("25.00"),
            starts_on=today,
            note="Demo: agreed by phone.",
        )
    direct = by_reference.get(DIRECT_PAY_CASE)
    missed = (
        Instalment.objects.filter(case=direct, due_date__lt=today).order_by("-due_date").first()
        if direct
        else None
    )
    if missed is not None:
        receiving = direct.parties.filter(role="receiving").first()
        if not DirectPayReport.objects.filter(instalment=missed, party=receiving).exists():
            services.report_missed_direct_payment(
                acting_user=receiving.user,
                case=direct,
                party=receiving,
                due_date=missed.due_date,
                amount_received=Decimal("0"),
            )
    if stdout:
        stdout.write(
            f"Payments: nightly jobs run up to {today:%d/%m/%Y}; case {SHARED_CARE_CASE} "
            "has arrears, a plan and a deduction from earnings order"
        )
