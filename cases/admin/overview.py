"""Everything about one case for its admin page: each part of the case with the
actions that work it, as links to the admin pages and bulk actions that already exist
(so every change still goes through the services). Money and orders are read here from
the payments and employers apps, which build on cases."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms_portal.formatting import govuk_date, govuk_datetime, money

from ..selectors import current_decision

LEDGER_ROWS = 15
LABELS = {
    "parts": _("Parts of this case"),
    "details": _("Case details"),
    "actions": _("Actions"),
    "none": _("None yet."),
}


@dataclass
class Link:
    text: str
    url: str


@dataclass
class PostAction:
    """A button that runs an admin bulk action on one object."""

    text: str
    url: str
    action: str
    pk: int


@dataclass
class Section:
    key: str
    title: str
    headers: list
    rows: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    summary: list = field(default_factory=list)


def _admin(model, view, *args, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    return f"{url}?{query}" if query else url


def _change(obj, text=None):
    return Link(str(text if text is not None else obj), _admin(type(obj), "change", obj.pk))


def _offer_add(section, user, model, text, query):
    if _may(user, model, "add"):
        section.actions.append(Link(text, _admin(model, "add", query=query)))


def _may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def case_overview(case, user):
    return [
        section
        for section in (
            _parties(case, user),
            _children(case, user),
            _income(case, user),
            _decisions(case, user),
            *_money(case, user),
            _orders(case, user),
            _messages(case),
            _changes(case),
            _queue(case),
        )
        if section is not None
    ]


def _parties(case, user):
    from ..models import Party

    section = Section(
        "parties",
        _("Parties"),
        [_("Name"), _("Role"), _("Date of birth"), _("Signed in account"), _("Safeguarding")],
    )
    for party in case.parties.select_related("user"):
        section.rows.append(
            [
                _change(party, party.full_name),
                party.get_role_display(),
                govuk_date(party.date_of_birth),
                _("Yes") if party.user_id else _("No"),
                _("Yes") if party.safeguarding else _("No"),
                PostAction(
                    _("Issue an activation code"),
                    _admin(Party, "changelist"),
                    "issue_activation_code",
                    party.pk,
                ),
            ]
        )
    _offer_add(section, user, Party, _("Add a party"), f"case={case.pk}")
    return section


def _children(case, user):
    from ..models import Child

    section = Section(
        "children",
        _("Qualifying children"),
        [
            _("Name"),
            _("Date of birth"),
            _("Receiving parent"),
            _("Nights a year with the paying parent"),
            _("Status"),
        ],
    )
    for child in case.children.select_related("receiving_party"):
        section.rows.append(
            [
                _change(child, child.full_name),
                govuk_date(child.date_of_birth),
                child.receiving_party.full_name,
                child.shared_care_nights,
                child.get_status_display(),
            ]
        )
    _offer_add(section, user, Child, _("Add a child"), f"case={case.pk}")
    return section


def _income(case, user):
    from ..models import IncomeRecord

    section = Section(
        "income",
        _("Income records"),
        [_("From"), _("Gross weekly income"), _("Benefit"), _("Source"), _("Tax year")],
    )
    for record in case.income_records.order_by("-effective_from", "-id"):
        section.rows.append(
            [
                _change(record, govuk_date(record.effective_from)),
                money(record.gross_weekly_income),
                record.get_benefit_display(),
                record.get_source_display(),
                record.tax_year,
            ]
        )
    _offer_add(section, user, IncomeRecord, _("Record income"), f"case={case.pk}")
    return section


def _decisions(case, user):
    from ..models import Case

    in_force = current_decision(case)
    section = Section(
        "decisions",
        _("Decisions"),
        [
            _("Made"),
            _("Effective from"),
            _("Weekly amount"),
            _("Reason"),
            _("Challenge by"),
            _("In force"),
        ],
    )
    for decision in case.decisions.order_by("-decided_at", "-id"):
        section.rows.append(
            [
                _change(decision, govuk_datetime(decision.decided_at)),
                govuk_date(decision.effective_date),
                money(decision.weekly_amount),
                decision.get_reason_display(),
                govuk_date(decision.challenge_by),
                _("In force") if in_force and decision.pk == in_force.pk else "",
            ]
        )
    if _may(user, Case, "change"):
        section.actions.append(
            PostAction(
                _("Make a new decision from the engine"),
                _admin(Case, "changelist"),
                "make_decision",
                case.pk,
            )
        )
    return section


def _money(case, user):
    from payments.models import (
        AccountRole,
        ArrearsPaymentPlan,
        EnforcementAction,
        Instalment,
        LedgerEntry,
        PaymentSchedule,
        Receipt,
    )
    from payments.selectors import arrears, unpaid_fees_and_charges

    balance = Section(
        "balance",
        _("Balance and arrears"),
        [_("Account"), _("Balance"), _("Unallocated"), _("Arrears status")],
    )
    for account in case.payment_accounts.select_related("party"):
        balance.rows.append(
            [
                f"{account.party.full_name} ({account.get_role_display()})",
                money(account.balance),
                money(account.unallocated) if account.role == AccountRole.PAYING else "",
                account.get_arrears_status_display(),
            ]
        )
    balance.summary = [
        (_("Arrears"), money(arrears(case))),
        (_("Fees and charges unpaid"), money(unpaid_fees_and_charges(case))),
    ]
    if user.has_perm("payments.add_receipt"):
        balance.actions.append(
            Link(_("Record a receipt"), _admin(Receipt, "add", query=f"case={case.reference}"))
        )

    ledger = Section(
        "ledger", _("Ledger (latest entries)"), [_("Date"), _("Account"), _("Kind"), _("Amount")]
    )
    for entry in (
        LedgerEntry.objects.filter(case=case)
        .select_related("account")
        .order_by("-effective_date", "-id")[:LEDGER_ROWS]
    ):
        ledger.rows.append(
            [
                _change(entry, govuk_date(entry.effective_date)),
                entry.account.get_role_display(),
                entry.get_kind_display(),
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
    for item in PaymentSchedule.objects.filter(case=case).order_by("-starts_on", "-id"):
        schedule.rows.append(
            [
                _change(item, item.get_frequency_display()),
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
    for action in EnforcementAction.objects.filter(case=case).order_by("-taken_on", "-id"):
        enforcement.rows.append(
            [
                _change(action, govuk_date(action.taken_on)),
                action.get_kind_display(),
                money(action.charge),
                action.notes,
            ]
        )
    for plan in ArrearsPaymentPlan.objects.filter(case=case).order_by("-starts_on", "-id"):
        enforcement.rows.append(
            [
                _change(plan, govuk_date(plan.starts_on)),
                _("Payment plan (%(status)s)") % {"status": plan.get_status_display()},
                money(plan.amount_per_instalment),
                plan.note,
            ]
        )
    query = f"case={case.reference}"
    _offer_add(enforcement, user, EnforcementAction, _("Start enforcement"), query)
    _offer_add(enforcement, user, ArrearsPaymentPlan, _("Agree a payment plan"), query)
    return [balance, ledger, schedule, enforcement]


def _orders(case, user):
    from employers.models import DeductionOrder

    section = Section(
        "orders",
        _("Deduction from Earnings Orders"),
        [_("Order"), _("Employer"), _("Status"), _("Normal deduction rate"), _("Served on")],
    )
    for order in case.deduction_orders.select_related("employer").order_by("-served_on", "-id"):
        section.rows.append(
            [
                _change(order, order.reference),
                order.employer.name,
                order.get_status_display(),
                money(order.normal_deduction_rate),
                govuk_date(order.served_on),
            ]
        )
    _offer_add(section, user, DeductionOrder, _("Issue a DEO"), f"case={case.pk}")
    return section


def _messages(case):
    section = Section("messages", _("Messages"), [_("Subject"), _("With"), _("Last message")])
    for thread in case.message_threads.select_related("party").order_by("-last_message_at"):
        section.rows.append(
            [
                _change(thread, thread.subject),
                thread.party.full_name,
                govuk_datetime(thread.last_message_at),
            ]
        )
    return section


def _changes(case):
    section = Section(
        "changes",
        _("Change reports and reconsiderations"),
        [_("Reference"), _("What"), _("Status"), _("Reported")],
    )
    for report in case.change_reports.order_by("-reported_at"):
        section.rows.append(
            [
                _change(report, report.reference),
                report.get_kind_display(),
                report.get_status_display(),
                govuk_datetime(report.reported_at),
            ]
        )
    for item in case.reconsiderations.order_by("-requested_at"):
        section.rows.append(
            [
                _change(item, item.reference),
                _("Mandatory reconsideration"),
                item.get_status_display(),
                govuk_datetime(item.requested_at),
            ]
        )
    return section


def _queue(case):
    from ..models import WorkItem, WorkItemStatus

    section = Section(
        "queue",
        _("Queue items"),
        [_("Summary"), _("Kind"), _("Status"), _("Assigned to"), _("Added")],
    )
    for item in case.work_items.select_related("assigned_to").order_by("status", "-created_at"):
        section.rows.append(
            [
                _change(item, item.summary),
                item.get_kind_display(),
                item.get_status_display(),
                item.assigned_to.full_name or item.assigned_to.email if item.assigned_to else "",
                govuk_datetime(item.created_at),
                *(
                    [
                        PostAction(
                            _("Assign to me"),
                            _admin(WorkItem, "changelist"),
                            "assign_to_me",
                            item.pk,
                        )
                    ]
                    if item.status != WorkItemStatus.DONE
                    else []
                ),
            ]
        )
    return section
