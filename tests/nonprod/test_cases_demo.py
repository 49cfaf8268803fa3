import json
from io import StringIO

from django.core.management import call_command

from cases.models import Case, ChangeReport, MessageThread, Representative
from nonprod.demo import cases as demo


def test_demo_data_loads_twice_without_duplicates(db):
    from nonprod.demo import staff as portal_demo

    portal_demo.load()
    demo.load()
    counts = (
        Case.objects.count(),
        ChangeReport.objects.count(),
        MessageThread.objects.count(),
        Representative.objects.count(),
    )
    demo.load()
    assert (
        Case.objects.count(),
        ChangeReport.objects.count(),
        MessageThread.objects.count(),
        Representative.objects.count(),
    ) == counts
    assert Case.objects.filter(service_type="direct_pay").exists()
    assert Case.objects.filter(service_type="collect_and_pay", safeguarding=True).exists()
    shared = Case.objects.get(reference=demo.SHARED_CARE_CASE)
    assert shared.parties.filter(role="receiving").count() == 2
    assert shared.children.filter(shared_care_nights__gte=52).exists()
    assert ChangeReport.objects.filter(status="with_caseworker").exists()
    assert Representative.objects.filter(status="active").exists()


def test_demo_activation_code_works(db, make_user, signed_in_client):
    from nonprod.demo import staff as portal_demo

    portal_demo.load()
    demo.load()
    born = demo.ACTIVATION_DATE_OF_BIRTH
    client = signed_in_client(make_user(email="someone@example.test"))
    response = client.post(
        "/account/activate/",
        {
            "case_reference": demo.ACTIVATION_CASE,
            "activation_code": demo.DEMO_ACTIVATION_CODE,
            "date_of_birth-day": born.day,
            "date_of_birth-month": born.month,
            "date_of_birth-year": born.year,
        },
    )
    assert response.status_code == 302


def test_demo_accounts_json_lists_every_sign_in(db):
    out = StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    accounts = json.loads(out.getvalue())
    by_email = {account["email"]: account for account in accounts}
    assert by_email["caseworker@example.gov.uk"]["role"] == "caseworker"
    assert by_email["alex.paying@example.com"]["case_references"] == [demo.DIRECT_PAY_CASE]
    assert all(
        {"email", "password", "role", "case_references", "employer_reference"} <= set(a)
        for a in accounts
    )
