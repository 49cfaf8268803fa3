"""Applications read for the person asking: another user's application is not found."""

from django.http import Http404

from .models import Application, ApplicationStatus


def current_draft(user):
    return Application.objects.filter(user=user, status=ApplicationStatus.DRAFT).first()


def own_application(user, reference):
    application = Application.objects.filter(user=user, reference=reference).first()
    if application is None:
        raise Http404
    return application


def own_applications(user):
    return Application.objects.filter(user=user).select_related("case").order_by("created_at")


def sent_applications(user):
    return Application.objects.filter(user=user).exclude(status=ApplicationStatus.DRAFT)


def submitted_queue():
    """Submitted applications not yet set up as a case, oldest first."""
    return Application.objects.filter(status=ApplicationStatus.SUBMITTED).order_by("submitted_at")
