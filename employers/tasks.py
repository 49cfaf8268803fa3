"""Employer jobs. Each is one call to a service, takes ids and ISO dates, and is safe to
run twice."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import end_orders_due, flag_late_payments, post_remittance_receipts

RECEIPTS_PER_TASK = 2000


@shared_task(acks_late=True, reject_on_worker_lost=True)
def flag_late_payments_task(business_date=None):
    on_date = date.fromisoformat(business_date) if business_date else timezone.localdate()
    return len(flag_late_payments(on_date=on_date))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def end_orders_due_task(business_date=None):
    on_date = date.fromisoformat(business_date) if business_date else timezone.localdate()
    return len(end_orders_due(acting_user=None, on_date=on_date))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def post_remittance_receipts_task(remittance_id):
    posted = post_remittance_receipts(
        acting_user=None, remittance_id=remittance_id, limit=RECEIPTS_PER_TASK
    )
    if posted == RECEIPTS_PER_TASK:
        # More to post: carry on in a fresh task rather than one long one.
        post_remittance_receipts_task.delay(remittance_id)
    return posted
