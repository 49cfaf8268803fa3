"""Statuses as GOV.UK tags: one colour per meaning, the same everywhere."""

from ..models import ChangeStatus, ReconsiderationStatus, RepresentativeStatus

_COLOURS = {
    ChangeStatus.RECORDED: "govuk-tag--grey",
    ChangeStatus.APPLIED: "govuk-tag--green",
    ChangeStatus.NEW_DECISION: "govuk-tag--green",
    ChangeStatus.WITH_CASEWORKER: "govuk-tag--blue",
    ChangeStatus.EVIDENCE_NEEDED: "govuk-tag--orange",
    ChangeStatus.REJECTED: "govuk-tag--red",
    ReconsiderationStatus.RECEIVED: "govuk-tag--blue",
    ReconsiderationStatus.UNDER_REVIEW: "govuk-tag--light-blue",
    ReconsiderationStatus.DECISION_CHANGED: "govuk-tag--green",
    ReconsiderationStatus.DECISION_UNCHANGED: "govuk-tag--grey",
    RepresentativeStatus.INVITED: "govuk-tag--yellow",
    RepresentativeStatus.ACTIVE: "govuk-tag--green",
    RepresentativeStatus.REVOKED: "govuk-tag--grey",
}

_LABELS = {
    **{status.value: status.label for status in ChangeStatus},
    **{status.value: status.label for status in ReconsiderationStatus},
    **{status.value: status.label for status in RepresentativeStatus},
}


def status_tag(status, label=None):
    """Parameters for govukTag."""
    return {"text": str(label or _LABELS.get(status, status)), "classes": _COLOURS.get(status, "")}
