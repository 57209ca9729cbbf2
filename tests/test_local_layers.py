"""How ``mastodon.testing`` is layered, and the state on its own (no server)."""

from __future__ import annotations

from mastodon.testing._paging import Bounds
from mastodon.testing._posting import Draft
from mastodon.testing._state import State
from tests.test_package import _imports

ROUTE_AREAS = ("accounts", "announcements", "filters", "instance", "lists", "notifications", "oauth", "search", "statuses")
ROUTE_AREAS += ("streaming", "tags", "timelines", "trends")

# Lowest first: a module may import only from layers below its own.
LAYERS = [
    ["_deps", "_errors", "_paging", "_records", "_scopes", "_text"],
    ["_policy"],
    ["_store"],
    # the rules, and rendering: side by side
    ["_social", "_posting", "_feeds", "_notifications", "_personal", "_announcements", "_render"],
    ["_state"],
    ["_hub"],
    ["_faults", "_routing"],
    ["_routes." + name for name in ROUTE_AREAS],
    ["_routes"],
    ["_wsgi", "_websocket"],
    ["_instance"],
    ["", "pytest_plugin"],
    ["demo"],
]


def _name(module: str) -> str:
    return module.removeprefix("mastodon.testing").removeprefix(".")


def test_every_module_of_the_local_instance_imports_only_from_the_layers_below() -> None:
    graph = {_name(m): {_name(t) for t in targets if t.startswith("mastodon.testing")} for m, targets in _imports().items()}
    graph = {m: targets for m, targets in graph.items() if m != "mastodon" and not m.startswith("mastodon.")}
    layer_of = {name: index for index, names in enumerate(LAYERS) for name in names}
    assert set(layer_of) == set(graph), "every module is in exactly one layer"
    for module, targets in graph.items():
        upward = sorted(t for t in targets if layer_of[t] >= layer_of[module])
        assert not upward, f"mastodon.testing.{module} imports from its own layer or above: {upward}"


def test_a_state_without_a_hub_keeps_working_and_drops_its_events() -> None:
    state = State("example.test")
    alice = state.register("alice", "alice@example.test", "long enough", agreement=True)
    bob = state.register("bob", "bob@example.test", "long enough", agreement=True)
    state.follow(bob, alice, None, None)  # a notification
    hello = state.post(alice, Draft(text="hello @bob", visibility="direct"), None)  # a status, a conversation
    state.save_filter(bob, None, {"title": "f", "context": ["home"]})  # changed filters
    assert [n.type for n in state.notifications[alice.id]] == ["follow"]
    assert [n.type for n in state.notifications[bob.id]] == ["mention"]
    assert next(iter(state.conversations[bob.id].values())).last_status_id == hello.id
    state.delete(alice, state.status_record(hello.id))  # a deletion
    assert list(state.direct(bob, Bounds())) == []
