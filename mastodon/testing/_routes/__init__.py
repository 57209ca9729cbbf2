"""The API's routes, one module per area. Importing this package declares them all."""

from .._routing import ROUTES
from . import (  # noqa: F401  (importing a module declares its routes)
    accounts,
    announcements,
    filters,
    instance,
    lists,
    notifications,
    oauth,
    search,
    statuses,
    streaming,
    tags,
    timelines,
    trends,
)

__all__ = ["ROUTES"]
