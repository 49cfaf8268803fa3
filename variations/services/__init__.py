"""Every change to a variation request: atomic, taking `acting_user`, audited."""

from .applications import apply_for_variation, respond_to_variation, store_evidence
from .decisions import (
    CASEWORKER_FIELDS,
    VariationNotAllowed,
    agree_variation,
    refuse_variation,
    reject_variation,
    set_caseworker_fields,
)

__all__ = [
    "CASEWORKER_FIELDS",
    "VariationNotAllowed",
    "agree_variation",
    "apply_for_variation",
    "refuse_variation",
    "reject_variation",
    "respond_to_variation",
    "set_caseworker_fields",
    "store_evidence",
]
