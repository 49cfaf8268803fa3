"""The vocabularies the engine and the models share, defined once. The values are the
engine's enums (calculation is pure Python); the models' choices are built from them
with the labels people read, so the two cannot disagree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from calculation.inputs import Benefit as EngineBenefit
from calculation.inputs import ServiceType as EngineServiceType
from calculation.instalments import PaymentFrequency as EnginePaymentFrequency


def _choices(name, engine_enum, labels):
    """TextChoices with one member per engine member, in the engine's order."""
    missing = [member for member in engine_enum if member not in labels]
    if missing:
        raise ValueError(f"{name} has no label for {missing}")
    return models.TextChoices(
        name, [(member.name, (member.value, labels[member])) for member in engine_enum]
    )


ServiceType = _choices(
    "ServiceType",
    EngineServiceType,
    {
        EngineServiceType.DIRECT_PAY: _("Direct Pay"),
        EngineServiceType.COLLECT_AND_PAY: _("Collect and Pay"),
    },
)

PaymentFrequency = _choices(
    "PaymentFrequency",
    EnginePaymentFrequency,
    {
        EnginePaymentFrequency.WEEKLY: _("Weekly"),
        EnginePaymentFrequency.FORTNIGHTLY: _("Every 2 weeks"),
        EnginePaymentFrequency.FOUR_WEEKLY: _("Every 4 weeks"),
        EnginePaymentFrequency.MONTHLY: _("Monthly"),
    },
)

Benefit = _choices(
    "Benefit",
    EngineBenefit,
    {
        EngineBenefit.NONE: _("No benefit that decides the rate"),
        EngineBenefit.FLAT_RATE_BENEFIT: _("A benefit, pension or allowance (flat rate)"),
        EngineBenefit.NIL_RATE: _("A prescribed person (nil rate)"),
    },
)
