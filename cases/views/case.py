"""A past decision's page (the case page itself is composed in the parents app)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from ..pages import DECISION_TEMPLATE, decision_page
from ..selectors import decision_for_case
from .common import parent_page


@parent_page(methods=("GET",))
def decision(request, access, decision_id):
    chosen = decision_for_case(access.case, decision_id)
    context = decision_page(access, chosen, today=timezone.localdate(), language=get_language())
    return render(request, DECISION_TEMPLATE, context)
