"""Site-wide page types. One module per concept; ``__all__`` is the public surface."""

from .home import HomePage

__all__ = ["HomePage"]
