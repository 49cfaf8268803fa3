from django.urls import path

from . import views

app_name = "data_requests"

urlpatterns = [
    path("", views.start, name="start"),
    path("<uuid:request_id>/", views.status, name="status"),
    path("<uuid:request_id>/download/", views.download, name="download"),
]
