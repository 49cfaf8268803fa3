"""Every kind of work another area puts on the caseworker queue has a name in the queue's
own list, so the admin labels it (the Welsh catalogue test covers the names) and its
filter offers it."""

import pytest

from arrears_plans.services import WORK_ITEM_KIND as ARREARS_PLAN
from cases.services.closures import CLOSURE_WORK_KIND
from cases.services.reviews import ANNUAL_REVIEW_QUEUE
from casework.models import WorkItemKind
from employers.services.corrections import QUEUE_KIND as RETURN_CORRECTED
from employers.services.leavers import QUEUE_KIND as LEAVER
from employers.services.leavers import STOPPED_TRADING_QUEUE_KIND
from payments.models import MoneyQueueKind
from payments.services.enforcement_process import QUEUE_KIND as ENFORCEMENT
from payments.services.plan_missed import WORK_ITEM_KIND as PLAN_MISSED
from variations.services.applications import WORK_ITEM_KIND as VARIATION

QUEUED_KINDS = [
    ARREARS_PLAN,
    CLOSURE_WORK_KIND,
    ANNUAL_REVIEW_QUEUE,
    RETURN_CORRECTED,
    LEAVER,
    STOPPED_TRADING_QUEUE_KIND,
    ENFORCEMENT,
    PLAN_MISSED,
    VARIATION,
    *MoneyQueueKind.values,
]


@pytest.mark.parametrize("kind", QUEUED_KINDS)
def test_each_queued_kind_is_named(kind):
    assert kind in WorkItemKind.values
