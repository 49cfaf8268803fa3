"""Asking for a copy of your data, preparing it, downloading it and deleting it. Every
step writes an audit event; the file's contents are never put in one."""

import logging
from datetime import timedelta
from functools import partial

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from .archive import write_archive
from .export import collect
from .models import FILE_LIFETIME, DataRequest, DataRequestStatus
from .selectors import pending_request_for

logger = logging.getLogger(__name__)

# A request the worker never finished (its message lost) is given up after this long,
# so the parent can ask again.
PENDING_GIVE_UP_AFTER = timedelta(days=1)


def _audit(acting_user, action, data_request):
    record_audit_event(
        acting_user=acting_user,
        action=action,
        object_type="data_requests.DataRequest",
        object_ref=str(data_request.public_id),
    )


def request_data_copy(*, acting_user):
    """(request, created): a new request, or the one already being prepared."""
    pending = pending_request_for(acting_user)
    if pending is not None:
        return pending, False
    try:
        with transaction.atomic():
            # A file still waiting to be downloaded is replaced by the new one.
            for ready in DataRequest.objects.select_for_update().filter(
                user=acting_user, status=DataRequestStatus.READY
            ):
                _delete_file(ready, acting_user=acting_user, action="data_request.replaced")
            data_request = DataRequest.objects.create(
                user=acting_user, language=acting_user.preferred_language or "en"
            )
            _audit(acting_user, "data_request.requested", data_request)
            transaction.on_commit(partial(_enqueue, data_request.pk))
    except IntegrityError:
        # Asked twice at once: the other request won; show that one.
        return pending_request_for(acting_user), False
    return data_request, True


def _enqueue(data_request_id):
    from .tasks import prepare_data_copy_task

    try:
        prepare_data_copy_task.delay(data_request_id)
    except Exception as error:  # broker unreachable: the nightly job gives up on it
        logger.warning(
            "data_request.enqueue_failed id=%s error=%s", data_request_id, type(error).__name__
        )


def prepare_data_copy(*, data_request_id, now=None):
    """Build the ZIP, keep it for a week and email its owner. Safe to run twice."""
    data_request = (
        DataRequest.objects.select_related("user")
        .filter(pk=data_request_id, status=DataRequestStatus.PENDING)
        .first()
    )
    if data_request is None:
        return None
    now = now or timezone.now()
    expires_at = now + FILE_LIFETIME
    try:
        with translation.override(data_request.language):
            export = collect(data_request.user, timezone.localdate(now))
            archive = write_archive(
                export,
                prepared_on=timezone.localdate(now),
                expires_on=timezone.localdate(expires_at),
            )
    except Exception:
        _fail(data_request)
        raise
    with archive, transaction.atomic():
        locked = (
            DataRequest.objects.select_for_update()
            .filter(pk=data_request.pk, status=DataRequestStatus.PENDING)
            .first()
        )
        if locked is None:
            return None
        locked.file.save("data.zip", File(archive), save=False)
        locked.size = locked.file.size
        locked.status = DataRequestStatus.READY
        locked.ready_at = now
        locked.expires_at = expires_at
        locked.save(update_fields=["file", "size", "status", "ready_at", "expires_at"])
        _audit(None, "data_request.ready", locked)
        # No personal data: the email only says the file is ready and until when.
        send_email(
            to=data_request.user.email,
            template="data_requests_ready",
            context={"expires_on": timezone.localdate(expires_at)},
            language=locked.language,
        )
    return locked


def _fail(data_request):
    with transaction.atomic():
        updated = DataRequest.objects.filter(
            pk=data_request.pk, status=DataRequestStatus.PENDING
        ).update(status=DataRequestStatus.FAILED)
        if updated:
            _audit(None, "data_request.failed", data_request)


def record_download(*, acting_user, data_request):
    with transaction.atomic():
        _audit(acting_user, "data_request.downloaded", data_request)


def _delete_file(data_request, *, acting_user, action, now=None):
    """Inside a transaction, with the row locked."""
    if data_request.file:
        data_request.file.delete(save=False)
    data_request.file = ""
    data_request.status = DataRequestStatus.EXPIRED
    data_request.deleted_at = now or timezone.now()
    data_request.save(update_fields=["file", "status", "deleted_at"])
    _audit(acting_user, action, data_request)


def delete_expired_data_copies(*, now=None):
    """Nightly: delete every file past its week, and give up on requests never prepared.
    Returns (deleted, given_up)."""
    now = now or timezone.now()
    deleted = given_up = 0
    expired = DataRequest.objects.filter(status=DataRequestStatus.READY, expires_at__lte=now)
    for data_request_id in expired.values_list("pk", flat=True):
        with transaction.atomic():
            locked = expired.select_for_update().filter(pk=data_request_id).first()
            if locked is None:
                continue
            _delete_file(locked, acting_user=None, action="data_request.deleted", now=now)
            deleted += 1
    stale = DataRequest.objects.filter(
        status=DataRequestStatus.PENDING, requested_at__lte=now - PENDING_GIVE_UP_AFTER
    )
    for data_request in stale:
        _fail(data_request)
        given_up += 1
    return deleted, given_up
