"""Payment schedules, the ledger, receipts and their allocation, money passed on,
enforcement, arrears plans and the nightly jobs' bookkeeping."""

from .bank import BankMatch, BankReceipt, BankStatement, ExpectedPayment
from .choices import (
    MONEY,
    AccountRole,
    ArrearsStatus,
    BankSource,
    DirectPayOutcome,
    DisbursementStatus,
    EnforcementKind,
    EntryKind,
    MatchStatus,
    MissedKind,
    MoneyQueueKind,
    ObligationKind,
    PaymentFrequency,
    PlanStatus,
    ReceiptMethod,
)
from .enforcement import ArrearsPaymentPlan, EnforcementAction, MissedPlanPayment
from .insert_only import InsertOnlyError
from .jobs import JobAlert, JobChunk, JobRun
from .ledger import Account, LedgerEntry, Obligation
from .receipts import Allocation, Disbursement, Receipt
from .schedules import (
    DirectPayReport,
    Instalment,
    MissedPaymentNotice,
    PaymentSchedule,
    ScheduleShare,
)

__all__ = [
    "MONEY",
    "Account",
    "AccountRole",
    "Allocation",
    "ArrearsPaymentPlan",
    "ArrearsStatus",
    "BankMatch",
    "BankReceipt",
    "BankSource",
    "BankStatement",
    "ExpectedPayment",
    "MatchStatus",
    "MoneyQueueKind",
    "DirectPayOutcome",
    "DirectPayReport",
    "Disbursement",
    "DisbursementStatus",
    "EnforcementAction",
    "EnforcementKind",
    "EntryKind",
    "InsertOnlyError",
    "Instalment",
    "JobAlert",
    "JobChunk",
    "JobRun",
    "LedgerEntry",
    "MissedKind",
    "MissedPaymentNotice",
    "MissedPlanPayment",
    "Obligation",
    "ObligationKind",
    "PaymentFrequency",
    "PaymentSchedule",
    "PlanStatus",
    "Receipt",
    "ReceiptMethod",
    "ScheduleShare",
]
