"""Sub-network (project) pages. ``__all__`` is the public surface."""

from .subnetworks import SubNetworkIndexPage, SubNetworkPage

__all__ = ["SubNetworkIndexPage", "SubNetworkPage"]
