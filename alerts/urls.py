from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_settings, name="settings"),
    path("change/", views.change, name="change"),
    path("texts-on-a-locked-screen/", views.confirm_texts, name="confirm_texts"),
    path("saved/", views.saved, name="saved"),
]
