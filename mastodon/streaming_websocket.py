"""The WebSocket stream handles, at the import path they had before ``mastodon.streaming`` became a package."""

from .streaming import WebSocketStreamHandle, WebSocketSubscription, websocket_available

__all__ = ["WebSocketStreamHandle", "WebSocketSubscription", "websocket_available"]
