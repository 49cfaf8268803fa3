"""The nightly reform task: a no-op until REFORM_COMMENCEMENT_DATE is set and reached,
then it starts the chunked move (payments' start_job fans it out, one task a chunk)."""

from datetime import date

from celery import shared_task

from calculation.fees import reform_commencement
from payments.dates import business_date as today_in_london
from payments.tasks import start_job

from .jobs import MOVE_JOB


@shared_task
def move_direct_pay_cases_nightly(business_date=None):
    day = date.fromisoformat(business_date) if business_date else today_in_london()
    commencement = reform_commencement()
    if commencement is None or day < commencement:
        return "not commenced"
    start_job.delay(MOVE_JOB, day.isoformat())
    return "started"
