"""Nightly application jobs; each is one service call and safe to run twice."""

from celery import shared_task

from .services import warn_and_delete_old_drafts


@shared_task(acks_late=True, reject_on_worker_lost=True)
def expire_drafts():
    warned, deleted = warn_and_delete_old_drafts()
    return {"warned": warned, "deleted": deleted}
