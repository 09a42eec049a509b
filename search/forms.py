"""Request parameters → validated, allow-listed search parameters."""

from members.forms import DirectoryFilterForm
from members.text import normalize

from .queries import MAX_PAGE, DirectoryParams
from .text import MAX_QUERY_CHARS


def directory_params(data) -> tuple[DirectoryParams, DirectoryFilterForm]:
    form = DirectoryFilterForm(data)
    query = form.to_query()
    selected = {
        "type": (query.type,) if query.type else (),
        "region": (query.region,) if query.region else (),
        "prefecture": query.prefectures,
        "field": query.fields,
        "language": query.languages,
        "network": query.networks,
    }
    params = DirectoryParams(q=query.q, selected=selected, sort=query.sort, page=query.page)
    return params, form


def site_params(data) -> tuple[str, int]:
    q = normalize(data.get("q", ""))[:MAX_QUERY_CHARS]
    try:
        page = min(max(int(data.get("page", 1)), 1), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    return q, page
