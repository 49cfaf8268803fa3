"""The caseworker queue: items other services (and other areas) add for a person to do."""

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import audit_event, record_audit_event, record_audit_events
from cms_portal.staff_roles import is_assignable

from .models import WorkItem, WorkItemStatus


def add_to_caseworker_queue(
    *, acting_user, case, kind, summary, source_reference="", review_by=None
):
    """Queue something on `case` for a caseworker. Adding the same open item again
    (same case, kind and source reference) returns the one already queued; given a
    `review_by` date, that item takes the new date and summary, so it never shows a
    stage or date the case has moved past."""
    with transaction.atomic():
        # Locked through the case's own model, which casework does not import.
        case = type(case)._default_manager.select_for_update().get(pk=case.pk)
        if source_reference:
            existing = (
                WorkItem.objects.filter(case=case, kind=kind, source_reference=source_reference)
                .exclude(status=WorkItemStatus.DONE)
                .first()
            )
            if existing:
                if review_by is not None:
                    _refresh(acting_user, existing, summary=summary, review_by=review_by)
                return existing
        item = _new_item(acting_user, case, kind, summary, source_reference, review_by)
        item.save(force_insert=True)
        _queued_event(acting_user, item).save(force_insert=True)
        return item


def add_many_to_caseworker_queue(*, acting_user, items):
    """add_to_caseworker_queue for many items (a batch job's), in a few statements: each
    a dict of case, kind, summary, source_reference and optionally review_by, the cases
    locked by the caller. An item already open (same case, kind and source reference) is
    left as it is, or given a review_by, takes the new date and summary.
    Returns the items added."""
    open_already: dict[tuple, WorkItem] = {}
    for existing in WorkItem.objects.filter(
        case__in=[item["case"].pk for item in items],
        source_reference__in=[item["source_reference"] for item in items],
    ).exclude(status=WorkItemStatus.DONE):
        # The first in the queue's order, as add_to_caseworker_queue finds it.
        open_already.setdefault(
            (existing.case_id, existing.kind, existing.source_reference), existing
        )
    new_items, refreshed, events = [], [], []
    for item in items:
        existing = open_already.get((item["case"].pk, item["kind"], item["source_reference"]))
        if existing is None:
            new_items.append(
                _new_item(
                    acting_user,
                    item["case"],
                    item["kind"],
                    item["summary"],
                    item["source_reference"],
                    item.get("review_by"),
                )
            )
            continue
        if item.get("review_by") is None:
            continue
        existing.case = item["case"]
        changes = _refreshed(existing, summary=item["summary"], review_by=item["review_by"])
        if changes:
            refreshed.append(existing)
            events.append(_updated_event(acting_user, existing, changes))
    added = WorkItem.objects.bulk_create(new_items)
    if refreshed:
        WorkItem.objects.bulk_update(refreshed, ["review_by", "summary"])
    record_audit_events([_queued_event(acting_user, item) for item in added] + events)
    return added


def _new_item(acting_user, case, kind, summary, source_reference, review_by=None):
    return WorkItem(
        case=case,
        kind=kind,
        summary=str(summary)[:500],
        source_reference=source_reference,
        review_by=review_by,
        assigned_to_id=case.assigned_caseworker_id,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


def _queued_event(acting_user, item):
    return audit_event(
        acting_user=acting_user,
        action="work_item.queued",
        obj=item.case,
        work_item=str(item.public_id),
        kind=item.kind,
        source_reference=item.source_reference,
        **({"review_by": item.review_by.isoformat()} if item.review_by else {}),
    )


def _refreshed(item, *, review_by, summary=None):
    """Give `item` the new review date and summary (not saved); what changed."""
    changes = {}
    if item.review_by != review_by:
        item.review_by = review_by
        changes["review_by"] = review_by.isoformat()
    if summary is not None and item.summary != str(summary)[:500]:
        item.summary = str(summary)[:500]
        changes["summary"] = item.summary
    return changes


def _updated_event(acting_user, item, changes):
    return audit_event(
        acting_user=acting_user,
        action="work_item.updated",
        obj=item.case,
        work_item=str(item.public_id),
        **changes,
    )


def _refresh(acting_user, item, *, review_by, summary=None):
    changes = _refreshed(item, review_by=review_by, summary=summary)
    if changes:
        item.save(update_fields=["review_by", "summary"])
        _updated_event(acting_user, item, changes).save(force_insert=True)


def set_review_date_for(*, acting_user, case, source_reference, review_by):
    """Move the review date of every open item from one source (e.g. a stage's outcome
    set a new review date)."""
    with transaction.atomic():
        for item in (
            WorkItem.objects.select_for_update()
            .filter(case=case, source_reference=source_reference)
            .exclude(status=WorkItemStatus.DONE)
        ):
            _refresh(acting_user, item, review_by=review_by)


def update_work_item(*, acting_user, work_item, status=None, assigned_to=None):
    """Assign or move a queue item on (open, in progress, done)."""
    if not is_assignable(assigned_to):
        raise ValueError("Work can only be given to a caseworker or team leader.")
    with transaction.atomic():
        item = WorkItem.objects.select_for_update().get(pk=work_item.pk)
        changes = {}
        if assigned_to is not None and item.assigned_to_id != assigned_to.pk:
            item.assigned_to = assigned_to
            changes["assigned_to"] = assigned_to.email
        if status is not None and item.status != status:
            item.status = WorkItemStatus(status)
            item.closed_at = timezone.now() if status == WorkItemStatus.DONE else None
            changes["status"] = str(status)
        if changes:
            item.save()
            record_audit_event(
                acting_user=acting_user,
                action="work_item.updated",
                obj=item.case,
                work_item=str(item.public_id),
                **changes,
            )
        return item


def close_work_items_for(*, acting_user, case, source_reference):
    """Close every open item that came from one source (e.g. a change report now done)."""
    for item in WorkItem.objects.filter(case=case, source_reference=source_reference).exclude(
        status=WorkItemStatus.DONE
    ):
        update_work_item(acting_user=acting_user, work_item=item, status=WorkItemStatus.DONE)
