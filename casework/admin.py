"""The caseworker queue in the admin: items are worked (assigned, moved on) through the
casework services; the queue dashboard shows what waits and what is late."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import ServiceBackedAdmin, run_for_each

from .dashboard import dashboard_view
from .models import WorkItem, WorkItemStatus
from .services import update_work_item


@admin.register(WorkItem)
class WorkItemAdmin(ServiceBackedAdmin):
    list_display = [
        "summary",
        "kind",
        "case",
        "status",
        "review_by",
        "assigned_to",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["summary", "case__reference", "source_reference"]
    fields = [
        "case",
        "kind",
        "summary",
        "source_reference",
        "status",
        "review_by",
        "assigned_to",
        "created_at",
        "closed_at",
    ]
    readonly_fields = [
        "case",
        "kind",
        "summary",
        "source_reference",
        "review_by",
        "created_at",
        "closed_at",
    ]
    actions = ["assign_to_me", "mark_in_progress", "mark_done"]
    change_list_template = "admin/casework/workitem/change_list.html"

    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard),
                name="casework_workitem_dashboard",
            ),
            *super().get_urls(),
        ]

    def dashboard(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return dashboard_view(self, request)

    def has_add_permission(self, request):
        return False

    def update(self, request, obj, changes):
        return update_work_item(
            acting_user=request.user,
            work_item=obj,
            status=changes.get("status"),
            assigned_to=changes.get("assigned_to"),
        )

    @admin.action(description=_("Assign to me"))
    def assign_to_me(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: update_work_item(
                acting_user=request.user, work_item=item, assigned_to=request.user
            ),
            _("Assigned %(count)s."),
        )

    @admin.action(description=_("Mark in progress"))
    def mark_in_progress(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: update_work_item(
                acting_user=request.user, work_item=item, status=WorkItemStatus.IN_PROGRESS
            ),
            _("Updated %(count)s."),
        )

    @admin.action(description=_("Mark done"))
    def mark_done(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: update_work_item(
                acting_user=request.user, work_item=item, status=WorkItemStatus.DONE
            ),
            _("Updated %(count)s."),
        )
