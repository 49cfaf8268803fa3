"""The queue dashboard: for each kind of work, how much is waiting, how old the oldest
is and how much is past its deadline; then the items nearest or past their deadline."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.formatting import govuk_date

from .models import WorkItem, WorkItemKind, WorkItemStatus
from .targets import deadline, target_days

LIST_SIZE = 25
LABELS = {
    "waiting": _("Work waiting, by kind"),
    "kind": _("Kind"),
    "open": _("Open"),
    "in_progress": _("In progress"),
    "unassigned": _("Not assigned"),
    "oldest": _("Oldest (days)"),
    "overdue": _("Past deadline"),
    "target": _("Target (days)"),
    "nothing": _("Nothing is waiting."),
    "deadlines": _("Nearest deadlines"),
    "deadline": _("Deadline"),
    "summary": _("Summary"),
    "case": _("Case"),
    "age": _("Age (days)"),
    "assigned": _("Assigned to"),
}


def _kind_label(kind):
    try:
        return WorkItemKind(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()


def dashboard_rows(now):
    today = timezone.localdate(now)
    waiting = WorkItem.objects.exclude(status=WorkItemStatus.DONE)
    rows = []
    for line in (
        waiting.values("kind")
        .order_by("kind")
        .annotate(
            open=Count("id", filter=Q(status=WorkItemStatus.OPEN)),
            in_progress=Count("id", filter=Q(status=WorkItemStatus.IN_PROGRESS)),
            unassigned=Count("id", filter=Q(assigned_to__isnull=True)),
            oldest=Min("created_at"),
        )
    ):
        late_before = now - timedelta(days=target_days(line["kind"], today))
        rows.append(
            {
                "kind": line["kind"],
                "label": _kind_label(line["kind"]),
                "open": line["open"],
                "in_progress": line["in_progress"],
                "unassigned": line["unassigned"],
                "oldest_days": (today - timezone.localdate(line["oldest"])).days,
                "overdue": waiting.filter(kind=line["kind"], created_at__lt=late_before).count(),
                "target_days": target_days(line["kind"], today),
                "list_url": reverse("admin:casework_workitem_changelist") + f"?kind={line['kind']}",
            }
        )
    return rows


def nearest_deadlines(now):
    today = timezone.localdate(now)
    items = []
    for item in (
        WorkItem.objects.exclude(status=WorkItemStatus.DONE)
        .select_related("case", "assigned_to")
        .order_by("created_at")[:500]
    ):
        due = deadline(item.kind, timezone.localdate(item.created_at))
        items.append(
            {
                "item": item,
                "kind": _kind_label(item.kind),
                "due": due,
                "due_text": govuk_date(due),
                "late": due < today,
                "late_text": _("Late: %(date)s") % {"date": govuk_date(due)},
                "age_days": (today - timezone.localdate(item.created_at)).days,
                "assigned": (
                    item.assigned_to.full_name or item.assigned_to.email if item.assigned_to else ""
                ),
                "case_url": reverse("admin:cases_case_change", args=[item.case_id]),
                "item_url": reverse("admin:casework_workitem_change", args=[item.pk]),
            }
        )
    items.sort(key=lambda entry: entry["due"])
    return items[:LIST_SIZE]


def dashboard_view(model_admin, request):
    now = timezone.now()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Queue dashboard"),
        "rows": dashboard_rows(now),
        "items": nearest_deadlines(now),
        "labels": LABELS,
    }
    return TemplateResponse(request, "admin/casework/workitem/dashboard.html", context)
