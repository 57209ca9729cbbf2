"""Timelines: home, public, local, hashtag, list, link, and timeline_is_available."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from tests.data import entities
from tests.data import timelines as data


def test_timeline_home_plain(api, expect):
    call = expect("GET", "/api/v1/timelines/home", data.home_page())
    result = api.timeline_home()
    assert call.query == []
    assert call.headers["Authorization"].startswith("Bearer ")
    assert [s.id for s in result] == [103206791453397862, 103206804086086361]
    first = result[0]
    assert first.created_at == datetime(2019, 11, 26, 23, 24, 13, 113000, tzinfo=timezone.utc)
    assert first.account.id == 1 and first.account.acct == "Gargron"
    assert first.media_attachments[0].id == 22345792


def test_timeline_home_paging_parameters(api, expect):
    call = expect("GET", "/api/v1/timelines/home", [])
    since = datetime(2019, 11, 26, 0, 0, tzinfo=timezone.utc)
    api.timeline_home(max_id={"id": "103206791453397862"}, since_id=since, limit=2)
    assert call.query == [
        ("max_id", "103206791453397862"),
        ("since_id", str(int(since.timestamp() * 1000) << 16)),
        ("limit", "2"),
    ]


def test_timeline_default_is_home(api, expect):
    call = expect("GET", "/api/v1/timelines/home", [])
    assert api.timeline() == []
    assert call.method == "GET" and call.query == []


def test_timeline_local_uses_public_with_local_flag(api, expect):
    call = expect("GET", "/api/v1/timelines/public", data.home_page())
    result = api.timeline_local(min_id=5, only_media=True)
    assert call.query == [("local", "true"), ("min_id", "5"), ("only_media", "true")]
    assert result[1].id == 103206804086086361


def test_timeline_named_local(api, expect):
    call = expect("GET", "/api/v1/timelines/public", [])
    api.timeline("local")
    assert call.query == [("local", "true")]


def test_timeline_public_switches_sent_only_when_true(api, expect):
    plain = expect("GET", "/api/v1/timelines/public", [])
    flagged = expect("GET", "/api/v1/timelines/public", [])
    api.timeline_public()
    api.timeline_public(only_media=True, remote=True)
    assert plain.query == []
    assert flagged.query == [("only_media", "true"), ("remote", "true")]


def test_timeline_hashtag(api, expect):
    call = expect("GET", "/api/v1/timelines/tag/cats", data.tag_page())
    result = api.timeline_hashtag("cats", local=True, limit=1)
    assert call.query == [("limit", "1"), ("local", "true")]
    assert result[0].tags[0].name == "cats"
    assert result[0].id == 103206185588894565


def test_timeline_hashtag_is_percent_encoded(api, expect):
    call = expect("GET", "/api/v1/timelines/tag/Qualitätskatzen", [])
    api.timeline("tag/Qualitätskatzen")
    assert call.path == "/api/v1/timelines/tag/Qualitätskatzen"


def test_timeline_list_takes_entity(api, expect):
    call = expect("GET", "/api/v1/timelines/list/13", [])
    api.timeline_list({"id": "13", "title": "friends"}, remote=True)
    assert call.query == [("remote", "true")]


def test_timeline_named_list(api, expect):
    call = expect("GET", "/api/v1/timelines/list/13", [])
    api.timeline("list/13", limit=3)
    assert call.query == [("limit", "3")]


def test_timeline_link(api, expect):
    url = "https://www.nbcnews.com/specials/plan-your-vote-2022-elections/index.html"
    call = expect("GET", "/api/v1/timelines/link", data.home_page())
    result = api.timeline_link(url, limit=2)
    assert call.query == [("url", url), ("limit", "2")]
    assert len(result) == 2


def test_timeline_named_link_accepts_encoded_url(api, expect):
    call = expect("GET", "/api/v1/timelines/link", [])
    api.timeline("link?url=https%3A%2F%2Fexample.com%2Fnews%3Fid%3D1")
    assert call.query == [("url", "https://example.com/news?id=1")]


def test_timeline_fetch_next_follows_link_header(api, expect, base_url):
    next_url = f"{base_url}/api/v1/timelines/home?max_id=103206791453397861"
    expect("GET", "/api/v1/timelines/home", data.home_page(), headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/timelines/home", [entities.status(id="103206791453397000")])
    page = api.timeline_home(limit=2)
    older = api.fetch_next(page)
    assert second.query == [("max_id", "103206791453397861"), ("limit", "2")]
    assert older[0].id == 103206791453397000


@pytest.mark.parametrize("name", ["", "#", "#cats", " #cats", None, 5])
def test_timeline_hashtag_rejects_bad_tags(api, name):
    with pytest.raises(MastodonIllegalArgumentError, match="hashtag"):
        api.timeline_hashtag(name)


def test_timeline_hashtag_leaves_odd_names_to_the_server(api, expect):
    call = expect("GET", "/api/v1/timelines/tag/two words", [])
    api.timeline_hashtag("two words")
    assert call.raw_uri.startswith("/api/v1/timelines/tag/two%20words")


@pytest.mark.parametrize("name", ["", "tag/", "tag/#", "tag/#cats", "list/", None, 3])
def test_timeline_rejects_bad_names(api, name):
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline(name)


@pytest.mark.parametrize("name", ["bubble", "direct", "HOME"])
def test_timeline_names_of_forks_go_to_the_server(api, expect, name):
    call = expect("GET", f"/api/v1/timelines/{name}", [entities.status()])
    result = api.timeline(name, limit="5", only_media="true")
    assert call.query == [("limit", "5"), ("only_media", "true")]
    assert len(result) == 1


def test_timeline_local_and_remote_together_go_to_the_server(api, expect):
    call = expect("GET", "/api/v1/timelines/public", [])
    api.timeline_public(local=True, remote=1)
    assert call.query == [("local", "true"), ("remote", "true")]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"limit": "twenty"}, "limit"),
        ({"limit": True}, "limit"),
        ({"since_id": 1.5}, "since_id"),
        ({"only_media": "yes"}, "only_media"),
    ],
)
def test_timeline_rejects_bad_paging(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.timeline_public(**kwargs)


def test_timeline_paging_takes_text_and_leaves_ranges_to_the_server(api, expect):
    call = expect("GET", "/api/v1/timelines/public", [])
    api.timeline_public(limit="0", only_media=0, local="False")
    assert call.query == [("limit", "0")]


def test_timeline_link_leaves_the_url_to_the_server(api, expect):
    call = expect("GET", "/api/v1/timelines/link", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.timeline_link("not a url")
    assert call.query == [("url", "not a url")]


def test_timeline_link_rejects_no_url(api):
    with pytest.raises(MastodonIllegalArgumentError, match="url"):
        api.timeline_link(" ")


# -- timeline_is_available --------------------------------------------------------------


def _instance_with_access(live_local: str, live_remote: str, tags_remote: str = "public") -> dict:
    config = entities.instance_v2()["configuration"]
    config["timelines_access"] = {
        "live_feeds": {"local": live_local, "remote": live_remote},
        "hashtag_feeds": {"local": "public", "remote": tags_remote},
        "trending_link_feeds": {"local": "authenticated", "remote": "disabled"},
    }
    return entities.instance_v2(configuration=config)


def test_timeline_is_available_reads_access_settings_once(api, expect):
    expect("GET", "/api/v2/instance", _instance_with_access("public", "authenticated"))
    assert api.timeline_is_available("public", local=True) is True
    assert api.timeline_is_available("local") is True
    assert api.timeline_is_available("public") is False
    assert api.timeline_is_available("public", with_auth=True) is True
    assert api.timeline_is_available("tag/cats") is True
    assert api.timeline_is_available("link?url=https://example.com/", local=True, with_auth=True) is True
    assert api.timeline_is_available("link?url=https://example.com/", with_auth=True) is False


def test_timeline_is_available_home_needs_auth_without_asking(api):
    assert api.timeline_is_available("home") is False
    assert api.timeline_is_available("list/4", with_auth=True) is True


def test_timeline_is_available_without_settings(api, expect):
    expect("GET", "/api/v2/instance", entities.instance_v2(version="4.2.0"))
    assert api.timeline_is_available("public") is True
    with pytest.raises(MastodonVersionError, match="timeline access"):
        api.timeline_is_available("public", fail_hard=True)


def test_timeline_is_available_both_sides_need_both_parts(api, expect):
    expect("GET", "/api/v2/instance", _instance_with_access("public", "authenticated"))
    assert api.timeline_is_available("public", local=True, remote=True) is False
    assert api.timeline_is_available("public", local=True, remote=True, with_auth=True) is True


def test_timeline_is_available_takes_the_kind_names_of_mastodon_py_2(api, expect):
    expect("GET", "/api/v2/instance", _instance_with_access("public", "public", tags_remote="disabled"))
    assert api.timeline_is_available("hashtag", local=True) is True
    assert api.timeline_is_available("hashtag") is False
    assert api.timeline_is_available("trending_links", local=True, with_auth=True) is True
    assert api.timeline_is_available("trending_links", local=True) is False


@pytest.mark.parametrize("name", ["home", "list/4", "bubble"])
def test_timeline_is_available_fail_hard_raises_for_what_cannot_be_probed(api, name):
    with pytest.raises(MastodonIllegalArgumentError, match="no published access settings"):
        api.timeline_is_available(name, with_auth=True, fail_hard=True)


def test_timeline_is_available_guesses_for_fork_timelines(api):
    assert api.timeline_is_available("bubble") is True


def test_timeline_is_available_fail_hard_passes_on_a_failed_lookup(api, expect):
    expect("GET", "/api/v2/instance", {"error": "This action is not allowed"}, status=403)
    with pytest.raises(MastodonAPIError) as err:
        api.timeline_is_available("public", fail_hard=True)
    assert err.value.status_code == 403


def test_timeline_is_available_refuses_a_tag_with_its_hash(api):
    with pytest.raises(MastodonIllegalArgumentError, match="#"):
        api.timeline_is_available("tag/#cats")
