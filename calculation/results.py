"""What a calculation answers: typed, immutable, and serialisable for decision snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .explain import (
    ExplanationStep,
    TraceEntry,
    render_explanation,
    step_from_dict,
    step_from_trace,
    trace_from_step,
)
from .fees import COLLECTION_FEE_SCHEDULES, fee_on


class RateType(StrEnum):
    NIL = "nil"
    FLAT = "flat"
    REDUCED = "reduced"
    BASIC = "basic"
    # The basic rate where the income left after the other-children reduction is over the
    # £800 tier limit, so the second, lower percentage applies to part of it. Keyed on that
    # reduced income, not gross income, because it is the figure the tiers split.
    BASIC_PLUS = "basic_plus"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


# The result classes are frozen dataclasses without slots: the engine builds them by setting
# the instance dict in one go, which costs half what the generated frozen __init__ does.


@dataclass(frozen=True)
class CollectionFees:
    """Weekly Collect and Pay fees. Direct Pay has none, so its results carry None."""

    paying_parent_rate: Decimal
    receiving_parent_rate: Decimal
    paying_parent_weekly_fee: Decimal
    paying_parent_weekly_total: Decimal
    receiving_parent_weekly_fee: Decimal
    receiving_parent_weekly_net: Decimal

    @classmethod
    def on_amount(
        cls, amount: Decimal, paying_rate: Decimal, receiving_rate: Decimal
    ) -> CollectionFees:
        paying_fee = fee_on(amount, paying_rate)
        receiving_fee = fee_on(amount, receiving_rate)
        return cls(
            paying_rate,
            receiving_rate,
            paying_fee,
            amount + paying_fee,
            receiving_fee,
            amount - receiving_fee,
        )

    def to_dict(self) -> dict[str, str]:
        return {
            "paying_parent_rate": str(self.paying_parent_rate),
            "receiving_parent_rate": str(self.receiving_parent_rate),
            "paying_parent_weekly_fee": _money(self.paying_parent_weekly_fee),
            "paying_parent_weekly_total": _money(self.paying_parent_weekly_total),
            "receiving_parent_weekly_fee": _money(self.receiving_parent_weekly_fee),
            "receiving_parent_weekly_net": _money(self.receiving_parent_weekly_net),
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> CollectionFees:
        return cls(**{name: Decimal(data[name]) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ReceivingParentResult:
    weekly_amount: Decimal
    children: int
    # Fees on this receiving parent's amount under Collect and Pay; None for Direct Pay.
    collection_fees: CollectionFees | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "weekly_amount": _money(self.weekly_amount),
            "children": self.children,
        }
        if self.collection_fees is not None:
            data["collection_fees"] = self.collection_fees.to_dict()
        return data


@dataclass(frozen=True)
class CalculationResult:
    effective_date: date
    rate_type: RateType
    # The sum of the receiving parents' rounded amounts, so the parts always add up.
    weekly_amount: Decimal
    # Each receiving parent's weekly amount and number of children, in request order;
    # `receiving_parents` gives them as ReceivingParentResult objects with their fees.
    parent_amounts: tuple[Decimal, ...]
    parent_children: tuple[int, ...]
    # Present for Collect and Pay (fees of £0.00 before collection fees began); None for
    # Direct Pay. The totals are sums of the fees on each receiving parent's amount.
    collection_fees: CollectionFees | None
    # The steps particular to this calculation as the engine recorded them, each
    # (code, *figures); `steps` adds the opening and closing steps that follow from the
    # fields above.
    trace: tuple[TraceEntry, ...]

    @property
    def receiving_parents(self) -> tuple[ReceivingParentResult, ...]:
        fees = self.collection_fees
        return tuple(
            ReceivingParentResult(
                amount,
                children,
                None
                if fees is None
                else CollectionFees.on_amount(
                    amount, fees.paying_parent_rate, fees.receiving_parent_rate
                ),
            )
            for amount, children in zip(self.parent_amounts, self.parent_children, strict=True)
        )

    @property
    def steps(self) -> tuple[ExplanationStep, ...]:
        """Every step in order, each a code with its figures."""
        return tuple(step_from_trace(entry) for entry in self._full_trace())

    def _full_trace(self) -> list[TraceEntry]:
        entries: list[TraceEntry] = [("rates_in_force", self.effective_date), *self.trace]
        if len(self.parent_amounts) > 1:
            entries.extend(
                ("parent_amount", number, amount)
                for number, amount in enumerate(self.parent_amounts, start=1)
            )
        entries.append(("weekly_total", self.weekly_amount))
        fees = self.collection_fees
        if fees is None:
            entries.append(("direct_pay",))
        elif not fees.paying_parent_rate and not fees.receiving_parent_rate:
            entries.append(("no_collection_fees", COLLECTION_FEE_SCHEDULES.first_date))
        else:
            entries.append(
                (
                    "collection_fee_paying",
                    fees.paying_parent_rate,
                    fees.paying_parent_weekly_fee,
                    fees.paying_parent_weekly_total,
                )
            )
            entries.append(
                (
                    "collection_fee_receiving",
                    fees.receiving_parent_rate,
                    fees.receiving_parent_weekly_fee,
                    fees.receiving_parent_weekly_net,
                )
            )
        return entries

    @property
    def explanation(self) -> list[str]:
        """The steps in English."""
        return render_explanation(self.steps, "en")

    def explain(self, language: str = "en", nights_bands=None) -> list[str]:
        return render_explanation(self.steps, language, nights_bands)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe snapshot: money as 2 dp strings, the steps kept as codes and figures so
        the explanation can be shown again in either language."""
        data: dict[str, Any] = {
            "effective_date": self.effective_date.isoformat(),
            "rate_type": self.rate_type.value,
            "weekly_amount": _money(self.weekly_amount),
            "receiving_parents": [parent.to_dict() for parent in self.receiving_parents],
        }
        if self.collection_fees is not None:
            data["collection_fees"] = self.collection_fees.to_dict()
        data["steps"] = [step.to_dict() for step in self.steps]
        data["explanation"] = self.explanation
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CalculationResult:
        fees = data.get("collection_fees")
        parents = data["receiving_parents"]
        # The snapshot holds every step; keep only those the engine recorded itself.
        steps = [step_from_dict(step) for step in data["steps"]]
        tail = 1 + (1 if fees is None or steps[-1].code == "no_collection_fees" else 2)
        if len(parents) > 1:
            tail += len(parents)
        return cls(
            effective_date=date.fromisoformat(data["effective_date"]),
            rate_type=RateType(data["rate_type"]),
            weekly_amount=Decimal(data["weekly_amount"]),
            parent_amounts=tuple(Decimal(parent["weekly_amount"]) for parent in parents),
            parent_children=tuple(int(parent["children"]) for parent in parents),
            collection_fees=None if fees is None else CollectionFees.from_dict(fees),
            trace=tuple(trace_from_step(step) for step in steps[1:-tail]),
        )
