"""Storing checked rows set-based: the good rows go into a staging table, then one
INSERT ... SELECT ... ON CONFLICT DO NOTHING adds the ones we do not hold. On PostgreSQL
the file itself is COPYed and checked in SQL (check_in_database); elsewhere, or when COPY
cannot read the file, feed.check_file checks it and the rows are staged from Python.
The storing SQL is the same on both databases."""

from django.db import connection

from cases.models import Case, Decision, Party, PartyRole

from .feed import COLUMNS, FIRST_TAX_YEAR, LONGEST_PAY_PERIOD_DAYS, Problem
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


# The import sorts and groups a million rows at a time: in memory, not in files on disk.
# Set for this transaction only, and put back when the import is done.
IMPORT_WORK_MEM = "256MB"


def use_import_memory(cursor):
    """Returns the setting to put back with use_memory."""
    cursor.execute(
        "SELECT current_setting('work_mem'), set_config('work_mem', %s, true)", [IMPORT_WORK_MEM]
    )
    return cursor.fetchone()[0]


def use_memory(cursor, setting):
    cursor.execute("SELECT set_config('work_mem', %s, true)", [setting])


def drop_staging(cursor):
    schema = "pg_temp" if connection.vendor == "postgresql" else "temp"
    cursor.execute(f"DROP TABLE IF EXISTS {schema}.{STAGING}")


def insert_new_rows(cursor, import_id):
    """Add staged rows we do not hold; returns how many were added."""
    names = _names()
    columns = ", ".join(_STAGING_COLUMNS)
    # "WHERE true" lets SQLite read ON CONFLICT as the upsert clause, not a join.
    # In key order, the unique index is filled page by page rather than at random.
    cursor.execute(
        f"INSERT INTO {names['rows']} (import_file_id, {columns}) "  # noqa: S608
        f"SELECT %s, {columns} FROM {names['staging']} WHERE 1 = 1 "
        "ORDER BY nino, record_type, period_start "
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


# Imports take this lock (for their transaction) before adding rows, one at a time.
IMPORT_LOCK = 7_150_001


def lock_for_import(cursor):
    """PostgreSQL: wait for any other import to finish. insert_new_rows_in_key_order
    leaves out the rows already held before adding the rest, which is only right when no
    other import adds rows meanwhile."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


# The unique key, sorted byte by byte: the same groups as the columns' own collation
# (a deterministic one), and for numbers of capitals and digits the same order, at a
# fraction of the cost of sorting a million keys through the locale.
_SORT_KEY = 'nino COLLATE "C", record_type COLLATE "C", period_start'


def insert_new_rows_in_key_order(cursor, import_id):
    """insert_new_rows for PostgreSQL, under lock_for_import; returns how many were added.

    The rows held already are left out first, and of staged rows repeating a person and
    period only the first in the file is taken (remove_repeated_rows reports the others),
    so nothing conflicts: ON CONFLICT's check of the unique index for every row, before
    the row goes in, is not needed. The rows go in in the unique index's order."""
    names = _names()
    columns = ", ".join(_STAGING_COLUMNS)
    cursor.execute(
        f"INSERT INTO {names['rows']} (import_file_id, {columns}) "  # noqa: S608
        f"SELECT DISTINCT ON ({_SORT_KEY}) "
        f"%s, {columns} FROM {names['staging']} s WHERE NOT EXISTS (SELECT 1 "
        f"FROM {names['rows']} r WHERE r.nino = s.nino AND r.record_type = s.record_type "
        "AND r.period_start = s.period_start) "
        f"ORDER BY {_SORT_KEY}, row_number",
        [import_id],
    )
    return cursor.rowcount


def _unmatched_number(names, nino):
    """SQL: `nino` is on no party and no caseworker has matched a row with it."""
    return (
        f"NOT EXISTS (SELECT 1 FROM {names['party']} p "  # noqa: S608
        f"WHERE p.{names['party_nino']} = {nino}) AND NOT EXISTS (SELECT 1 FROM {names['rows']} m "
        f"WHERE m.nino = {nino} AND m.party_id IS NOT NULL)"
    )


def count_unmatched_staged(cursor, import_id, *, every_row_added):
    """count_unmatched for PostgreSQL, from the staging table: each number is looked up
    once, not once for each of its rows. When every staged row was added (the usual
    file) they are the import's rows; otherwise the import's rows with an unmatched
    number are counted where they were stored."""
    names = _names()
    if every_row_added:
        cursor.execute(
            "SELECT coalesce(sum(rows) FILTER (WHERE "  # noqa: S608
            f"{_unmatched_number(names, 'n.nino')}), 0) FROM (SELECT nino, count(*) AS rows "
            f"FROM {names['staging']} GROUP BY nino) n"
        )
    else:
        cursor.execute(
            f"SELECT count(*) FROM {names['rows']} r WHERE r.import_file_id = %s "  # noqa: S608
            f"AND r.nino IN (SELECT n.nino FROM (SELECT DISTINCT nino FROM {names['staging']}) n "
            f"WHERE {_unmatched_number(names, 'n.nino')})",
            [import_id],
        )
    return int(cursor.fetchone()[0])


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


# Checking in the database (PostgreSQL): the file is COPYed as it is into a table of text
# columns, and one statement checks every row the way feed.check_file does, with the same
# problems in the same order. A file COPY cannot read as plain CSV (not UTF-8, a row with
# the wrong number of values, a blank line, a quoted header) returns None: the caller
# checks it in Python, which names the row.
RAW = "hmrc_income_raw"
CHECKED = "hmrc_income_checked"
_BOM = b"\xef\xbb\xbf"
# What Python's str.strip() takes off, as far as a CSV value can hold it.
_BLANKS = " \t\r\n\x0b\x0c"
_MONEY_PATTERN = r"^[0-9]{1,10}(\.[0-9]{1,2})?$"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _value(position):
    return f"btrim(coalesce(c{position}, ''), E'{_BLANKS.encode('unicode_escape').decode()}')"


def _date_message(column):
    """SQL: the message for a bad date text, or NULL when it is a real date."""
    return (
        f"CASE WHEN {column} = '' THEN 'Enter a date' "
        f"WHEN {column} !~ '{_DATE_PATTERN}' "
        "THEN 'Must be a date written YYYY-MM-DD, like 2025-04-30' "
        f"WHEN substr({column}, 1, 4)::int < 1 OR substr({column}, 6, 2)::int NOT BETWEEN 1 AND 12 "
        f"OR substr({column}, 9, 2)::int < 1 THEN 'Must be a real date, like 2025-04-30' "
        f"WHEN substr({column}, 9, 2)::int > extract(day FROM "
        f"make_date(substr({column}, 1, 4)::int, substr({column}, 6, 2)::int, 1) "
        "+ interval '1 month' - interval '1 day') "
        "THEN 'Must be a real date, like 2025-04-30' END"
    )


def _amount_message(column):
    return (
        f"CASE WHEN {column} = '' THEN 'Enter an amount (0 if none)' "
        f"WHEN {column} ~ '{_MONEY_PATTERN}' THEN NULL "
        f"WHEN {column} LIKE '-%%' THEN 'Must not be negative' "
        "ELSE 'Must be an amount in pounds and pence, like 1234.56, with no £ sign or commas' END"
    )


def _header(data):
    """Positions (1-based) of the feed's columns and the header's width, or None when the
    header is not a plain line of names or lacks a column."""
    end = data.find(b"\n")
    line = data[: end if end >= 0 else len(data)]
    if b'"' in line:
        return None
    try:
        names = [name.strip().lower() for name in line.decode("utf-8").rstrip("\r").split(",")]
    except UnicodeDecodeError:
        return None
    if any(name not in names for name in COLUMNS):
        return None
    return [names.index(name) + 1 for name in COLUMNS], len(names)


def check_in_database(cursor, data, today):
    """Check `data` (the file's bytes) in PostgreSQL and leave its good rows in the staging
    table. Returns (rows in the file, [(row, field, message)], good rows), or None when
    the file must be checked in Python. Runs inside the caller's transaction."""
    import psycopg
    from django.db import DatabaseError, transaction

    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    header = _header(data)
    if header is None:
        return None
    positions, width = header
    columns = ", ".join(f"c{i} text" for i in range(1, width + 1))
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{RAW}")
    # Each line's number comes from the table's own sequence: cached, a million lines
    # take it a few times, not once each (~0.1 s of a million-line COPY's ~0.6 s).
    cursor.execute(
        f"CREATE TEMP TABLE {RAW} (n integer GENERATED ALWAYS AS IDENTITY (CACHE 100000), "
        f"{columns}) ON COMMIT DROP"
    )
    names = ", ".join(f"c{i}" for i in range(1, width + 1))
    try:
        with (
            transaction.atomic(),
            cursor.copy(f"COPY {RAW} ({names}) FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            copy.write(data)
    except (DatabaseError, psycopg.Error) as error:
        if not _is_unreadable(error):
            raise
        return None
    # COPY says how many lines it read: no second pass over the table to count them.
    lines = cursor.rowcount
    names = _check_names(positions, width)
    create_staging(cursor)
    # The planner knows nothing of the steps' sizes: a nested loop over a million rows
    # against the file's periods would read them a million times.
    cursor.execute("SET LOCAL enable_nestloop = off")
    cursor.execute(_PLAIN_SQL.format(**names), {"today": today})
    plain = cursor.rowcount
    cursor.execute("SET LOCAL enable_nestloop = on")
    if plain == lines:
        # Every line a plainly good row (the usual file): nothing more to check.
        cursor.execute(f"DROP TABLE {RAW}")
        return plain, [], plain
    # The rest get every check, as feed._check_row, in the same order of problems.
    cursor.execute(_CHECK_SQL.format(**names), {"today": today})
    cursor.execute(
        f"SELECT row_number, f.field, f.message FROM {CHECKED} "  # noqa: S608
        "CROSS JOIN LATERAL unnest(fields, messages) WITH ORDINALITY f(field, message, o) "
        "WHERE cardinality(fields) > 0 ORDER BY row_number, f.o"
    )
    problems = cursor.fetchall()
    cursor.execute(_STAGE_SQL)
    good = plain + cursor.rowcount
    cursor.execute(f"SELECT count(*) FROM {CHECKED}")  # noqa: S608
    rows_in_file = plain + cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {CHECKED}")
    cursor.execute(f"DROP TABLE {RAW}")
    return rows_in_file, [Problem(*problem) for problem in problems], good


def remove_repeated_rows(cursor):
    """Problems for staged rows repeating an earlier staged row's person and period; they
    leave the staging table (feed._check_row keeps the first). PostgreSQL only: the
    Python checker never stages a repeat. Called only when fewer rows were added than
    staged, as the insert keeps the first of each (insert_new_rows_in_key_order)."""
    return [Problem(*problem) for problem in _repeated_rows(cursor)]


def _repeated_rows(cursor):
    """Problems for good rows repeating an earlier good row's person and period; they
    leave the staging table (feed._check_row keeps the first)."""
    cursor.execute(
        f"SELECT EXISTS (SELECT 1 FROM {STAGING} "  # noqa: S608
        "GROUP BY nino, record_type, period_start HAVING count(*) > 1)"
    )
    if not cursor.fetchone()[0]:
        return []
    cursor.execute(
        f"DELETE FROM {STAGING} s USING (SELECT row_number, min(row_number) OVER ("  # noqa: S608
        f"PARTITION BY nino, record_type, period_start) AS first_row FROM {STAGING}) f "
        "WHERE f.row_number = s.row_number AND f.first_row < f.row_number "
        "RETURNING s.row_number, CASE s.record_type WHEN 'historic' THEN 'tax_year' "
        "ELSE 'period_start' END, 'Repeats row ' || f.first_row || ' (same person and period)'"
    )
    return cursor.fetchall()


def _is_unreadable(error):
    """A file COPY could not read (bad CSV, bad bytes): not a database failure."""
    import psycopg

    cause = error if isinstance(error, psycopg.Error) else error.__cause__
    return isinstance(
        cause,
        psycopg.errors.BadCopyFileFormat
        | psycopg.errors.CharacterNotInRepertoire
        | psycopg.errors.UntranslatableCharacter
        | psycopg.errors.InvalidTextRepresentation,
    )


def _check_names(positions, width):
    every = " || ".join(f"coalesce(c{i}, '')" for i in range(1, width + 1))
    record_type, nino, tax_year, start, end, gross, pension = (_value(p) for p in positions)
    return {
        "raw": RAW,
        "staging": STAGING,
        "c_record_type": f"coalesce(c{positions[0]}, '')",
        "c_nino": f"coalesce(c{positions[1]}, '')",
        "c_tax_year": f"coalesce(c{positions[2]}, '')",
        "c_start": f"coalesce(c{positions[3]}, '')",
        "c_end": f"coalesce(c{positions[4]}, '')",
        "c_gross": f"coalesce(c{positions[5]}, '')",
        "c_pension": f"coalesce(c{positions[6]}, '')",
        "plain_nino": _PLAIN_NINO,
        "plain_gross": _plain_amount("gross"),
        "plain_pension": _plain_amount("pension"),
        "period_start_message": _date_message("start_text"),
        "period_end_message": _date_message("end_text"),
        # feed._check_record: a line of empty values is not a row
        "not_blank": f"({every}) <> ''",
        "checked": CHECKED,
        "record_type": record_type,
        "nino": nino,
        "tax_year": tax_year,
        "start": start,
        "end": end,
        "gross": gross,
        "pension": pension,
        "start_message": _date_message("start_text"),
        "end_message": _date_message("end_text"),
        "gross_message": _amount_message("gross"),
        "pension_message": _amount_message("pension"),
        "first_tax_year": FIRST_TAX_YEAR,
        "longest": LONGEST_PAY_PERIOD_DAYS,
        "later_fields": _LATER_FIELDS_SQL,
        "later_messages": _LATER_MESSAGES_SQL,
    }


def _plain_amount(column):
    # Patterns are slow in PostgreSQL; these string functions say the same as _MONEY_PATTERN:
    # digits around at most one point, 1 to 10 before it and, after a point, 1 or 2. Once
    # the first holds the text is ASCII, so its length in bytes is its length.
    pounds = f"octet_length(split_part({column}, '.', 1))"
    return (
        f"(btrim({column}, '0123456789') IN ('', '.') AND {pounds} BETWEEN 1 AND 10 "
        f"AND octet_length({column}) - {pounds} IN (0, 2, 3))"
    )


# A valid number written as stored (no spaces, capitals): as cases.validation.ni_number.
_PLAIN_NINO = (
    "(length(nino) = 9 AND translate(substr(nino, 3, 6), '0123456789', '') = '' "
    "AND substr(nino, 9) IN ('A', 'B', 'C', 'D') "
    "AND translate(left(nino, 2), 'ABCEGHJKLMNOPRSTWXYZ', '') = '' "
    "AND substr(nino, 2, 1) <> 'O' AND left(nino, 2) NOT IN "
    "('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'))"
)

# Plainly good rows straight into the staging table in one pass over the file: each
# row takes a few cheap checks (string functions, no patterns), and a period (kind, tax
# year, start, end) is checked once for all the rows that share it.
_PLAIN_SQL = """
INSERT INTO {staging} (row_number, record_type, nino, tax_year, period_start, period_end,
                       gross_pay, pension_contributions)
WITH periods AS MATERIALIZED (
    SELECT record_type, tax_year, start_text, end_text,
           make_date(substr(tax_year, 1, 4)::int, 4, 6) AS year_start,
           make_date(substr(tax_year, 1, 4)::int + 1, 4, 5) AS year_end,
           {period_start_message} AS start_message, {period_end_message} AS end_message
    FROM (SELECT DISTINCT {c_record_type} AS record_type, {c_tax_year} AS tax_year,
                 {c_start} AS start_text, {c_end} AS end_text FROM {raw} OFFSET 0) d
    WHERE record_type IN ('historic', 'current')
      AND CASE WHEN tax_year ~ '^[0-9]{{4}}-[0-9]{{2}}$'
               THEN (substr(tax_year, 1, 4)::int + 1) %% 100 = substr(tax_year, 6, 2)::int
                    AND substr(tax_year, 1, 4)::int >= {first_tax_year} ELSE false END
), good_periods AS MATERIALIZED (
    SELECT record_type, tax_year, start_text, end_text, year_start AS period_start,
           year_end AS period_end
    FROM periods WHERE record_type = 'historic' AND year_end < %(today)s::date
      AND start_text = '' AND end_text = ''
    UNION ALL
    SELECT record_type, tax_year, start_text, end_text, start_date, end_date
    FROM (SELECT p.*, CASE WHEN start_message IS NULL AND end_message IS NULL
                           THEN start_text::date END AS start_date,
                      CASE WHEN start_message IS NULL AND end_message IS NULL
                           THEN end_text::date END AS end_date
          FROM periods p WHERE record_type = 'current') c
    WHERE year_start <= %(today)s::date AND end_date >= start_date
      AND end_date - start_date + 1 <= {longest} AND end_date <= %(today)s::date
      AND end_date BETWEEN year_start AND year_end
)
SELECT a.n + 1, a.record_type, a.nino, a.tax_year, a.period_start, a.period_end,
       a.gross_pay, a.pension_contributions
-- OFFSET 0: each amount is read as a number once, and only once it is known to be one;
-- read straight as the column's type, so the insert does not convert it a second time
FROM (SELECT v.n, p.record_type, v.nino, p.tax_year, p.period_start, p.period_end,
             v.gross::numeric(12, 2) AS gross_pay,
             v.pension::numeric(12, 2) AS pension_contributions
      FROM (SELECT n, {c_record_type} AS record_type, {c_nino} AS nino,
                   {c_tax_year} AS tax_year, {c_start} AS start_text, {c_end} AS end_text,
                   {c_gross} AS gross, {c_pension} AS pension
            FROM {raw}) v
      JOIN good_periods p USING (record_type, tax_year, start_text, end_text)
      WHERE {plain_nino} AND {plain_gross} AND {plain_pension} OFFSET 0) a
WHERE a.pension_contributions <= a.gross_pay
"""

# The checks after the first five, in feed._check_row's order, each once: (condition,
# field and message as SQL). The field and message arrays are built from the same list so
# they always pair up.
_PENSION_OVER_GROSS = (
    "CASE WHEN cardinality(fields0) = 0 AND pension <> '0' "
    "THEN pension::numeric > gross::numeric ELSE false END"
)
_PENSION_MESSAGE = "'Must not be more than the gross pay'"
_LATER_CHECKS = {
    "historic": [
        ("start_text <> ''", "'period_start'", "'Leave blank on a historic row'"),
        ("end_text <> ''", "'period_end'", "'Leave blank on a historic row'"),
        ("year_end >= %(today)s::date", "'tax_year'", "'Must be a tax year that has ended'"),
    ],
    "current": [
        ("start_message IS NOT NULL", "'period_start'", "start_message"),
        ("end_message IS NOT NULL", "'period_end'", "end_message"),
        ("end_date < start_date", "'period_end'", "'Must be on or after the period start'"),
        (
            f"end_date >= start_date AND end_date - start_date + 1 > {LONGEST_PAY_PERIOD_DAYS}",
            "'period_end'",
            "'A pay period must not be longer than 3 months'",
        ),
        (
            "end_date >= start_date AND end_date > %(today)s::date",
            "'period_end'",
            "'Must not be in the future'",
        ),
        (
            "end_date >= start_date AND year_start IS NOT NULL "
            "AND NOT end_date BETWEEN year_start AND year_end",
            "'tax_year'",
            "'The period must end in this tax year'",
        ),
    ],
}


def _later_checks_sql(pick):
    """The SQL array of what `pick` takes from each (field, message) pair that applies."""
    pension = pick(("'pension_contributions'", _PENSION_MESSAGE))
    by_type = " ".join(
        f"WHEN record_type = '{record_type}' THEN array_remove(ARRAY["
        + ", ".join(
            f"CASE WHEN {condition} THEN {pick((field, message))} END"
            for condition, field, message in checks
        )
        + "], NULL)"
        for record_type, checks in _LATER_CHECKS.items()
    )
    return (
        f"CASE WHEN {_PENSION_OVER_GROSS} THEN ARRAY[{pension}] ELSE '{{}}' END "
        f"|| CASE {by_type} ELSE '{{}}' END"
    )


_LATER_FIELDS_SQL = _later_checks_sql(lambda pair: pair[0])
_LATER_MESSAGES_SQL = _later_checks_sql(lambda pair: pair[1])

# Each step mirrors feed._check_row; the arrays keep its order of problems within a row.
_CHECK_SQL = """
CREATE TEMP TABLE {checked} ON COMMIT DROP AS
WITH v AS MATERIALIZED (
    SELECT n + 1 AS row_number, {record_type} AS record_type,
           upper(regexp_replace({nino}, '\\s', '', 'g')) AS nino,
           {tax_year} AS tax_year, {start} AS start_text, {end} AS end_text,
           {gross} AS gross, {pension} AS pension
    FROM {raw} r WHERE {not_blank}
      AND NOT EXISTS (SELECT 1 FROM {staging} s WHERE s.row_number = r.n + 1)
), years AS MATERIALIZED (
    SELECT v.*,
        CASE WHEN tax_year = '' THEN 'Enter the tax year, like 2024-25'
             WHEN CASE WHEN tax_year ~ '^[0-9]{{4}}-[0-9]{{2}}$'
                  THEN (substr(tax_year, 1, 4)::int + 1) %% 100 <> substr(tax_year, 6, 2)::int
                  ELSE true END
             THEN 'Must be a tax year written like 2024-25 (two years in a row)'
             WHEN substr(tax_year, 1, 4)::int < {first_tax_year}
             THEN 'Must be {first_tax_year}-13 or later'
             WHEN make_date(substr(tax_year, 1, 4)::int, 4, 6) > %(today)s::date
             THEN 'Must not be a tax year that has not started' END AS year_message,
        CASE WHEN nino = '' THEN 'Enter the National Insurance number'
             WHEN nino !~ '^[A-Z]{{2}}[0-9]{{6}}[A-D]$' OR substr(nino, 1, 1) IN
                  ('D', 'F', 'I', 'Q', 'U', 'V') OR substr(nino, 2, 1) IN
                  ('D', 'F', 'I', 'Q', 'U', 'V', 'O') OR substr(nino, 1, 2) IN
                  ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ')
             THEN 'Must be a National Insurance number, like QQ123456C' END AS nino_message,
        {gross_message} AS gross_message, {pension_message} AS pension_message,
        CASE WHEN record_type = 'current' THEN {start_message} END AS start_message,
        CASE WHEN record_type = 'current' THEN {end_message} END AS end_message
    FROM v
), dated AS MATERIALIZED (
    SELECT y.*,
        CASE WHEN year_message IS NULL
             THEN make_date(substr(tax_year, 1, 4)::int, 4, 6) END AS year_start,
        CASE WHEN year_message IS NULL
             THEN make_date(substr(tax_year, 1, 4)::int + 1, 4, 5) END AS year_end,
        CASE WHEN record_type = 'current' AND start_message IS NULL
             THEN start_text::date END AS start_date,
        CASE WHEN record_type = 'current' AND end_message IS NULL
             THEN end_text::date END AS end_date
    FROM years y
), found AS MATERIALIZED (
    SELECT d.*, array_remove(ARRAY[
        CASE WHEN record_type NOT IN ('historic', 'current') THEN 'record_type' END,
        CASE WHEN nino_message IS NOT NULL THEN 'nino' END,
        CASE WHEN year_message IS NOT NULL THEN 'tax_year' END,
        CASE WHEN gross_message IS NOT NULL THEN 'gross_pay' END,
        CASE WHEN pension_message IS NOT NULL THEN 'pension_contributions' END
    ], NULL) AS fields0, array_remove(ARRAY[
        CASE WHEN record_type = '' THEN 'Enter the record type'
             WHEN record_type NOT IN ('historic', 'current')
             THEN 'Must be ''historic'' or ''current''' END,
        nino_message, year_message, gross_message, pension_message
    ], NULL) AS messages0
    FROM dated d
), kinds AS MATERIALIZED (
    SELECT f.*,
        CASE WHEN record_type = 'historic' THEN year_start ELSE start_date END AS period_start,
        CASE WHEN record_type = 'historic' THEN year_end ELSE end_date END AS period_end,
        -- (field, message) pairs after the first five, in feed._check_row's order
        {later_fields} AS fields1,
        {later_messages} AS messages1
    FROM found f
), rows AS (
    SELECT row_number, record_type, nino, tax_year, period_start, period_end, gross, pension,
           fields0 || fields1 AS fields, messages0 || messages1 AS messages
    FROM kinds
)
SELECT row_number, record_type, nino, tax_year, period_start, period_end,
       CASE WHEN cardinality(fields) = 0 THEN gross::numeric END AS gross_pay,
       CASE WHEN cardinality(fields) = 0 THEN pension::numeric END AS pension_contributions,
       fields, messages
FROM rows
"""

_STAGE_SQL = f"""
INSERT INTO {STAGING} ({", ".join(_STAGING_COLUMNS)})
SELECT {", ".join(_STAGING_COLUMNS)} FROM {CHECKED} WHERE cardinality(fields) = 0
"""  # noqa: S608
