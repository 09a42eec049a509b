import importlib

from django.test import RequestFactory, override_settings


def test_favicon_redirects_when_debug_serves_media_too():
    # In DEBUG the URLconf adds media patterns; the favicon view must still build its URL.
    import portal.urls

    with override_settings(DEBUG=True):
        module = importlib.reload(portal.urls)
        try:
            response = module.favicon(RequestFactory().get("/favicon.ico"))
        finally:
            with override_settings(DEBUG=False):
                importlib.reload(portal.urls)
    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.ico")
