"""Filing returns from the pages and from files: the rule applied, the shortfall carried
from one pay day to the next, nothing saved when anything is wrong, and sending the
same thing twice changing nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from employers import services
from employers.models import DeductionReturn, DeductionUpload

D = Decimal


@pytest.fixture
def order(employer, make_order):
    return make_order(employer, rate=D("150.00"), payroll_number="P100")


def today():
    return timezone.localdate()


def file_one(caseworker_or_user, employer, order, net, *, days_ago=5, fee=D("0.00")):
    return services.file_returns(
        acting_user=caseworker_or_user,
        employer=employer,
        pay_date=today() - timedelta(days=days_ago),
        lines=[(order.reference, D(net), fee)],
    )[0]


def test_the_shortfall_is_carried_to_the_next_pay_day(employer, employer_admin, order):
    first = file_one(employer_admin, employer, order, "200.00", days_ago=40)
    assert (first.amount_deducted, first.shortfall_carried_forward) == (D("80.00"), D("70.00"))
    second = file_one(employer_admin, employer, order, "2000.00", days_ago=10)
    assert second.shortfall_brought_forward == D("70.00")
    assert (second.amount_deducted, second.shortfall_carried_forward) == (D("220.00"), D("0.00"))


def test_filing_the_same_pay_day_again_changes_nothing(employer, employer_admin, order):
    first = file_one(employer_admin, employer, order, "1200.00")
    again = file_one(employer_admin, employer, order, "1200.00")
    assert again.pk == first.pk
    assert DeductionReturn.objects.count() == 1


def test_a_different_figure_for_a_filed_pay_day_is_a_problem(employer, employer_admin, order):
    file_one(employer_admin, employer, order, "1200.00")
    with pytest.raises(services.ReturnProblems) as raised:
        file_one(employer_admin, employer, order, "1300.00")
    assert raised.value.problems[0].field == "pay_date"
    assert "already been sent" in raised.value.problems[0].message


def test_an_earlier_pay_day_after_a_later_one_is_a_problem(employer, employer_admin, order):
    file_one(employer_admin, employer, order, "1200.00", days_ago=5)
    with pytest.raises(services.ReturnProblems) as raised:
        file_one(employer_admin, employer, order, "1200.00", days_ago=20)
    assert "later pay date" in raised.value.problems[0].message


def test_future_pay_dates_and_ended_orders_are_refused(employer, employer_admin, order, caseworker):
    with pytest.raises(services.ReturnProblems):
        file_one(employer_admin, employer, order, "100.00", days_ago=-1)
    services.end_order(acting_user=caseworker, order=order, ended_on=today() - timedelta(days=10))
    with pytest.raises(services.ReturnProblems) as raised:
        file_one(employer_admin, employer, order, "100.00")
    assert "ended on" in raised.value.problems[0].message
    assert not DeductionReturn.objects.exists()


def test_an_admin_fee_with_nothing_deducted_is_refused(employer, employer_admin, order):
    with pytest.raises(services.ReturnProblems) as raised:
        file_one(employer_admin, employer, order, "0.00", fee=D("1.00"))
    assert raised.value.problems[0].field == "admin_fee"


def test_another_employers_order_cannot_be_filed(
    employer, other_employer, other_employer_admin, order
):
    filed = services.file_returns(
        acting_user=other_employer_admin,
        employer=other_employer,
        pay_date=today(),
        lines=[(order.reference, D("100"), D("0"))],
    )
    assert filed == [] and not DeductionReturn.objects.exists()


# --- Uploads ---------------------------------------------------------------------

HEADER = "order_reference,payroll_number,pay_date,net_earnings,admin_fee,amount_deducted\r\n"


def csv_for(rows):
    return (HEADER + "".join(",".join(str(cell) for cell in row) + "\r\n" for row in rows)).encode()


def test_a_valid_file_is_filed_in_pay_date_order_with_the_shortfall_chained(
    employer, employer_admin, order
):
    # A monthly order: pay dates a month apart.
    d1, d2 = today() - timedelta(days=40), today() - timedelta(days=10)
    data = csv_for(
        [
            (order.reference, "P100", d2.isoformat(), "1000.00", "1.00", "220.00"),
            (order.reference, "p100", d1.strftime("%d/%m/%Y"), "200.00", "", "80.00"),
        ]
    )
    result = services.file_upload(
        acting_user=employer_admin, employer=employer, file_name="march.csv", data=data
    )
    assert not result.repeated
    assert result.upload.returns_filed == 2 and result.upload.total_deducted == D("300.00")
    returns = list(DeductionReturn.objects.order_by("pay_date"))
    assert [r.shortfall_carried_forward for r in returns] == [D("70.00"), D("0.00")]
    assert returns[1].admin_fee == D("1.00") and returns[1].upload == result.upload


def test_the_same_file_twice_changes_nothing(employer, employer_admin, order):
    data = csv_for([(order.reference, "P100", today().isoformat(), "1000.00", "", "")])
    first = services.file_upload(
        acting_user=employer_admin, employer=employer, file_name="a.csv", data=data
    )
    second = services.file_upload(
        acting_user=employer_admin, employer=employer, file_name="a.csv", data=data
    )
    assert second.repeated and second.upload.pk == first.upload.pk
    assert DeductionReturn.objects.count() == 1 and DeductionUpload.objects.count() == 1


def test_rows_already_filed_with_the_same_figures_are_skipped_in_a_new_file(
    employer, employer_admin, order
):
    file_one(employer_admin, employer, order, "1000.00", days_ago=0)
    data = csv_for([(order.reference, "P100", today().isoformat(), "1000.00", "0", "150.00")])
    result = services.file_upload(
        acting_user=employer_admin, employer=employer, file_name="b.csv", data=data
    )
    assert result.upload.returns_filed == 0 and result.upload.rows_already_filed == 1
    assert DeductionReturn.objects.count() == 1


def test_one_bad_row_saves_nothing_and_every_problem_is_reported(
    employer, employer_admin, order, other_employer, make_order
):
    other_order = make_order(other_employer)
    data = csv_for(
        [
            (order.reference, "P100", today().isoformat(), "1000.00", "", ""),
            (order.reference, "WRONG", today().isoformat(), "1000.00", "", ""),
            (other_order.reference, other_order.payroll_number, today().isoformat(), "10", "", ""),
            (order.reference, "P100", (today() + timedelta(days=3)).isoformat(), "10", "", ""),
            (
                order.reference,
                "P100",
                (today() - timedelta(days=25)).isoformat(),
                "1000",
                "",
                "99.00",
            ),
            (
                order.reference,
                "P100",
                (today() - timedelta(days=50)).isoformat(),
                "1000",
                "1.50",
                "",
            ),
            (order.reference, "P100", "not a date", "1000", "", ""),
        ]
    )
    with pytest.raises(services.UploadRejected) as raised:
        services.file_upload(
            acting_user=employer_admin, employer=employer, file_name="c.csv", data=data
        )
    problems = [(p.row, p.column) for p in raised.value.problems.sorted()]
    assert problems == [
        (3, "payroll_number"),
        (4, "order_reference"),
        (5, "pay_date"),
        (6, "amount_deducted"),
        (7, "admin_fee"),
        (8, "pay_date"),
    ]
    messages = {p.row: p.message for p in raised.value.problems.sorted()}
    assert "no order" in messages[4]  # another employer's order is simply not theirs
    assert "£150.00" in messages[6] and "£99.00" in messages[6]
    assert not DeductionReturn.objects.exists() and not DeductionUpload.objects.exists()


def test_a_row_repeated_in_one_file_is_a_problem(employer, employer_admin, order):
    row = (order.reference, "P100", today().isoformat(), "1000.00", "", "")
    with pytest.raises(services.UploadRejected) as raised:
        services.file_upload(
            acting_user=employer_admin,
            employer=employer,
            file_name="d.csv",
            data=csv_for([row, row]),
        )
    assert [(p.row, p.column) for p in raised.value.problems.sorted()] == [(3, "pay_date")]


def test_an_unreadable_file_is_rejected_whole(employer, employer_admin):
    with pytest.raises(services.UploadRejected) as raised:
        services.file_upload(
            acting_user=employer_admin,
            employer=employer,
            file_name="x.xlsx",
            data=b"PK\x03\x04junk",
        )
    assert raised.value.file_error and not raised.value.problems
