"""What the parent-facing pages compose from the apps below: one card per case on the
dashboard (role, money next, arrears, unread messages and the things to do) and the
money summary of the case page, from the payments presenters (which add what an
employer takes from pay)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Scope
from cases.presenters import closing as closing_presenter
from cases.presenters import money as money_presenter
from cases.presenters.case import group_reference, is_new_decision, role_label
from payments.dates import business_date
from payments.presenters.position import money_summary as payments_money_summary
from payments.presenters.schedule import missed_report_todo


def money_summary(access, *, count=1):
    """The payments area's figures for this party (one presenter for every page), or
    None when the party has no account."""
    return payments_money_summary(access.case, access.party, count=count)


def _money_lines(access, decision):
    """What is due (paying) or expected (receiving) next, arrears and the balance, from
    the same figures as the case and payments pages."""
    summary = money_summary(access)
    if summary is not None:
        return summary["dashboard_lines"]
    amounts = money_presenter.amounts(access, decision)
    if amounts:
        template = _("You pay %(amount)s") if access.is_paying else _("You get %(amount)s")
        return [template % {"amount": amounts["instalment"]}]
    return []


def _payment_todo(access):
    """Payments reported missed, for the paying parent."""
    if not access.allows(Scope.VIEW):
        return []
    return missed_report_todo(access.case, access.party, business_date())


def _todo(access, decision, unread, evidence_needed):
    reference = access.case.reference
    items = []
    if access.allows(Scope.VIEW) and is_new_decision(access, decision):
        items.append(
            {
                "text": _("Read your new decision"),
                "href": reverse("cases:detail", kwargs={"reference": reference}) + "#decision",
            }
        )
    if access.allows(Scope.REPORT_CHANGES):
        for report in evidence_needed:
            items.append(
                {
                    "text": _("Send evidence for change %(reference)s")
                    % {"reference": report.reference},
                    "href": reverse(
                        "cases:change",
                        kwargs={"reference": reference, "change_id": report.public_id},
                    ),
                }
            )
    items += _payment_todo(access)
    if unread:
        items.append(
            {
                "text": ngettext(
                    "Read %(count)s new message", "Read %(count)s new messages", unread
                )
                % {"count": unread},
                "href": reverse("cases:messages", kwargs={"reference": reference}),
            }
        )
    return items


def what_happens_next(review, money, closure):
    """The case page's short "What happens next" list: a closure under way, the next
    payment (from the payments area's summary; the party's own, so left out of a
    preview) and the next annual review."""
    payment = None
    if money is not None and money["position"].next is not None:
        payment = _("Next payment: %(payment)s.") % {"payment": money["next_payment"]}
    return {
        "closure": closure["text"] if closure.get("kind") else None,
        "payment": payment,
        "review": closing_presenter.review_text(review) + "." if review else None,
    }


def coming_up(access, facts, today):
    """The dashboard's reviews and changes under way on one case."""
    case = access.case
    closure = closing_presenter.closure_state(access, facts.closures.get(case.pk, []), today)
    items = [closure["text"]] if closure.get("kind") else []
    review = closing_presenter.review_date(case, facts.first_decisions.get(case.pk), today)
    if review is not None:
        items.append(closing_presenter.review_text(review))
    return items


def case_card(access, facts, today=None):
    """`facts` is selectors.dashboard_facts for all the user's cases."""
    today = today or business_date()
    decision, unread, evidence_needed = facts.for_access(access)
    decision = decision if access.allows(Scope.VIEW) else None
    unread = unread if access.allows(Scope.MESSAGE) else 0
    reference = access.case.reference
    href = (
        reverse("cases:detail", kwargs={"reference": reference})
        if access.allows(Scope.VIEW)
        else reverse("cases:messages", kwargs={"reference": reference})
    )
    return {
        "reference": group_reference(reference),
        "href": href,
        "role": role_label(access),
        "money": _money_lines(access, decision) if decision else [],
        "unread": unread,
        "todo": _todo(access, decision, unread, evidence_needed),
        "coming_up": coming_up(access, facts, today) if access.allows(Scope.VIEW) else [],
    }


def preview_banner(shown_as, *, back_href, page):
    """The words above a preview of `page` ("case" or "decision") as `shown_as` sees it."""
    if shown_as.is_paying:
        heading = _(
            "This is a preview of what the paying parent sees. You cannot change anything here."
        )
        title_note = _("preview of what the paying parent sees")
    else:
        heading = _(
            "This is a preview of what the receiving parent sees. You cannot change anything here."
        )
        title_note = _("preview of what the receiving parent sees")
    lines = [_("It shows their page as it is when they sign in. Links and buttons do not work.")]
    if shown_as.party.user_id is None:
        lines.append(_("They have not signed in to this service yet. This is what they will see."))
    back_text = _("Back to your case") if page == "case" else _("Back to your decision page")
    return {
        "heading": heading,
        "title_note": title_note,
        "lines": lines,
        "back_href": back_href,
        "back_text": back_text,
    }
