"""What the caseworker admin pages share: writes go through services (so they are
locked and audited), nothing is deleted, and contact and bank details are masked in lists."""

from django.contrib import admin, messages

from cms_portal.staff_roles import assignable_staff


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
