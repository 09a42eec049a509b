from wagtail import hooks

from portal.subnetwork_pages import SUPPLY_HOOK

from .models import SubNetworkPage


@hooks.register(SUPPLY_HOOK)
def subnetwork_pages(*, locale):
    """Sub-network pages for portal's home and pillar pages (portal does not import projects)."""
    return SubNetworkPage.objects.filter(locale=locale).order_by("subnetwork__sort_order")
