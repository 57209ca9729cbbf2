"""Preferences and timeline read markers."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError
from tests.data import entities
from tests.data import timelines as data


def test_preferences(api, expect):
    call = expect("GET", "/api/v1/preferences", data.preferences())
    prefs = api.preferences()
    assert call.query == []
    assert prefs["posting:default:visibility"] == "public"
    assert prefs["reading:expand:spoilers"] is False
    assert prefs["posting:default:language"] is None


def test_markers_get_default_is_home(api, expect):
    call = expect("GET", "/api/v1/markers", {"home": data.marker()})
    result = api.markers_get()
    assert call.query == [("timeline[]", "home")]
    assert result.home.last_read_id == 103206604258487607
    assert result.home.version == 468
    assert result.home.updated_at == datetime(2019, 11, 26, 22, 37, 25, 235000, tzinfo=timezone.utc)


def test_markers_get_both(api, expect):
    call = expect("GET", "/api/v1/markers", data.markers())
    result = api.markers_get(["home", "notifications"])
    assert call.query == [("timeline[]", "home"), ("timeline[]", "notifications")]
    assert result["notifications"].last_read_id == 35098814


def test_markers_set_one(api, expect):
    call = expect("POST", "/api/v1/markers", {"home": data.marker(last_read_id="103194548672408537", version=462)})
    result = api.markers_set("home", entities.status(id="103194548672408537"))
    assert call.form == [("home[last_read_id]", "103194548672408537")]
    assert result.home.version == 462


def test_markers_set_zips_lists(api, expect):
    call = expect("POST", "/api/v1/markers", data.markers())
    api.markers_set(["notifications", "home"], [35098814, "103206604258487607"])
    assert call.form == [("notifications[last_read_id]", "35098814"), ("home[last_read_id]", "103206604258487607")]


@pytest.mark.parametrize(
    ("timelines", "ids"),
    [
        (["home", "notifications"], [1]),
        ("public", 1),
        (["home", "home"], [1, 2]),
        ([], []),
        ("home", None),
    ],
)
def test_markers_set_rejects_bad_input(api, timelines, ids):
    with pytest.raises(MastodonIllegalArgumentError):
        api.markers_set(timelines, ids)


def test_markers_get_rejects_unknown_timeline(api):
    with pytest.raises(MastodonIllegalArgumentError, match="timeline"):
        api.markers_get("local")
