from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers/", views.check, name="check"),
    path("declaration/", views.declaration, name="declaration"),
    path("stop/<slug:reason>/", views.stop, name="stop"),
    path("sent/<str:reference>/", views.sent, name="sent"),
    path("status/<str:reference>/", views.status, name="status"),
    path("<slug:slug>/", views.question, name="question"),
]
