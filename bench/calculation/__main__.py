"""Throughput of the calculation engine against a straight-line baseline.

    python -m bench.calculation [--n 500000] [--seed 2012]

Inputs come from a seeded generator (the same every run), are built in chunks outside the
timed loops, and both implementations run over the same chunk. The two must agree on a
sample. The last line printed is one JSON object for tools to read.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from calculation.engine import (
    Benefit,
    CalculationInput,
    ChildInput,
    ReceivingParentInput,
    ServiceType,
    calculate,
)

from .baseline import baseline_calculate

CHUNK = 50_000
SAMPLE_EVERY = 7
SCHEME_START = date(2013, 11, 25)
DAYS_COVERED = (date(2026, 12, 31) - SCHEME_START).days

# An assumed caseload mix (not measured data): most cases have one receiving parent, one or
# two children and no shared care, a fifth are on the flat rate through a benefit, and every
# band and rule is still reached thousands of times in a default run.
NIGHTS_BANDS = ((0, 0), (1, 51), (52, 103), (104, 155), (156, 174), (175, 365))
NIGHTS_WEIGHTS = (72, 8, 8, 5, 3, 4)
PARENTS_WEIGHTS = {1: 88, 2: 9, 3: 3}
CHILDREN_WEIGHTS = {1: 55, 2: 30, 3: 10, 4: 5}
OTHER_CHILDREN_WEIGHTS = {0: 60, 1: 20, 2: 12, 3: 5, 4: 3}
BENEFIT_WEIGHTS = {Benefit.NONE: 78, Benefit.FLAT_RATE_BENEFIT: 18, Benefit.NIL_RATE: 4}
SERVICE_WEIGHTS = {ServiceType.DIRECT_PAY: 60, ServiceType.COLLECT_AND_PAY: 40}
# Weekly income in pence by band: nil, flat, reduced, basic, basic plus, over the cap.
INCOME_BANDS = (
    (0, 699),
    (700, 10_000),
    (10_001, 19_999),
    (20_000, 80_000),
    (80_001, 300_000),
    (300_001, 600_000),
)
INCOME_WEIGHTS = (2, 8, 12, 50, 25, 3)


def _weighted(rng: random.Random, weights: dict) -> object:
    return rng.choices(tuple(weights), tuple(weights.values()))[0]


class InputGenerator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.children = [ChildInput(nights) for nights in range(366)]

    def one(self) -> CalculationInput:
        rng = self.rng
        parents = []
        for _ in range(_weighted(rng, PARENTS_WEIGHTS)):
            children = []
            for _ in range(_weighted(rng, CHILDREN_WEIGHTS)):
                low, high = rng.choices(NIGHTS_BANDS, NIGHTS_WEIGHTS)[0]
                children.append(self.children[rng.randint(low, high)])
            parents.append(ReceivingParentInput(tuple(children)))
        benefit = _weighted(rng, BENEFIT_WEIGHTS)
        low, high = rng.choices(INCOME_BANDS, INCOME_WEIGHTS)[0]
        income = Decimal(rng.randint(low, high)).scaleb(-2)
        if benefit is not Benefit.NONE and rng.random() < 0.7:
            income = None
        return CalculationInput(
            effective_date=SCHEME_START + timedelta(days=rng.randint(0, DAYS_COVERED)),
            gross_weekly_income=income,
            benefit=benefit,
            relevant_other_children=_weighted(rng, OTHER_CHILDREN_WEIGHTS),
            service_type=_weighted(rng, SERVICE_WEIGHTS),
            receiving_parents=tuple(parents),
        )

    def chunk(self, size: int) -> list[CalculationInput]:
        return [self.one() for _ in range(size)]


def _engine_figures(calculation_input: CalculationInput) -> tuple:
    result = calculate(calculation_input)
    fees = result.collection_fees
    return (
        result.rate_type.value,
        result.weekly_amount,
        list(result.parent_amounts),
        fees.paying_parent_weekly_fee if fees else Decimal("0.00"),
        fees.receiving_parent_weekly_fee if fees else Decimal("0.00"),
    )


def _check_agreement(inputs: list[CalculationInput]) -> int:
    checked = 0
    for calculation_input in inputs[::SAMPLE_EVERY]:
        engine = _engine_figures(calculation_input)
        baseline = baseline_calculate(calculation_input)
        if engine != baseline:
            raise SystemExit(
                f"engine and baseline disagree on {calculation_input.to_dict()}:"
                f"\n  engine   {engine}\n  baseline {baseline}"
            )
        checked += 1
    return checked


def _timed(function, inputs: list[CalculationInput]) -> float:
    """CPU seconds to call `function` on every input. As in timeit, the cyclic garbage
    collector is paused while timing (nothing here makes cycles; reference counting frees
    every result), so a collection of the whole heap does not land on one side by chance."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        for calculation_input in inputs:
            function(calculation_input)
        return time.process_time() - started
    finally:
        gc.enable()


def run(n: int, seed: int) -> dict:
    generator = InputGenerator(seed)
    engine_cpu = baseline_cpu = 0.0
    checked = 0
    remaining = n
    while remaining:
        inputs = generator.chunk(min(CHUNK, remaining))
        remaining -= len(inputs)

        engine_cpu += _timed(calculate, inputs)
        baseline_cpu += _timed(baseline_calculate, inputs)

        checked += _check_agreement(inputs)

    engine_per_s = n / engine_cpu
    baseline_per_s = n / baseline_cpu
    return {
        "n": n,
        "engine_per_s": round(engine_per_s),
        "baseline_per_s": round(baseline_per_s),
        "ratio": round(engine_per_s / baseline_per_s, 3),
        "cpu_seconds": round(engine_cpu, 3),
        "checked": checked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.calculation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--n", type=int, default=500_000, help="calculations to time")
    parser.add_argument("--seed", type=int, default=2012, help="input generator seed")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")

    figures = run(args.n, args.seed)
    print(
        f"inputs: {figures['n']:,} (seed {args.seed}); "
        f"{figures['checked']:,} sampled results agree with the baseline"
    )
    print(
        f"engine:   {figures['engine_per_s']:>10,} calculations/s "
        f"({figures['cpu_seconds']:.2f} s CPU)"
    )
    print(f"baseline: {figures['baseline_per_s']:>10,} calculations/s")
    print(f"ratio (engine / baseline): {figures['ratio']:.3f}")
    print(
        json.dumps(
            {
                key: figures[key]
                for key in ("n", "engine_per_s", "baseline_per_s", "ratio", "cpu_seconds")
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
