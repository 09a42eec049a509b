from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import path


class LogoutView(auth_views.LogoutView):
    """Logging out needs a POST (CSRF-safe); a GET, e.g. a typed or bookmarked address,
    shows a page with the button instead of a bare 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "members/logout.html")


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="members/login.html"), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
]
