"""Every problem a file can have is reported with its row and field; good rows still go in."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hmrc_income.feed import check_file
from hmrc_income.models import FeedRow, ImportStatus, IncomeImport
from hmrc_income.services import import_income_file

from .feed_files import HEADER, TODAY, csv_file

GOOD_HISTORIC = "historic,JT246810A,2024-25,,,31200.00,1200.00"
GOOD_CURRENT = "current,JT246810A,2025-26,2025-12-01,2025-12-31,2600.00,100.00"


def _problems(*lines, header=HEADER):
    checked = check_file(csv_file(*lines, header=header), today=TODAY)
    return checked, [(p.row, p.field, p.message) for p in checked.problems]


def test_good_rows_have_no_problems():
    checked, problems = _problems(GOOD_HISTORIC, GOOD_CURRENT)
    assert problems == []
    rows = [line.split("\t") for line in checked.rows]
    assert [row[1] for row in rows] == ["historic", "current"]
    # A historic row's period is its tax year.
    assert rows[0][4:6] == ["2024-04-06", "2025-04-05"]


def test_spaces_and_lower_case_in_a_number_are_normalised():
    checked, problems = _problems("historic, jt 24 68 10 a ,2024-25,,,100.00,0")
    assert problems == [] and checked.rows[0].split("\t")[2] == "JT246810A"


BAD_LINES = [
    ("historic,QQ12345C,2024-25,,,100,0", "nino", "National Insurance number"),
    ("historic,DA123456C,2024-25,,,100,0", "nino", "National Insurance number"),
    ("historic,,2024-25,,,100,0", "nino", "Enter the National Insurance number"),
    ("weekly,JT246810A,2024-25,,,100,0", "record_type", "'historic' or 'current'"),
    ("historic,JT246810A,2024/25,,,100,0", "tax_year", "like 2024-25"),
    ("historic,JT246810A,2024-26,,,100,0", "tax_year", "two years in a row"),
    ("historic,JT246810A,2011-12,,,100,0", "tax_year", "2012-13 or later"),
    ("historic,JT246810A,0000-01,,,100,0", "tax_year", "2012-13 or later"),
    ("historic,JT246810A,9999-00,,,100,0", "tax_year", "has not started"),
    ("historic,JT246810A,2025-26,,,100,0", "tax_year", "has ended"),
    ("historic,JT246810A,2024-25,2024-04-06,,100,0", "period_start", "Leave blank"),
    ("historic,JT246810A,2024-25,,,-5.00,0", "gross_pay", "negative"),
    ("historic,JT246810A,2024-25,,,1,234.00,0", "", "values"),
    ("historic,JT246810A,2024-25,,,£100,0", "gross_pay", "pounds and pence"),
    ("historic,JT246810A,2024-25,,,100.001,0", "gross_pay", "pounds and pence"),
    ("historic,JT246810A,2024-25,,,100,", "pension_contributions", "Enter an amount"),
    ("historic,JT246810A,2024-25,,,100,-1", "pension_contributions", "negative"),
    ("historic,JT246810A,2024-25,,,100,101", "pension_contributions", "more than the gross"),
    ("current,JT246810A,2025-26,01/12/2025,2025-12-31,100,0", "period_start", "YYYY-MM-DD"),
    ("current,JT246810A,2025-26,2025-11-31,2025-12-31,100,0", "period_start", "real date"),
    ("current,JT246810A,2025-26,2025-12-01,,100,0", "period_end", "Enter a date"),
    ("current,JT246810A,2025-26,2025-12-31,2025-12-01,100,0", "period_end", "on or after"),
    ("current,JT246810A,2025-26,2025-06-01,2025-12-31,100,0", "period_end", "3 months"),
    ("current,JT246810A,2025-26,2026-01-01,2026-01-31,100,0", "period_end", "future"),
    ("current,JT246810A,2024-25,2025-12-01,2025-12-31,100,0", "tax_year", "end in this"),
]


@pytest.mark.parametrize("line,field,message", BAD_LINES)
def test_each_problem_names_its_row_and_field(line, field, message):
    checked, problems = _problems(GOOD_HISTORIC, line)
    assert len(checked.rows) == 1  # the good row is kept
    assert any(row == 3 and f == field and message in text for row, f, text in problems), problems


def test_a_duplicate_row_in_the_file_names_the_first():
    _checked, problems = _problems(GOOD_CURRENT, GOOD_HISTORIC, GOOD_CURRENT)
    assert problems == [(4, "period_start", "Repeats row 2 (same person and period)")]


def test_a_missing_column_refuses_the_file():
    header = HEADER.replace(",pension_contributions", "")
    checked, problems = _problems("historic,JT246810A,2024-25,,,100", header=header)
    assert checked.refused and checked.rows == []
    assert problems == [(1, "pension_contributions", "Column missing from the header")]


def test_not_utf8_refuses_the_file():
    checked = check_file(b"record_type\xff\n", today=TODAY)
    assert checked.refused and checked.problems[0].row == 1


def test_blank_lines_are_not_rows():
    checked, problems = _problems(GOOD_HISTORIC, "", GOOD_CURRENT)
    assert problems == [] and checked.rows_in_file == 2


@pytest.mark.django_db
def test_the_import_record_keeps_every_problem_and_the_good_rows_go_in():
    data = csv_file(GOOD_HISTORIC, "historic,QQ12,2024-25,,,100,0", GOOD_CURRENT)
    report = import_income_file(acting_user=None, file_name="feed.csv", data=data, today=TODAY)
    record = report.income_import
    assert record.status == ImportStatus.IMPORTED
    assert (record.rows_in_file, record.rows_added, record.rows_with_problems) == (3, 2, 1)
    assert record.problems == [
        {
            "row": 3,
            "field": "nino",
            "message": "Must be a National Insurance number, like QQ123456C",
        }
    ]
    assert FeedRow.objects.count() == 2


@pytest.mark.django_db
def test_the_command_prints_each_problem_and_fails_on_a_refused_file(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(GOOD_HISTORIC, "nonsense,JT246810A,2024-25,,,100,0"))
    call_command("import_hmrc_income", str(good))
    out = capsys.readouterr().out
    assert "2 rows; 1 added" in out
    assert "row 3, record_type: Must be 'historic' or 'current'" in out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file("x", header="record_type,nino"))
    with pytest.raises(CommandError, match="refused"):
        call_command("import_hmrc_income", str(bad))
    assert IncomeImport.objects.get(file_name="bad.csv").status == ImportStatus.REJECTED
    assert "row 1, tax_year: Column missing" in capsys.readouterr().out
