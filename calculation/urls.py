from django.urls import path

from . import views

app_name = "calculation"

urlpatterns = [
    path("", views.start, name="start"),
    path("circumstances/", views.question, {"name": "circumstances"}, name="circumstances"),
    path("benefits/", views.question, {"name": "benefits"}, name="benefits"),
    path("income/", views.question, {"name": "income"}, name="income"),
    path(
        "receiving-parents/",
        views.question,
        {"name": "receiving_parents"},
        name="receiving_parents",
    ),
    path("children/<int:parent>/", views.question, {"name": "children"}, name="children"),
    path("other-children/", views.question, {"name": "other_children"}, name="other_children"),
    path("shared-care/", views.question, {"name": "shared_care"}, name="shared_care"),
    path("nights/<int:parent>/<int:child>/", views.question, {"name": "nights"}, name="nights"),
    path("check-your-answers/", views.check, name="check"),
    path("result/", views.result, name="result"),
    path("start-again/", views.start_again, name="start_again"),
]
