"""Pages built for one party of a case. The party's own view and the preview another
party of the case opens ("what the other parent sees") both call these, so the preview
is drawn by the same code from the same reads and cannot drift from the real page."""

from .models import Scope
from .presenters import case as presenter
from .selectors import current_decision, preview_names_others, preview_subjects

DECISION_TEMPLATE = "cases/decision.html"


def decision_page(access, decision, *, today, language):
    """The context of a decision's page as `access.party` sees it. Reads only."""
    return {
        "access": access,
        "current": presenter.decision_summary(access, decision, language, today),
        "is_current": decision == current_decision(access.case),
        "can_report": access.allows(Scope.REPORT_CHANGES) and not access.case.is_closed,
        "preview_links": presenter.preview_links(
            access,
            previewable(access),
            "cases:decision_preview",
            decision_id=decision.public_id,
        ),
    }


def previewable(access):
    """The parties whose view of this case this party can be shown."""
    return [party for party in preview_subjects(access) if not preview_names_others(access, party)]
