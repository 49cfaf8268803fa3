from django.urls import include, path

from . import views

app_name = "arrears_plans"

case_patterns = [
    path("", views.plan, name="plan"),
    path("agree/", views.start, name="start"),
    path("agree/amount/", views.amount, name="amount"),
    path("agree/take-home-pay/", views.income, name="income"),
    path("agree/check/", views.check, name="check"),
    path("agree/sent/<uuid:request_id>/", views.sent, name="sent"),
]

urlpatterns = [path("cases/<str:reference>/arrears-plan/", include(case_patterns))]
