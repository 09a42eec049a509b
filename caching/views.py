from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache


@never_cache
def csrf_token(request):
    """The visitor's CSRF token, for forms on pages served from the shared page cache, which
    must not carry one (static/js/csrf.js fills ``input[data-csrf]`` from here)."""
    return JsonResponse({"token": get_token(request)})
