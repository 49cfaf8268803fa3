"""Staff roles are real: caseworkers, team leaders and finance staff each hold what their
work needs, and work is given only to staff (tests/nonprod: nobody in the demo data is
a superuser)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.services.setup import CaseRuleError
from employers.models import DeductionOrder
from payments.models import EntryKind, LedgerEntry

ADMIN_ONLY = [
    "admin:cms_portal_user_changelist",
    "admin:auth_group_changelist",
    "admin:mfa_authenticator_changelist",
    "admin:axes_accessattempt_changelist",
]


def _perms(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_the_migration_creates_the_three_roles_with_their_permissions(db):
    caseworker, leader, finance = (_perms(r) for r in ("caseworker", "team leader", "finance"))
    assert {
        "cases.change_case",
        "cases.add_party",
        "employers.add_deductionorder",
        "payments.add_enforcementaction",
        "payments.view_ledgerentry",
    } <= caseworker
    assert not caseworker & {
        "payments.add_receipt",
        "payments.reverse_ledgerentry",
        "payments.write_off_debt",
        "payments.waive_charge",
    }
    assert caseworker < leader
    assert {"payments.write_off_debt", "payments.waive_charge"} <= leader
    assert {
        "payments.add_bankreceipt",
        "payments.add_bankmatch",
        "payments.add_expectedpayment",
        "payments.reverse_ledgerentry",
    } <= finance
    assert not finance & {
        "cases.change_case",
        "payments.write_off_debt",
        "payments.waive_charge",
        "payments.add_enforcementaction",
    }
    for perms in (caseworker, leader, finance):
        assert not any(
            p.split(".")[0] in {"auth", "cms_portal", "mfa", "axes"}
            and p != "cms_portal.view_auditevent"
            for p in perms
        )


# The work of the apps added later, each with who does it: (permission, caseworker,
# team leader, finance).
LATER_WORK = [
    ("payments.add_enforcementstep", True, True, False),
    ("payments.add_enforcementthresholds", False, True, False),
    ("payments.waive_charge", False, True, False),
    ("arrears_plans.change_arrearsplanrequest", True, True, False),
    ("complaints.change_complaintreview", True, True, False),
    ("cases.change_closurerequest", True, True, False),
    ("variations.change_variationrequest", True, True, False),
    ("applications.change_application", True, True, False),
    ("hmrc_income.change_unmatchedfeedrow", True, True, False),
    ("payments.add_bankmatch", False, False, True),
    ("payments.change_bankreceipt", False, False, True),
]


@pytest.mark.parametrize(("permission", "caseworker", "leader", "finance"), LATER_WORK)
def test_the_later_apps_give_their_work_to_the_right_roles(
    db, permission, caseworker, leader, finance
):
    held = [permission in _perms(role) for role in ("caseworker", "team leader", "finance")]
    assert held == [caseworker, leader, finance]


def test_no_role_deletes_anything(db):
    """Records are ended, refused or reversed through the services, never deleted."""
    for role in ("caseworker", "team leader", "finance"):
        assert not [p for p in _perms(role) if p.split(".")[1].startswith("delete_")], role


@pytest.mark.parametrize("role", ["caseworker", "team leader", "finance"])
def test_users_groups_authenticators_and_lockouts_are_hidden_from_staff(staff_client, role):
    _user, client = staff_client(role)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    page = index.content.decode()
    for name in ADMIN_ONLY:
        assert reverse(name) not in page
        assert client.get(reverse(name)).status_code == 403


def test_assigned_caseworker_offers_only_caseworkers_and_team_leaders(
    staff_client, family_case, paying_parent
):
    leader, client = staff_client("team leader")
    finance, _client = staff_client("finance")
    url = reverse("admin:cases_case_change", args=[family_case.pk])
    field = client.get(url).context["adminform"].form.fields["assigned_caseworker"]
    assert set(field.queryset) == {leader}
    response = client.post(
        url,
        {
            "service_type": family_case.service_type,
            "payment_frequency": "monthly",
            "status": "open",
            "assigned_caseworker": paying_parent.pk,
        },
    )
    assert response.status_code == 200
    family_case.refresh_from_db()
    assert family_case.assigned_caseworker is None
    for user in (paying_parent, finance):
        with pytest.raises(CaseRuleError):
            case_services.update_case(
                acting_user=leader, case=family_case, assigned_caseworker=user
            )
    case_services.update_case(acting_user=leader, case=family_case, assigned_caseworker=leader)


def test_an_employer_with_orders_can_never_be_deleted(
    make_employer, make_order, admin_user, mfa_user_client
):
    employer = make_employer()
    make_order(employer)
    client = mfa_user_client(admin_user)
    response = client.get(reverse("admin:employers_employer_delete", args=[employer.pk]))
    assert response.status_code == 403
    response = client.post(
        reverse("admin:employers_employer_changelist"),
        {"action": "delete_selected", "_selected_action": [employer.pk], "post": "yes"},
    )
    assert employer.__class__.objects.filter(pk=employer.pk).exists()
    empty = make_employer()
    assert (
        client.get(reverse("admin:employers_employer_delete", args=[empty.pk])).status_code == 200
    )


def _reverse(client, entry):
    return client.post(
        reverse("admin:payments_ledgerentry_reverse", args=[entry.pk]),
        {"reason": "Agreed", "idempotency_key": f"k{entry.pk}"},
    )


def test_only_team_leaders_write_off_debts_and_waive_charges(
    staff_client, collect_and_pay_case, run_nightly, pay
):
    from payments.services import post_enforcement_charge

    case = collect_and_pay_case
    run_nightly()
    post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="lsdo",
        on_date=timezone.localdate(),
        idempotency_key="lsdo-roles",
    )
    charge = LedgerEntry.objects.get(case=case, kind=EntryKind.ENFORCEMENT_CHARGE)
    maintenance = LedgerEntry.objects.filter(case=case, kind=EntryKind.MAINTENANCE_DUE).first()
    payment = pay(case, "10.00").entries.get(kind=EntryKind.PAYMENT_RECEIVED)
    _caseworker, caseworker = staff_client("caseworker")
    _finance, finance = staff_client("finance")
    _leader, leader = staff_client("team leader")
    for entry in (charge, maintenance):
        assert _reverse(caseworker, entry).status_code == 403
        assert _reverse(finance, entry).status_code == 403
        assert _reverse(leader, entry).status_code == 302
    assert _reverse(caseworker, payment).status_code == 403
    assert _reverse(finance, payment).status_code == 302
    assert LedgerEntry.objects.filter(reverses__in=[charge, maintenance, payment]).count() == 3


@pytest.mark.parametrize(("role", "charged"), [("caseworker", True), ("team leader", False)])
def test_only_team_leaders_waive_the_charge_for_an_order(
    staff_client, employer, make_case, role, charged
):
    from payments.models import EnforcementAction

    _user, client = staff_client(role)
    case = make_case(service_type="collect_and_pay")
    page = client.get(reverse("admin:employers_deductionorder_add")).content.decode()
    assert ('name="charge_waived"' in page) is not charged
    response = client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": timezone.localdate().isoformat(),
            "payroll_number": "W1",
            "pay_frequency": "weekly",
            "normal_deduction_rate": "35.00",
            "charge_waived": "on",
        },
    )
    assert response.status_code == 302
    assert DeductionOrder.objects.filter(case=case).exists()
    assert EnforcementAction.objects.filter(case=case, kind="deo").exists() is charged


@pytest.mark.parametrize(
    ("role", "status"), [("finance", 200), ("caseworker", 403), ("team leader", 403)]
)
def test_finance_records_money_received(staff_client, role, status):
    _user, client = staff_client(role)
    assert client.get(reverse("admin:payments_bankreceipt_add")).status_code == status


@pytest.mark.parametrize("role", ["caseworker", "team leader", "finance"])
def test_staff_record_a_parents_payment_as_expected(staff_client, role):
    _user, client = staff_client(role)
    assert client.get(reverse("admin:payments_expectedpayment_add")).status_code == 200


def test_every_migrate_brings_the_roles_back_in_step(db):
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    caseworker = Group.objects.get(name="caseworker")
    caseworker.permissions.remove(Permission.objects.get(codename="change_case"))
    caseworker.permissions.add(Permission.objects.get(codename="add_receipt"))
    call_command("migrate", verbosity=0)
    assert "cases.change_case" in _perms("caseworker")
    assert "payments.add_receipt" not in _perms("caseworker")


@pytest.mark.parametrize("role", ["caseworker", "team leader", "finance"])
def test_every_role_can_open_a_case_page(staff_client, collect_and_pay_case, role):
    _user, client = staff_client(role)
    url = reverse("admin:cases_case_change", args=[collect_and_pay_case.pk])
    page = client.get(url)
    assert page.status_code == 200
    # Only those who may change a case are offered a new decision.
    assert ('value="make_decision"' in page.content.decode()) is (role != "finance")
