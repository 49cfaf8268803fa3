from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("cases/<str:reference>/payments/", views.overview, name="overview"),
    path("cases/<str:reference>/payments/schedule/", views.schedule, name="schedule"),
    path("cases/<str:reference>/payments/statement/", views.statement, name="statement"),
    path("cases/<str:reference>/payments/statement.csv", views.statement_csv, name="statement_csv"),
    path("cases/<str:reference>/payments/how-to-pay/", views.how_to_pay, name="how_to_pay"),
    path(
        "cases/<str:reference>/payments/report-missed-payment/",
        views.report_missed,
        name="report_missed",
    ),
    path(
        "cases/<str:reference>/payments/report-missed-payment/<uuid:report_id>/",
        views.report_missed_done,
        name="report_missed_done",
    ),
]
