from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path(
        "cases/<str:reference>/letters/decision/<uuid:decision_id>/",
        views.decision_letter,
        name="decision",
    ),
    path(
        "cases/<str:reference>/letters/statement/<slug:kind>/<int:year>/",
        views.yearly_statement,
        name="statement",
    ),
]
