"""Demo cases: Direct Pay, Collect and Pay with shared care and two receiving parents, a
safeguarding case, an open change report, a message thread, a representative, and a
party waiting to activate. Safe to load again: everything is found or created."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from cases import services
from cases.models import (
    Case,
    ChangeKind,
    DecisionReason,
    IncomeSource,
    PartyRole,
)
from cases.selectors import CaseAccess

from .password import demo_password
from .staff import CASEWORKER_EMAIL, ensure_user

DIRECT_PAY_CASE = "121000000101"
SHARED_CARE_CASE = "121000000202"
SAFEGUARDING_CASE = "121000000303"
ACTIVATION_CASE = "121000000404"
DEMO_ACTIVATION_CODE = "DEMO-CODE-2026"
ACTIVATION_DATE_OF_BIRTH = date(1990, 1, 15)

# email, name, role, [case references]
PEOPLE = [
    ("alex.paying@example.com", "Alex Morgan", "paying parent", [DIRECT_PAY_CASE]),
    ("sam.receiving@example.com", "Sam Taylor", "receiving parent", [DIRECT_PAY_CASE]),
    ("jordan.paying@example.com", "Jordan Evans", "paying parent", [SHARED_CARE_CASE]),
    ("casey.receiving@example.com", "Casey Hughes", "receiving parent", [SHARED_CARE_CASE]),
    ("riley.receiving@example.com", "Riley Price", "receiving parent", [SHARED_CARE_CASE]),
    ("drew.paying@example.com", "Drew Parry", "paying parent", [SAFEGUARDING_CASE]),
    ("morgan.receiving@example.com", "Morgan Lewis", "receiving parent", [SAFEGUARDING_CASE]),
    ("rhian.adviser@example.com", "Rhian Adviser", "representative", [DIRECT_PAY_CASE]),
    ("jamie.new@example.com", "Jamie Reed", "parent not yet linked", []),
]


def accounts():
    return [
        {
            "email": email,
            "password": demo_password(),
            "role": role,
            "case_references": references,
            "employer_reference": None,
        }
        for email, _name, role, references in PEOPLE
    ]


def _users():
    return {email: ensure_user(email, full_name=name) for email, name, _role, _refs in PEOPLE}


def _party(caseworker, case, user, role, name, born, **details):
    party = case.parties.filter(role=role, full_name=name).first()
    if party is None:
        party = services.add_party(
            acting_user=caseworker,
            case=case,
            role=role,
            full_name=name,
            date_of_birth=born,
            **details,
        )
    if user is not None and party.user_id is None:
        party.user = user
        party.save(update_fields=["user"])
    return party


def _child(caseworker, case, receiving, name, born, nights=0):
    child = case.children.filter(full_name=name).first()
    return child or services.add_child(
        acting_user=caseworker,
        case=case,
        receiving_party=receiving,
        full_name=name,
        date_of_birth=born,
        shared_care_nights=nights,
    )


def _case(caseworker, reference, **options):
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        case = services.create_case(
            acting_user=caseworker, reference=reference, assigned_caseworker=caseworker, **options
        )
    return case, case.decisions.exists()


def _first_decision(caseworker, case, income, other_children=0):
    start = timezone.localdate() - timedelta(days=60)
    services.record_income(
        acting_user=caseworker,
        case=case,
        gross_weekly_income=income,
        source=IncomeSource.HMRC_HISTORIC,
        tax_year="2024-25",
        effective_from=start,
    )
    if other_children:
        services.set_relevant_other_children(
            acting_user=caseworker, case=case, count=other_children, on_date=start
        )
    services.make_decision(
        acting_user=caseworker,
        case=case,
        reason=DecisionReason.INITIAL,
        effective_date=start,
        notify=False,
    )


def _direct_pay(caseworker, users):
    case, decided = _case(caseworker, DIRECT_PAY_CASE, service_type="direct_pay")
    _party(
        caseworker,
        case,
        users["alex.paying@example.com"],
        PartyRole.PAYING,
        "Alex Morgan",
        date(1984, 6, 2),
        email="alex.paying@example.com",
        phone="07700 900101",
        address_line_1="12 Elm Row",
        town="Leeds",
        postcode="LS6 2AB",
        bank_account_name="A Morgan",
        bank_sort_code="201010",
        bank_account_number="30440101",
        employer_name="Northern Rail Services Ltd",
        national_insurance_number="JT123456A",
    )
    sam = _party(
        caseworker,
        case,
        users["sam.receiving@example.com"],
        PartyRole.RECEIVING,
        "Sam Taylor",
        date(1987, 9, 18),
        email="sam.receiving@example.com",
        phone="07700 900202",
        address_line_1="4 Mill Lane",
        town="Harrogate",
        postcode="HG1 1AA",
        bank_account_name="S Taylor",
        bank_sort_code="401122",
        bank_account_number="51234567",
    )
    _child(caseworker, case, sam, "Mia Morgan", date(2014, 3, 9))
    _child(caseworker, case, sam, "Leo Morgan", date(2017, 11, 23))
    if not decided:
        _first_decision(caseworker, case, Decimal("650.00"))
    access = CaseAccess(case=case, party=sam)
    if not case.message_threads.exists():
        message = services.start_thread(
            acting_user=sam.user,
            access=access,
            subject="When will the first payment arrive?",
            body="Hello, I would like to know when I should expect the first payment. Thank you.",
        )
        services.reply_to_thread(
            acting_user=caseworker,
            thread=message.thread,
            body="Hello Sam, the first payment is due on the date shown "
            "on your case page. Tell us if it does not arrive.",
        )
    if not case.change_reports.exists():
        services.report_change(
            acting_user=sam.user,
            access=access,
            kind=ChangeKind.SHARED_CARE,
            answers={
                "child": str(case.children.first().public_id),
                "nights": 52,
                "changed_on": timezone.localdate(),
            },
        )
    if not case.representatives.exists():
        rhian = users["rhian.adviser@example.com"]
        _representative, code = services.name_representative(
            acting_user=sam.user,
            access=access,
            full_name="Rhian Adviser",
            email=rhian.email,
            can_view=True,
            can_report_changes=False,
            can_message=True,
            valid_until=timezone.localdate() + timedelta(days=365),
        )
        services.activate_representative(acting_user=rhian, reference=case.reference, code=code)


def _shared_care(caseworker, users):
    case, decided = _case(caseworker, SHARED_CARE_CASE, service_type="collect_and_pay")
    _party(
        caseworker,
        case,
        users["jordan.paying@example.com"],
        PartyRole.PAYING,
        "Jordan Evans",
        date(1982, 1, 30),
        email="jordan.paying@example.com",
        phone="07700 900303",
        address_line_1="88 Castle Street",
        town="Cardiff",
        postcode="CF10 1BT",
        bank_account_name="J Evans",
        bank_sort_code="309430",
        bank_account_number="00733445",
        employer_name="Taff Engineering Ltd",
        national_insurance_number="JT654321B",
    )
    casey = _party(
        caseworker,
        case,
        users["casey.receiving@example.com"],
        PartyRole.RECEIVING,
        "Casey Hughes",
        date(1986, 4, 12),
        email="casey.receiving@example.com",
        phone="07700 900404",
        address_line_1="3 Heol y Nant",
        town="Newport",
        postcode="NP20 1AA",
        bank_account_name="C Hughes",
        bank_sort_code="110011",
        bank_account_number="11223344",
        preferred_language="cy",
    )
    riley = _party(
        caseworker,
        case,
        users["riley.receiving@example.com"],
        PartyRole.RECEIVING,
        "Riley Price",
        date(1991, 8, 5),
        email="riley.receiving@example.com",
        phone="07700 900505",
        address_line_1="19 Bay View",
        town="Swansea",
        postcode="SA1 1AA",
        bank_account_name="R Price",
        bank_sort_code="220022",
        bank_account_number="22334455",
    )
    _child(caseworker, case, casey, "Ffion Evans", date(2013, 7, 1), nights=110)
    _child(caseworker, case, riley, "Noah Evans", date(2016, 2, 14))
    if not decided:
        _first_decision(caseworker, case, Decimal("850.00"), other_children=1)


def _safeguarding(caseworker, users):
    case, decided = _case(
        caseworker, SAFEGUARDING_CASE, service_type="collect_and_pay", safeguarding=True
    )
    _party(
        caseworker,
        case,
        users["drew.paying@example.com"],
        PartyRole.PAYING,
        "Drew Parry",
        date(1980, 12, 1),
        email="drew.paying@example.com",
        phone="07700 900606",
        address_line_1="7 Quarry Road",
        town="Bangor",
        postcode="LL57 1AA",
        bank_account_name="D Parry",
        bank_sort_code="330033",
        bank_account_number="33445566",
        employer_name="Menai Builders Ltd",
    )
    morgan = _party(
        caseworker,
        case,
        users["morgan.receiving@example.com"],
        PartyRole.RECEIVING,
        "Morgan Lewis",
        date(1989, 10, 10),
        email="morgan.receiving@example.com",
        phone="07700 900707",
        address_line_1="Flat 2, 5 Safe House Road",
        town="Chester",
        postcode="CH1 1AA",
        bank_account_name="M Lewis",
        bank_sort_code="440044",
        bank_account_number="44556677",
        safeguarding=True,
    )
    _child(caseworker, case, morgan, "Ava Parry", date(2019, 5, 20))
    if not decided:
        _first_decision(caseworker, case, Decimal("420.00"))


def _waiting_to_activate(caseworker):
    case, decided = _case(caseworker, ACTIVATION_CASE, service_type="direct_pay")
    _party(
        caseworker,
        case,
        None,
        PartyRole.PAYING,
        "Kit Shaw",
        date(1985, 5, 5),
        email="kit.shaw@example.com",
        town="York",
    )
    jamie = _party(
        caseworker,
        case,
        None,
        PartyRole.RECEIVING,
        "Jamie Reed",
        ACTIVATION_DATE_OF_BIRTH,
        email="jamie.new@example.com",
        town="Hull",
    )
    _child(caseworker, case, jamie, "Ellis Shaw", date(2018, 9, 9))
    if not decided:
        _first_decision(caseworker, case, Decimal("300.00"))
    usable = [code for code in jamie.activation_codes.all() if code.is_usable()]
    if jamie.user_id is None and not usable:
        services.issue_activation_code(
            acting_user=caseworker, party=jamie, code=DEMO_ACTIVATION_CODE
        )


def load(stdout=None):
    caseworker = ensure_user(CASEWORKER_EMAIL, full_name="Casey Worker", is_staff=True)
    users = _users()
    _direct_pay(caseworker, users)
    _shared_care(caseworker, users)
    _safeguarding(caseworker, users)
    _waiting_to_activate(caseworker)
    if stdout:
        stdout.write(
            f"Cases: {DIRECT_PAY_CASE}, {SHARED_CARE_CASE}, {SAFEGUARDING_CASE}, "
            f"{ACTIVATION_CASE} (activation code {DEMO_ACTIVATION_CODE}, date of birth "
            f"{ACTIVATION_DATE_OF_BIRTH:%d/%m/%Y}, sign in as jamie.new@example.com)"
        )
