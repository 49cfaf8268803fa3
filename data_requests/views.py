"""Asking for a copy of your data, following it until it is ready, and downloading it
(only after entering the password again)."""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import presenters, selectors, services
from .forms import RequestDataCopyForm
from .models import FILE_LIFETIME, DataRequestStatus

STATUS_TEMPLATES: dict[str, str] = {
    "pending": "data_requests/pending.html",
    "ready": "data_requests/ready.html",
    "failed": "data_requests/failed.html",
    "expired": "data_requests/expired.html",
}


def _parent_only(request):
    if not selectors.can_request_data_copy(request.user):
        raise Http404


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    _parent_only(request)
    pending = selectors.pending_request_for(request.user)
    if pending is not None:
        # One at a time: the request being prepared is shown instead.
        return redirect("data_requests:status", request_id=pending.public_id)
    form = RequestDataCopyForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data_request, _created = services.request_data_copy(acting_user=request.user)
        return redirect("data_requests:status", request_id=data_request.public_id)
    return render(
        request,
        "data_requests/start.html",
        {
            "form": form,
            "lifetime_days": FILE_LIFETIME.days,
            "ready_link": presenters.ready_link(selectors.latest_request_for(request.user)),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@never_cache
@require_GET
def status(request, request_id):
    data_request = selectors.data_request_for(request.user, request_id)
    state = str(data_request.status)
    if state == DataRequestStatus.READY and data_request.is_expired():
        state = str(DataRequestStatus.EXPIRED)
    return render(
        request,
        STATUS_TEMPLATES[state],
        {
            "data_request": data_request,
            "lifetime_days": FILE_LIFETIME.days,
            "rows": presenters.ready_rows(data_request)
            if state == DataRequestStatus.READY
            else None,
        },
    )


@login_required
@never_cache
@require_GET
def download(request, request_id):
    # Someone else's request is a 404 before any password is asked for.
    data_request = selectors.data_request_for(request.user, request_id)
    if not data_request.can_download():
        return redirect("data_requests:status", request_id=data_request.public_id)

    def send_file(request):
        services.record_download(acting_user=request.user, data_request=data_request)
        return FileResponse(
            data_request.file.open("rb"),
            as_attachment=True,
            filename=f"child-maintenance-data-{data_request.ready_at:%Y-%m-%d}.zip",
            content_type="application/zip",
        )

    # The file holds everything about the parent's cases: the password again first.
    return reauthentication_required(send_file)(request)
