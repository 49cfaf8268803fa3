"""Storing checked rows set-based: the rows go into a staging table (COPY on PostgreSQL,
executemany elsewhere), then one INSERT ... SELECT ... ON CONFLICT DO NOTHING adds the
ones we do not hold. The same SQL runs on both databases; only the filling differs."""

from django.db import connection

from cases.models import Case, Decision, Party, PartyRole

from .models import FeedRow

STAGING = "hmrc_income_staging"
_STAGING_COLUMNS = (
    "row_number",
    "record_type",
    "nino",
    "tax_year",
    "period_start",
    "period_end",
    "gross_pay",
    "pension_contributions",
)
_CHUNK_LINES = 20_000


def _names():
    return {
        "rows": FeedRow._meta.db_table,
        "party": Party._meta.db_table,
        "case": Case._meta.db_table,
        "decision": Decision._meta.db_table,
        "party_nino": Party._meta.get_field("national_insurance_number").column,
        "staging": STAGING,
    }


def create_staging(cursor):
    """A temporary table for this import, dropped at its end (drop_staging)."""
    drop_staging(cursor)
    if connection.vendor == "postgresql":
        cursor.execute(
            f"CREATE TEMP TABLE {STAGING} (row_number integer, record_type text, nino text, "
            "tax_year text, period_start date, period_end date, gross_pay numeric(12, 2), "
            "pension_contributions numeric(12, 2)) ON COMMIT DROP"
        )
    else:
        cursor.execute(
            f"CREATE TEMP TABLE {STAGING} (row_number integer, record_type text, nino text, "
            "tax_year text, period_start date, period_end date, gross_pay decimal, "
            "pension_contributions decimal)"
        )


def fill_staging(cursor, rows):
    """`rows`: tab-separated lines from feed.check_file."""
    if connection.vendor == "postgresql":
        # Checked values hold no tabs, newlines or backslashes: COPY's text format as is.
        with cursor.copy(f"COPY {STAGING} FROM STDIN") as copy:
            for start in range(0, len(rows), _CHUNK_LINES):
                copy.write("\n".join(rows[start : start + _CHUNK_LINES]) + "\n")
    else:
        placeholders = ", ".join(["%s"] * len(_STAGING_COLUMNS))
        statement = f"INSERT INTO {STAGING} VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(statement, (line.split("\t") for line in rows))


def drop_staging(cursor):
    schema = "pg_temp" if connection.vendor == "postgresql" else "temp"
    cursor.execute(f"DROP TABLE IF EXISTS {schema}.{STAGING}")


def insert_new_rows(cursor, import_id):
    """Add staged rows we do not hold; returns how many were added."""
    names = _names()
    columns = ", ".join(_STAGING_COLUMNS)
    # "WHERE true" lets SQLite read ON CONFLICT as the upsert clause, not a join.
    cursor.execute(
        f"INSERT INTO {names['rows']} (import_file_id, {columns}) "  # noqa: S608
        f"SELECT %s, {columns} FROM {names['staging']} WHERE 1 = 1 "
        "ON CONFLICT (nino, record_type, period_start) DO NOTHING",
        [import_id],
    )
    return cursor.rowcount


def rows_held_with_other_figures(cursor, import_id):
    """(row_number, field) of staged rows we held already, from an earlier file, with
    different amounts: HMRC's correction is not applied silently (a caseworker looks)."""
    names = _names()
    cursor.execute(
        f"SELECT s.row_number, CASE WHEN r.gross_pay <> s.gross_pay THEN 'gross_pay' "  # noqa: S608
        f"ELSE 'pension_contributions' END FROM {names['staging']} s "
        f"JOIN {names['rows']} r ON r.nino = s.nino AND r.record_type = s.record_type "
        "AND r.period_start = s.period_start "
        "WHERE r.import_file_id <> %s AND (r.gross_pay <> s.gross_pay "
        "OR r.pension_contributions <> s.pension_contributions) ORDER BY s.row_number",
        [import_id],
    )
    return cursor.fetchall()


def count_unmatched(cursor, import_id):
    """Rows of this import whose number matches no party and no caseworker's match."""
    names = _names()
    cursor.execute(
        f"SELECT COUNT(*) FROM {names['rows']} r WHERE r.import_file_id = %s "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {names['party']} p "
        f"WHERE p.{names['party_nino']} = r.nino) "
        f"AND NOT EXISTS (SELECT 1 FROM {names['rows']} m "
        "WHERE m.nino = r.nino AND m.party_id IS NOT NULL)",
        [import_id],
    )
    return cursor.fetchone()[0]


def paying_parties_to_check(cursor, import_id):
    """Ids of paying parties with new pay periods in this import (matched by number or
    by hand) whose open case has a decision to compare with."""
    names = _names()
    cursor.execute(
        f"SELECT p.id FROM {names['party']} p JOIN {names['case']} c ON c.id = p.case_id "  # noqa: S608
        "WHERE p.role = %s AND c.status = 'open' "
        f"AND EXISTS (SELECT 1 FROM {names['decision']} d WHERE d.case_id = c.id) "
        f"AND (EXISTS (SELECT 1 FROM {names['rows']} r WHERE r.import_file_id = %s "
        f"AND r.record_type = 'current' AND r.nino = p.{names['party_nino']}) "
        f"OR EXISTS (SELECT 1 FROM {names['rows']} m JOIN {names['rows']} r "
        "ON r.nino = m.nino WHERE m.party_id = p.id AND r.import_file_id = %s "
        "AND r.record_type = 'current'))",
        [PartyRole.PAYING, import_id, import_id],
    )
    return sorted(row[0] for row in cursor.fetchall())
