"""What the night changed, as order-independent checksums, so the jobs' database and the
baseline's copy can be compared row for row. Rows made tonight get different ids and keys
in the two databases (they are inserted in a different order), so those rows are compared
by what they say (case, date, kind, amount...), never by id."""

CHECKS = {
    "instalments": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, schedule_id,
               due_date, amount, fee_amount, collect_and_pay), 0)::numeric), 0)
        FROM payments_instalment WHERE due_date >= %(day)s::date - 40""",
    "ledger entries": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, account_id, kind,
               amount, effective_date, instalment_id IS NULL, receipt_id), 0)::numeric), 0)
        FROM payments_ledgerentry WHERE effective_date >= %(day)s::date - 1""",
    "debts": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, kind, due_date,
               receiving_account_id, amount, outstanding, cancelled), 0)::numeric), 0)
        FROM payments_obligation""",
    "allocations": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', a.receipt_id, o.case_id,
               o.kind, o.due_date, o.receiving_account_id, a.amount,
               a.collected_entry_id IS NULL), 0)::numeric), 0)
        FROM payments_allocation a JOIN payments_obligation o ON o.id = a.obligation_id
        WHERE a.allocated_on = %(day)s::date""",
    "accounts": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', id, balance, unallocated,
               current_due_date, arrears_status, missed_in_row, escalated_on), 0)::numeric), 0)
        FROM payments_account""",
    "receipts": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', id, unallocated),
            0)::numeric), 0)
        FROM payments_receipt WHERE received_on >= %(day)s::date - 1 OR unallocated > 0""",
    "schedules": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', id, next_due_date),
            0)::numeric), 0)
        FROM payments_paymentschedule""",
    "payments passed on": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', account_id, gross, fee, net),
               0)::numeric), 0)
        FROM payments_disbursement WHERE business_date = %(day)s::date""",
    "missed payments": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', instalment_id, kind,
               outstanding, escalate), 0)::numeric), 0)
        FROM payments_missedpaymentnotice WHERE business_date = %(day)s::date""",
}

WORK = {
    "instalments posted": "SELECT count(*) FROM payments_instalment WHERE due_date = %(day)s::date",
    "allocations made": (
        "SELECT count(*) FROM payments_allocation WHERE allocated_on = %(day)s::date"
    ),
    "payments passed on": (
        "SELECT count(*) FROM payments_disbursement WHERE business_date = %(day)s::date"
    ),
    "missed payments found": (
        "SELECT count(*) FROM payments_missedpaymentnotice WHERE business_date = %(day)s::date"
    ),
    "ledger entries": "SELECT count(*) FROM payments_ledgerentry",
    "cases": "SELECT count(*) FROM cases_case",
}


def fingerprint(connection, day, *, rollback=True):
    with connection.cursor() as cursor:
        result = {}
        for name, sql in CHECKS.items():
            cursor.execute(sql, {"day": day})
            result[name] = tuple(str(value) for value in cursor.fetchone())
    if rollback:
        connection.rollback()
    return result


def work_done(connection, day):
    with connection.cursor() as cursor:
        result = {}
        for name, sql in WORK.items():
            cursor.execute(sql, {"day": day})
            result[name] = cursor.fetchone()[0]
    connection.rollback()
    return result
