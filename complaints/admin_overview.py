"""The complaints section of the case admin page, added to the cases overview from
ComplaintsConfig.ready: each stage of each complaint about the case, with its
deadlines, and the acknowledgement beside the ones not yet acknowledged."""

from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import PostAction, Rows, Section, display
from cms_portal.core.admin import admin_url as _admin
from cms_portal.core.admin import change_link as _change
from cms_portal.formatting import govuk_date


def complaint_reads():
    from .models import ComplaintReview

    return {
        "reviews": Rows(
            ComplaintReview.objects,
            (
                "complaint__reference",
                "stage",
                "opened_on",
                "acknowledged_at",
                "acknowledge_by",
                "answered_at",
                "answer_by",
            ),
            order_by=("-opened_on", "-id"),
            link="complaint__case",
        )
    }


def complaint_sections(case, user, found):
    from .models import ComplaintReview

    section = Section(
        "complaints",
        _("Complaints"),
        [_("Complaint"), _("Stage"), _("Opened on"), _("Acknowledge by"), _("Answer by")],
    )
    works = user.has_perm("complaints.change_complaintreview")
    for review in found["reviews"]:
        row = [
            _change(review, review.complaint.reference),
            display(review, "stage"),
            govuk_date(review.opened_on),
            _("Done") if review.acknowledged_at else govuk_date(review.acknowledge_by),
            _("Answered") if review.is_answered else govuk_date(review.answer_by),
        ]
        if works and review.acknowledged_at is None:
            row.append(
                PostAction(
                    _("Acknowledge"),
                    _admin(ComplaintReview, "changelist"),
                    "acknowledge",
                    review.pk,
                )
            )
        section.rows.append(row)
    return [section]
