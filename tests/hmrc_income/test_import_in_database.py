"""On PostgreSQL the file is COPYed as it is and checked with SQL: every file gets the
same problems, rows and counts as the Python checker (feed.check_file) gives it."""

import pytest

from hmrc_income.feed import check_file
from hmrc_income.models import FeedRow
from hmrc_income.services import import_income_file

from .feed_files import HEADER, TODAY, csv_file
from .test_feed_format import BAD_LINES, GOOD_CURRENT, GOOD_HISTORIC

pytestmark = pytest.mark.postgres

ODD_LINES = [
    # problems that come together on one row, in the checker's order
    ",QQ1,2024/25,,,£1,-1",
    "current,,,,,,",
    "historic,JT246810A,2024-25,2024-04-06,2024-05-01,100,0",
    "current,JT246810A,2024-25,2025-12-31,2025-12-01,100,0",
    "current,JT246810A,2024-25,2025-01-01,2026-01-31,100,0",
    "current,JT246810A,2025-26,2025-02-29,2025-13-01,100,0",
    "current,JT246810A,2025-26,0000-01-01,2025-00-10,100,0",
    "current,JT246810A,2023-24,2024-02-01,2024-02-29,100,0",
    "historic,JT246810A,2025-26,,,100,100.01",
    "historic,JT246810A,2024-25,,,100,100.00",
    "historic,jt 24 68 10 a,2024-25,,,100,0",
    'historic," JT246810A ",2024-25,,,"100.5",0',
    "Historic,JT246810A,2024-25,,,100,0",
    "historic,GB123456A,2024-25,,,100,0",
    "historic,JO123456A,2024-25,,,100,0",
    "historic,JT123456E,2024-25,,,100,0",
    "historic,JT246810A,0000-01,,,100,0",
    "historic,JT246810A,2024-25,,,12345678901,0",
    # amounts at the edges of pounds and pence
    "historic,JT246810A,2024-25,,,1234567890.12,1.",
    "historic,JT246810A,2024-25,,,.5,1.2.3",
    "historic,JT246810A,2024-25,,,12345678901.5,0.",
    "historic,JT246810A,2024-25,,,100..,1.234",
    "historic,JT246810A,2024-25,,,1e3,٣",
    "current,JT246810A,2025-26,٢٠٢٥-12-01,2025-12-31,100,0",
    "historic,JT246810A,٢٠٢٤-25,,,100,0",
    "historic,JT246810A,2024-25,,,0001.5,0.05",
    ",,,,,,",
]


def _python(data):
    checked = check_file(data, today=TODAY)
    problems = [(p.row, p.field, p.message) for p in checked.problems]
    return problems, len(checked.rows), checked.rows_in_file, checked.refused


def _database(data):
    report = import_income_file(acting_user=None, file_name="f.csv", data=data, today=TODAY)
    record = report.income_import
    problems = [(p.row, p.field, p.message) for p in report.problems]
    return problems, record.rows_added, record.rows_in_file, report.refused


def _same(data):
    assert _database(data) == _python(data)


@pytest.mark.parametrize("line", [line for line, _field, _message in BAD_LINES] + ODD_LINES)
def test_each_row_gets_the_checkers_problems(db, line):
    _same(csv_file(GOOD_HISTORIC, line, GOOD_CURRENT))


def test_a_file_of_every_problem_at_once(db):
    lines = [line for line, _field, _message in BAD_LINES if line.count(",") == 6]
    _same(csv_file(GOOD_HISTORIC, *lines, *ODD_LINES, GOOD_CURRENT, GOOD_HISTORIC))


def test_repeated_rows_name_the_first_good_one(db):
    bad_then_good = "historic,JT246810A,2024-25,,,100,101"
    _same(csv_file(bad_then_good, GOOD_CURRENT, GOOD_HISTORIC, GOOD_CURRENT, GOOD_HISTORIC))


def test_stored_rows_are_the_checkers(db):
    data = csv_file("historic, jt 24 68 10 a ,2024-25,,,100,0", GOOD_CURRENT)
    import_income_file(acting_user=None, file_name="f.csv", data=data, today=TODAY)
    stored = [
        "\t".join(
            str(value)
            for value in (
                row.row_number,
                row.record_type,
                row.nino,
                row.tax_year,
                row.period_start,
                row.period_end,
            )
        )
        for row in FeedRow.objects.order_by("row_number")
    ]
    expected = ["\t".join(line.split("\t")[:6]) for line in check_file(data, today=TODAY).rows]
    assert stored == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + csv_file(GOOD_HISTORIC, GOOD_CURRENT),
        csv_file(GOOD_HISTORIC, GOOD_CURRENT).replace(b"\n", b"\r\n"),
        csv_file(
            "2024-25,x,historic,JT246810A,,,100,0",
            header="tax_year,extra,record_type,nino,period_start,period_end,gross_pay,"
            "pension_contributions",
        ),
        # The Python checker takes these (COPY cannot read them as they are)
        csv_file(GOOD_HISTORIC, "", GOOD_CURRENT),
        csv_file(GOOD_HISTORIC, "historic,JT246810A,2024-25,,,1,234.00,0", GOOD_CURRENT),
        csv_file(GOOD_HISTORIC, 'current,"JT246810A'),
        csv_file(GOOD_HISTORIC) + b"\xff\n",
        csv_file(GOOD_HISTORIC, header=HEADER.replace(",gross_pay", "")),
        csv_file(GOOD_HISTORIC, header='"record_type",' + HEADER.split(",", 1)[1]),
    ],
    ids=["bom", "crlf", "other-order", "blank", "width", "quote", "bytes", "missing", "quoted"],
)
def test_files_of_every_shape(db, data):
    _same(data)


def test_a_readable_file_is_not_checked_in_python(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("checked in Python")

    monkeypatch.setattr("hmrc_income.feed.check_file", refuse)
    data = csv_file(GOOD_HISTORIC, "historic,JT246810A,2024-25,,,100,101", GOOD_CURRENT)
    report = import_income_file(acting_user=None, file_name="f.csv", data=data, today=TODAY)
    assert report.income_import.rows_added == 2
    assert [(p.row, p.field) for p in report.problems] == [(3, "pension_contributions")]


def test_of_repeated_rows_the_first_in_the_file_is_stored(db):
    # The first needs trimming, so it is checked apart from the plainly good rows; the
    # repeat after it is plainly good. The first still wins, as in the Python checker.
    data = csv_file(
        'historic," JT246810A ",2024-25,,,100.00,0',
        GOOD_CURRENT,
        "historic,JT246810A,2024-25,,,200.00,0",
    )
    _same(data)
    stored = FeedRow.objects.get(record_type="historic")
    assert (stored.row_number, stored.gross_pay) == (2, 100)


def test_a_file_with_held_and_repeated_rows_counts_each_once(db):
    import_income_file(
        acting_user=None, file_name="f.csv", data=csv_file(GOOD_HISTORIC), today=TODAY
    )
    data = csv_file(GOOD_HISTORIC, GOOD_CURRENT, GOOD_CURRENT, GOOD_HISTORIC)
    record = import_income_file(
        acting_user=None, file_name="g.csv", data=data, today=TODAY
    ).income_import
    assert (record.rows_added, record.rows_already_held, record.rows_with_problems) == (1, 1, 2)
    assert FeedRow.objects.count() == 2
