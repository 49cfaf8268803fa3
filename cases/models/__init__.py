"""Cases, the people in them, decisions and everything a parent does on a case."""

from .activation import CODE_LIFETIME, MAX_FAILED_ATTEMPTS, ActivationCode
from .case import (
    MONEY,
    Benefit,
    Case,
    CaseStatus,
    Child,
    ChildStatus,
    IncomeRecord,
    IncomeSource,
    Party,
    PartyRole,
    PaymentFrequency,
    RelevantOtherChild,
    ServiceType,
)
from .change import OPEN_CHANGE_STATUSES, ChangeKind, ChangeReport, ChangeStatus
from .closure import (
    PARENT_REASONS,
    ClosureReason,
    ClosureRequest,
    ClosureStatus,
)
from .decision import Decision, DecisionReason, ImmutableRecordError
from .messaging import (
    Attachment,
    AttachmentKind,
    HandlingTeam,
    Message,
    MessageThread,
    ThreadStatus,
    private_storage,
)
from .reconsideration import (
    OPEN_RECONSIDERATION_STATUSES,
    Reconsideration,
    ReconsiderationStatus,
)
from .references import is_case_reference, new_case_reference
from .representative import Representative, RepresentativeStatus, Scope

__all__ = [
    "CODE_LIFETIME",
    "MAX_FAILED_ATTEMPTS",
    "MONEY",
    "OPEN_CHANGE_STATUSES",
    "OPEN_RECONSIDERATION_STATUSES",
    "PARENT_REASONS",
    "ActivationCode",
    "Attachment",
    "AttachmentKind",
    "Benefit",
    "Case",
    "CaseStatus",
    "ChangeKind",
    "ChangeReport",
    "ChangeStatus",
    "Child",
    "ChildStatus",
    "ClosureReason",
    "ClosureRequest",
    "ClosureStatus",
    "Decision",
    "DecisionReason",
    "ImmutableRecordError",
    "IncomeRecord",
    "IncomeSource",
    "Message",
    "MessageThread",
    "ThreadStatus",
    "HandlingTeam",
    "Party",
    "PartyRole",
    "PaymentFrequency",
    "Reconsideration",
    "ReconsiderationStatus",
    "RelevantOtherChild",
    "Representative",
    "RepresentativeStatus",
    "Scope",
    "ServiceType",
    "is_case_reference",
    "new_case_reference",
    "private_storage",
]
