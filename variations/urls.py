from django.urls import include, path

from . import views

app_name = "variations"

case_patterns = [
    path("apply/", views.ground, name="ground"),
    path("apply/amount/", views.amount, name="amount"),
    path("apply/how-often/", views.period, name="period"),
    path("apply/details/", views.details, name="details"),
    path("apply/evidence/", views.evidence, name="evidence"),
    path("apply/check/", views.check, name="check"),
    path("<uuid:variation_id>/", views.detail, name="detail"),
    path("<uuid:variation_id>/respond/", views.respond, name="respond"),
    path("<uuid:variation_id>/responded/", views.responded, name="responded"),
]

urlpatterns = [path("cases/<str:reference>/variations/", include(case_patterns))]
