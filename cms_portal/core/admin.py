"""What every admin module shares: read-only records, forms that call a service instead
of saving a model, and the links and sections of the case overview page."""

import uuid
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path, reverse

from cms_portal.staff_roles import assignable_staff


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only services write."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceBackedAdmin(admin.ModelAdmin):
    """Subclasses save through `create(request, form)` and `update(request, obj, changes)`.
    Fields naming who does the work (`staff_fields`) offer only caseworkers and team
    leaders."""

    staff_fields = ("assigned_caseworker", "assigned_to")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.staff_fields:
            kwargs["queryset"] = assignable_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in form.cleaned_data
            }
            saved = self.update(request, obj, changes) if changes else obj
        else:
            saved = self.create(request, form)
        # The admin reads obj.pk afterwards (messages, log entries, redirects).
        obj.pk = saved.pk
        obj.refresh_from_db()

    def create(self, request, form):
        raise NotImplementedError

    def update(self, request, obj, changes):
        raise NotImplementedError


def run_for_each(request, queryset, action, success_message):
    """Runs a service for each selected row, reporting any refusal instead of failing."""
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except ValueError as error:
            messages.error(request, f"{obj}: {error}")
        else:
            done += 1
    if done:
        messages.success(request, success_message % {"count": done})


def mask(value, keep=2):
    value = str(value or "")
    return ("*" * max(len(value) - keep, 0) + value[-keep:]) if value else ""


class ServiceForm(forms.Form):
    """A form whose submit calls a service once: it carries its own idempotency key."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", f"admin:{uuid.uuid4()}")
        super().__init__(*args, **kwargs)


def render_service_form(model_admin, request, form, *, title, submit_text, intro=""):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "form": form,
        "title": title,
        "submit_text": submit_text,
        "intro": intro,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "admin/service_form.html", context, status=status)


def extra_url(model_admin, suffix, view, name):
    opts = model_admin.opts
    return path(
        suffix,
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_{name}",
    )


# The case overview page: sections of rows with links and buttons to existing admin
# pages and actions, so every change there still goes through the services.


@dataclass
class Link:
    text: str
    url: str


@dataclass
class PostAction:
    """A button that runs an admin bulk action on one object."""

    text: str
    url: str
    action: str
    pk: int


@dataclass
class Section:
    key: str
    title: str
    headers: list
    rows: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    summary: list = field(default_factory=list)


def admin_url(model, view, *args, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    return f"{url}?{query}" if query else url


def change_link(obj, text=None):
    return Link(str(text if text is not None else obj), admin_url(type(obj), "change", obj.pk))


def may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def offer_add(section, user, model, text, query):
    if may(user, model, "add"):
        section.actions.append(Link(text, admin_url(model, "add", query=query)))
