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
from .leaver import LeaverKind, LeaverReport
from .order import (
    DeductionOrder,
    DeductionReturn,
    DeductionUpload,
    EndReason,
    OrderStatus,
    ReturnSource,
)
from .references import is_employer_reference, is_order_reference
from .remittance import LatePayment, PaymentMethod, Remittance, RemittanceAllocation

__all__ = [
    "ACTIVATION_CODE_LIFETIME", "INVITATION_LIFETIME", "MAX_FAILED_ATTEMPTS", "DeductionOrder",
    "DeductionReturn", "DeductionUpload", "Employer", "EmployerActivationCode",
    "EmployerInvitation", "EmployerMembership", "EmployerMessage", "EndReason", "LatePayment",
    "LeaverKind", "LeaverReport", "MembershipRole", "OrderStatus", "PaymentMethod", "Remittance",
    "RemittanceAllocation", "ReturnSource", "is_employer_reference", "is_order_reference",
]
