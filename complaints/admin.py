"""The complaints queue: each stage of each complaint, ordered by its next deadline
(acknowledge, then answer), overdue ones marked. Acknowledging and answering go through
the services, so both are audited; the answer is what the person reads."""

from django import forms
from django.contrib import admin
from django.db.models import Case, F, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import ServiceBackedAdmin, run_for_each
from payments.dates import business_date

from . import services
from .models import ComplaintEvidence, ComplaintReview


class AnswerForm(forms.ModelForm):
    answer_text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The person reads this in their account and is emailed that there is an answer. "
            "It cannot be changed once saved."
        ),
    )

    class Meta:
        model = ComplaintReview
        fields: list[str] = []

    def clean(self):
        # The page of an answered complaint has no answer box, but a second tab or a
        # colleague may still send one: refuse it here rather than in the service.
        cleaned = super().clean()
        answered = self.instance.pk and self.instance.is_answered
        if answered and (cleaned.get("answer_text") or "").strip():
            raise forms.ValidationError(
                _("This complaint has already been answered. An answer cannot be changed.")
            )
        return cleaned


def _deadline(value, done, today):
    if done:
        return format_html("{} ({})", value, _("done"))
    if value < today:
        return format_html('<strong class="app-overdue">{} ({})</strong>', value, _("overdue"))
    return str(value)


@admin.register(ComplaintReview)
class ComplaintReviewAdmin(ServiceBackedAdmin):
    form = AnswerForm
    list_display = [
        "complaint",
        "stage",
        "topic",
        "acknowledge_by_shown",
        "answer_by_shown",
        "state",
    ]
    list_filter = ["stage", "complaint__topic"]
    search_fields = ["complaint__reference", "complaint__case__reference"]
    actions = ["acknowledge"]
    readonly_fields = [
        "complaint",
        "stage",
        "topic",
        "case",
        "what_happened",
        "wanted_outcome",
        "reason",
        "files",
        "opened_on",
        "acknowledge_by",
        "answer_by",
        "acknowledged_at",
        "answer",
        "answered_at",
    ]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_answered:
            return self.readonly_fields
        return [*self.readonly_fields, "answer_text"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        # The next thing due first: an unacknowledged stage by its acknowledgement date,
        # an acknowledged one by its answer date; answered ones last.
        return (
            super()
            .get_queryset(request)
            .select_related("complaint", "complaint__case")
            .annotate(
                next_due=Case(
                    When(acknowledged_at__isnull=True, then=F("acknowledge_by")),
                    When(answered_at__isnull=True, then=F("answer_by")),
                    default=None,
                )
            )
        )

    def get_ordering(self, request):
        return [F("next_due").asc(nulls_last=True), "answer_by", "id"]

    @admin.display(description=_("what it is about"))
    def topic(self, obj):
        return obj.complaint.get_topic_display()

    @admin.display(description=_("case"))
    def case(self, obj):
        return obj.complaint.case or "-"

    @admin.display(description=_("what happened"))
    def what_happened(self, obj):
        return obj.complaint.what_happened

    @admin.display(description=_("what they want us to do"))
    def wanted_outcome(self, obj):
        return obj.complaint.wanted_outcome

    @admin.display(description=_("acknowledge by"), ordering="acknowledge_by")
    def acknowledge_by_shown(self, obj):
        return _deadline(obj.acknowledge_by, obj.is_acknowledged, business_date())

    @admin.display(description=_("answer by"), ordering="answer_by")
    def answer_by_shown(self, obj):
        return _deadline(obj.answer_by, obj.is_answered, business_date())

    @admin.display(description=_("status"))
    def state(self, obj):
        if obj.is_answered:
            return _("Answered")
        if obj.is_acknowledged:
            return _("Acknowledged")
        return _("Received")

    @admin.display(description=_("files"))
    def files(self, obj):
        links = [
            format_html(
                '<a href="{}">{}</a>',
                reverse("admin:complaints_evidence_download", args=[evidence.public_id]),
                evidence.original_name,
            )
            for evidence in obj.complaint.evidence.all()
        ]
        return format_html(", ".join(["{}"] * len(links)), *links) if links else "-"

    def save_model(self, request, obj, form, change):
        answer = form.cleaned_data.get("answer_text")
        if answer:
            services.answer_review(acting_user=request.user, review=obj, answer=answer)

    @admin.action(description=_("Acknowledge the complaint"))
    def acknowledge(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda review: services.acknowledge_review(acting_user=request.user, review=review),
            _("Acknowledged %(count)s complaint(s)."),
        )

    def get_urls(self):
        return [
            path(
                "evidence/<uuid:evidence_id>/",
                self.admin_site.admin_view(self.download_evidence),
                name="complaints_evidence_download",
            ),
            *super().get_urls(),
        ]

    def download_evidence(self, request, evidence_id):
        """A file sent with a complaint, as a download, never shown inline; audited."""
        if not self.has_view_permission(request):
            raise Http404
        evidence = get_object_or_404(
            ComplaintEvidence, public_id=evidence_id, complaint__isnull=False
        )
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        services.record_evidence_download(acting_user=request.user, evidence=evidence)
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
