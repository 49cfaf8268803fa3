"""The money sections of the case admin page (balance, ledger, schedule, enforcement),
added to the cases overview from PaymentsConfig.ready."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import Link, Rows, Section, display, may
from cms_portal.core.admin import admin_url as _admin
from cms_portal.core.admin import change_link as _change
from cms_portal.core.admin import offer_add as _offer_add
from cms_portal.formatting import govuk_date, money

LEDGER_ROWS = 15


def money_reads():
    from ..models import (
        Account,
        ArrearsPaymentPlan,
        EnforcementAction,
        EnforcementCase,
        EnforcementStep,
        LedgerEntry,
        PaymentSchedule,
    )

    return {
        "accounts": Rows(
            Account.objects,
            ("party__full_name", "role", "balance", "unallocated", "arrears_status"),
        ),
        "ledger": Rows(
            LedgerEntry.objects,
            ("effective_date", "account__role", "kind", "amount"),
            order_by=("-effective_date", "-id"),
            limit=LEDGER_ROWS,
        ),
        "schedules": Rows(
            PaymentSchedule.objects,
            ("frequency", "instalment_amount", "starts_on", "ends_on", "next_due_date"),
            order_by=("-starts_on", "-id"),
        ),
        "actions": Rows(
            EnforcementAction.objects,
            ("taken_on", "kind", "charge", "notes"),
            order_by=("-taken_on", "-id"),
        ),
        "plans": Rows(
            ArrearsPaymentPlan.objects,
            ("starts_on", "status", "amount_per_instalment", "note"),
            order_by=("-starts_on", "-id"),
        ),
        "open_enforcement": Rows(
            EnforcementCase.objects.filter(closed_on__isnull=True),
            ("opened_on", "arrears_when_opened"),
            order_by=("-opened_on", "-id"),
            limit=1,
        ),
        "steps": Rows(
            EnforcementStep.objects,
            ("enforcement_case", "started_on", "stage", "status", "next_review_on"),
            order_by=("-id",),
        ),
    }


def money_sections(case, user, found):
    from ..models import (
        AccountRole,
        ArrearsPaymentPlan,
        EnforcementAction,
        Instalment,
        LedgerEntry,
        Receipt,
    )
    from ..selectors import arrears_and_unpaid_charges

    balance = Section(
        "balance",
        _("Balance and arrears"),
        [_("Account"), _("Balance"), _("Unallocated"), _("Arrears status")],
    )
    for account in found["accounts"]:
        balance.rows.append(
            [
                f"{account.party.full_name} ({display(account, 'role')})",
                money(account.balance),
                money(account.unallocated) if account.role == AccountRole.PAYING else "",
                display(account, "arrears_status"),
            ]
        )
    arrears, unpaid_charges = arrears_and_unpaid_charges(case)
    balance.summary = [
        (_("Arrears"), money(arrears)),
        (_("Fees and charges unpaid"), money(unpaid_charges)),
    ]
    if user.has_perm("payments.add_receipt"):
        balance.actions.append(
            Link(_("Record a receipt"), _admin(Receipt, "add", query=f"case={case.reference}"))
        )

    ledger = Section(
        "ledger", _("Ledger (latest entries)"), [_("Date"), _("Account"), _("Kind"), _("Amount")]
    )
    for entry in found["ledger"]:
        ledger.rows.append(
            [
                _change(entry, govuk_date(entry.effective_date)),
                display(entry.account, "role"),
                display(entry, "kind"),
                money(entry.amount),
            ]
        )
    ledger.actions.append(
        Link(_("The whole ledger"), _admin(LedgerEntry, "changelist", query=f"q={case.reference}"))
    )

    schedule = Section(
        "schedule",
        _("Payment schedule"),
        [_("Frequency"), _("Instalment"), _("Starts"), _("Ends"), _("Next due")],
    )
    for item in found["schedules"]:
        schedule.rows.append(
            [
                _change(item, display(item, "frequency")),
                money(item.instalment_amount),
                govuk_date(item.starts_on),
                govuk_date(item.ends_on),
                govuk_date(item.next_due_date),
            ]
        )
    schedule.actions.append(
        Link(_("Instalments"), _admin(Instalment, "changelist", query=f"q={case.reference}"))
    )

    enforcement = Section(
        "enforcement",
        _("Enforcement and payment plans"),
        [_("Taken on"), _("Action"), _("Charge"), _("Notes")],
    )
    for action in found["actions"]:
        enforcement.rows.append(
            [
                _change(action, govuk_date(action.taken_on)),
                display(action, "kind"),
                money(action.charge),
                action.notes,
            ]
        )
    for plan in found["plans"]:
        enforcement.rows.append(
            [
                _change(plan, govuk_date(plan.starts_on)),
                _("Payment plan (%(status)s)") % {"status": display(plan, "status")},
                money(plan.amount_per_instalment),
                plan.note,
            ]
        )
    query = f"case={case.reference}"
    _offer_add(enforcement, user, EnforcementAction, _("Start enforcement"), query)
    _offer_add(enforcement, user, ArrearsPaymentPlan, _("Agree a payment plan"), query)
    return [balance, ledger, schedule, enforcement, _enforcement_stages(case, user, found)]


def _enforcement_stages(case, user, found):
    """The enforcement process: each stage taken and what came of it, newest first,
    with the next step beside each open one."""
    from ..models import EnforcementStep

    section = Section(
        "enforcement-stages",
        _("Enforcement stages"),
        [_("Started on"), _("Stage"), _("Status"), _("Review by")],
    )
    open_case = next(iter(found["open_enforcement"]), None)
    if open_case is not None:
        section.summary.append(
            (
                _("Enforcement opened on"),
                _("%(date)s, with arrears of %(amount)s")
                % {
                    "date": govuk_date(open_case.opened_on),
                    "amount": money(open_case.arrears_when_opened),
                },
            )
        )
    acts = may(user, EnforcementStep, "add")
    for step in found["steps"]:
        row = [
            _change(step, govuk_date(step.started_on)),
            display(step, "stage"),
            display(step, "status"),
            govuk_date(step.next_review_on) if step.next_review_on else "",
        ]
        if acts and step.enforcement_case_id == getattr(open_case, "pk", None):
            row.append(
                Link(
                    _("Record what happened"),
                    reverse("admin:payments_enforcementstep_outcome", args=[step.pk]),
                )
            )
        section.rows.append(row)
    query = f"case={case.reference}"
    _offer_add(section, user, EnforcementStep, _("Start an enforcement stage"), query)
    return section
