"""Importing: a file twice is once, rows held already are not added again, corrections
are reported, unmatched rows wait for a caseworker, and the drop folder imports each
file once. The same SQL runs on SQLite (executemany staging) and PostgreSQL (COPY)."""

import shutil
from datetime import date

import pytest
from django.db import connection
from django.db.models import ProtectedError

from cases.models import DecisionReason
from cases.selectors import current_decision
from cms_portal.models import AuditEvent
from hmrc_income import selectors
from hmrc_income.drop_folder import scan
from hmrc_income.models import CurrentIncomeCheck, FeedRow, IncomeImport
from hmrc_income.services import MatchError, import_income_file, match_by_hand
from hmrc_income.tasks import scan_drop_folder

from .feed_files import csv_file, weekly_rows

HISTORIC = "historic,JT987654B,2024-25,,,31200.00,1200.00"


def test_the_same_file_twice_changes_nothing(db, import_lines):
    first = import_lines(HISTORIC, *weekly_rows("JT987654B", "500.00"))
    assert first.income_import.rows_added == 14
    second = import_lines(HISTORIC, *weekly_rows("JT987654B", "500.00"), name="renamed.csv")
    assert second.repeated and second.income_import == first.income_import
    assert IncomeImport.objects.count() == 1 and FeedRow.objects.count() == 14


def test_rows_held_already_are_not_added_again(db, import_lines):
    import_lines(HISTORIC)
    report = import_lines("historic,JT987654B,2023-24,,,30000.00,0", HISTORIC)
    record = report.income_import
    assert (record.rows_added, record.rows_already_held, record.problem_count) == (1, 1, 0)
    assert FeedRow.objects.count() == 2


def test_only_the_rows_an_import_adds_count_as_matching_nobody(feed_case, import_lines):
    feed_case()
    nobody = "historic,JT454545D,2024-25,,,100.00,0"
    first = import_lines(HISTORIC, nobody)
    assert (first.income_import.rows_added, first.income_import.rows_unmatched) == (2, 1)
    earlier = "historic,JT454545D,2023-24,,,90.00,0"
    second = import_lines(nobody, HISTORIC, earlier, earlier).income_import
    assert (second.rows_added, second.rows_already_held, second.rows_unmatched) == (1, 2, 1)


def test_a_held_period_with_other_figures_is_reported_not_changed(db, import_lines):
    import_lines(HISTORIC)
    report = import_lines("historic,JT987654B,2024-25,,,99999.00,1200.00")
    assert [str(p) for p in report.problems] == [
        "row 2, gross_pay: We already hold this period with a different amount; not changed"
    ]
    assert FeedRow.objects.get().gross_pay == 31200


def test_unmatched_rows_wait_for_a_caseworker_who_matches_them(feed_case, import_lines, caseworker):
    case = feed_case(nino="")  # no number on the party yet
    report = import_lines(*weekly_rows("JT121212A", "900.00"))
    assert report.income_import.rows_unmatched == 13
    unmatched = selectors.unmatched_rows()
    assert unmatched.count() == 13
    paying = case.parties.get(role="paying")
    matched = match_by_hand(acting_user=caseworker, row=unmatched.first(), party=paying)
    assert matched == 13 and not selectors.unmatched_rows().exists()
    # The match feeds the current income check at once.
    assert current_decision(case).reason == DecisionReason.CURRENT_INCOME
    assert CurrentIncomeCheck.objects.get(case=case).periods == 13
    event = AuditEvent.objects.get(action="hmrc_income.matched_by_hand")
    assert "JT121212A" not in str(event.details)
    # Later rows with the same number follow the match.
    later = import_lines("historic,JT121212A,2024-25,,,10000.00,0")
    assert later.income_import.rows_unmatched == 0
    assert selectors.latest_historic_income(paying, date.today()).gross_pay == 10000


def test_a_matched_party_cannot_be_deleted_and_a_deleted_caseworker_leaves_the_match(
    feed_case, import_lines, caseworker
):
    # The match fields have no database constraint: the ORM keeps both rules.
    paying = feed_case(nino="").parties.get(role="paying")
    # Income as decided: no new decision (decisions keep who made them).
    import_lines(*weekly_rows("JT121212A", "400.00"))
    match_by_hand(acting_user=caseworker, row=FeedRow.objects.first(), party=paying)
    with pytest.raises(ProtectedError):
        paying.delete()
    caseworker.delete()
    assert set(FeedRow.objects.values_list("party", "matched_by")) == {(paying.pk, None)}


def test_a_row_matching_a_party_by_number_cannot_be_matched_by_hand(
    feed_case, import_lines, caseworker
):
    case = feed_case()
    import_lines(HISTORIC)
    other = feed_case(nino="JT313131C").parties.get(role="paying")
    with pytest.raises(MatchError):
        match_by_hand(acting_user=caseworker, row=FeedRow.objects.get(), party=other)
    assert selectors.rows_for_party(case.parties.get(role="paying")).count() == 1


def test_historic_weekly_income_is_a_365th_times_7(feed_case, import_lines):
    case = feed_case()
    import_lines(HISTORIC)
    row = selectors.latest_historic_income(case.parties.get(role="paying"), date.today())
    assert str(selectors.historic_weekly_income(row)) == "575.34"  # 30000 / 365 * 7


def test_the_drop_folder_imports_each_file_once(db, tmp_path, settings):
    settings.HMRC_INCOME_DROP_DIR = str(tmp_path)
    (tmp_path / "a.csv").write_bytes(csv_file(HISTORIC))
    shutil.copy(tmp_path / "a.csv", tmp_path / "a-again.csv")
    (tmp_path / "broken.csv").write_bytes(b"nonsense\n1\n")
    outcomes = scan_drop_folder()
    assert outcomes == [
        ("a-again.csv", "done"),
        ("a.csv", "repeated"),
        ("broken.csv", "failed"),
    ]
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["a-again.csv", "a.csv"]
    assert [p.name for p in (tmp_path / "failed").iterdir()] == ["broken.csv"]
    assert FeedRow.objects.count() == 1
    assert scan(tmp_path) == []  # nothing left to import


def test_the_drop_folder_scan_is_off_until_configured(db, settings):
    settings.HMRC_INCOME_DROP_DIR = ""
    assert scan_drop_folder() == []
    entry = settings.CELERY_BEAT_SCHEDULE["hmrc_income.scan_drop_folder"]
    assert entry["task"] == "hmrc_income.tasks.scan_drop_folder"


@pytest.mark.postgres
def test_the_copy_path_on_postgresql(feed_case, django_capture_on_commit_callbacks):
    assert connection.vendor == "postgresql"
    case = feed_case()
    lines = [HISTORIC, *weekly_rows("JT987654B", "900.00"), "historic,JT454545D,2024-25,,,1,0"]
    with django_capture_on_commit_callbacks(execute=True):
        report = import_income_file(acting_user=None, file_name="f.csv", data=csv_file(*lines))
    record = report.income_import
    assert (record.rows_added, record.rows_unmatched) == (15, 1)
    assert current_decision(case).reason == DecisionReason.CURRENT_INCOME
    again = import_income_file(acting_user=None, file_name="g.csv", data=csv_file(*lines[::-1]))
    assert again.income_import.rows_already_held == 15 and FeedRow.objects.count() == 15
