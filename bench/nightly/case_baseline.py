"""The case jobs' night (children who stop qualifying, then annual reviews) as set-based
SQL, the yardstick for payments/jobs/reviews.py.

It is written for the shapes of case bench/nightly/generate.py makes, and only those:
every case open with one paying parent and one or two receiving parents, each with one
child and no shared care; income from one HMRC record with no benefit; no relevant
other children, variations, deduction orders or decisions made ahead of tonight; at
most one child per case stopping tonight, on the business date itself, and counted by
the decision in force. The maintenance calculation below covers the reduced, basic and
basic plus rates for those cases (an income of at least £100 a week, one to three
children, no shared care); the nil and flat rates, shared care and the rounding minimum
are left out. The fingerprint comparison (fingerprint.py) shows both ended the same on
that data, not that this is the calculation in general."""

CHILDREN_STOPPING = """
CREATE TEMP TABLE b_stopping AS
SELECT ch.id AS child_id, ch.case_id, ch.stops_qualifying_on AS stop_on, c.reference
FROM cases_child ch JOIN cases_case c ON c.id = ch.case_id
WHERE ch.status = 'qualifying' AND ch.stops_qualifying_on <= %(day)s::date;

UPDATE cases_child ch SET status = 'left', left_on = s.stop_on
FROM b_stopping s WHERE ch.id = s.child_id;

INSERT INTO cases_auditevent_b (action, object_ref)
SELECT 'child.stopped_qualifying', reference FROM b_stopping;

-- No child left after the last stop: the case goes to a caseworker to be closed.
CREATE TEMP TABLE b_closing AS
SELECT s.case_id, s.reference, max(s.stop_on) AS last_stop,
       'CL-B' || lpad(s.case_id::text, 8, '0') AS closure_reference
FROM b_stopping s
GROUP BY s.case_id, s.reference
HAVING NOT EXISTS (SELECT 1 FROM cases_child q
                   WHERE q.case_id = s.case_id AND q.status = 'qualifying'
                     AND q.stops_qualifying_on > max(s.stop_on));

INSERT INTO cases_closurerequest (public_id, reference, case_id, reason, details, status,
                                  refusal_reason, requested_at)
SELECT gen_random_uuid(), closure_reference, case_id, 'review',
       'no qualifying child from ' || last_stop, 'requested', '', now()
FROM b_closing;

INSERT INTO cases_workitem_b (case_id, kind, summary, source_reference, reference)
SELECT case_id, 'case_closure',
       closure_reference || ': check whether the case should close: no qualifying child from '
           || last_stop,
       closure_reference, reference
FROM b_closing;

INSERT INTO cases_auditevent_b (action, object_ref)
SELECT 'case.closure_review_requested', reference FROM b_closing;

INSERT INTO b_email (case_id, template)
SELECT case_id, 'cases_no_qualifying_children' FROM b_closing;

-- Otherwise a new decision from the stop date, on the income of the one in force.
INSERT INTO b_new (case_id, reference, reason, effective_date, income_record_id)
SELECT s.case_id, s.reference, 'child_stopped', s.stop_on, d.income_record_id
FROM b_stopping s
CROSS JOIN LATERAL (SELECT income_record_id FROM cases_decision
                    WHERE case_id = s.case_id AND effective_date <= s.stop_on
                    ORDER BY decided_at DESC, id DESC LIMIT 1) d
WHERE s.case_id NOT IN (SELECT case_id FROM b_closing);
"""

ANNUAL_REVIEW = """
CREATE TEMP TABLE b_due AS
SELECT c.id AS case_id, c.reference, c.review_date, c.initial_effective_date, i.id AS income_id,
       i.gross_weekly_income, i.benefit
FROM cases_case c
LEFT JOIN LATERAL (SELECT id, gross_weekly_income, benefit FROM cases_incomerecord
                   WHERE case_id = c.id AND tax_year <> ''
                   ORDER BY tax_year DESC, recorded_at DESC, id DESC LIMIT 1) i ON true
WHERE c.status = 'open' AND c.review_date IS NOT NULL
  AND c.review_date <= %(day)s::date + 30
  AND c.review_queued_for IS DISTINCT FROM c.review_date;

ALTER TABLE b_due ADD COLUMN problem text;
UPDATE b_due SET problem = 'no income recorded for the latest tax year'
WHERE income_id IS NULL OR (gross_weekly_income IS NULL AND benefit = 'none');
UPDATE b_due d
SET problem = 'education or training not recorded for a child aged 16 or over on the review date'
WHERE problem IS NULL AND EXISTS (
    SELECT 1 FROM cases_child ch
    WHERE ch.case_id = d.case_id AND ch.status = 'qualifying' AND ch.education_ends_on IS NULL
      AND CASE WHEN to_char(ch.date_of_birth, 'MM-DD') = '02-29'
                    AND to_char((ch.date_of_birth + interval '16 years')::date, 'DD') = '28'
               THEN (ch.date_of_birth + interval '16 years')::date + 1
               ELSE (ch.date_of_birth + interval '16 years')::date END <= d.review_date);
UPDATE b_due d SET problem = 'There are no qualifying children to calculate for.'
WHERE problem IS NULL AND NOT EXISTS (
    SELECT 1 FROM cases_child ch
    WHERE ch.case_id = d.case_id AND ch.status = 'qualifying'
      AND (ch.stops_qualifying_on IS NULL OR ch.stops_qualifying_on > d.review_date));

INSERT INTO cases_workitem_b (case_id, kind, summary, source_reference, reference)
SELECT case_id, 'annual_review',
       'Annual review on ' || review_date || ' could not be made: ' || problem,
       'review:' || review_date, reference
FROM b_due d
WHERE problem IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM cases_workitem w
                  WHERE w.case_id = d.case_id AND w.kind = 'annual_review'
                    AND w.source_reference = 'review:' || d.review_date AND w.status <> 'done');
UPDATE cases_case c SET review_queued_for = d.review_date, updated_at = now()
FROM b_due d WHERE c.id = d.case_id AND d.problem IS NOT NULL;

INSERT INTO b_new (case_id, reference, reason, effective_date, income_record_id)
SELECT case_id, reference, 'annual_review', review_date, income_id FROM b_due
WHERE problem IS NULL;

-- The next review: the first anniversary of the initial date after this one.
UPDATE cases_case c
SET review_date = CASE WHEN (d.initial_effective_date + make_interval(years => n.years))::date
                            > d.review_date
                       THEN (d.initial_effective_date + make_interval(years => n.years))::date
                       ELSE (d.initial_effective_date + make_interval(years => n.years + 1))::date
                  END,
    review_queued_for = NULL, updated_at = now()
FROM b_due d,
     LATERAL (SELECT greatest(1, extract(year FROM d.review_date)::int
                                 - extract(year FROM d.initial_effective_date)::int) AS years) n
WHERE c.id = d.case_id AND d.problem IS NULL;

INSERT INTO cases_auditevent_b (action, object_ref)
SELECT 'case.annual_review', reference FROM b_due WHERE problem IS NULL;
"""

# The decisions in b_new (one per case), their schedules from the effective date, and
# the notices of the new amount. Run after each job's own step, so a case with a child
# stopping and a review tonight gets both decisions, the second superseding the first.
DECISIONS = """
CREATE TEMP TABLE b_party AS
SELECT n.case_id, p.id AS party_id, p.public_id, a.id AS account_id, count(*) AS children,
       jsonb_agg(jsonb_build_object('public_id', ch.public_id, 'full_name', ch.full_name,
                                    'date_of_birth', ch.date_of_birth,
                                    'shared_care_nights', ch.shared_care_nights)
                 ORDER BY ch.date_of_birth, ch.id) AS counted
FROM b_new n
JOIN cases_party p ON p.case_id = n.case_id AND p.role = 'receiving'
JOIN cases_child ch ON ch.receiving_party_id = p.id AND ch.status = 'qualifying'
     AND (ch.stops_qualifying_on IS NULL OR ch.stops_qualifying_on > n.effective_date)
JOIN payments_account a ON a.party_id = p.id AND a.case_id = n.case_id
GROUP BY n.case_id, p.id, p.public_id, a.id;

CREATE TEMP TABLE b_amount AS
SELECT n.case_id, k.children, i.gross_weekly_income,
       CASE WHEN i.gross_weekly_income < 200
            THEN 7 + (i.gross_weekly_income - 100)
                     * (ARRAY[0.170, 0.250, 0.310])[least(k.children, 3)]
            WHEN least(i.gross_weekly_income, 3000) <= 800
            THEN least(i.gross_weekly_income, 3000)
                 * (ARRAY[0.12, 0.16, 0.19])[least(k.children, 3)]
            ELSE 800 * (ARRAY[0.12, 0.16, 0.19])[least(k.children, 3)]
                 + (least(i.gross_weekly_income, 3000) - 800)
                   * (ARRAY[0.09, 0.12, 0.15])[least(k.children, 3)] END AS exact,
       k.parties
FROM b_new n
JOIN cases_incomerecord i ON i.id = n.income_record_id
JOIN (SELECT case_id, sum(children)::int AS children, count(*) AS parties FROM b_party
      GROUP BY case_id) k ON k.case_id = n.case_id;

ALTER TABLE b_party ADD COLUMN weekly numeric;
UPDATE b_party p SET weekly = round(a.exact * p.children / a.children, 2)
FROM b_amount a WHERE a.case_id = p.case_id;

CREATE TEMP TABLE b_decision AS
SELECT nextval(%(decision_seq)s::regclass) AS decision_id, n.*, c.payment_frequency,
       (SELECT sum(weekly) FROM b_party p WHERE p.case_id = n.case_id) AS weekly,
       (SELECT id FROM cases_decision d WHERE d.case_id = n.case_id
        ORDER BY decided_at DESC, id DESC LIMIT 1) AS previous_id
FROM b_new n JOIN cases_case c ON c.id = n.case_id;

INSERT INTO cases_decision (id, public_id, effective_date, weekly_amount, calculation_input,
                            calculation_result, reason, decided_at, challenge_by, case_id,
                            supersedes_id, income_record_id)
SELECT d.decision_id, gen_random_uuid(), d.effective_date, d.weekly,
       jsonb_build_object('receiving_parties',
                          (SELECT jsonb_agg(jsonb_build_object('public_id', p.public_id,
                                                               'children', p.counted))
                           FROM b_party p WHERE p.case_id = d.case_id)),
       jsonb_build_object('weekly_amount', d.weekly, 'by_receiving_party',
                          (SELECT jsonb_object_agg(p.public_id,
                                                   jsonb_build_object('weekly_amount', p.weekly))
                           FROM b_party p WHERE p.case_id = d.case_id)),
       d.reason, now(), (now() AT TIME ZONE 'Europe/London')::date + 30, d.case_id,
       d.previous_id, d.income_record_id
FROM b_decision d;

INSERT INTO cases_auditevent_b (action, object_ref)
SELECT 'decision.made', reference FROM b_decision;

-- The schedule: the open one ends the day before; the payment day stays when the
-- frequency is the same.
CREATE TEMP TABLE b_previous AS
SELECT d.decision_id, s.id AS schedule_id, s.first_due_date, s.frequency
FROM b_decision d JOIN payments_paymentschedule s
  ON s.case_id = d.case_id AND s.ends_on IS NULL;

UPDATE payments_paymentschedule s
SET ends_on = d.effective_date - 1,
    next_due_date = CASE WHEN s.next_due_date > d.effective_date - 1 THEN NULL
                         ELSE s.next_due_date END
FROM b_decision d
WHERE s.case_id = d.case_id AND (s.ends_on IS NULL OR s.ends_on >= d.effective_date);

CREATE TEMP TABLE b_schedule AS
SELECT nextval(%(schedule_seq)s::regclass) AS schedule_id, d.decision_id, d.case_id,
       d.reference, d.effective_date, d.weekly, d.payment_frequency,
       coalesce(CASE WHEN b.frequency = d.payment_frequency THEN b.first_due_date END,
                d.effective_date) AS anchor,
       greatest(d.effective_date,
                (SELECT max(due_date) + 1 FROM payments_instalment i
                 WHERE i.case_id = d.case_id)) AS start_from
FROM b_decision d LEFT JOIN b_previous b ON b.decision_id = d.decision_id;

ALTER TABLE b_schedule ADD COLUMN next_due date;
UPDATE b_schedule SET next_due = CASE
    WHEN start_from <= anchor THEN anchor
    WHEN payment_frequency = 'monthly' THEN (
        SELECT min((anchor + make_interval(months => m))::date) FROM generate_series(
            greatest(0, ((extract(year FROM start_from) - extract(year FROM anchor)) * 12
                         + extract(month FROM start_from) - extract(month FROM anchor))::int - 1),
            greatest(0, ((extract(year FROM start_from) - extract(year FROM anchor)) * 12
                         + extract(month FROM start_from) - extract(month FROM anchor))::int + 1)
        ) m
        WHERE (anchor + make_interval(months => m))::date >= start_from)
    ELSE anchor + CASE payment_frequency WHEN 'weekly' THEN 7 WHEN 'fortnightly' THEN 14
                                         ELSE 28 END
                  * ceil((start_from - anchor)::numeric
                         / CASE payment_frequency WHEN 'weekly' THEN 7
                                                  WHEN 'fortnightly' THEN 14 ELSE 28 END)::int
    END;

CREATE TEMP TABLE b_share AS
SELECT s.schedule_id, p.party_id, p.account_id, p.weekly,
       round(p.weekly * CASE s.payment_frequency WHEN 'weekly' THEN 1 WHEN 'fortnightly' THEN 2
                                                 WHEN 'four_weekly' THEN 4 ELSE 52 END
             / CASE s.payment_frequency WHEN 'monthly' THEN 12 ELSE 1 END, 2) AS instalment
FROM b_schedule s JOIN b_party p ON p.case_id = s.case_id;

INSERT INTO payments_paymentschedule (id, public_id, frequency, first_due_date, starts_on,
                                      next_due_date, weekly_amount, instalment_amount,
                                      created_at, case_id, decision_id)
SELECT s.schedule_id, gen_random_uuid(), s.payment_frequency, s.anchor, s.effective_date,
       s.next_due, s.weekly,
       (SELECT sum(instalment) FROM b_share b WHERE b.schedule_id = s.schedule_id), now(),
       s.case_id, s.decision_id
FROM b_schedule s;

INSERT INTO payments_scheduleshare (schedule_id, receiving_party_id, receiving_account_id,
                                    weekly_amount, instalment_amount)
SELECT schedule_id, party_id, account_id, weekly, instalment FROM b_share;

INSERT INTO cases_auditevent_b (action, object_ref)
SELECT 'payments.schedule_made', reference FROM b_schedule;

INSERT INTO b_email (case_id, template) SELECT case_id, 'cases_new_amount' FROM b_decision;

DROP TABLE b_party, b_amount, b_decision, b_previous, b_schedule, b_share;
TRUNCATE b_new;
"""

# The rows both steps collect, written once at the end: the emails (one to each party
# with an address) and the audit events.
SETUP = """
CREATE TEMP TABLE b_new (case_id bigint, reference text, reason text, effective_date date,
                         income_record_id bigint);
CREATE TEMP TABLE b_email (case_id bigint, template text);
CREATE TEMP TABLE cases_auditevent_b (action text, object_ref text);
CREATE TEMP TABLE cases_workitem_b (case_id bigint, kind text, summary text,
                                    source_reference text, reference text);
"""

FINISH = """
INSERT INTO cms_portal_outboundemail ("to", template, language, subject, body, status, attempts,
                                      created_at, next_try_at)
SELECT p.email, e.template, coalesce(nullif(p.preferred_language, ''), 'en'), '', '', 'queued',
       0, now(), now()
FROM b_email e JOIN cases_party p ON p.case_id = e.case_id
WHERE p.email <> '';

INSERT INTO cases_workitem (public_id, case_id, kind, summary, source_reference, status,
                            created_at)
SELECT gen_random_uuid(), case_id, kind, summary, source_reference, 'open', now()
FROM cases_workitem_b;

INSERT INTO cms_portal_auditevent (occurred_at, action, object_type, object_ref, request_id,
                                   details)
SELECT now(), action, 'cases.Case', object_ref, '', '{}'::jsonb FROM cases_auditevent_b
UNION ALL
SELECT now(), 'work_item.queued', 'cases.Case', reference, '', jsonb_build_object('kind', kind)
FROM cases_workitem_b;
"""

CASE_STEPS = [
    ("children_stopping", SETUP + CHILDREN_STOPPING + DECISIONS),
    ("annual_review", ANNUAL_REVIEW + DECISIONS + FINISH),
]
CASE_SEQUENCES = {"cases_decision": "decision_seq", "payments_paymentschedule": "schedule_seq"}
