"""Importing one HMRC income file: checked and stored set-based (see loading)."""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cases.models import Party
from cms_portal.audit import record_audit_event

from .. import feed, loading
from ..models import ImportStatus, IncomeImport
from .checks import check_current_income


@dataclass
class ImportReport:
    income_import: IncomeImport
    repeated: bool
    problems: list = field(default_factory=list)
    checks: list = field(default_factory=list)

    @property
    def refused(self):
        return self.income_import.status == ImportStatus.REJECTED

    def summary_lines(self):
        record = self.income_import
        if self.repeated:
            when = f"{record.received_at:%Y-%m-%d}"
            yield f"{record.file_name}: already imported on {when}; nothing changed."
            return
        if self.refused:
            yield f"{record.file_name}: refused; nothing imported."
        else:
            yield (
                f"{record.file_name}: {record.rows_in_file} rows; {record.rows_added} added, "
                f"{record.rows_already_held} already held, {record.rows_with_problems} with "
                f"problems, {record.rows_unmatched} matching nobody."
            )
        for problem in self.problems:
            yield str(problem)
        for check in self.checks:
            outcome = check.get_outcome_display()
            yield f"Case {check.case.reference}: current income check: {outcome}"


def import_income_file(*, acting_user, file_name, data, today=None):
    """Import `data` (the file's bytes). A file seen before (same SHA-256) changes
    nothing; rows held already (same person, kind and period) are not added again."""
    today = today or timezone.localdate()
    digest = hashlib.sha256(data).hexdigest()
    earlier = IncomeImport.objects.filter(sha256=digest).first()
    if earlier is not None:
        return _repeated(earlier)
    try:
        with transaction.atomic():
            record, party_ids, problems = _store(acting_user, file_name, digest, data, today)
    except IntegrityError:
        # The same file imported at the same moment elsewhere: that import stands.
        return _repeated(IncomeImport.objects.get(sha256=digest))
    checks = []
    for party in Party.objects.filter(pk__in=party_ids).select_related("case"):
        check = check_current_income(acting_user=acting_user, party=party, on_date=today)
        if check is not None:
            checks.append(check)
    return ImportReport(record, repeated=False, problems=problems, checks=checks)


def _repeated(record):
    problems = [feed.Problem(**problem) for problem in record.problems]
    return ImportReport(record, repeated=True, problems=problems)


def _store(acting_user, file_name, digest, data, today):
    """Check and stage the rows (in the database on PostgreSQL, else in Python), add the
    new ones and record the import."""
    checked = None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            loading.lock_for_import(cursor)
            usual_memory = loading.use_import_memory(cursor)
            found = loading.check_in_database(cursor, data, today)
            if found is not None:
                checked = _Checked(*found, in_database=True)
        if checked is None:
            checked = _checked_in_python(cursor, data, today)
        record = IncomeImport.objects.create(
            file_name=file_name[:255],
            sha256=digest,
            status=ImportStatus.REJECTED if checked.refused else ImportStatus.IMPORTED,
            rows_in_file=checked.rows_in_file,
            imported_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        problems = list(checked.problems)
        added = conflicting = 0
        party_ids = []
        if checked.staged:
            if connection.vendor == "postgresql":
                added = loading.insert_new_rows_in_key_order(cursor, record.pk)
                unmatched = loading.count_unmatched_staged(
                    cursor, record.pk, every_row_added=added == checked.staged
                )
            else:
                added = loading.insert_new_rows(cursor, record.pk)
                unmatched = loading.count_unmatched(cursor, record.pk)
            if added < checked.staged and checked.in_database:
                repeats = loading.remove_repeated_rows(cursor)
                problems.extend(repeats)
                checked.staged -= len(repeats)
            if added < checked.staged:
                held = loading.rows_held_with_other_figures(cursor, record.pk)
                conflicting = len(held)
                problems.extend(
                    feed.Problem(
                        row,
                        name,
                        "We already hold this period with a different amount; not changed",
                    )
                    for row, name in held
                )
            record.rows_unmatched = unmatched
            party_ids = loading.paying_parties_to_check(cursor, record.pk)
        loading.drop_staging(cursor)
        if connection.vendor == "postgresql":
            loading.use_memory(cursor, usual_memory)
    problems.sort(key=lambda problem: problem.row)
    record.rows_added = added
    record.rows_already_held = checked.staged - added - conflicting
    record.rows_with_problems = (
        len({problem.row for problem in problems}) if not checked.refused else 0
    )
    record.problem_count = len(problems)
    record.problems = [
        problem.as_dict() for problem in problems[: IncomeImport.MAX_STORED_PROBLEMS]
    ]
    record.save()
    record_audit_event(
        acting_user=acting_user,
        action="hmrc_income.imported",
        obj=record,
        status=record.status,
        rows_in_file=record.rows_in_file,
        rows_added=added,
        problems=record.problem_count,
    )
    return record, party_ids, problems


@dataclass
class _Checked:
    """What checking found: the good rows are in the staging table (`staged` of them)."""

    rows_in_file: int
    problems: list
    staged: int
    refused: bool = False
    # Checked by PostgreSQL (loading.check_in_database): repeats are still staged.
    in_database: bool = False


def _checked_in_python(cursor, data, today):
    checked = feed.check_file(data, today=today)
    if checked.rows:
        loading.create_staging(cursor)
        loading.fill_staging(cursor, checked.rows)
    return _Checked(checked.rows_in_file, checked.problems, len(checked.rows), checked.refused)
