"""The dashboard and the case page. They keep their `cases:` names and addresses: the
project's urls join these patterns to the cases app's under one namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
]
