"""Everything about one case for its admin page: each part of the case with the
actions that work it, as links to the admin pages and bulk actions that already exist
(so every change still goes through the services). Money and orders are added by
the payments and employers apps, which build on cases (see `register_case_sections`).

Each part names the rows it shows (`Rows`); the page reads all of them in one query,
then each part makes its sections from what was found."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms_portal.core.admin import Link, PostAction, ReadTogether, Rows, Section, display
from cms_portal.core.admin import admin_url as _admin
from cms_portal.core.admin import change_link as _change
from cms_portal.core.admin import may as _may
from cms_portal.core.admin import offer_add as _offer_add
from cms_portal.formatting import govuk_date, govuk_datetime, money

from ..models import Case

LABELS = {
    "parts": _("Parts of this case"),
    "details": _("Case details"),
    "actions": _("Actions"),
    "none": _("None yet."),
}

# Answers about the party: Welsh "Ydy", not "Ydw".
_YES = pgettext_lazy("answer about someone else", "Yes")
_NO = pgettext_lazy("answer about someone else", "No")


@dataclass(frozen=True)
class CaseSections:
    """A part of the page: `reads()` names the case's rows it shows (name -> Rows), and
    `build(case, user, found)` makes its sections from them (found: name -> rows)."""

    reads: object
    build: object


# Apps above cases (payments, employers) add their parts of the page here from their
# AppConfig.ready.
_contributed_sections = []


def register_case_sections(reads, build):
    part = CaseSections(reads, build)
    if part not in _contributed_sections:
        _contributed_sections.append(part)
        _read_case.forget()


def _parts():
    return [*_OWN_BEFORE, *_contributed_sections, *_OWN_AFTER]


def _every_read():
    # Each part's reads are kept apart by its place on the page, so names never clash.
    return {
        (number, name): rows
        for number, part in enumerate(_parts())
        for name, rows in part.reads().items()
    }


def case_overview(case, user):
    found = _read_case(case.pk, using=case._state.db)
    sections = []
    for number, part in enumerate(_parts()):
        own = {name: rows for (place, name), rows in found.items() if place == number}
        sections += part.build(case, user, own)
    return sections


def _parties_reads():
    from ..models import Party

    return {
        "parties": Rows(
            Party.objects,
            ("full_name", "role", "date_of_birth", "user", "safeguarding"),
            order_by=("role", "created_at", "id"),
        )
    }


def _parties(case, user, found):
    from ..models import Party

    section = Section(
        "parties",
        _("Parties"),
        [_("Name"), _("Role"), _("Date of birth"), _("Signed in account"), _("Safeguarding")],
    )
    for party in found["parties"]:
        section.rows.append(
            [
                _change(party, party.full_name),
                display(party, "role"),
                govuk_date(party.date_of_birth),
                _YES if party.user_id else _NO,
                _YES if party.safeguarding else _NO,
                PostAction(
                    _("Issue an activation code"),
                    _admin(Party, "changelist"),
                    "issue_activation_code",
                    party.pk,
                ),
            ]
        )
    _offer_add(section, user, Party, _("Add a party"), f"case={case.pk}")
    return [section]


def _children_reads():
    from ..models import Child

    return {
        "children": Rows(
            Child.objects,
            (
                "full_name",
                "date_of_birth",
                "receiving_party__full_name",
                "shared_care_nights",
                "status",
            ),
            order_by=("date_of_birth", "id"),
        )
    }


def _children(case, user, found):
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
    for child in found["children"]:
        section.rows.append(
            [
                _change(child, child.full_name),
                govuk_date(child.date_of_birth),
                child.receiving_party.full_name,
                child.shared_care_nights,
                display(child, "status"),
            ]
        )
    _offer_add(section, user, Child, _("Add a child"), f"case={case.pk}")
    return [section]


def _income_reads():
    from ..models import IncomeRecord

    return {
        "income": Rows(
            IncomeRecord.objects,
            ("effective_from", "gross_weekly_income", "benefit", "source", "tax_year"),
            order_by=("-effective_from", "-id"),
        )
    }


def _income(case, user, found):
    from ..models import IncomeRecord

    section = Section(
        "income",
        _("Income records"),
        [_("From"), _("Gross weekly income"), _("Benefit"), _("Source"), _("Tax year")],
    )
    for record in found["income"]:
        section.rows.append(
            [
                _change(record, govuk_date(record.effective_from)),
                money(record.gross_weekly_income),
                display(record, "benefit"),
                display(record, "source"),
                record.tax_year,
            ]
        )
    _offer_add(section, user, IncomeRecord, _("Record income"), f"case={case.pk}")
    return [section]


def _decisions_reads():
    from ..models import Decision

    # Newest first: the first is the one in force (decisions are never edited).
    return {
        "decisions": Rows(
            Decision.objects,
            ("decided_at", "effective_date", "weekly_amount", "reason", "challenge_by"),
            order_by=("-decided_at", "-id"),
        )
    }


def _decisions(case, user, found):
    decisions = found["decisions"]
    in_force = decisions[0] if decisions else None
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
    for decision in decisions:
        section.rows.append(
            [
                _change(decision, govuk_datetime(decision.decided_at)),
                govuk_date(decision.effective_date),
                money(decision.weekly_amount),
                display(decision, "reason"),
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
    return [section]


def _messages_reads():
    from ..models import MessageThread

    return {
        "threads": Rows(
            MessageThread.objects,
            ("subject", "party__full_name", "last_message_at"),
            order_by=("-last_message_at", "-id"),
        )
    }


def _messages(case, user, found):
    section = Section("messages", _("Messages"), [_("Subject"), _("With"), _("Last message")])
    for thread in found["threads"]:
        section.rows.append(
            [
                _change(thread, thread.subject),
                thread.party.full_name,
                govuk_datetime(thread.last_message_at),
            ]
        )
    return [section]


def _changes_reads():
    from ..models import ChangeReport, Reconsideration

    return {
        "reports": Rows(
            ChangeReport.objects,
            ("reference", "kind", "status", "reported_at"),
            order_by=("-reported_at", "-id"),
        ),
        "reconsiderations": Rows(
            Reconsideration.objects,
            ("reference", "status", "requested_at"),
            order_by=("-requested_at", "-id"),
        ),
    }


def _changes(case, user, found):
    section = Section(
        "changes",
        _("Change reports and reconsiderations"),
        [_("Reference"), _("What"), _("Status"), _("Reported")],
    )
    for report in found["reports"]:
        section.rows.append(
            [
                _change(report, report.reference),
                display(report, "kind"),
                display(report, "status"),
                govuk_datetime(report.reported_at),
            ]
        )
    for item in found["reconsiderations"]:
        section.rows.append(
            [
                _change(item, item.reference),
                _("Mandatory reconsideration"),
                display(item, "status"),
                govuk_datetime(item.requested_at),
            ]
        )
    return [section]


def _closures_reads():
    from ..models import ClosureRequest

    return {
        "closures": Rows(
            ClosureRequest.objects,
            ("reference", "reason", "status", "requested_at"),
            order_by=("-requested_at", "-id"),
        )
    }


def _closures(case, user, found):
    from ..models import ClosureRequest

    section = Section(
        "closures",
        _("Requests to close the case"),
        [_("Reference"), _("Reason"), _("Status"), _("Asked on")],
    )
    decides = user.has_perm("cases.change_closurerequest")
    for request in found["closures"]:
        row = [
            _change(request, request.reference),
            display(request, "reason"),
            display(request, "status"),
            govuk_datetime(request.requested_at),
        ]
        if decides and request.is_open:
            row += [
                Link(_("Close the case"), _admin(ClosureRequest, "confirm", request.pk)),
                Link(_("Do not close it"), _admin(ClosureRequest, "refuse", request.pk)),
            ]
        section.rows.append(row)
    return [section]


def _queue_reads():
    from casework.models import WorkItem

    return {
        "items": Rows(
            WorkItem.objects,
            (
                "summary",
                "kind",
                "status",
                "assigned_to__full_name",
                "assigned_to__email",
                "created_at",
            ),
            order_by=("status", "-created_at", "-id"),
        )
    }


def _queue(case, user, found):
    from casework.models import WorkItem, WorkItemStatus

    section = Section(
        "queue",
        _("Queue items"),
        [_("Summary"), _("Kind"), _("Status"), _("Assigned to"), _("Added")],
    )
    for item in found["items"]:
        section.rows.append(
            [
                _change(item, item.summary),
                display(item, "kind"),
                display(item, "status"),
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
    return [section]


_OWN_BEFORE = [
    CaseSections(_parties_reads, _parties),
    CaseSections(_children_reads, _children),
    CaseSections(_income_reads, _income),
    CaseSections(_decisions_reads, _decisions),
]
_OWN_AFTER = [
    CaseSections(_messages_reads, _messages),
    CaseSections(_changes_reads, _changes),
    CaseSections(_closures_reads, _closures),
    CaseSections(_queue_reads, _queue),
]

_read_case = ReadTogether(Case, _every_read)
