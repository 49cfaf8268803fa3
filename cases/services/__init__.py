"""Every write in the cases area. Each function runs in one transaction, locks what it
changes, records an audit event and defers emails until commit."""

from .activation import (
    ActivationError,
    activate_party,
    activate_representative,
    issue_activation_code,
    issue_representative_code,
)
from .changes import (
    add_change_evidence,
    apply_change_report,
    reject_change_report,
    report_change,
    request_change_evidence,
    set_change_note,
)
from .closures import (
    ClosureError,
    ask_to_close_case,
    confirm_closure,
    refuse_closure,
    request_closure_review,
)
from .contact_email import (
    ContactEmailLinkError,
    check_contact_email_link,
    confirm_contact_email,
)
from .decisions import DecisionNotPossible, make_decision, mark_decision_seen
from .messaging import (
    assign_thread,
    mark_thread_read,
    mark_thread_read_by_caseworker,
    reply_to_thread,
    send_message,
    start_thread,
    store_attachment,
    store_pending_attachment,
)
from .reconsiderations import (
    ReconsiderationError,
    request_reconsideration,
    revise_decision_on_reconsideration,
    update_reconsideration,
)
from .representatives import RepresentativeError, name_representative, revoke_representative
from .setup import (
    CaseRuleError,
    add_child,
    add_party,
    add_relevant_other_child,
    create_case,
    end_child_qualifying,
    end_relevant_other_child,
    record_income,
    set_relevant_other_children,
    update_case,
    update_child,
    update_party,
)

__all__ = [
    "ActivationError",
    "CaseRuleError",
    "ClosureError",
    "ContactEmailLinkError",
    "check_contact_email_link",
    "confirm_contact_email",
    "DecisionNotPossible",
    "ReconsiderationError",
    "RepresentativeError",
    "activate_party",
    "activate_representative",
    "add_change_evidence",
    "add_child",
    "add_party",
    "add_relevant_other_child",
    "apply_change_report",
    "ask_to_close_case",
    "confirm_closure",
    "create_case",
    "end_child_qualifying",
    "end_relevant_other_child",
    "issue_activation_code",
    "issue_representative_code",
    "make_decision",
    "mark_decision_seen",
    "mark_thread_read",
    "mark_thread_read_by_caseworker",
    "name_representative",
    "record_income",
    "refuse_closure",
    "reject_change_report",
    "reply_to_thread",
    "assign_thread",
    "report_change",
    "request_change_evidence",
    "request_closure_review",
    "request_reconsideration",
    "revise_decision_on_reconsideration",
    "revoke_representative",
    "send_message",
    "set_change_note",
    "set_relevant_other_children",
    "start_thread",
    "store_attachment",
    "store_pending_attachment",
    "update_case",
    "update_child",
    "update_party",
    "update_reconsideration",
]
