from django.shortcuts import redirect
from django.urls import path

app_name = "calculation"

# Placeholder until the calculator journey lands; the journey's first page is "start".
urlpatterns = [
    path("", lambda request: redirect("cms_portal:start"), name="start"),
]
