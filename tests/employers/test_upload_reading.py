"""Reading deductions files: every problem with its row and column, UTF-8 with or
without a byte order mark, Excel quoting, formulas refused, junk handled."""

import codecs
import os
import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cms_portal.core.parsing import ValueProblem, parse_amount, parse_date
from employers.uploads import (
    MAXIMUM_FILE_BYTES,
    UploadFileError,
    decode_upload,
    read_upload,
    template_csv,
)

HEADER = "order_reference,payroll_number,pay_date,net_earnings,admin_fee\r\n"


def problems_of(text):
    return [(p.row, p.column) for p in read_upload(text).problems.sorted()]


def test_a_good_file_with_bom_and_excel_quoting_is_read():
    data = (
        codecs.BOM_UTF8
        + (
            "Order reference,Payroll Number,pay_date,net_earnings,admin_fee,employee_name\r\n"
            '129000000001,P1,27/03/2026,"1,450.00",1,"Smith, Jo ""JJ"""\r\n'
            "129000000002,P2,2026-03-27,£980.5,,Sam\r\n"
        ).encode()
    )
    read = read_upload(decode_upload(data))
    assert not read.problems
    assert [row.order_reference for row in read.rows] == ["129000000001", "129000000002"]
    assert read.rows[0].net_earnings == Decimal("1450.00")
    assert read.rows[0].pay_date == date(2026, 3, 27)
    assert read.rows[1].net_earnings == Decimal("980.50")
    assert read.rows[1].admin_fee == Decimal("0.00")


def test_the_template_reads_cleanly():
    read = read_upload(decode_upload(template_csv().encode()))
    assert not read.problems and len(read.rows) == 1


def test_every_problem_is_reported_with_row_and_column():
    text = HEADER + (
        "129000000001,P1,2026-03-27,1450.00,0\r\n"
        "12900000000,P2,31/02/2026,abc,2.00\r\n"
        ",,,,\r\n"
        "1.29E+11,,2026-13-01,-5,0.001\r\n"
    )
    assert problems_of(text) == [
        (3, "net_earnings"),
        (3, "order_reference"),
        (3, "pay_date"),
        (5, "admin_fee"),
        (5, "net_earnings"),
        (5, "order_reference"),
        (5, "pay_date"),
        (5, "payroll_number"),
    ]


def test_messages_say_what_to_fix():
    messages = {
        p.column: p.message
        for p in read_upload(HEADER + "1.29E+11,P1,27-03-2026,12.345,£2\r\n").problems.sorted()
    }
    assert "Format the column as text" in messages["order_reference"]
    assert "YYYY-MM-DD or DD/MM/YYYY" in messages["pay_date"]
    assert "2 decimal places" in messages["net_earnings"]
    assert "admin_fee" not in messages  # £2 is an amount; the rule refuses it later


@pytest.mark.parametrize("cell", ["=1+1", "+44", "@SUM(A1)", "-2+3", "=HYPERLINK(1)", "\tfoo"])
def test_formula_cells_are_refused(cell):
    text = (
        HEADER.replace("admin_fee", "admin_fee,employee_name")
        + f'129000000001,P1,2026-03-27,100,0,"{cell}"\r\n'
    )
    problems = read_upload(text).problems.sorted()
    assert [(p.row, p.column) for p in problems] == [(2, "employee_name")]
    assert "formula" in problems[0].message


def test_a_negative_number_is_reported_as_negative_not_as_a_formula():
    problems = read_upload(HEADER + "129000000001,P1,2026-03-27,-100,0\r\n").problems.sorted()
    assert problems[0].message == "Net earnings must be 0 or more"


def test_wrong_columns_stop_before_the_rows_and_name_each_missing_one():
    problems = read_upload("reference,payroll,date,amount\r\n1,2,3,4\r\n").problems.sorted()
    assert {p.column for p in problems if "has no" in p.message} == {
        "order_reference",
        "payroll_number",
        "pay_date",
        "net_earnings",
    }
    assert all(p.row == 1 for p in problems)


def test_an_unknown_extra_column_is_reported_but_rows_are_still_checked():
    problems = problems_of(
        HEADER.replace("\r\n", ",department\r\n") + "129000000001,P1,bad,1,0,HR\r\n"
    )
    assert problems == [(1, "department"), (2, "pay_date")]


def test_duplicate_column_and_too_many_cells():
    assert problems_of(
        "order_reference,order_reference,payroll_number,pay_date,net_earnings\r\n"
    ) == [(1, "order_reference")]
    assert problems_of(HEADER + "129000000001,P1,2026-03-27,1,0,extra\r\n") == [(2, "")]


def test_a_header_only_file_says_there_are_no_rows():
    assert problems_of(HEADER) == [(2, "")]


def test_broken_quoting_is_reported_on_its_row():
    problems = problems_of(
        HEADER + '129000000001,P1,2026-03-27,"1"0,0\r\n129000000002,P2,2026-03-27,1,0\r\n'
    )
    assert problems[0] == (2, "")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \r\n ", "empty"),
        (b"PK\x03\x04rest-of-a-zip", "spreadsheet"),
        (codecs.BOM_UTF16_LE + "a,b".encode("utf-16-le"), "Unicode text"),
        (b"order_reference\x00,x", "not a CSV"),
        (HEADER.encode() + "129000000001,Zoë,2026-03-27,1,0\r\n".encode("cp1252"), "row 2"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, words):
    with pytest.raises(UploadFileError) as raised:
        decode_upload(data)
    assert words in str(raised.value.message)


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(UploadFileError) as raised:
        decode_upload(b"a" * (MAXIMUM_FILE_BYTES + 1))
    assert "5 MB" in str(raised.value.message)


def test_five_megabytes_of_random_bytes_is_a_clear_error_quickly():
    started = time.perf_counter()
    with pytest.raises(UploadFileError):
        decode_upload(b"\xff" + os.urandom(MAXIMUM_FILE_BYTES - 1))
    assert time.perf_counter() - started < 2


def test_five_megabytes_of_junk_rows_under_a_good_header_stops_after_enough_problems():
    line = "not,a,deduction,row,at all\r\n"
    text = HEADER + line * ((MAXIMUM_FILE_BYTES - len(HEADER)) // len(line))
    started = time.perf_counter()
    read = read_upload(decode_upload(text.encode()))
    assert time.perf_counter() - started < 3
    assert len(read.problems.kept) == 500 and read.problems.stopped_at_row == 127
    assert [(p.row, p.column) for p in read.problems.sorted()[:4]] == [
        (2, "admin_fee"),
        (2, "net_earnings"),
        (2, "order_reference"),
        (2, "pay_date"),
    ]
    assert not read.rows


def test_one_enormous_cell_is_a_clear_error():
    read = read_upload(HEADER + '"' + "x" * (MAXIMUM_FILE_BYTES - 100) + '"\r\n')
    assert read.problems and not read.rows


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_either_read_or_give_a_file_error(data):
    try:
        text = decode_upload(HEADER.encode() + data)
    except UploadFileError:
        return
    read = read_upload(text)
    for problem in read.problems.kept:
        assert problem.row >= 1 and problem.message


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_amount_parsing_never_fails_unexpectedly(text):
    try:
        amount = parse_amount(text)
    except ValueProblem as problem:
        assert problem.code in {"blank", "negative", "too_precise", "too_large", "invalid"}
        return
    assert amount >= 0 and amount == amount.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", Decimal("1234.56")),
        ("£12", Decimal("12.00")),
        (" 0.5 ", Decimal("0.50")),
        ("£ 7.25", Decimal("7.25")),
    ],
)
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["1,23.00", "1e3", "NaN", "12.", "£", "1 000"])
def test_not_amounts(text):
    with pytest.raises(ValueProblem):
        parse_amount(text)


def test_dates():
    assert parse_date("1/3/2026") == date(2026, 3, 1)
    for bad in ("2026-02-30", "26-03-01", "01/03/26", "today"):
        with pytest.raises(ValueProblem):
            parse_date(bad)
