"""A payroll deductions file of N rows filed through the real upload code, against
PostgreSQL doing the least it could: COPY of the same file into a staging table and one
INSERT ... SELECT that looks up the orders and works out the same deductions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_employers \\
        python -m bench.employer_upload --rows 10000

The orders are set up once per database (not timed). Each timed run starts with no
returns for the bench employer, so the real code and the baseline do the same work; both
results are compared row by row. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from bench.postgres_setup import setup_django

BENCH_EMPLOYER = "Bench Payroll Ltd"
TARGET_RATIO = 5
TARGET_SECONDS = 10


def _setup_django():
    setup_django("cms_employers")


def _orders(rows):
    """The bench employer and `rows` active orders, made once with bulk inserts."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import Case, Party
    from employers.models import DeductionOrder, Employer, EmployerMembership

    employer = Employer.objects.filter(name=BENCH_EMPLOYER).first() or Employer.objects.create(
        name=BENCH_EMPLOYER
    )
    user, _created = get_user_model().objects.get_or_create(email="bench.payroll@example.test")
    EmployerMembership.objects.get_or_create(
        employer=employer, user=user, defaults={"role": "admin"}
    )
    have = DeductionOrder.objects.filter(employer=employer).count()
    rng = random.Random(2012)
    served = timezone.localdate() - timedelta(days=90)
    for start in range(have, rows, 5000):
        count = min(5000, rows - start)
        cases = Case.objects.bulk_create(
            [
                Case(reference=f"1218{start + i:08d}", service_type="collect_and_pay")
                for i in range(count)
            ]
        )
        parties = Party.objects.bulk_create(
            [
                Party(
                    case=case,
                    role="paying",
                    full_name=f"Employee {start + i:05d}",
                    date_of_birth=date(1985, 1, 1),
                    national_insurance_number="JT123456C",
                )
                for i, case in enumerate(cases)
            ]
        )
        DeductionOrder.objects.bulk_create(
            [
                DeductionOrder(
                    employer=employer,
                    case=case,
                    employee=party,
                    payroll_number=f"B{start + i:06d}",
                    pay_frequency=rng.choice(["weekly", "monthly"]),
                    normal_deduction_rate=Decimal(rng.randrange(500, 60000)) / 100,
                    served_on=served,
                )
                for i, (case, party) in enumerate(zip(cases, parties, strict=True))
            ]
        )
    orders = list(
        DeductionOrder.objects.filter(employer=employer)
        .order_by("pk")
        .values_list("reference", "payroll_number")[:rows]
    )
    return employer, user, orders


def _file(orders, pay_date):
    """The payroll export: one pay day for every order, some paid too little to take
    the full rate, some with the £1 admin fee."""
    rng = random.Random(19)
    lines = ["order_reference,payroll_number,pay_date,net_earnings,admin_fee"]
    for reference, payroll in orders:
        net = Decimal(rng.randrange(0, 400_000)) / 100
        fee = "1.00" if rng.random() < 0.3 and net > 10 else ""
        lines.append(f"{reference},{payroll},{pay_date.isoformat()},{net},{fee}")
    return ("\r\n".join(lines) + "\r\n").encode()


def _clear(employer):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM employers_deductionreturn WHERE employer_id = %s", [employer.pk]
        )
        cursor.execute(
            "DELETE FROM employers_deductionupload WHERE employer_id = %s", [employer.pk]
        )


def _results(employer):
    from employers.models import DeductionReturn

    rows = DeductionReturn.objects.filter(employer=employer).values_list(
        "order_id", "pay_date", "amount_deducted", "shortfall_carried_forward", "admin_fee"
    )
    return {(order_id, pay_date): figures for order_id, pay_date, *figures in rows}


def _real(employer, user, data):
    from employers.services import file_upload

    started = time.perf_counter()
    result = file_upload(acting_user=user, employer=employer, file_name="bench.csv", data=data)
    elapsed = time.perf_counter() - started
    assert not result.repeated
    return elapsed, result.upload.returns_filed


BASELINE_SQL = """
WITH rows AS (
    SELECT o.id AS order_id, o.employer_id, s.pay_date::date AS pay_date,
           s.net_earnings::numeric(12, 2) AS net, o.normal_deduction_rate AS rate,
           COALESCE(latest.shortfall, 0) AS brought_forward,
           FLOOR(s.net_earnings::numeric * (1 - o.protected_earnings_proportion) * 100) / 100
               AS limit_,
           COALESCE(NULLIF(s.admin_fee, '')::numeric(12, 2), 0) AS fee
    FROM bench_staging s
    JOIN employers_deductionorder o
      ON o.reference = s.order_reference AND o.employer_id = %(employer)s
     AND o.payroll_number = s.payroll_number AND o.status = 'active'
    LEFT JOIN LATERAL (
        SELECT r.shortfall_carried_forward AS shortfall FROM employers_deductionreturn r
        WHERE r.order_id = o.id ORDER BY r.pay_date DESC LIMIT 1) latest ON TRUE
)
INSERT INTO employers_deductionreturn (
    public_id, order_id, employer_id, pay_date, net_earnings, normal_rate,
    shortfall_brought_forward, protected_earnings, amount_deducted, shortfall_carried_forward,
    admin_fee, source, filed_at)
SELECT gen_random_uuid(), order_id, employer_id, pay_date, net, rate, brought_forward,
       net - limit_, LEAST(rate + brought_forward, limit_),
       rate + brought_forward - LEAST(rate + brought_forward, limit_), fee, 'upload', now()
FROM rows
"""


def _baseline(employer, data):
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_staging (order_reference text, payroll_number text, "
            "pay_date text, net_earnings text, admin_fee text) ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_staging FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(data)
        cursor.execute(BASELINE_SQL, {"employer": employer.pk})
        inserted = cursor.rowcount
    return time.perf_counter() - started, inserted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs of each; the median is kept"
    )
    args = parser.parse_args(argv)
    _setup_django()
    from django.utils import timezone

    employer, user, orders = _orders(args.rows)
    data = _file(orders, timezone.localdate() - timedelta(days=3))
    print(f"{len(orders):,} orders; file of {len(data) / 1024:,.0f} KiB", file=sys.stderr)

    real_times, baseline_times = [], []
    for run in range(args.repeat):
        _clear(employer)
        seconds, filed = _real(employer, user, data)
        real_times.append(seconds)
        real_results = _results(employer)
        _clear(employer)
        seconds, inserted = _baseline(employer, data)
        baseline_times.append(seconds)
        baseline_results = _results(employer)
        if run == 0:
            assert filed == inserted == len(orders), (filed, inserted, len(orders))
            assert real_results == baseline_results, "the real code and the baseline disagree"
        print(
            f"run {run + 1}: real {real_times[-1]:.3f}s, baseline {baseline_times[-1]:.3f}s",
            file=sys.stderr,
        )
    _clear(employer)

    seconds = statistics.median(real_times)
    baseline_seconds = statistics.median(baseline_times)
    ratio = seconds / baseline_seconds
    met = ratio <= TARGET_RATIO and seconds < TARGET_SECONDS
    print(
        f"target: at most {TARGET_RATIO}x the baseline and under {TARGET_SECONDS}s: "
        f"{'met' if met else 'NOT met'}",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "rows": len(orders),
                "seconds": round(seconds, 4),
                "baseline_seconds": round(baseline_seconds, 4),
                "ratio": round(ratio, 2),
            }
        )
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
