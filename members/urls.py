from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    # portal/urls.py routes "/members/" to the Elasticsearch directory first; this database
    # view answers when search is down. The name stays here so templates link to it as before.
    path("", views.directory, name="directory"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("people/<int:pk>/", views.person_detail, name="person"),
]
