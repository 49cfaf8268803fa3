"""Synthetic caseload for the nightly jobs, written straight into PostgreSQL with
set-based SQL (a few minutes for 500,000 cases rather than hours through the ORM).

The mix is an assumption shaped on the real service, not measured data: about 40% of
cases on Collect and Pay and the rest on Direct Pay; 65% paid monthly, 10% four-weekly,
10% fortnightly and 15% weekly; 15% with two receiving parents; cases started up to
`years` years ago with every instalment since (several years of history); most paying
parents pay on time, some miss or part pay now and then, a few rarely pay.

The history is internally consistent (balances are the sums of their entries, debts less
their allocations, receipts fully allocated, collections passed on the next day, past
misses noticed) and leaves the business date `day` with real work: instalments falling
due, money received yesterday to allocate, yesterday's collections to pass on and
instalments three days overdue to notice."""

import time
from datetime import date, timedelta

SEQUENCES = {
    "payments_ledgerentry": "ledger_seq",
    "payments_receipt": "receipt_seq",
    "payments_disbursement": "disbursement_seq",
}

STEPS = [
    (
        "plan cases",
        """
        SET max_parallel_workers_per_gather = 0;
        SELECT setseed(%(seed)s);
        CREATE TEMP TABLE plan_case AS
        SELECT id,
               r1 < 0.40 AS collect,
               CASE WHEN r2 < 0.65 THEN 'monthly' WHEN r2 < 0.75 THEN 'four_weekly'
                    WHEN r2 < 0.85 THEN 'fortnightly' ELSE 'weekly' END AS frequency,
               CASE WHEN r3 < 0.15 THEN 2 ELSE 1 END AS receivers,
               %(day)s::date - (35 + floor(r4 * (%(years)s * 365 - 35)))::int AS first_due,
               CASE WHEN r5 < 0.80 THEN 0 WHEN r5 < 0.93 THEN 1 ELSE 2 END AS payer,
               round((7 + r6 * 143)::numeric, 2) AS weekly
        FROM (SELECT g AS id, random() r1, random() r2, random() r3, random() r4, random() r5,
                     random() r6 FROM generate_series(1, %(cases)s) g) drawn;
        ALTER TABLE plan_case ADD PRIMARY KEY (id);
    """,
    ),
    (
        "cases, parties and children",
        """
        INSERT INTO cases_case (id, reference, service_type, status, payment_frequency,
                                safeguarding, created_at, updated_at)
        SELECT id, '121' || lpad(id::text, 9, '0'),
               CASE WHEN collect THEN 'collect_and_pay' ELSE 'direct_pay' END, 'open',
               frequency, false, first_due::timestamptz, now()
        FROM plan_case;
        INSERT INTO cases_party (id, public_id, role, full_name, date_of_birth, email, phone,
               address_line_1, address_line_2, town, postcode, bank_account_name,
               bank_sort_code, bank_account_number, national_insurance_number, employer_name,
               preferred_language, safeguarding, created_at, case_id, pending_email,
               pending_email_nonce)
        SELECT c.id * 3 + k, gen_random_uuid(),
               CASE WHEN k = 0 THEN 'paying' ELSE 'receiving' END,
               'Bench Parent ' || c.id || '-' || k, date '1980-01-01' + (c.id %% 5000)::int,
               'parent' || c.id || '-' || k || '@example.test', '', '', '', '', '', '', '', '',
               '', '', 'en', false, now(), c.id, '', ''
        FROM plan_case c CROSS JOIN generate_series(0, 2) k WHERE k <= c.receivers;
        INSERT INTO cases_child (public_id, full_name, date_of_birth, shared_care_nights,
                                 status, created_at, case_id, receiving_party_id)
        SELECT gen_random_uuid(), 'Bench Child', date '2014-01-01' + (id %% 3000)::int, 0,
               'qualifying', now(), case_id, id
        FROM cases_party WHERE role = 'receiving';
        INSERT INTO payments_account (id, case_id, party_id, role, balance, unallocated,
                                      arrears_status, missed_in_row)
        SELECT id, case_id, id, role, 0, 0, 'up_to_date', 0 FROM cases_party;
    """,
    ),
    (
        "schedules",
        """
        CREATE TEMP TABLE plan_share AS
        SELECT c.id AS case_id, p.id AS party_id, c.frequency,
               CASE WHEN c.receivers = 1 THEN c.weekly
                    WHEN p.id = c.id * 3 + 1 THEN round(c.weekly * 0.6, 2)
                    ELSE c.weekly - round(c.weekly * 0.6, 2) END AS weekly
        FROM plan_case c JOIN cases_party p ON p.case_id = c.id AND p.role = 'receiving';
        ALTER TABLE plan_share ADD COLUMN instalment numeric, ADD COLUMN fee numeric;
        UPDATE plan_share SET instalment = round(weekly
                 * CASE frequency WHEN 'weekly' THEN 1 WHEN 'fortnightly' THEN 2
                                  WHEN 'four_weekly' THEN 4 ELSE 52 END
                 / CASE frequency WHEN 'monthly' THEN 12 ELSE 1 END, 2);
        UPDATE plan_share SET fee = round(instalment * 0.20, 2);
        CREATE INDEX ON plan_share (case_id);
        INSERT INTO payments_paymentschedule (id, public_id, frequency, first_due_date, starts_on,
               weekly_amount, instalment_amount, created_at, case_id)
        SELECT c.id, gen_random_uuid(), c.frequency, c.first_due, c.first_due, c.weekly,
               s.total, now(), c.id
        FROM plan_case c JOIN (SELECT case_id, sum(instalment) AS total FROM plan_share
                               GROUP BY case_id) s ON s.case_id = c.id;
        INSERT INTO payments_scheduleshare (schedule_id, receiving_party_id,
                                            receiving_account_id, weekly_amount, instalment_amount)
        SELECT case_id, party_id, party_id, weekly, instalment FROM plan_share;
    """,
    ),
    (
        "decisions, income and review dates",
        """
        INSERT INTO cases_incomerecord (public_id, gross_weekly_income, benefit, source, tax_year,
               effective_from, recorded_at, case_id, paying_party_id)
        SELECT gen_random_uuid(), round(c.weekly * 5 + 150, 2), 'none', 'hmrc_historic',
               '2024-25', c.first_due - 30, c.first_due::timestamptz, c.id, c.id * 3
        FROM plan_case c;
        -- The children each decision counted, built with joins (the bulk load has dropped
        -- the foreign key indexes a correlated lookup would need).
        CREATE TEMP TABLE plan_counted AS
        SELECT p.case_id, jsonb_agg(jsonb_build_object('public_id', p.public_id,
                   'children', ch.children)) AS parties
        FROM cases_party p
        JOIN (SELECT receiving_party_id, jsonb_agg(jsonb_build_object(
                  'public_id', public_id, 'full_name', full_name)) AS children
              FROM cases_child GROUP BY receiving_party_id) ch ON ch.receiving_party_id = p.id
        WHERE p.role = 'receiving'
        GROUP BY p.case_id;
        INSERT INTO cases_decision (id, public_id, effective_date, weekly_amount, calculation_input,
               calculation_result, reason, decided_at, challenge_by, case_id, income_record_id)
        SELECT c.id, gen_random_uuid(), c.first_due, c.weekly,
               jsonb_build_object('receiving_parties', k.parties),
               '{}'::jsonb, 'initial', c.first_due::timestamptz, c.first_due + 30, c.id, i.id
        FROM plan_case c JOIN cases_incomerecord i ON i.case_id = c.id
        JOIN plan_counted k ON k.case_id = c.id;
        UPDATE payments_paymentschedule SET decision_id = case_id;
        -- Reviews are made 30 days ahead: every review up to day + 29 was made on an
        -- earlier night, so the next review date is the first anniversary on or after
        -- day + 30 (about one case in 365 has it tonight).
        UPDATE cases_case c SET initial_effective_date = p.first_due,
               review_date = CASE WHEN (p.first_due + make_interval(years => n.years))::date
                                       >= %(day)s::date + 30
                                  THEN (p.first_due + make_interval(years => n.years))::date
                                  ELSE (p.first_due + make_interval(years => n.years + 1))::date
                             END
        FROM plan_case p,
             LATERAL (SELECT greatest(1, extract(year FROM %(day)s::date + 30)::int
                                         - extract(year FROM p.first_due)::int) AS years) n
        WHERE c.id = p.id;
        -- A child in about 400 turns 16 tonight with no education recorded.
        UPDATE cases_child SET date_of_birth = (%(day)s::date - interval '16 years')::date
        WHERE id %% 400 = 0;
        UPDATE cases_child SET stops_qualifying_on = (date_of_birth + interval '16 years')::date;
        SELECT setval(pg_get_serial_sequence('cases_decision', 'id'),
                      (SELECT max(id) FROM cases_decision));
    """,
    ),
    (
        "due dates",
        """
        CREATE TEMP TABLE plan_due AS
        SELECT c.id AS case_id, c.collect, c.payer, due.due_date
        FROM plan_case c,
             LATERAL generate_series(0, (%(day)s::date - c.first_due)
                 / CASE c.frequency WHEN 'weekly' THEN 7 WHEN 'fortnightly' THEN 14 ELSE 28 END
                 + 2) n,
             LATERAL (SELECT CASE c.frequency
                        WHEN 'monthly' THEN (c.first_due + make_interval(months => n))::date
                        WHEN 'four_weekly' THEN c.first_due + 28 * n
                        WHEN 'fortnightly' THEN c.first_due + 14 * n
                        ELSE c.first_due + 7 * n END AS due_date) due
        WHERE due.due_date <= %(day)s::date + 40;
        UPDATE payments_paymentschedule s SET next_due_date = nd.next_due
        FROM (SELECT case_id, min(due_date) AS next_due FROM plan_due
              WHERE due_date >= %(day)s::date GROUP BY case_id) nd
        WHERE s.id = nd.case_id;
        DELETE FROM plan_due WHERE due_date >= %(day)s::date;
        ALTER TABLE plan_due ADD COLUMN r double precision, ADD COLUMN outcome text;
        UPDATE plan_due SET r = random();
        UPDATE plan_due SET outcome = CASE
            WHEN payer = 0 THEN 'paid'
            WHEN payer = 1 THEN CASE WHEN r < 0.80 THEN 'paid' WHEN r < 0.88 THEN 'part' ELSE
                'missed' END
            ELSE CASE WHEN r < 0.45 THEN 'paid' WHEN r < 0.60 THEN 'part' ELSE 'missed' END END;
        CREATE INDEX ON plan_due (case_id, due_date);
    """,
    ),
    (
        "instalments",
        """
        INSERT INTO payments_instalment (case_id, schedule_id, due_date, amount, fee_amount,
                                         plan_amount, collect_and_pay, created_at)
        SELECT d.case_id, d.case_id, d.due_date, t.total, CASE WHEN d.collect THEN t.fee ELSE 0 END,
               0, d.collect, d.due_date::timestamptz
        FROM plan_due d JOIN (SELECT case_id, sum(instalment) AS total, sum(fee) AS fee
                              FROM plan_share GROUP BY case_id) t ON t.case_id = d.case_id;
    """,
    ),
    (
        "what each instalment charged",
        """
        CREATE TEMP TABLE g_charge AS
        SELECT nextval(%(ledger_seq)s::regclass) AS entry_id,
               i.id AS instalment_id, i.case_id, i.due_date, s.party_id, kind.kind,
               CASE kind.kind WHEN 'maintenance_due' THEN s.instalment ELSE s.fee END AS amount,
               d.outcome,
               s.party_id = i.case_id * 3 + 1 AS first_share
        FROM payments_instalment i
        JOIN plan_due d ON d.case_id = i.case_id AND d.due_date = i.due_date
        JOIN plan_share s ON s.case_id = i.case_id
        CROSS JOIN (VALUES ('maintenance_due'), ('paying_parent_fee')) kind(kind)
        WHERE i.collect_and_pay;
        ALTER TABLE g_charge ADD COLUMN paid numeric;
        UPDATE g_charge SET paid = CASE
            WHEN outcome = 'paid' THEN amount
            WHEN outcome = 'part' AND kind = 'maintenance_due' AND first_share
                THEN round(amount / 2, 2)
            ELSE 0 END;
        INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key, reason,
               posted_at, account_id, case_id, instalment_id)
        SELECT entry_id, kind, amount, due_date,
               CASE kind WHEN 'maintenance_due' THEN 'due:' ELSE 'fee:' END || case_id || ':'
                   || due_date || ':' || party_id || ':' || case_id,
               '', due_date::timestamptz, case_id * 3, case_id, instalment_id
        FROM g_charge;
        INSERT INTO payments_obligation (case_id, entry_id, kind, due_date, instalment_id,
               receiving_account_id, amount, outstanding, cancelled)
        SELECT case_id, entry_id,
               CASE kind WHEN 'maintenance_due' THEN 'maintenance' ELSE 'collection_fee' END,
               due_date, instalment_id,
               CASE kind WHEN 'maintenance_due' THEN party_id END, amount, amount - paid, false
        FROM g_charge;
    """,
    ),
    (
        "receipts and allocations",
        """
        CREATE TEMP TABLE g_receipt AS
        SELECT nextval(%(receipt_seq)s::regclass) AS receipt_id,
               nextval(%(ledger_seq)s::regclass) AS entry_id,
               instalment_id, case_id, due_date, sum(paid) AS amount
        FROM g_charge WHERE paid > 0 GROUP BY instalment_id, case_id, due_date;
        INSERT INTO payments_receipt (id, public_id, amount, received_on, method,
               external_reference, idempotency_key, unallocated, reversed, recorded_at,
               account_id, case_id)
        SELECT receipt_id, gen_random_uuid(), amount, due_date, 'direct_debit', '',
               'bench:' || case_id || ':' || due_date, 0, false, due_date::timestamptz,
               case_id * 3, case_id
        FROM g_receipt;
        INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key,
               reason, posted_at, account_id, case_id, receipt_id)
        SELECT entry_id, 'payment_received', -amount, due_date, 'receipt:bench:' || case_id || ':'
               || due_date, '', due_date::timestamptz, case_id * 3, case_id, receipt_id
        FROM g_receipt;
        CREATE TEMP TABLE g_allocation AS
        SELECT r.receipt_id, o.id AS obligation_id, c.paid AS amount, c.due_date, c.case_id,
               c.party_id, c.kind,
               CASE WHEN c.kind = 'maintenance_due'
                    THEN nextval(%(ledger_seq)s::regclass) END
                   AS collected_id
        FROM g_charge c
        JOIN g_receipt r ON r.instalment_id = c.instalment_id
        JOIN payments_obligation o ON o.entry_id = c.entry_id
        WHERE c.paid > 0;
        INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key,
               reason, posted_at, account_id, case_id, receipt_id)
        SELECT collected_id, 'maintenance_collected', amount, due_date,
               'collected:' || receipt_id || ':' || obligation_id || ':bench', '',
               due_date::timestamptz, party_id, case_id, receipt_id
        FROM g_allocation WHERE collected_id IS NOT NULL;
        INSERT INTO payments_allocation (receipt_id, obligation_id, amount, allocated_on,
                                         collected_entry_id, created_at)
        SELECT receipt_id, obligation_id, amount, due_date, collected_id, due_date::timestamptz
        FROM g_allocation;
    """,
    ),
    (
        "money passed on",
        """
        CREATE TEMP TABLE g_payout AS
        SELECT nextval(%(disbursement_seq)s::regclass) AS disbursement_id,
               party_id AS account_id, case_id, due_date + 1 AS business_date, sum(amount) AS gross
        FROM g_allocation
        WHERE collected_id IS NOT NULL AND due_date <= %(day)s::date - 2
        GROUP BY party_id, case_id, due_date;
        ALTER TABLE g_payout ADD COLUMN fee numeric;
        UPDATE g_payout SET fee = round(gross * 0.04, 2);
        INSERT INTO payments_disbursement (id, public_id, business_date, gross, fee, net, status,
                                           created_at, account_id, case_id)
        SELECT disbursement_id, gen_random_uuid(), business_date, gross, fee, gross - fee, 'paid',
               business_date::timestamptz, account_id, case_id
        FROM g_payout;
        INSERT INTO payments_ledgerentry (kind, amount, effective_date, idempotency_key, reason,
               posted_at, account_id, case_id, disbursement_id)
        SELECT 'receiving_parent_fee', -fee, business_date, 'pass-on-fee:' || account_id || ':'
               || business_date, '', business_date::timestamptz, account_id, case_id,
               disbursement_id
        FROM g_payout WHERE fee <> 0
        UNION ALL
        SELECT 'passed_on', fee - gross, business_date, 'pass-on:' || account_id || ':'
               || business_date, '', business_date::timestamptz, account_id, case_id,
               disbursement_id
        FROM g_payout;
    """,
    ),
    (
        "past missed payments",
        """
        INSERT INTO payments_missedpaymentnotice (kind, outstanding, business_date, escalate,
                                                  notified_at, case_id, instalment_id)
        SELECT CASE WHEN sum(c.paid) = 0 THEN 'missed' ELSE 'part_paid' END,
               sum(c.amount - c.paid), c.due_date + 3, false, (c.due_date + 3)::timestamptz,
               c.case_id, c.instalment_id
        FROM g_charge c
        WHERE c.kind = 'maintenance_due' AND c.outcome <> 'paid'
          AND c.due_date <= %(day)s::date - 4
        GROUP BY c.case_id, c.instalment_id, c.due_date;
    """,
    ),
    (
        "money received yesterday, to allocate tonight",
        """
        CREATE TEMP TABLE g_today AS
        SELECT nextval(%(receipt_seq)s::regclass) AS receipt_id,
               nextval(%(ledger_seq)s::regclass) AS entry_id,
               c.id AS case_id,
               CASE WHEN c.payer = 0 THEN t.total + t.fee
                    ELSE round((20 + random() * 180)::numeric, 2) END AS amount
        FROM plan_case c
        JOIN payments_paymentschedule s ON s.id = c.id
        JOIN (SELECT case_id, sum(instalment) AS total, sum(fee) AS fee FROM plan_share
              GROUP BY case_id) t ON t.case_id = c.id
        WHERE c.collect AND ((c.payer = 0 AND s.next_due_date = %(day)s::date AND random() < 0.9)
                             OR (c.payer > 0 AND random() < 0.04));
        INSERT INTO payments_receipt (id, public_id, amount, received_on, method,
               external_reference, idempotency_key, unallocated, reversed, recorded_at,
               account_id, case_id)
        SELECT receipt_id, gen_random_uuid(), amount, %(day)s::date - 1, 'bank_transfer', '',
               'bench:today:' || case_id, amount, false, now(), case_id * 3, case_id
        FROM g_today;
        INSERT INTO payments_ledgerentry (id, kind, amount, effective_date, idempotency_key,
               reason, posted_at, account_id, case_id, receipt_id)
        SELECT entry_id, 'payment_received', -amount, %(day)s::date - 1,
               'receipt:bench:today:' || case_id, '', now(), case_id * 3, case_id, receipt_id
        FROM g_today;
    """,
    ),
    (
        "account balances and statuses",
        """
        UPDATE payments_account a SET balance = t.total
        FROM (SELECT account_id, sum(amount) AS total FROM payments_ledgerentry
              GROUP BY account_id) t
        WHERE a.id = t.account_id;
        UPDATE payments_account a SET unallocated = t.held
        FROM (SELECT account_id, sum(unallocated) AS held FROM payments_receipt
              WHERE unallocated > 0 GROUP BY account_id) t
        WHERE a.id = t.account_id;
        UPDATE payments_account a SET current_due_date = t.last_due
        FROM (SELECT case_id, max(due_date) AS last_due FROM payments_instalment
              WHERE collect_and_pay GROUP BY case_id) t
        WHERE a.case_id = t.case_id AND a.role = 'paying';
        UPDATE payments_account a SET arrears_status = 'in_arrears', missed_in_row = t.misses,
               escalated_on = CASE WHEN t.misses >= 2 THEN %(day)s::date - 10 END
        FROM (SELECT n.case_id, count(*) AS misses FROM payments_missedpaymentnotice n
              JOIN payments_obligation o ON o.instalment_id = n.instalment_id
                   AND o.kind = 'maintenance' AND o.outstanding > 0
              GROUP BY n.case_id) t
        WHERE a.case_id = t.case_id AND a.role = 'paying';
    """,
    ),
    (
        "identity sequences",
        """
        SELECT setval(pg_get_serial_sequence('cases_case', 'id'), (SELECT max(id) FROM cases_case));
        SELECT setval(pg_get_serial_sequence('cases_party', 'id'), (SELECT max(id) FROM
            cases_party));
        SELECT setval(pg_get_serial_sequence('payments_account', 'id'),
                      (SELECT max(id) FROM payments_account));
        SELECT setval(pg_get_serial_sequence('payments_paymentschedule', 'id'),
                      (SELECT max(id) FROM payments_paymentschedule));
    """,
    ),
]


BULK_TABLES = [
    "payments_ledgerentry",
    "payments_obligation",
    "payments_allocation",
    "payments_receipt",
    "payments_instalment",
    "payments_disbursement",
    "payments_missedpaymentnotice",
    "cases_party",
    "cases_child",
    "payments_account",
]


def _drop_indexes(cursor):
    """Drop every index but the primary keys of the tables loaded in bulk (rebuilding an
    index once is far quicker than keeping it up to date row by row). Returns the SQL to
    put them back."""
    cursor.execute(
        """
        SELECT 'ALTER TABLE ' || quote_ident(t.relname) || ' DROP CONSTRAINT '
                   || quote_ident(c.conname),
               'ALTER TABLE ' || quote_ident(t.relname) || ' ADD CONSTRAINT '
                   || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = ANY(%(tables)s) AND c.contype = 'u'
        UNION ALL
        SELECT 'DROP INDEX ' || quote_ident(i.indexname), i.indexdef
        FROM pg_indexes i
        WHERE i.tablename = ANY(%(tables)s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname
                          AND c.contype IN ('p', 'u'))
    """,
        {"tables": BULK_TABLES},
    )
    statements = cursor.fetchall()
    for drop, _create in statements:
        cursor.execute(drop)
    return [create for _drop, create in statements]


def generate(connection, *, cases, day: date, years=4, seed=0.42, report=print):
    """Fill an empty, migrated database. `connection` is a psycopg connection using
    client-side binding (so utility statements can take parameters)."""
    params = {"cases": cases, "day": day, "years": years, "seed": seed}
    with connection.cursor() as cursor:
        for table, key in SEQUENCES.items():
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            params[key] = cursor.fetchone()[0]
        # Bulk load: skip per-row foreign key triggers (every key is built consistent) and
        # build the indexes once at the end.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        recreate = _drop_indexes(cursor)
        for name, sql in STEPS:
            start = time.perf_counter()
            cursor.execute(sql, params)
            report(f"    {name}: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        for statement in recreate:
            cursor.execute(statement)
        report(f"    indexes: {time.perf_counter() - start:.1f} s")
        cursor.execute("SET session_replication_role = DEFAULT")
    connection.commit()
    connection.autocommit = True
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE, FREEZE)")
    report(f"    vacuum and analyse: {time.perf_counter() - start:.1f} s")
    connection.autocommit = False


def history_start(day: date, years: int) -> date:
    return day - timedelta(days=years * 365)
