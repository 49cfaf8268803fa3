"""The same night's work as the case jobs (case_baseline.py) and payments' four jobs,
hand-written as set-based SQL over the whole caseload at once (no chunks, no ORM, no
Python per row): the yardstick the jobs are timed against. Rates are the ones in force
today (20% and 4%); the rules are the ones documented in payments/allocation.py and
payments/services/*.py, so both must leave the database in the same state."""

from .case_baseline import CASE_SEQUENCES, CASE_STEPS

POST_DUE = """
CREATE TEMP TABLE b_dates AS
SELECT s.id AS schedule_id, s.case_id, s.instalment_amount, s.ends_on,
       c.service_type = 'collect_and_pay' AS collect,
       least(%(day)s::date, coalesce(s.ends_on, %(day)s::date)) AS last_day, dates.due_date
FROM payments_paymentschedule s
JOIN cases_case c ON c.id = s.case_id
CROSS JOIN LATERAL (
    SELECT g::date AS due_date
    FROM generate_series(s.next_due_date::timestamp, (%(day)s::date + 31)::timestamp,
                         make_interval(days => CASE s.frequency WHEN 'weekly' THEN 7
                                                WHEN 'fortnightly' THEN 14 ELSE 28 END)) g
    WHERE s.frequency <> 'monthly'
    UNION ALL
    SELECT (s.first_due_date + make_interval(months => m))::date
    FROM generate_series(
        ((extract(year FROM s.next_due_date) - extract(year FROM s.first_due_date)) * 12
         + extract(month FROM s.next_due_date) - extract(month FROM s.first_due_date))::int,
        ((extract(year FROM %(day)s::date) - extract(year FROM s.first_due_date)) * 12
         + extract(month FROM %(day)s::date) - extract(month FROM s.first_due_date))::int + 2) m
    WHERE s.frequency = 'monthly'
) dates
WHERE s.next_due_date <= %(day)s::date AND dates.due_date >= s.next_due_date;

CREATE TEMP TABLE b_inst AS
WITH posted AS (
    INSERT INTO payments_instalment (case_id, schedule_id, due_date, amount, fee_amount,
                                     plan_amount, collect_and_pay, created_at)
    SELECT case_id, schedule_id, due_date, instalment_amount, 0, 0, collect, now()
    FROM b_dates WHERE due_date <= last_day AND instalment_amount > 0
    RETURNING id, case_id, schedule_id, due_date, collect_and_pay)
SELECT * FROM posted;

CREATE TEMP TABLE b_charge AS
SELECT nextval(%(ledger_seq)s::regclass) AS entry_id,
       i.id AS instalment_id, i.case_id, i.schedule_id, i.due_date, sh.receiving_party_id,
       sh.receiving_account_id, kind.kind,
       CASE kind.kind WHEN 'maintenance_due' THEN sh.instalment_amount
                      ELSE round(sh.instalment_amount * 0.20, 2) END AS amount
FROM b_inst i
JOIN payments_scheduleshare sh ON sh.schedule_id = i.schedule_id
CROSS JOIN (VALUES ('maintenance_due'), ('paying_parent_fee')) kind(kind)
WHERE i.collect_and_pay;
DELETE FROM b_charge WHERE amount = 0;

INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key, reason,
                                  posted_at, account_id, case_id, instalment_id)
SELECT c.entry_id, c.kind, c.amount, c.due_date,
       CASE c.kind WHEN 'maintenance_due' THEN 'due:' ELSE 'fee:' END || c.case_id || ':'
           || c.due_date || ':' || c.receiving_party_id || ':' || c.schedule_id,
       '', now(), a.id, c.case_id, c.instalment_id
FROM b_charge c JOIN payments_account a ON a.case_id = c.case_id AND a.role = 'paying';

INSERT INTO payments_obligation (case_id, entry_id, kind, due_date, instalment_id,
                                 receiving_account_id, amount, outstanding, cancelled)
SELECT case_id, entry_id,
       CASE kind WHEN 'maintenance_due' THEN 'maintenance' ELSE 'collection_fee' END, due_date,
       instalment_id, CASE kind WHEN 'maintenance_due' THEN receiving_account_id END, amount,
       amount, false
FROM b_charge;

UPDATE payments_instalment i SET fee_amount = t.fee
FROM (SELECT instalment_id, sum(amount) AS fee FROM b_charge
      WHERE kind = 'paying_parent_fee' GROUP BY instalment_id) t
WHERE i.id = t.instalment_id;

UPDATE payments_account a
SET balance = a.balance + t.total, current_due_date = greatest(a.current_due_date, t.last_due)
FROM (SELECT case_id, sum(amount) AS total, max(due_date) AS last_due FROM b_charge
      GROUP BY case_id) t
WHERE a.case_id = t.case_id AND a.role = 'paying';

UPDATE payments_paymentschedule s
SET next_due_date = CASE WHEN s.ends_on IS NOT NULL AND t.following > s.ends_on THEN NULL
                         ELSE t.following END
FROM (SELECT schedule_id, min(due_date) FILTER (WHERE due_date > last_day) AS following
      FROM b_dates GROUP BY schedule_id) t
WHERE s.id = t.schedule_id;
"""

ALLOCATE = """
CREATE TEMP TABLE b_account AS
SELECT case_id, current_due_date FROM payments_account
WHERE role = 'paying' AND unallocated > 0 AND balance + unallocated > 0;

CREATE TEMP TABLE b_credit AS
SELECT r.id AS receipt_id, r.case_id, (r.unallocated * 100)::bigint AS pennies,
       sum((r.unallocated * 100)::bigint) OVER (PARTITION BY r.case_id
           ORDER BY r.received_on, r.id) - (r.unallocated * 100)::bigint AS start
FROM payments_receipt r JOIN b_account a ON a.case_id = r.case_id
WHERE r.unallocated > 0;

CREATE TEMP TABLE b_debt AS
SELECT o.id AS obligation_id, o.case_id, o.kind, o.due_date, o.receiving_account_id,
       (o.outstanding * 100)::bigint AS owed,
       CASE o.kind WHEN 'maintenance' THEN
                       CASE WHEN o.due_date >= a.current_due_date THEN 0 ELSE 1 END
                   WHEN 'collection_fee' THEN 2 ELSE 3 END AS rank
FROM payments_obligation o JOIN b_account a ON a.case_id = o.case_id
WHERE o.outstanding > 0;

CREATE TEMP TABLE b_group AS
SELECT g.case_id, g.rank, g.due_date, g.total,
       least(g.total, greatest(m.available - g.before, 0)) AS money
FROM (SELECT case_id, rank, due_date, sum(owed) AS total,
             sum(sum(owed)) OVER (PARTITION BY case_id ORDER BY rank, due_date)
                 - sum(owed) AS before
      FROM b_debt GROUP BY case_id, rank, due_date) g
JOIN (SELECT case_id, sum(pennies) AS available FROM b_credit GROUP BY case_id) m
  ON m.case_id = g.case_id;

CREATE TEMP TABLE b_share AS
SELECT d.obligation_id, d.case_id, d.kind, d.due_date, d.rank, d.receiving_account_id,
       g.money, g.total,
       CASE WHEN g.money >= g.total THEN d.owed ELSE g.money * d.owed / g.total END AS base,
       CASE WHEN g.money >= g.total THEN 0 ELSE g.money * d.owed %% g.total END AS remainder
FROM b_debt d JOIN b_group g USING (case_id, rank, due_date)
WHERE g.money > 0;

CREATE TEMP TABLE b_pay AS
SELECT s.*, s.base + CASE WHEN s.position <= s.leftover THEN 1 ELSE 0 END AS pay
FROM (SELECT b.*,
             row_number() OVER (PARTITION BY case_id, rank, due_date
                                ORDER BY remainder DESC, obligation_id) AS position,
             money - sum(base) OVER (PARTITION BY case_id, rank, due_date) AS leftover
      FROM b_share b) s;

CREATE TEMP TABLE b_target AS
SELECT obligation_id, case_id, kind, receiving_account_id, pay,
       sum(pay) OVER (PARTITION BY case_id ORDER BY rank, due_date, obligation_id) - pay AS start
FROM b_pay WHERE pay > 0;

CREATE TEMP TABLE b_allocation AS
SELECT c.receipt_id, t.obligation_id, t.case_id, t.kind, t.receiving_account_id,
       (least(c.start + c.pennies, t.start + t.pay) - greatest(c.start, t.start))::numeric / 100
           AS amount,
       CASE WHEN t.kind = 'maintenance'
            THEN nextval(%(ledger_seq)s::regclass) END AS collected_id
FROM b_credit c JOIN b_target t ON t.case_id = c.case_id
WHERE c.start < t.start + t.pay AND t.start < c.start + c.pennies;

INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key, reason,
                                  posted_at, account_id, case_id, receipt_id)
SELECT collected_id, 'maintenance_collected', amount, %(day)s::date,
       'collected:' || receipt_id || ':' || obligation_id || ':baseline', '', now(),
       receiving_account_id, case_id, receipt_id
FROM b_allocation WHERE collected_id IS NOT NULL;

INSERT INTO payments_allocation (receipt_id, obligation_id, amount, allocated_on,
                                 collected_entry_id, created_at)
SELECT receipt_id, obligation_id, amount, %(day)s::date, collected_id, now() FROM b_allocation;

UPDATE payments_receipt r SET unallocated = r.unallocated - t.amount
FROM (SELECT receipt_id, sum(amount) AS amount FROM b_allocation GROUP BY receipt_id) t
WHERE r.id = t.receipt_id;

UPDATE payments_obligation o SET outstanding = o.outstanding - t.amount
FROM (SELECT obligation_id, sum(amount) AS amount FROM b_allocation GROUP BY obligation_id) t
WHERE o.id = t.obligation_id;

UPDATE payments_account a SET unallocated = a.unallocated - t.amount
FROM (SELECT case_id, sum(amount) AS amount FROM b_allocation GROUP BY case_id) t
WHERE a.case_id = t.case_id AND a.role = 'paying';

UPDATE payments_account a SET balance = a.balance + t.amount
FROM (SELECT receiving_account_id, sum(amount) AS amount FROM b_allocation
      WHERE collected_id IS NOT NULL GROUP BY receiving_account_id) t
WHERE a.id = t.receiving_account_id;
"""

PASS_ON = """
CREATE TEMP TABLE b_payout AS
SELECT nextval(%(disbursement_seq)s::regclass) AS disbursement_id,
       a.id AS account_id, a.case_id, a.balance AS gross, round(a.balance * 0.04, 2) AS fee
FROM payments_account a
WHERE a.role = 'receiving' AND a.balance > 0
  AND NOT EXISTS (SELECT 1 FROM payments_disbursement d
                  WHERE d.account_id = a.id AND d.business_date = %(day)s::date);

INSERT INTO payments_disbursement (id, public_id, business_date, gross, fee, net, status,
                                   created_at, account_id, case_id)
SELECT disbursement_id, gen_random_uuid(), %(day)s::date, gross, fee, gross - fee, 'paid', now(),
       account_id, case_id
FROM b_payout;

INSERT INTO payments_ledgerentry (kind, amount, effective_date, idempotency_key, reason,
                                  posted_at, account_id, case_id, disbursement_id)
SELECT 'receiving_parent_fee', -fee, %(day)s::date,
       'pass-on-fee:' || account_id || ':' || %(day)s::date, '', now(), account_id, case_id,
       disbursement_id
FROM b_payout WHERE fee <> 0
UNION ALL
SELECT 'passed_on', fee - gross, %(day)s::date, 'pass-on:' || account_id || ':' || %(day)s::date,
       '', now(), account_id, case_id, disbursement_id
FROM b_payout;

UPDATE payments_account a SET balance = a.balance - p.gross
FROM b_payout p WHERE a.id = p.account_id;
"""

DETECT_MISSED = """
CREATE TEMP TABLE b_unpaid AS
SELECT o.instalment_id, o.case_id, sum(o.amount) AS amount, sum(o.outstanding) AS outstanding
FROM payments_obligation o
WHERE o.kind = 'maintenance' AND o.outstanding > 0
  AND o.due_date <= %(day)s::date - 3 AND o.due_date > %(day)s::date - 3 - 31
  AND NOT EXISTS (SELECT 1 FROM payments_missedpaymentnotice n
                  WHERE n.instalment_id = o.instalment_id)
GROUP BY o.instalment_id, o.case_id;

CREATE TEMP TABLE b_notice AS
SELECT u.*, a.id AS account_id, a.missed_in_row AS before, a.escalated_on,
       row_number() OVER (PARTITION BY u.case_id ORDER BY u.instalment_id) AS position,
       count(*) OVER (PARTITION BY u.case_id) AS misses
FROM b_unpaid u JOIN payments_account a ON a.case_id = u.case_id AND a.role = 'paying';

INSERT INTO payments_missedpaymentnotice (kind, outstanding, business_date, escalate, case_id,
                                          instalment_id)
SELECT CASE WHEN outstanding = amount THEN 'missed' ELSE 'part_paid' END, outstanding,
       %(day)s::date,
       escalated_on IS NULL AND before + position >= 2 AND (position = 1 OR before + position < 3),
       case_id, instalment_id
FROM b_notice;

UPDATE payments_account a
SET arrears_status = 'in_arrears', missed_in_row = a.missed_in_row + t.misses,
    escalated_on = coalesce(a.escalated_on,
                            CASE WHEN a.missed_in_row + t.misses >= 2 THEN %(day)s::date END)
FROM (SELECT DISTINCT account_id, misses FROM b_notice) t
WHERE a.id = t.account_id;

UPDATE payments_account a
SET arrears_status = 'up_to_date', missed_in_row = 0, escalated_on = NULL
WHERE a.role = 'paying' AND a.arrears_status = 'in_arrears'
  AND NOT EXISTS (SELECT 1 FROM payments_obligation o
                  WHERE o.case_id = a.case_id AND o.kind = 'maintenance' AND o.outstanding > 0
                    AND o.due_date <= %(day)s::date - 3);
"""

SEQUENCES = {
    "payments_ledgerentry": "ledger_seq",
    "payments_disbursement": "disbursement_seq",
    **CASE_SEQUENCES,
}
MONEY_STEPS = [
    ("post_due_instalments", POST_DUE),
    ("allocate_receipts", ALLOCATE),
    ("pass_on", PASS_ON),
    ("detect_missed_payments", DETECT_MISSED),
]
# In the deployment's order: the case jobs first, so a decision taking effect today is in
# the schedule before today's instalments are posted.
STEPS = [*CASE_STEPS, *MONEY_STEPS]


def run_baseline(connection, day, *, timer, commit=True):
    """Run every step in its own transaction, as the jobs do (or all in one that the
    caller rolls back); `timer(name)` is a context manager that times one step."""
    params = {"day": day}
    with connection.cursor() as cursor:
        for table, key in SEQUENCES.items():
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            params[key] = cursor.fetchone()[0]
    connection.commit()
    for name, sql in STEPS:
        with timer(name), connection.cursor() as cursor:
            cursor.execute(sql, params)
            if commit:
                connection.commit()
