"""The caseworker admin: signed in through allauth (so axes lockout and MFA apply),
never through Django's own admin login form, and unusable by a session that has not
completed two-step verification, however that session was created. Bulk actions act only
on rows that can exist: a selected id that is not a possible primary key (NUL, text,
out of range) is dropped before the database sees it."""

from functools import wraps

from allauth.account.decorators import secure_admin_login
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .accounts.mfa import session_completed_mfa


def _never_posted(login_view):
    """Django's admin login form is shown to a signed-in member of staff who lacks
    permission; a POST to it is answered as a GET, so it never authenticates anyone (nor
    records a failure for a username too long to store) outside allauth's sign-in."""

    @wraps(login_view)
    def login(request, extra_context=None):
        if request.method != "GET":
            return HttpResponseRedirect(request.get_full_path())
        return login_view(request, extra_context)

    return login


def protect_admin(site):
    site.login = secure_admin_login(_never_posted(site.login))
    staff_permission = site.has_permission
    site.has_permission = lambda request: (
        staff_permission(request) and session_completed_mfa(request)
    )
    site.site_header = _("Child Maintenance Service: caseworkers")
    site.site_title = _("Child Maintenance Service")
    site.index_title = _("Caseworker tools")
    admin_view = site.admin_view

    def checked_admin_view(view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, ModelAdmin) and view.__name__ == "changelist_view":
            view = only_possible_selections(model_admin.model, view)
        return admin_view(view, cacheable)

    for model_admin in site._registry.values():
        for name in ("formfield_for_foreignkey", "formfield_for_manytomany"):
            setattr(model_admin, name, only_possible_choices(getattr(model_admin, name)))

    # Called when the URLs are built, so every model admin's list goes through it.
    site.admin_view = checked_admin_view
    each_context = site.each_context
    site.each_context = lambda request: {
        **each_context(request),
        "other_language": other_language(request),
        "queue_dashboard_label": _("Queue dashboard"),
    }


def other_language(request):
    """The link to this admin page in the other language (Welsh at /cy/admin/)."""
    code = "en" if get_language() == "cy" else "cy"
    return {
        "code": code,
        "name": dict(settings.LANGUAGES)[code],
        "url": translate_url(request.get_full_path(), code),
    }


def possible_primary_key(model, value):
    return possible_value(model._meta.pk, value)


def possible_value(field, value):
    if "\x00" in value:
        return False
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class PossibleModelMultipleChoiceField(ModelMultipleChoiceField):
    """Refuses a chosen id that cannot be a row before it reaches the database (which
    answers an integer out of its range with an error, not an empty result)."""

    def _check_values(self, value):
        for pk in value:
            if not possible_primary_key(self.queryset.model, str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class PossibleChoicesMixin:
    """An autocomplete box redisplaying a refused choice looks it up in the database
    first: only values that can be a row are looked up."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        value = [item for item in value if item and possible_value(target, str(item))]
        return super().optgroups(name, value, attr)


class PossibleAutocompleteSelect(PossibleChoicesMixin, AutocompleteSelect):
    pass


class PossibleAutocompleteSelectMultiple(PossibleChoicesMixin, AutocompleteSelectMultiple):
    pass


CHECKED_CLASSES = {
    ModelMultipleChoiceField: PossibleModelMultipleChoiceField,
    AutocompleteSelect: PossibleAutocompleteSelect,
    AutocompleteSelectMultiple: PossibleAutocompleteSelectMultiple,
}


def only_possible_choices(formfield_for):
    @wraps(formfield_for)
    def checked(db_field, request, **kwargs):
        formfield = formfield_for(db_field, request, **kwargs)
        for part in (formfield, getattr(formfield, "widget", None)):
            if type(part) in CHECKED_CLASSES:
                part.__class__ = CHECKED_CLASSES[type(part)]
        return formfield

    return checked


def only_possible_selections(model, view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if model._meta.app_label == "axes":
            # Axes' own actions read the attempt time its login handler normally sets.
            AxesProxyHandler.update_request(request)
        if request.method == "POST" and ACTION_CHECKBOX_NAME in request.POST:
            post = request.POST.copy()
            chosen = dict.fromkeys(post.getlist(ACTION_CHECKBOX_NAME))
            post.setlist(
                ACTION_CHECKBOX_NAME,
                [value for value in chosen if possible_primary_key(model, value)],
            )
            request.POST = post
        return view(request, *args, **kwargs)

    return checked
