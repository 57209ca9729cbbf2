from mastodon import Mastodon
from tests.data import entities as data


def test_status_roundtrip(api, expect):
    call = expect("GET", "/api/v1/statuses/103270115826048975", data.status())
    result = api._get("/api/v1/statuses/103270115826048975", returns=dict)
    assert call.headers["Authorization"].startswith("Bearer ")
    assert result.id == 103270115826048975
    assert result.account.acct == "Gargron"


def test_version_from_server(base_url, expect):
    expect("GET", "/api/v2/instance", data.instance_v2(version="4.2.10+glitch"))
    api = Mastodon(access_token="t", api_base_url=base_url)
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 2, 10)
