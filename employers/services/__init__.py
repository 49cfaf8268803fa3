"""Every change to employers' data goes through these functions."""

from .access import ActivationError, activate_employer_access, issue_employer_activation_code
from .corrections import correct_return, plan_correction
from .errors import EmployerRuleError
from .filing import ReturnProblems
from .late_payments import flag_late_payments
from .leavers import report_leaver, report_stopped_trading
from .messages import send_employer_message, send_message_to_cms
from .orders import (
    end_order,
    end_orders_due,
    issue_order,
    refresh_order_rate,
    resume_order,
    suspend_order,
    vary_order,
)
from .remittances import post_remittance_receipts, record_remittance
from .returns import file_returns, preview_returns
from .team import accept_invitation, invite_colleague, remove_member, withdraw_invitation
from .uploads import UploadRejected, UploadResult, file_upload

__all__ = [
    "ActivationError",
    "EmployerRuleError",
    "ReturnProblems",
    "UploadRejected",
    "UploadResult",
    "accept_invitation",
    "activate_employer_access",
    "correct_return",
    "plan_correction",
    "end_order",
    "end_orders_due",
    "file_returns",
    "file_upload",
    "flag_late_payments",
    "invite_colleague",
    "issue_employer_activation_code",
    "issue_order",
    "post_remittance_receipts",
    "preview_returns",
    "refresh_order_rate",
    "record_remittance",
    "remove_member",
    "report_leaver",
    "report_stopped_trading",
    "resume_order",
    "send_employer_message",
    "send_message_to_cms",
    "suspend_order",
    "vary_order",
    "withdraw_invitation",
]
