from django.urls import path

from . import views

app_name = "relay"

# Under /members/groups/<slug>/, beside the group page the form sits on.
urlpatterns = [
    path("groups/<slug:slug>/contact/", views.contact, name="contact"),
    path("groups/<slug:slug>/contact/sent/", views.sent, name="sent"),
]
