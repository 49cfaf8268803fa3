"""Calculation requests as JSON: checking them field by field, and shaping the answers.

Pure Python, used by the `calculate` management command and by `CalculationInput.from_dict`.
A request is rejected with the first problem found, named by its path (for example
`receiving_parents[1].children[0].shared_care_nights`).

Choices made for untrusted input:
- Money is a JSON string of pounds and pence ("850.00", "850" or "850.5"); JSON numbers are
  refused, because most JSON tools turn them into binary floating point, which cannot hold
  every amount in pence.
- Whole numbers must be JSON integers: true/false and 2.0 are refused (Python would treat a
  boolean as 1 or 0 without complaint).
- Nights are 0 to 365; a 366-night leap year is not a separate case in the rules.
- Unknown fields are refused, so that a misspelt optional field cannot be silently ignored.
- Sizes are bounded (receiving parents, children, other children, variations) so one
  request cannot make the engine do unbounded work.
- `variations` may be left out (no variations); each variation must give all four of its
  fields, `in_force_to` being null while the variation has no end date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .engine import DateBeforeSchemeError, calculate
from .inputs import (
    MAX_SHARED_CARE_NIGHTS,
    Benefit,
    CalculationInput,
    ChildInput,
    InvalidInputError,
    ReceivingParentInput,
    ServiceType,
    Variation,
    VariationGround,
)
from .results import CalculationResult

MAX_RECEIVING_PARENTS = 20
MAX_CHILDREN_PER_PARENT = 20
MAX_OTHER_CHILDREN = 50
MAX_VARIATIONS = 20

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_POUNDS = re.compile(r"\d{1,9}(\.\d{1,2})?")

REQUEST_FIELDS = (
    "effective_date",
    "gross_weekly_income",
    "benefit",
    "relevant_other_children",
    "service_type",
    "receiving_parents",
)
OPTIONAL_REQUEST_FIELDS = ("variations",)
VARIATION_FIELDS = ("ground", "weekly_amount", "in_force_from", "in_force_to")


class RequestDocumentError(ValueError):
    """The whole document is unusable: not JSON, or not a JSON array."""


def load_requests(text: str) -> list[Any]:
    """The requests in a JSON document, which must be an array; numbers are read as Decimal
    so that no float is ever made."""
    try:
        document = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as error:
        raise RequestDocumentError(f"the input is not valid JSON: {error}") from None
    except RecursionError:
        raise RequestDocumentError("the input is nested too deeply") from None
    if not isinstance(document, list):
        raise RequestDocumentError(
            f"the input must be a JSON array of requests, not a JSON {_json_type(document)}"
        )
    return document


def parse_request(data: Any) -> CalculationInput:
    """A checked CalculationInput from one JSON request; raises InvalidInputError."""
    fields = _object(data, None, REQUEST_FIELDS, optional=OPTIONAL_REQUEST_FIELDS)
    benefit = _choice(fields, "benefit", Benefit)
    effective_date = _iso_date(fields, "effective_date")
    income = _income(fields, "gross_weekly_income", benefit)
    other_children = _whole_number(fields, "relevant_other_children", maximum=MAX_OTHER_CHILDREN)
    service_type = _choice(fields, "service_type", ServiceType)
    parents = _receiving_parents(fields)
    variations = _variations(fields)
    return CalculationInput(
        effective_date=effective_date,
        gross_weekly_income=income,
        benefit=benefit,
        relevant_other_children=other_children,
        service_type=service_type,
        receiving_parents=parents,
        variations=variations,
    )


def calculate_request(data: Any) -> dict[str, Any]:
    """The answer to one request: the result's figures, or an `error` naming the field."""
    try:
        result = calculate(parse_request(data))
    except InvalidInputError as error:  # includes a date before the scheme
        return {"error": {"field": error.field, "message": error.message}}
    return response_for(result)


def calculate_requests(requests: list[Any]) -> list[dict[str, Any]]:
    return [calculate_request(request) for request in requests]


def response_for(result: CalculationResult) -> dict[str, Any]:
    response: dict[str, Any] = {
        "rate_type": result.rate_type.value,
        "weekly_amount": f"{result.weekly_amount:.2f}",
        "receiving_parents": [
            {"weekly_amount": f"{amount:.2f}"} for amount in result.parent_amounts
        ],
    }
    fees = result.collection_fees
    if fees is not None:
        response["collection_fees"] = {
            "paying_parent_weekly_fee": f"{fees.paying_parent_weekly_fee:.2f}",
            "paying_parent_weekly_total": f"{fees.paying_parent_weekly_total:.2f}",
            "receiving_parent_weekly_fee": f"{fees.receiving_parent_weekly_fee:.2f}",
            "receiving_parent_weekly_net": f"{fees.receiving_parent_weekly_net:.2f}",
        }
    response["explanation"] = result.explanation
    return response


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _object(
    data: Any, path: str | None, allowed: tuple[str, ...], *, optional: tuple[str, ...] = ()
) -> Mapping[str, Any]:
    if not isinstance(data, dict):
        raise InvalidInputError(path, f"must be a JSON object, not a JSON {_json_type(data)}")
    for name in data:
        if name not in allowed and name not in optional:
            raise InvalidInputError(_join(path, name), "is not a known field")
    for name in allowed:
        if name not in data:
            raise InvalidInputError(_join(path, name), "is required")
    return data


def _join(path: str | None, name: str) -> str:
    return name if path is None else f"{path}.{name}"


def _choice(fields: Mapping[str, Any], name: str, choices: type[Benefit] | type[ServiceType]):
    value = fields[name]
    allowed = ", ".join(choice.value for choice in choices)
    if not isinstance(value, str) or value not in {choice.value for choice in choices}:
        raise InvalidInputError(name, f"must be one of {allowed}")
    return choices(value)


def _iso_date(fields: Mapping[str, Any], name: str, *, path: str | None = None) -> date:
    value = fields[name]
    field = _join(path, name)
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise InvalidInputError(field, 'must be a date written YYYY-MM-DD, like "2025-04-01"')
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(field, f"{value} is not a real date") from None


def _income(fields: Mapping[str, Any], name: str, benefit: Benefit) -> Decimal | None:
    value = fields[name]
    if value is None:
        if benefit is Benefit.NONE:
            raise InvalidInputError(
                name, "is required unless benefit is flat_rate_benefit or nil_rate"
            )
        return None
    return _pounds(value, name)


def _pounds(value: Any, field: str) -> Decimal:
    if not isinstance(value, str):
        raise InvalidInputError(
            field,
            f'must be a string of pounds and pence, like "850.00" (not a JSON {_json_type(value)})',
        )
    if value.startswith("-"):
        raise InvalidInputError(field, "must not be negative")
    if not _POUNDS.fullmatch(value):
        raise InvalidInputError(
            field,
            'must be pounds and pence, like "850.00", with at '
            "most 2 decimal places and under £1,000,000,000",
        )
    return Decimal(value)


def _whole_number(
    fields: Mapping[str, Any], name: str, *, path: str | None = None, minimum: int = 0, maximum: int
) -> int:
    value = fields[name]
    field = _join(path, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, f"must be a whole number (not a JSON {_json_type(value)})")
    if value < minimum:
        raise InvalidInputError(field, f"must be {minimum} or more")
    if value > maximum:
        raise InvalidInputError(field, f"must be {maximum} or fewer")
    return value


def _list(value: Any, path: str, *, thing: str, things: str, maximum: int) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInputError(path, f"must be a JSON array, not a JSON {_json_type(value)}")
    if not value:
        raise InvalidInputError(path, f"must list at least one {thing}")
    if len(value) > maximum:
        raise InvalidInputError(path, f"must list no more than {maximum} {things}")
    return value


def _receiving_parents(fields: Mapping[str, Any]) -> tuple[ReceivingParentInput, ...]:
    parents = _list(
        fields["receiving_parents"],
        "receiving_parents",
        thing="receiving parent",
        things="receiving parents",
        maximum=MAX_RECEIVING_PARENTS,
    )
    result = []
    for parent_index, parent in enumerate(parents):
        parent_path = f"receiving_parents[{parent_index}]"
        parent_fields = _object(parent, parent_path, ("children",))
        children_path = f"{parent_path}.children"
        children = _list(
            parent_fields["children"],
            children_path,
            thing="child",
            things="children",
            maximum=MAX_CHILDREN_PER_PARENT,
        )
        child_inputs = []
        for child_index, child in enumerate(children):
            child_path = f"{children_path}[{child_index}]"
            child_fields = _object(child, child_path, ("shared_care_nights",))
            nights = _whole_number(
                child_fields, "shared_care_nights", path=child_path, maximum=MAX_SHARED_CARE_NIGHTS
            )
            child_inputs.append(ChildInput(nights))
        result.append(ReceivingParentInput(tuple(child_inputs)))
    return tuple(result)


def _variations(fields: Mapping[str, Any]) -> tuple[Variation, ...]:
    if "variations" not in fields:
        return ()
    value = fields["variations"]
    if not isinstance(value, list):
        raise InvalidInputError(
            "variations", f"must be a JSON array, not a JSON {_json_type(value)}"
        )
    if len(value) > MAX_VARIATIONS:
        raise InvalidInputError("variations", f"must list no more than {MAX_VARIATIONS} variations")
    grounds = ", ".join(ground.value for ground in VariationGround)
    result = []
    for index, item in enumerate(value):
        path = f"variations[{index}]"
        item_fields = _object(item, path, VARIATION_FIELDS)
        ground = item_fields["ground"]
        if not isinstance(ground, str) or ground not in {g.value for g in VariationGround}:
            raise InvalidInputError(f"{path}.ground", f"must be one of {grounds}")
        amount = _pounds(item_fields["weekly_amount"], f"{path}.weekly_amount")
        if not amount:
            raise InvalidInputError(f"{path}.weekly_amount", "must be more than zero")
        start = _iso_date(item_fields, "in_force_from", path=path)
        end = None
        if item_fields["in_force_to"] is not None:
            end = _iso_date(item_fields, "in_force_to", path=path)
            if end < start:
                raise InvalidInputError(f"{path}.in_force_to", "must not be before in_force_from")
        result.append(Variation(VariationGround(ground), amount, start, end))
    return tuple(result)


__all__ = [
    "DateBeforeSchemeError",
    "RequestDocumentError",
    "calculate_request",
    "calculate_requests",
    "load_requests",
    "parse_request",
    "response_for",
]
