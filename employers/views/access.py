"""Who may use an employer page: a signed-in member of the employer (an admin for team
pages). Someone else gets a 404, so nothing about an employer leaks. A user who belongs
to more than one employer chooses which one to act for; the choice is kept in the
session."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from ..selectors import membership_for_user

CURRENT_EMPLOYER = "employers_current_employer"


def current_membership(request):
    chosen = request.session.get(CURRENT_EMPLOYER)
    try:
        return membership_for_user(request.user, chosen)
    except Http404:
        if not chosen:
            raise
        # Removed from the employer they had chosen: fall back to another, if any.
        request.session.pop(CURRENT_EMPLOYER, None)
        return membership_for_user(request.user)


def choose_employer(request, membership):
    request.session[CURRENT_EMPLOYER] = str(membership.employer.public_id)


def employer_page(view=None, *, admin=False, start=False):
    """`start=True` is for the dashboard: a user with no employer is sent to link one."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                membership = current_membership(request)
            except Http404:
                if start:
                    return redirect("employers:activate")
                raise
            if admin and not membership.is_admin:
                raise Http404
            request.membership = membership
            return view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def render_employer_page(request, template, context=None, status=200):
    membership = request.membership
    return render(
        request,
        template,
        {"membership": membership, "employer": membership.employer, **(context or {})},
        status=status,
    )


def posted(request):
    """The form data of a POST (even an empty one), or None to show an unbound form."""
    return request.POST if request.method == "POST" else None


def rule_error_onto_form(form, error):
    """An EmployerRuleError on the field it names (or the whole form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))
