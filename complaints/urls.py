from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.start, name="start"),
    path("new/about/", views.about, name="about"),
    path("new/what-happened/", views.details, name="details"),
    path("new/evidence/", views.evidence, name="evidence"),
    path("new/check/", views.check, name="check"),
    path("your-complaints/", views.your_complaints, name="list"),
    path("<uuid:complaint_id>/", views.detail, name="detail"),
    path("<uuid:complaint_id>/sent/", views.sent, name="sent"),
    path("<uuid:complaint_id>/review/", views.ask_for_review, name="review"),
    path(
        "<uuid:complaint_id>/files/<uuid:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
]
