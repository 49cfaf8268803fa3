"""Everything about one case for its admin page: each part of the case with the
actions that work it, as links to the admin pages and bulk actions that already exist
(so every change still goes through the services). Money and orders are added by
the payments and employers apps, which build on cases (see `register_case_sections`)."""

from django.db.models import CharField, F, Value
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import Link, PostAction, Section
from cms_portal.core.admin import admin_url as _admin
from cms_portal.core.admin import change_link as _change
from cms_portal.core.admin import may as _may
from cms_portal.core.admin import offer_add as _offer_add
from cms_portal.formatting import govuk_date, govuk_datetime, money

from ..selectors import decisions_for_case, loaded_with_only

LABELS = {
    "parts": _("Parts of this case"),
    "details": _("Case details"),
    "actions": _("Actions"),
    "none": _("None yet."),
}

# Apps above cases (payments, employers) add their sections of the page here from their
# AppConfig.ready: each builder takes (case, user) and returns a list of sections.
_contributed_sections = []


def register_case_sections(builder):
    if builder not in _contributed_sections:
        _contributed_sections.append(builder)


def case_overview(case, user):
    return [
        section
        for section in (
            _parties(case, user),
            _children(case, user),
            _income(case, user),
            _decisions(case, user),
            *(section for builder in _contributed_sections for section in builder(case, user)),
            _messages(case),
            _changes(case),
            _closures(case, user),
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

    # Newest first: the first is the one in force (decisions are never edited).
    decisions = decisions_for_case(case)
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
    reports, reconsiderations = _changes_and_reconsiderations(case)
    for report in reports:
        section.rows.append(
            [
                _change(report, report.reference),
                report.get_kind_display(),
                report.get_status_display(),
                govuk_datetime(report.reported_at),
            ]
        )
    for item in reconsiderations:
        section.rows.append(
            [
                _change(item, item.reference),
                _("Mandatory reconsideration"),
                item.get_status_display(),
                govuk_datetime(item.requested_at),
            ]
        )
    return section


def _changes_and_reconsiderations(case):
    """Both kinds of request on the case in one read (a union), each newest first, with
    only the fields the section shows."""
    columns = ("id", "reference", "status", "at", "kind")
    reports = case.change_reports.order_by().annotate(at=F("reported_at")).values_list(*columns)
    requests = (
        case.reconsiderations.order_by()
        .annotate(at=F("requested_at"), kind=Value("", output_field=CharField()))
        .values_list(*columns)
    )
    found_reports, found_requests = [], []
    for pk, reference, status, at, kind in reports.union(requests, all=True):
        shared = {"id": pk, "reference": reference, "status": status}
        if kind:
            loaded = shared | {"kind": kind, "reported_at": at}
            found_reports.append(loaded_with_only(reports.model, reports.db, loaded))
        else:
            loaded = shared | {"requested_at": at}
            found_requests.append(loaded_with_only(requests.model, requests.db, loaded))
    found_reports.sort(key=lambda report: (report.reported_at, report.pk), reverse=True)
    found_requests.sort(key=lambda request: (request.requested_at, request.pk), reverse=True)
    return found_reports, found_requests


def _closures(case, user):
    from ..models import ClosureRequest

    section = Section(
        "closures",
        _("Requests to close the case"),
        [_("Reference"), _("Reason"), _("Status"), _("Asked on")],
    )
    decides = user.has_perm("cases.change_closurerequest")
    for request in case.closure_requests.order_by("-requested_at", "-id"):
        row = [
            _change(request, request.reference),
            request.get_reason_display(),
            request.get_status_display(),
            govuk_datetime(request.requested_at),
        ]
        if decides and request.is_open:
            row += [
                Link(_("Close the case"), _admin(ClosureRequest, "confirm", request.pk)),
                Link(_("Do not close it"), _admin(ClosureRequest, "refuse", request.pk)),
            ]
        section.rows.append(row)
    return section


def _queue(case):
    from casework.models import WorkItem, WorkItemStatus

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
