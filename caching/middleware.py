"""The page cache's two halves around the rest of the middleware.

``ServePageCacheMiddleware`` sits after authentication and locale (it needs the user and the
language) and answers cacheable requests from the cache in ``process_view``, once the URL is
resolved. ``StorePageCacheMiddleware`` is the outermost middleware, so it sees the response
with every header and cookie the others added before deciding whether to keep it.
"""

from django.utils import timezone
from django.utils.translation import get_language

from . import expiry, policy, store

HEADER = "X-Cache"


class StorePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or response.get(HEADER) == "hit":
            return response
        if policy.may_store(response):
            seconds = expiry.seconds_to_keep(store.ttl_setting(), now=timezone.now())
            if seconds > 0:
                store.save(key, response, seconds=seconds)
        return response


class ServePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "_page_cache_state", None)
        if state is not None and not response.has_header(HEADER):
            response[HEADER] = state
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if store.ttl_setting() <= 0 or not policy.is_cacheable_view(request):
            return None
        if not policy.may_use_cache(request):
            request._page_cache_state = "bypass"
            return None
        key = store.key_for(url=request.build_absolute_uri(), language=get_language() or "")
        cached = store.load(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        request._page_cache_key = key
        request._page_cache_state = "miss"
        return None
