"""The arrears plan requests section of the case admin page, added to the cases
overview from ArrearsPlansConfig.ready: what the paying parent offered, and the
decision beside each request waiting for a caseworker."""

from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import PostAction, Rows, Section, display
from cms_portal.core.admin import admin_url as _admin
from cms_portal.core.admin import change_link as _change
from cms_portal.formatting import govuk_date, govuk_datetime, money


def arrears_plan_reads():
    from .models import ArrearsPlanRequest

    return {
        "requests": Rows(
            ArrearsPlanRequest.objects,
            ("submitted_at", "amount_per_instalment", "starts_on", "status"),
            order_by=("-submitted_at", "-id"),
        )
    }


def arrears_plan_sections(case, user, found):
    from .models import ArrearsPlanRequest, RequestStatus

    section = Section(
        "arrears-plan-requests",
        _("Arrears plan requests"),
        [_("Asked on"), _("With each payment"), _("First payment"), _("Status")],
    )
    decides = user.has_perm("arrears_plans.change_arrearsplanrequest")
    changelist = _admin(ArrearsPlanRequest, "changelist")
    for plan_request in found["requests"]:
        row = [
            _change(plan_request, govuk_datetime(plan_request.submitted_at)),
            money(plan_request.amount_per_instalment),
            govuk_date(plan_request.starts_on),
            display(plan_request, "status"),
        ]
        if decides and plan_request.status == RequestStatus.WITH_CASEWORKER:
            row += [
                PostAction(_("Agree"), changelist, "agree_plans", plan_request.pk),
                PostAction(_("Refuse"), changelist, "refuse_plans", plan_request.pk),
            ]
        section.rows.append(row)
    return [section]
