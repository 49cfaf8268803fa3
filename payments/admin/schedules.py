"""Schedules, instalments, missed payments and the nightly job runs, read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..jobs import pending_chunks
from ..models import (
    DirectPayReport,
    Instalment,
    JobAlert,
    JobRun,
    MissedPaymentNotice,
    PaymentSchedule,
    ScheduleShare,
)
from .base import ReadOnlyAdmin


class ShareInline(admin.TabularInline):
    model = ScheduleShare
    fields = ["receiving_party", "weekly_amount", "instalment_amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentSchedule)
class PaymentScheduleAdmin(ReadOnlyAdmin):
    list_display = [
        "case",
        "frequency",
        "instalment_amount",
        "starts_on",
        "ends_on",
        "next_due_date",
    ]
    list_filter = ["frequency"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    inlines = [ShareInline]


@admin.register(Instalment)
class InstalmentAdmin(ReadOnlyAdmin):
    list_display = ["due_date", "case", "amount", "fee_amount", "collect_and_pay"]
    list_filter = ["collect_and_pay", "due_date"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


@admin.register(MissedPaymentNotice)
class MissedPaymentNoticeAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "case", "kind", "outstanding", "escalate", "notified_at"]
    list_filter = ["kind", "escalate", "business_date"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


@admin.register(DirectPayReport)
class DirectPayReportAdmin(ReadOnlyAdmin):
    list_display = ["reported_at", "instalment", "outcome", "expected", "amount_received"]
    list_filter = ["outcome"]
    search_fields = ["instalment__case__reference"]
    list_select_related = ["instalment__case"]


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "job", "chunk_size", "progress", "started_at"]
    list_filter = ["job"]
    date_hierarchy = "business_date"

    @admin.display(description=_("Chunks done"))
    def progress(self, run):
        return f"{len(run.chunks) - len(pending_chunks(run))} / {len(run.chunks)}"


@admin.register(JobAlert)
class JobAlertAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "job", "pending_chunks", "raised_at"]
    list_filter = ["job"]
