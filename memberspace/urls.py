from django.urls import path

from . import views

app_name = "memberspace"

urlpatterns = [
    path("", views.my_entries, name="entries"),
    path("<str:kind>/<slug:slug>/", views.edit_entry, name="edit"),
    path("<str:kind>/<slug:slug>/privacy/", views.change_privacy, name="privacy"),
]
