from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("members/", api.members, name="members"),
    path("search/", api.site, name="search"),
    path("suggest/", api.suggest, name="suggest"),
    path("openapi.json", api.openapi_json, name="openapi"),
]
