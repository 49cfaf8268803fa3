"""What every parent page shares: sign-in, the case looked up for this user (404 if not
theirs), no caching, and answers kept in the session between a form and its check page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..models import Scope
from ..selectors import case_access


def parent_page(scope=Scope.VIEW, methods=("GET", "POST"), open_case=False):
    """A view of one case: called as view(request, access, **kwargs). With
    `open_case=True` it only acts on an open case: a closed one stays readable, but its
    changes, challenges, variations and closure pages say it is closed instead."""

    def decorator(view):
        @login_required
        @never_cache
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, reference, *args, **kwargs):
            access = case_access(request.user, reference, scope)
            if open_case and access.case.is_closed:
                return closed_case_page(request, access)
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator


def closed_case_page(request, access):
    """What a page that changes a case shows once the case has closed (403)."""
    return render(request, "cases/closed_case.html", {"access": access}, status=403)


def signed_in_page(view):
    return login_required(never_cache(require_http_methods(["GET", "POST"])(view)))


def posted(request):
    """(data, files) for binding a form on POST; (None, None) leaves it unbound."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def render_form(request, template, form, context=None, status=None):
    """A form page: 400 when a bound form has errors, keeping all the user typed."""
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, **(context or {})}
    return render(request, template, context, status=status)


def _session_key(access, journey):
    return f"cases:{access.case.reference}:{access.party.public_id}:{journey}"


def keep_answers(request, access, journey, answers):
    request.session[_session_key(access, journey)] = answers


def kept_answers(request, access, journey):
    return request.session.get(_session_key(access, journey))


def forget_answers(request, access, journey):
    request.session.pop(_session_key(access, journey), None)
