"""What a calculation answers: typed, immutable, and serialisable for decision snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .explain import ExplanationStep, render_explanation, step_from_dict


class RateType(StrEnum):
    NIL = "nil"
    FLAT = "flat"
    REDUCED = "reduced"
    BASIC = "basic"
    # The basic rate where the income left after the other-children reduction is over the
    # £800 tier limit, so the second, lower percentage applies to part of it. Keyed on that
    # reduced income rather than gross income because it is the figure the tiers split.
    BASIC_PLUS = "basic_plus"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True, slots=True)
class CollectionFees:
    """Weekly Collect and Pay fees. Direct Pay has none, so its results carry None."""

    paying_parent_rate: Decimal
    receiving_parent_rate: Decimal
    paying_parent_weekly_fee: Decimal
    paying_parent_weekly_total: Decimal
    receiving_parent_weekly_fee: Decimal
    receiving_parent_weekly_net: Decimal

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


@dataclass(frozen=True, slots=True)
class ReceivingParentResult:
    weekly_amount: Decimal
    children: int
    collection_fees: CollectionFees | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"weekly_amount": _money(self.weekly_amount),
                                "children": self.children}
        if self.collection_fees is not None:
            data["collection_fees"] = self.collection_fees.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReceivingParentResult:
        fees = data.get("collection_fees")
        return cls(Decimal(data["weekly_amount"]), int(data["children"]),
                   None if fees is None else CollectionFees.from_dict(fees))


@dataclass(frozen=True, slots=True)
class CalculationResult:
    effective_date: date
    rate_type: RateType
    # The sum of the receiving parents' rounded amounts, so the parts always add up.
    weekly_amount: Decimal
    receiving_parents: tuple[ReceivingParentResult, ...]
    # Present for Collect and Pay (fees of £0.00 before collection fees began); None for
    # Direct Pay. Totals are sums of the per-receiving-parent fees.
    collection_fees: CollectionFees | None
    steps: tuple[ExplanationStep, ...]

    @property
    def explanation(self) -> list[str]:
        return render_explanation(self.steps, "en")

    def explain(self, language: str = "en") -> list[str]:
        return render_explanation(self.steps, language)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe snapshot: money as 2 dp strings, the steps kept so that the
        explanation can be shown again in either language."""
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
        return cls(
            effective_date=date.fromisoformat(data["effective_date"]),
            rate_type=RateType(data["rate_type"]),
            weekly_amount=Decimal(data["weekly_amount"]),
            receiving_parents=tuple(ReceivingParentResult.from_dict(parent)
                                    for parent in data["receiving_parents"]),
            collection_fees=None if fees is None else CollectionFees.from_dict(fees),
            steps=tuple(step_from_dict(step) for step in data["steps"]),
        )
