"""What the night changed, as order-independent checksums, so the jobs' database and the
baseline's copy can be compared row for row. Rows made tonight get different ids and keys
in the two databases (they are inserted in a different order), so those rows are compared
by what they say (case, date, kind, amount...), never by id: a schedule by its case and
start date, a closure request's random reference left out."""

CHECKS = {
    "instalments": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', i.case_id, s.starts_on,
               i.due_date, i.amount, i.fee_amount, i.collect_and_pay), 0)::numeric), 0)
        FROM payments_instalment i JOIN payments_paymentschedule s ON s.id = i.schedule_id
        WHERE i.due_date >= %(day)s::date - 40""",
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
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, starts_on,
               ends_on, first_due_date, frequency, weekly_amount, instalment_amount,
               next_due_date, decision_id IS NULL), 0)::numeric), 0)
        FROM payments_paymentschedule""",
    "schedule shares": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', s.case_id, s.starts_on,
               h.receiving_party_id, h.receiving_account_id, h.weekly_amount,
               h.instalment_amount), 0)::numeric), 0)
        FROM payments_scheduleshare h JOIN payments_paymentschedule s ON s.id = h.schedule_id""",
    # The case jobs: the generated caseload has only initial decisions.
    "decisions made": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', d.case_id, d.reason,
               d.effective_date, d.weekly_amount, d.income_record_id, p.reason,
               p.effective_date, s.starts_on), 0)::numeric), 0)
        FROM cases_decision d JOIN cases_decision p ON p.id = d.supersedes_id
        LEFT JOIN payments_paymentschedule s ON s.decision_id = d.id
        WHERE d.reason <> 'initial'""",
    "children": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', id, status, left_on),
               0)::numeric), 0)
        FROM cases_child""",
    "cases": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', id, status, review_date,
               review_queued_for), 0)::numeric), 0)
        FROM cases_case""",
    # The case jobs' notices (the money jobs' emails go out from tasks the baseline
    # does not have).
    "emails queued": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', "to", template,
               language), 0)::numeric), 0)
        FROM cms_portal_outboundemail
        WHERE template IN ('cases_new_amount', 'cases_no_qualifying_children')""",
    # The case jobs' (a missed payment's emails may queue work for a caseworker too, which
    # the baseline does not do: that one is left out).
    "audit events": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', action, object_type,
               object_ref), 0)::numeric), 0)
        FROM cms_portal_auditevent
        WHERE action NOT LIKE 'payments.job.%%'
          AND (action <> 'work_item.queued'
               OR details ->> 'kind' IN ('annual_review', 'case_closure'))""",
    "work items": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, kind, status,
               regexp_replace(summary, '^CL-[^:]*: ', ''),
               CASE WHEN kind = 'case_closure' THEN '' ELSE source_reference END),
               0)::numeric), 0)
        FROM cases_workitem WHERE kind IN ('annual_review', 'case_closure')""",
    "closure requests": """
        SELECT count(*), coalesce(sum(hashtextextended(concat_ws(',', case_id, reason, details,
               status), 0)::numeric), 0)
        FROM cases_closurerequest""",
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
    "decisions made": "SELECT count(*) FROM cases_decision WHERE reason <> 'initial'",
    "children stopped": "SELECT count(*) FROM cases_child WHERE status = 'left'",
    "reviews to a caseworker": ("SELECT count(*) FROM cases_workitem WHERE kind = 'annual_review'"),
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
