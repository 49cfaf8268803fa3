from django.urls import include, path

from .views import activation, case, challenge, changes, closing, messages, representatives

app_name = "cases"

# The dashboard and the case page itself ("cases:dashboard", "cases:detail") are composed
# in the parents app; cms_portal.urls joins its patterns to these under "cases".

case_patterns = [
    path("linked/", activation.activated, name="activated"),
    path("decisions/<uuid:decision_id>/", case.decision, name="decision"),
    path("changes/", changes.start, name="changes"),
    path("changes/history/", changes.history, name="change_history"),
    path("changes/report/<slug:kind>/", changes.change_form, name="change_form"),
    path("changes/report/<slug:kind>/check/", changes.change_check, name="change_check"),
    path(
        "changes/email/confirm/<str:token>/",
        changes.contact_email_confirm,
        name="contact_email_confirm",
    ),
    path(
        "changes/email/confirmed/", changes.contact_email_confirmed, name="contact_email_confirmed"
    ),
    path("changes/<uuid:change_id>/", changes.change, name="change"),
    path("changes/<uuid:change_id>/evidence-sent/", changes.evidence_sent, name="evidence_sent"),
    path("challenge/", challenge.choose, name="challenge"),
    path("challenge/reasons/", challenge.reasons, name="challenge_reasons"),
    path("challenge/evidence/", challenge.evidence, name="challenge_evidence"),
    path("challenge/check/", challenge.check, name="challenge_check"),
    path("challenge/<uuid:request_id>/", challenge.detail, name="challenge_detail"),
    path("close/", closing.start, name="close"),
    path("close/reason/", closing.reason, name="close_reason"),
    path("close/date/", closing.when, name="close_date"),
    path("close/check/", closing.check, name="close_check"),
    path("close/<uuid:closure_id>/", closing.detail, name="closure"),
    path("messages/", messages.inbox, name="messages"),
    path("messages/new/", messages.new, name="message_new"),
    path("messages/<uuid:thread_id>/", messages.thread, name="thread"),
    path("messages/<uuid:thread_id>/sent/", messages.sent, name="message_sent"),
    path("files/<uuid:attachment_id>/", messages.attachment, name="attachment"),
    path("representatives/", representatives.index, name="representatives"),
    path("representatives/add/", representatives.add, name="representative_add"),
    path("representatives/add/check/", representatives.check, name="representative_check"),
    path(
        "representatives/<uuid:representative_id>/added/",
        representatives.added,
        name="representative_added",
    ),
    path(
        "representatives/<uuid:representative_id>/remove/",
        representatives.remove,
        name="representative_remove",
    ),
    path(
        "representatives/<uuid:representative_id>/removed/",
        representatives.removed,
        name="representative_removed",
    ),
]

urlpatterns = [
    path("activate/", activation.activate, name="activate"),
    path(
        "activate/representative/",
        activation.activate_representative,
        name="activate_representative",
    ),
    path("cases/<str:reference>/", include(case_patterns)),
]
