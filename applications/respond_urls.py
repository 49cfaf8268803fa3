from django.urls import path

from . import respond_views as views

app_name = "respond"

urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers/", views.check, name="check"),
    path("sent/", views.sent, name="sent"),
    path("<slug:slug>/", views.question, name="question"),
]
