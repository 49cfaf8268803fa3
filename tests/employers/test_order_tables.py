"""The order tables (the list of orders, orders with nothing reported for a month) are
read as values: a page of rows builds no order or employee instances, and says what the
orders' own fields say."""

from contextlib import contextmanager

import pytest
from django.db.models.signals import post_init
from django.urls import reverse
from django.utils import translation

from cases.models import Party
from cms_portal.formatting import govuk_date, money
from employers.models import DeductionOrder
from employers.presenters.payments import month_slug

pytestmark = pytest.mark.django_db


@contextmanager
def _instances_built():
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    for model in (DeductionOrder, Party):
        post_init.connect(count, sender=model)
    try:
        yield built
    finally:
        for model in (DeductionOrder, Party):
            post_init.disconnect(count, sender=model)


def _row_texts(order, language="en"):
    with translation.override(language):
        return [
            order.employee.full_name,
            order.payroll_number,
            order.reference,
            govuk_date(order.served_on),
            money(order.normal_deduction_rate),
            order.get_pay_frequency_display(),
            order.get_status_display(),
        ]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_order_list_shows_each_orders_fields_from_values(
    employer_world, employer_client, language
):
    client = employer_client(employer_world.admin)
    prefix = "/cy" if language == "cy" else ""
    with _instances_built() as built:
        page = client.get(prefix + reverse("employers:orders") + "?sort=payroll").content.decode()
    assert built == []
    for order in (employer_world.active, employer_world.leaver, employer_world.unpaid):
        order.refresh_from_db()
        texts = _row_texts(order, language)
        assert all(text in page for text in texts), texts
        with translation.override(language):
            href = reverse("employers:order_detail", kwargs={"reference": order.reference})
        assert f'href="{href}"' in page
    assert page.index("P100") < page.index("P200") < page.index("P300")


def test_orders_with_nothing_reported_are_listed_from_values(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    url = reverse(
        "employers:missing_returns", kwargs={"month": month_slug(employer_world.last_month)}
    )
    with _instances_built() as built:
        page = client.get(url).content.decode()
    assert built == []
    unpaid = employer_world.unpaid
    assert all(text in page for text in _row_texts(unpaid))
    assert reverse("employers:order_detail", kwargs={"reference": unpaid.reference}) in page
    # Both the others had a return that month.
    assert employer_world.active.payroll_number not in page
    assert employer_world.leaver.payroll_number not in page


def test_the_orders_are_counted_without_their_employees(employer_world, employer_client):
    """Counting 10,000 orders must not join 10,000 employees as well."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = employer_client(employer_world.admin)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("employers:orders")).status_code == 200
    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    assert "cases_party" not in counts[0]
