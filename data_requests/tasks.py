"""Preparing a copy of a parent's data, and the nightly deletion; each calls one service."""

from celery import shared_task

from .services import delete_expired_data_copies, prepare_data_copy


@shared_task(acks_late=True, reject_on_worker_lost=True)
def prepare_data_copy_task(data_request_id):
    prepare_data_copy(data_request_id=data_request_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def delete_expired_data_copies_task():
    deleted, given_up = delete_expired_data_copies()
    return {"deleted": deleted, "given_up": given_up}
