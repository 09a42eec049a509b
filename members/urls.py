from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("confirm/<str:token>/", views.confirm_entry_view, name="confirm"),
]
