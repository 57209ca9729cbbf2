"""The API's routes, one module per area. Importing this package declares them all."""

from .._routing import ROUTES
from . import accounts, filters, instance, lists, notifications, oauth, search, statuses, streaming, tags, timelines  # noqa: F401  (they declare)

__all__ = ["ROUTES"]
