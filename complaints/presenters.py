"""What the complaint pages show: check-answers rows, each complaint's status and
deadlines, and what to do after a stage 2 answer."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date

from .models import Stage, Topic
from .rules import SERVICE_STANDARDS
from .selectors import can_ask_for_review, current_review

# The official pages of the bodies that look at a complaint after ours (links only: the
# ways to reach them are on their own pages, and change).
ICE_URL = "https://www.gov.uk/government/organisations/independent-case-examiner"
PHSO_URL = "https://www.ombudsman.org.uk/making-complaint"


def _row(key, value, href=None, hidden=None):
    row = {"key": {"text": key}, "value": {"text": value}}
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": _("Change"), "visuallyHiddenText": hidden or key}]
        }
    return row


def check_rows(answers, change_urls, files):
    case = answers.get("case")
    rows = [
        _row(
            _("What it is about"),
            str(Topic(answers["topic"]).label),
            change_urls["about"],
            _("what your complaint is about"),
        )
    ]
    if answers.get("has_cases"):
        rows.append(
            _row(
                _("Case"),
                case.reference if case else _("Not about one case"),
                change_urls["about"],
                _("which case it is about"),
            )
        )
    rows += [
        _row(
            _("What happened"),
            answers["what_happened"],
            change_urls["details"],
            _("what happened"),
        ),
        _row(
            _("What you want us to do"),
            answers["wanted_outcome"],
            change_urls["details"],
            _("what you want us to do"),
        ),
        _row(
            _("Files"),
            ", ".join(evidence.original_name for evidence in files) or _("None"),
            change_urls["evidence"],
            _("the files you are sending"),
        ),
    ]
    return rows


def standards(on_date):
    """The service standard as sentences' figures, from the dated table."""
    standard = SERVICE_STANDARDS.on(on_date)
    return {"acknowledge_days": standard.acknowledge_days, "answer_days": standard.answer_days}


def status_tag(review):
    if review.is_answered:
        return {"text": _("Answered"), "classes": "govuk-tag--green"}
    if review.is_acknowledged:
        return {"text": _("Being looked at"), "classes": "govuk-tag--blue"}
    return {"text": _("Received"), "classes": "govuk-tag--grey"}


def _stage_label(review):
    return str(Stage(review.stage).label)


def complaint_href(complaint):
    return reverse("complaints:detail", kwargs={"complaint_id": complaint.public_id})


def list_table(complaints):
    """ "Your complaints": govukTable params, one row per complaint, with the current
    stage's dates."""
    rows = []
    for complaint in complaints:
        review = current_review(complaint)
        tag = status_tag(review)
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        complaint_href(complaint),
                        complaint.reference,
                    )
                },
                {"text": str(Topic(complaint.topic).label)},
                {"text": govuk_date(complaint.submitted_at)},
                {"text": _stage_label(review)},
                {
                    "html": format_html(
                        '<strong class="govuk-tag {}">{}</strong>', tag["classes"], tag["text"]
                    )
                },
                {"text": govuk_date(review.acknowledge_by)},
                {"text": govuk_date(review.answer_by)},
            ]
        )
    return {
        "caption": _("Complaints you have sent, newest first"),
        "captionClasses": "govuk-visually-hidden",
        "head": [
            {"text": _("Reference")},
            {"text": _("About")},
            {"text": _("Sent")},
            {"text": _("Stage")},
            {"text": _("Status")},
            {"text": _("Acknowledge by")},
            {"text": _("Answer by")},
        ],
        "rows": rows,
    }


def deadline_rows(review):
    return [
        _row(_("Stage"), _stage_label(review)),
        _row(_("We received it on"), govuk_date(review.opened_on)),
        _row(
            _("We will acknowledge it by"),
            govuk_date(review.acknowledged_at) + " " + _("(done)")
            if review.is_acknowledged
            else govuk_date(review.acknowledge_by),
        ),
        _row(
            _("We will answer by"),
            govuk_date(review.answered_at) + " " + _("(done)")
            if review.is_answered
            else govuk_date(review.answer_by),
        ),
    ]


def complaint_view(complaint):
    reviews = list(complaint.reviews.all())
    review = current_review(complaint)
    return {
        "status": status_tag(review),
        "stage": _stage_label(review),
        "deadlines": deadline_rows(review),
        "told_us": [
            _row(_("What it is about"), str(Topic(complaint.topic).label)),
            _row(
                _("Case"), complaint.case.reference if complaint.case else _("Not about one case")
            ),
            _row(_("What happened"), complaint.what_happened),
            _row(_("What you want us to do"), complaint.wanted_outcome),
        ],
        "answers": [
            {
                "stage": _stage_label(item),
                "reason": item.reason,
                "answer": item.answer,
                "answered_on": govuk_date(item.answered_at),
            }
            for item in reviews
            if item.is_answered or item.reason
        ],
        "can_ask_for_review": can_ask_for_review(complaint),
        "after_review": review.stage == Stage.REVIEW and review.is_answered,
        "files": [
            {
                "name": evidence.original_name,
                "href": reverse(
                    "complaints:evidence_download",
                    kwargs={"complaint_id": complaint.public_id, "evidence_id": evidence.public_id},
                ),
            }
            for evidence in complaint.evidence.all()
        ],
    }


def start_url_for_case(case):
    """The case page's link: the complaint journey with that case already chosen."""
    return reverse("complaints:about") + f"?case={case.reference}"
