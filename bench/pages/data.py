"""The page benchmark's data, made once per database through the services: the demo
data, a Collect and Pay case paid weekly for four years (every night's jobs run in
order, so its statement holds four years of instalments, receipts and payments out),
an employer with 10,000 orders, and the signed-in sessions the load uses."""

from datetime import date, timedelta
from decimal import Decimal

LONG_CASE = "121000004444"
LONG_CASE_YEARS = 4
PAYING_EMAIL = "bench.paying@example.test"
RECEIVING_EMAIL = "bench.receiving@example.test"
EMPLOYER_ORDERS = 10_000
CALCULATOR_ANSWERS = [
    ("circumstances/", {"circumstances": "none"}),
    ("benefits/", {"benefits": "none"}),
    ("income/", {"amount": "£850", "period": "week"}),
    ("receiving-parents/", {"receiving_parents": "1"}),
    ("children/1/", {"children": "2"}),
    ("other-children/", {"other_children": "1"}),
    ("shared-care/", {"shared_care": "no"}),
]


def ready():
    from cases.models import Case
    from employers.models import DeductionOrder

    return (
        Case.objects.filter(reference=LONG_CASE).exists()
        and DeductionOrder.objects.count() >= EMPLOYER_ORDERS
    )


def build(report=print):
    from django.core.management import call_command

    report("  demo data")
    call_command("load_demo_data", verbosity=0)
    report(f"  a weekly case with {LONG_CASE_YEARS} years of history")
    _long_case()
    report(f"  an employer with {EMPLOYER_ORDERS:,} orders")
    _employer_orders()
    # Planner statistics for the rows just written, as autovacuum would gather them later:
    # without them PostgreSQL plans for empty tables and the first run times bad plans.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _long_case():
    from django.db import transaction
    from django.utils import timezone

    from cases import services
    from cases.models import Case, DecisionReason, IncomeSource, PartyRole
    from cases.selectors import CaseAccess
    from nonprod.demo.payments import _run_history
    from nonprod.demo.staff import CASEWORKER_EMAIL, ensure_user

    caseworker = ensure_user(CASEWORKER_EMAIL, full_name="Casey Worker", is_staff=True)
    if Case.objects.filter(reference=LONG_CASE).exists():
        return
    start = timezone.localdate() - timedelta(days=LONG_CASE_YEARS * 365)
    with transaction.atomic():
        case = services.create_case(
            acting_user=caseworker,
            reference=LONG_CASE,
            service_type="collect_and_pay",
            payment_frequency="weekly",
            assigned_caseworker=caseworker,
        )
        paying = services.add_party(
            acting_user=caseworker,
            case=case,
            role=PartyRole.PAYING,
            full_name="Bench Paying",
            date_of_birth=date(1983, 3, 3),
            email=PAYING_EMAIL,
            town="Leeds",
        )
        receiving = services.add_party(
            acting_user=caseworker,
            case=case,
            role=PartyRole.RECEIVING,
            full_name="Bench Receiving",
            date_of_birth=date(1985, 5, 5),
            email=RECEIVING_EMAIL,
            town="York",
        )
        for party, email in ((paying, PAYING_EMAIL), (receiving, RECEIVING_EMAIL)):
            party.user = ensure_user(email, full_name=party.full_name)
            party.save(update_fields=["user"])
        services.add_child(
            acting_user=caseworker,
            case=case,
            receiving_party=receiving,
            full_name="Bench Child",
            date_of_birth=date(2015, 1, 1),
        )
        services.record_income(
            acting_user=caseworker,
            case=case,
            gross_weekly_income=Decimal("640.00"),
            source=IncomeSource.HMRC_HISTORIC,
            tax_year="2021-22",
            effective_from=start,
        )
        services.make_decision(
            acting_user=caseworker,
            case=case,
            reason=DecisionReason.INITIAL,
            effective_date=start,
            notify=False,
        )
        access = CaseAccess(case=case, party=receiving)
        for number in range(3):
            message = services.start_thread(
                acting_user=receiving.user,
                access=access,
                subject=f"Question {number + 1} about payments",
                body="When will the next payment arrive?",
            )
            services.reply_to_thread(
                acting_user=caseworker,
                thread=message.thread,
                body="It is due on the date shown on your case page.",
            )
    with transaction.atomic():
        _run_history([case], caseworker)


def _employer_orders():
    from bench.employer_upload.__main__ import _orders

    _orders(EMPLOYER_ORDERS)


def sign_in(email, *, calculator=False):
    """A new session for `email` (or an anonymous one), as the sign-in would leave it,
    with two-step verification done. Returns the Cookie header value."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cms_portal.accounts.mfa import mark_session_mfa_completed
    from cms_portal.cookies import COOKIE_NAME

    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    if email:
        user = get_user_model().objects.get(email=email)
        client.force_login(user)
        session = client.session
        mark_session_mfa_completed(session, user)
        session.save()
    if calculator:
        for step, answers in CALCULATOR_ANSWERS:
            response = client.post(f"/calculate/{step}", answers)
            assert response.status_code == 302, (step, response.status_code)
    # The CSRF cookie the first page set, and (signed in) the cookie choice a returning
    # visitor has made; a browser sends both back.
    client.get("/")
    cookies = {
        name: morsel.coded_value
        for name, morsel in client.cookies.items()
        if name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    }
    if email:
        response = client.post("/cookies/consent/", {"cookies": "reject", "next": "/"})
        assert response.status_code == 302, response.status_code
        cookies[COOKIE_NAME] = client.cookies[COOKIE_NAME].coded_value
        client.post("/cookies/consent/", {"cookies": "hide", "next": "/"})
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
