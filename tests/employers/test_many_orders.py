"""An employer with 10,000 orders: the list is paged, searchable and sortable, and each
page takes a handful of queries whatever the number of orders."""

import time
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

ORDERS = 10_000


@pytest.fixture
def big_employer(employer):
    from cases.models import Case, Party
    from employers.models import DeductionOrder

    cases = Case.objects.bulk_create(
        [Case(reference=f"1217{n:08d}", service_type="collect_and_pay") for n in range(ORDERS)],
        batch_size=2000,
    )
    parties = Party.objects.bulk_create(
        [
            Party(
                case=case,
                role="paying",
                full_name=f"Employee {n:05d}",
                date_of_birth=date(1980, 1, 1),
            )
            for n, case in enumerate(cases)
        ],
        batch_size=2000,
    )
    DeductionOrder.objects.bulk_create(
        [
            DeductionOrder(
                employer=employer,
                case=case,
                employee=party,
                payroll_number=f"PN{n:05d}",
                pay_frequency="monthly",
                normal_deduction_rate=Decimal("100.00"),
                served_on=date(2026, 1, 1),
                reference=f"1290{n:08d}",
            )
            for n, (case, party) in enumerate(zip(cases, parties, strict=True))
        ],
        batch_size=2000,
    )
    return employer


QUERIES = [
    "",
    "?sort=-name&page=400",
    "?sort=payroll&page=250",
    "?q=Employee+09999",
    "?q=PN04321",
    "?q=129000001234",
    "?status=active&sort=-start&page=3",
    "?page=99999",
    "?page=x",
]


def test_the_list_is_quick_and_finds_the_right_orders(
    big_employer, employer_admin, employer_client, django_assert_max_num_queries
):
    client = employer_client(employer_admin)
    url = reverse("employers:orders")
    for query in QUERIES:
        started = time.perf_counter()
        with django_assert_max_num_queries(20):
            response = client.get(url + query)
        assert time.perf_counter() - started < 3, query
        assert response.status_code == 200

    assert b"Employee 04321" in client.get(url + "?q=pn04321").content
    found = client.get(url + "?q=129000001234").content
    assert b"Employee 01234" in found and b"1 order found" in found
    last_page = client.get(url + "?sort=-name").content
    assert last_page.index(b"Employee 09999") < last_page.index(b"Employee 09998")
    assert b"10,000 orders found" in client.get(url).content


@pytest.mark.postgres
def test_the_first_page_by_name_is_read_in_name_order_not_sorted(big_employer, employer_admin):
    """The default sort is by employee name: PostgreSQL reads the first page through the
    name index instead of sorting all 10,000 orders."""
    from django.db import connection

    from employers.selectors import memberships_for_user, orders_for

    membership = memberships_for_user(employer_admin).get(employer=big_employer)
    page = orders_for(membership)[:25]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_party, employers_deductionorder")
    plan = page.explain()
    assert "cases_party_name_idx" in plan, plan
    assert [order.employee.full_name for order in page][:2] == ["Employee 00000", "Employee 00001"]
