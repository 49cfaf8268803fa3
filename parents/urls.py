"""The dashboard, the case page, "what if" and the previews of what another party sees.
They keep their `cases:` names and addresses: the project's urls join these patterns to
the cases app's under one namespace."""

from django.urls import path

from . import views, what_if_views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path(
        "cases/<str:reference>/preview/<uuid:party_id>/",
        views.case_preview,
        name="preview",
    ),
    path(
        "cases/<str:reference>/decisions/<uuid:decision_id>/preview/<uuid:party_id>/",
        views.decision_preview,
        name="decision_preview",
    ),
    path("cases/<str:reference>/what-if/", what_if_views.choose, name="what_if"),
    path(
        "cases/<str:reference>/what-if/<slug:answer>/",
        what_if_views.answer,
        name="what_if_answer",
    ),
    path(
        "cases/<str:reference>/what-if/<slug:answer>/result/",
        what_if_views.result,
        name="what_if_result",
    ),
]
