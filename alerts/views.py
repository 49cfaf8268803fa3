"""The parent's alerts pages: what they get, changing it, the safeguarding question
before texts, and the confirmation. Only a parent in a case has alerts (404 otherwise)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms_portal.party_alerts import EVENTS

from . import services
from .forms import AlertPreferencesForm, ConfirmTextsForm
from .presenters import EVENT_NAMES, effective_choices, settings_rows
from .selectors import chooses_alerts, mobile_on_file

# Texts a safeguarded parent chose, kept until they answer the locked-screen question.
AWAITING_KEY = "alerts:texts-awaiting-confirmation"


def alerts_page(methods=("GET",)):
    def decorator(view):
        @login_required
        @never_cache
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not chooses_alerts(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@alerts_page()
def alert_settings(request):
    return render(request, "alerts/settings.html", {"rows": settings_rows(request.user)})


@alerts_page(methods=("GET", "POST"))
def change(request):
    user = request.user
    if request.method == "POST":
        form = AlertPreferencesForm(request.POST, mobile_on_file=mobile_on_file(user))
        if form.is_valid():
            mobile = form.cleaned_data["mobile_number"]
            waiting = services.update_alert_preferences(
                acting_user=user, user=user, choices=form.choices(), mobile_number=mobile
            )
            if waiting:
                request.session[AWAITING_KEY] = {"events": waiting, "mobile": mobile}
                return redirect("alerts:confirm_texts")
            request.session.pop(AWAITING_KEY, None)
            return redirect("alerts:saved")
    else:
        form = AlertPreferencesForm(
            initial=AlertPreferencesForm.initial_for(effective_choices(user), mobile_on_file(user))
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "alerts/change.html", {"form": form}, status=status)


@alerts_page(methods=("GET", "POST"))
def confirm_texts(request):
    awaiting = request.session.get(AWAITING_KEY)
    if not awaiting or not awaiting.get("events"):
        return redirect("alerts:settings")
    events = [event for event in EVENTS if event in awaiting["events"]]
    form = ConfirmTextsForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["confirm"] == "yes":
            services.confirm_texts(
                acting_user=request.user,
                user=request.user,
                events=events,
                mobile_number=awaiting.get("mobile", ""),
            )
        else:
            services.decline_texts(acting_user=request.user, user=request.user, events=events)
        request.session.pop(AWAITING_KEY, None)
        return redirect("alerts:saved")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "event_names": [EVENT_NAMES[event] for event in events]}
    return render(request, "alerts/confirm_texts.html", context, status=status)


@alerts_page()
def saved(request):
    return render(request, "alerts/saved.html", {"rows": settings_rows(request.user)})
