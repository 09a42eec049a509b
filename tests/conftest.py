import pytest
from django.conf import settings

from search.server import LocalServer


@pytest.fixture(autouse=True)
def _require_elasticsearch(request):
    """Tests marked `elasticsearch` need the real server: absent means fail, never skip."""
    if request.node.get_closest_marker("elasticsearch") is None:
        return
    server = LocalServer(url=settings.ELASTICSEARCH_URL, cache=settings.ELASTICSEARCH_HOME)
    if server.health() is None:
        pytest.fail(
            f"Elasticsearch is not answering at {settings.ELASTICSEARCH_URL}; "
            "start it with `python manage.py elasticsearch start` (make test does this)"
        )


@pytest.fixture
def home_pages(db):
    from portal.seed import ensure_home_pages

    return ensure_home_pages()
