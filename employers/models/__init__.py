"""Employers, their people, Deduction from Earnings Orders, returns, payments, leavers."""

from .employer import (
    ACTIVATION_CODE_LIFETIME,
    INVITATION_LIFETIME,
    MAX_FAILED_ATTEMPTS,
    Employer,
    EmployerActivationCode,
    EmployerInvitation,
    EmployerMembership,
    EmployerMessage,
    MembershipRole,
)
from .leaver import LeaverKind, LeaverReport, StoppedTradingReport
from .order import (
    CorrectionKind,
    DeductionOrder,
    DeductionReturn,
    DeductionUpload,
    EndReason,
    OrderStatus,
    ReturnCorrection,
    ReturnSource,
)
from .references import is_employer_reference, is_order_reference
from .remittance import LatePayment, PaymentMethod, Remittance, RemittanceAllocation

__all__ = [
    "ACTIVATION_CODE_LIFETIME",
    "CorrectionKind",
    "ReturnCorrection",
    "StoppedTradingReport",
    "INVITATION_LIFETIME",
    "MAX_FAILED_ATTEMPTS",
    "DeductionOrder",
    "DeductionReturn",
    "DeductionUpload",
    "Employer",
    "EmployerActivationCode",
    "EmployerInvitation",
    "EmployerMembership",
    "EmployerMessage",
    "EndReason",
    "LatePayment",
    "LeaverKind",
    "LeaverReport",
    "MembershipRole",
    "OrderStatus",
    "PaymentMethod",
    "Remittance",
    "RemittanceAllocation",
    "ReturnSource",
    "is_employer_reference",
    "is_order_reference",
]
