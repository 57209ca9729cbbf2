"""How an event reaches a listener: the listener contract, in code.

A listener is a :class:`StreamListener` or any object with some of its methods.
An event named ``a.b`` goes to the listener's ``on_a_b``, looked up by name, so
a method for an event this library does not know (a fork's ``on_foo`` for its
``foo`` events) is called too; without such a method the event goes to
``on_unknown_event``. Every event first goes to ``on_any_event``. An event's
method gets the payload when it takes an argument, and any method gets
``for_stream`` only when it declares a parameter of that name. A method the
listener lacks is simply not called.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from ._events import EMPTY_EVENTS, KNOWN_EVENTS

# Methods with a role of their own: an event of a matching name (``abort``,
# ``any_event``, ...) is not dispatched to them but counts as unknown.
_ROLES = frozenset({"on_abort", "on_any_event", "on_unknown_event", "on_websocket_error"})

# The handler names of the events this library knows, worked out once.
_KNOWN = {event: "on_" + event.replace(".", "_") for event in KNOWN_EVENTS}


def handler_name(event: str) -> str | None:
    """The listener method for ``event`` (``status.update`` -> ``on_status_update``), or
    ``None`` when the name would reach a method that has another role."""
    name = _KNOWN.get(event)
    if name is None:
        name = "on_" + event.replace(".", "_")
        if name in _ROLES:
            return None
    return name


_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
_BY_NAME = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _shape(method: Callable[..., Any]) -> tuple[bool | None, bool]:
    """Whether ``method`` takes a positional argument (``None``: cannot tell) and
    whether it declares ``for_stream``."""
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):  # a callable without a readable signature
        return None, False
    for_stream = parameters.get("for_stream")
    positional = any(p.kind in _POSITIONAL and p.name != "for_stream" for p in parameters.values())
    return positional, for_stream is not None and for_stream.kind in _BY_NAME


class Dispatcher:
    """Calls one listener's methods as the contract above says.

    What a method's signature accepts is read the first time it is called and
    remembered for as long as the method stays the same, so the per-event cost
    is a few attribute look-ups.
    """

    __slots__ = ("_shapes", "listener")

    def __init__(self, listener: Any) -> None:
        self.listener = listener
        self._shapes: dict[str, tuple[Any, bool | None, bool]] = {}  # method name -> (function, *_shape)

    def _method(self, name: str) -> tuple[Callable[..., Any] | None, bool | None, bool]:
        """The listener's method ``name`` (``None`` if it has none), whether it takes a
        positional argument, whether it declares ``for_stream``."""
        method = getattr(self.listener, name, None)
        if method is None or not callable(method):
            return None, None, False
        function = getattr(method, "__func__", method)
        known = self._shapes.get(name)
        if known is None or known[0] is not function:
            known = (function, *_shape(method))
            self._shapes[name] = known
        return method, known[1], known[2]

    def event(self, name: str, payload: Any, for_stream: str | None) -> None:
        """Deliver one decoded event: ``on_any_event``, then its own method (or ``on_unknown_event``).

        The event's own method gets the payload unless it takes no positional
        argument (or, when its signature cannot be read, the event is one that
        never has a payload, such as ``filters_changed``).
        """
        any_event, _, wants_stream = self._method("on_any_event")
        if any_event is not None:
            if wants_stream:
                any_event(name, payload, for_stream=for_stream)
            else:
                any_event(name, payload)
        method_name = handler_name(name)
        handler, positional, wants_stream = self._method(method_name) if method_name is not None else (None, None, False)
        if handler is None:
            handler, _, wants_stream = self._method("on_unknown_event")
            args: tuple[Any, ...] = (name, payload)
            if handler is None:
                return
        elif positional or (positional is None and name not in EMPTY_EVENTS):
            args = (payload,)
        else:
            args = ()
        if wants_stream:
            handler(*args, for_stream=for_stream)
        else:
            handler(*args)

    def websocket_error(self, error: Any, for_stream: str | None) -> None:
        """An error the WebSocket server sent, to ``on_websocket_error``."""
        method, _, wants_stream = self._method("on_websocket_error")
        if method is None:
            return
        if wants_stream:
            method(error, for_stream=for_stream)
        else:
            method(error)

    def abort(self, err: Exception) -> None:
        """A failure of the connection, to ``on_abort``."""
        method = getattr(self.listener, "on_abort", None)
        if callable(method):
            method(err)

    def heartbeat(self) -> None:
        """A heartbeat, to ``handle_heartbeat``."""
        method = getattr(self.listener, "handle_heartbeat", None)
        if callable(method):
            method()


F = TypeVar("F", bound=Callable[..., Any])


def library_reader(func: F) -> F:
    """Mark the library's own ``handle_stream``, so that an override can be told from it."""
    func._pytooter_reader = True  # type: ignore[attr-defined]
    return func


def is_listener(candidate: Any) -> bool:
    """Whether ``candidate`` can serve as a listener: an object with at least one
    ``on_*`` or ``handle_*`` method (every StreamListener has them)."""
    return any(name.startswith(("on_", "handle_")) and callable(getattr(candidate, name, None)) for name in dir(candidate))


def own_stream_reader(listener: Any) -> Callable[[Any], None] | None:
    """The listener's own ``handle_stream``, when it has one other than StreamListener's."""
    method = getattr(listener, "handle_stream", None)
    if not callable(method) or getattr(getattr(method, "__func__", method), "_pytooter_reader", False):
        return None
    reader: Callable[[Any], None] = method
    return reader
