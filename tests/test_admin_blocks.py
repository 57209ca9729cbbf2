"""Admin API: domain blocks and allows, e-mail and IP blocks."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError
from tests.data import admin as data

# -- domain blocks --------------------------------------------------------------------


def test_admin_domain_blocks_lists(api, expect):
    call = expect("GET", "/api/v1/admin/domain_blocks", [data.domain_block(), data.domain_block(id="2")])
    result = api.admin_domain_blocks(max_id="10", limit=2)
    assert call.query == [("max_id", "10"), ("limit", "2")]
    assert [b.id for b in result] == [1, 2]
    assert result[0].created_at == datetime(2022, 11, 16, 8, 15, 34, 238000, tzinfo=timezone.utc)


def test_admin_domain_blocks_with_id_fetches_one(api, expect):
    call = expect("GET", "/api/v1/admin/domain_blocks/1", data.domain_block())
    result = api.admin_domain_blocks({"id": "1"})
    assert call.query == []
    assert result.domain == "example.com" and result.severity == "noop"


def test_admin_domain_blocks_fetch_next_follows_link(api, expect, base_url):
    next_url = f"{base_url}/api/v1/admin/domain_blocks?limit=1&max_id=2"
    expect("GET", "/api/v1/admin/domain_blocks", [data.domain_block(id="3")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/admin/domain_blocks", [data.domain_block(id="2")])
    page = api.fetch_next(api.admin_domain_blocks(limit=1))
    assert second.query == [("limit", "1"), ("max_id", "2")]
    assert page[0].id == 2


def test_admin_domain_blocks_id_with_paging_is_refused(api):
    with pytest.raises(MastodonIllegalArgumentError, match="id"):
        api.admin_domain_blocks(1, limit=5)


def test_admin_create_domain_block(api, expect):
    call = expect("POST", "/api/v1/admin/domain_blocks", data.domain_block(domain="spam.example", severity="suspend", reject_media=True))
    result = api.admin_create_domain_block(
        "spam.example",
        severity="suspend",
        reject_media=True,
        reject_reports=False,
        private_comment="botnet",
        obfuscate=True,
    )
    assert call.form == [
        ("domain", "spam.example"),
        ("severity", "suspend"),
        ("reject_media", "true"),
        ("reject_reports", "false"),
        ("private_comment", "botnet"),
        ("obfuscate", "true"),
    ]
    assert result.severity == "suspend" and result.reject_media is True


def test_admin_create_domain_block_minimal(api, expect):
    call = expect("POST", "/api/v1/admin/domain_blocks", data.domain_block())
    api.admin_create_domain_block("example.com")
    assert call.form == [("domain", "example.com")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"domain": "example.com", "severity": "ban"}, "severity"),
        ({"domain": None, "severity": "silence"}, "domain"),
        ({"domain": "example.com", "reject_media": "yes"}, "reject_media"),
    ],
)
def test_admin_create_domain_block_bad_input(api, kwargs, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.admin_create_domain_block(**kwargs)


def test_admin_create_domain_block_takes_any_case_and_flags_as_text(api, expect):
    call = expect("POST", "/api/v1/admin/domain_blocks", data.domain_block())
    api.admin_create_domain_block("example.com", severity="Suspend", reject_media="1", obfuscate=0)
    assert call.form == [("domain", "example.com"), ("severity", "suspend"), ("reject_media", "true"), ("obfuscate", "false")]


def test_admin_update_domain_block(api, expect):
    call = expect("PUT", "/api/v1/admin/domain_blocks/1", data.domain_block(severity="silence"))
    result = api.admin_update_domain_block(1, severity="silence", public_comment="noisy")
    assert call.form == [("severity", "silence"), ("public_comment", "noisy")]
    assert result.severity == "silence"


def test_admin_update_domain_block_bad_severity(api):
    with pytest.raises(MastodonIllegalArgumentError, match="severity"):
        api.admin_update_domain_block(1, severity="block")


def test_admin_delete_domain_block(api, expect):
    call = expect("DELETE", "/api/v1/admin/domain_blocks/1", {})
    assert api.admin_delete_domain_block({"id": 1}) is None
    assert call.method == "DELETE" and call.query == []


# -- domain allows --------------------------------------------------------------------


def test_admin_domain_allows(api, expect):
    call = expect("GET", "/api/v1/admin/domain_allows", [data.domain_allow(id="2", domain="mastodon"), data.domain_allow()])
    result = api.admin_domain_allows(since_id=1)
    assert call.query == [("since_id", "1")]
    assert [a.domain for a in result] == ["mastodon", "mastodon.social"]


def test_admin_domain_allow(api, expect):
    expect("GET", "/api/v1/admin/domain_allows/1", data.domain_allow())
    result = api.admin_domain_allow(1)
    assert result.id == 1 and result.created_at.tzinfo is not None


def test_admin_create_domain_allow(api, expect):
    call = expect("POST", "/api/v1/admin/domain_allows", data.domain_allow())
    assert api.admin_create_domain_allow("mastodon.social").domain == "mastodon.social"
    assert call.form == [("domain", "mastodon.social")]


def test_admin_create_domain_allow_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        api.admin_create_domain_allow(None)


def test_admin_delete_domain_allow(api, expect):
    expect("DELETE", "/api/v1/admin/domain_allows/4", data.domain_allow(id="4", domain="*"))
    assert api.admin_delete_domain_allow(4) is None


# -- e-mail domain blocks -------------------------------------------------------------


def test_admin_email_domain_blocks(api, expect):
    call = expect("GET", "/api/v1/admin/email_domain_blocks", [data.email_domain_block()])
    result = api.admin_email_domain_blocks(limit=1)
    assert call.query == [("limit", "1")]
    assert result[0].domain == "foo"
    assert result[0].history[0].day == datetime(2022, 11, 16, tzinfo=timezone.utc)
    assert result[0].history[0].uses == 0


def test_admin_email_domain_blocks_fetch_next_follows_link(api, expect, base_url):
    next_url = f"{base_url}/api/v1/admin/email_domain_blocks?max_id=1"
    expect("GET", "/api/v1/admin/email_domain_blocks", [data.email_domain_block(id="2")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/admin/email_domain_blocks", [data.email_domain_block()])
    page = api.fetch_next(api.admin_email_domain_blocks())
    assert second.query == [("max_id", "1")]
    assert page[0].id == 1


def test_admin_email_domain_block(api, expect):
    expect("GET", "/api/v1/admin/email_domain_blocks/1", data.email_domain_block())
    assert api.admin_email_domain_block(1).id == 1


def test_admin_create_email_domain_block(api, expect):
    call = expect("POST", "/api/v1/admin/email_domain_blocks", data.email_domain_block())
    assert api.admin_create_email_domain_block("foo").domain == "foo"
    assert call.form == [("domain", "foo")]


def test_admin_create_email_domain_block_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        api.admin_create_email_domain_block(["foo"])


def test_admin_delete_email_domain_block(api, expect):
    expect("DELETE", "/api/v1/admin/email_domain_blocks/1", {})
    assert api.admin_delete_email_domain_block(1) is None


# -- canonical e-mail blocks ----------------------------------------------------------


def test_admin_canonical_email_blocks(api, expect):
    call = expect("GET", "/api/v1/admin/canonical_email_blocks", [data.canonical_email_block()])
    result = api.admin_canonical_email_blocks(min_id=0)
    assert call.query == [("min_id", "0")]
    assert result[0].canonical_email_hash.startswith("b344e55d")


def test_admin_canonical_email_block(api, expect):
    expect("GET", "/api/v1/admin/canonical_email_blocks/1", data.canonical_email_block())
    assert api.admin_canonical_email_block(1).id == 1


def test_admin_test_canonical_email_block(api, expect):
    call = expect("POST", "/api/v1/admin/canonical_email_blocks/test", [data.canonical_email_block()])
    result = api.admin_test_canonical_email_block("j.doe+promo@example.org")
    assert call.form == [("email", "j.doe+promo@example.org")]
    assert len(result) == 1 and result[0].id == 1


def test_admin_create_canonical_email_block_by_email(api, expect):
    call = expect("POST", "/api/v1/admin/canonical_email_blocks", data.canonical_email_block())
    assert api.admin_create_canonical_email_block(email="jdoe@example.org").id == 1
    assert call.form == [("email", "jdoe@example.org")]


def test_admin_create_canonical_email_block_by_hash(api, expect):
    call = expect("POST", "/api/v1/admin/canonical_email_blocks", data.canonical_email_block())
    api.admin_create_canonical_email_block(canonical_email_hash="b344e55d")
    assert call.form == [("canonical_email_hash", "b344e55d")]


def test_admin_create_canonical_email_block_needs_one(api):
    with pytest.raises(MastodonIllegalArgumentError, match="email or canonical_email_hash"):
        api.admin_create_canonical_email_block()


def test_admin_create_canonical_email_block_both_are_the_servers_to_judge(api, expect):
    call = expect("POST", "/api/v1/admin/canonical_email_blocks", data.canonical_email_block())
    api.admin_create_canonical_email_block(email="a@example.org", canonical_email_hash="b344")
    assert call.form == [("email", "a@example.org"), ("canonical_email_hash", "b344")]


def test_admin_delete_canonical_email_block(api, expect):
    call = expect("DELETE", "/api/v1/admin/canonical_email_blocks/1", {})
    result = api.admin_delete_canonical_email_block(1)
    assert call.method == "DELETE"
    assert result == {}


# -- IP blocks ------------------------------------------------------------------------


def test_admin_ip_blocks(api, expect):
    call = expect("GET", "/api/v1/admin/ip_blocks", [data.ip_block()])
    result = api.admin_ip_blocks(limit=1)
    assert call.query == [("limit", "1")]
    assert result[0].ip == "8.8.8.8/32" and result[0].expires_at is None


def test_admin_ip_blocks_fetch_next_follows_link(api, expect, base_url):
    next_url = f"{base_url}/api/v1/admin/ip_blocks?limit=1&max_id=1"
    expect("GET", "/api/v1/admin/ip_blocks", [data.ip_block(id="2")], headers={"Link": f'<{next_url}>; rel="next"'})
    second = expect("GET", "/api/v1/admin/ip_blocks", [data.ip_block()])
    page = api.fetch_next(api.admin_ip_blocks(limit=1))
    assert second.query == [("limit", "1"), ("max_id", "1")]
    assert page[0].id == 1


def test_admin_ip_block(api, expect):
    expect("GET", "/api/v1/admin/ip_blocks/1", data.ip_block())
    assert api.admin_ip_block(1).severity == "no_access"


def test_admin_create_ip_block(api, expect):
    call = expect("POST", "/api/v1/admin/ip_blocks", data.ip_block(ip="2001:db8::/32", expires_at="2022-11-17T07:22:00.501Z"))
    result = api.admin_create_ip_block("2001:db8::/32", "sign_up_block", comment="abuse", expires_in=86400)
    assert call.form == [
        ("ip", "2001:db8::/32"),
        ("severity", "sign_up_block"),
        ("comment", "abuse"),
        ("expires_in", "86400"),
    ]
    assert result.expires_at == datetime(2022, 11, 17, 7, 22, 0, 501000, tzinfo=timezone.utc)


def test_admin_create_ip_block_single_address(api, expect):
    call = expect("POST", "/api/v1/admin/ip_blocks", data.ip_block())
    api.admin_create_ip_block("8.8.8.8", "no_access")
    assert call.form == [("ip", "8.8.8.8"), ("severity", "no_access")]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((None, "no_access"), {}, "ip"),
        ((b"8.8.8.8", "no_access"), {}, "ip"),
        (("8.8.8.8", "block"), {}, "severity"),
        (("8.8.8.8", None), {}, "severity"),
        (("8.8.8.8", "no_access"), {"expires_in": "soon"}, "expires_in"),
        (("8.8.8.8", "no_access"), {"expires_in": 1.5}, "expires_in"),
        (("8.8.8.8", "no_access"), {"expires_in": True}, "expires_in"),
    ],
)
def test_admin_create_ip_block_bad_input(api, args, kwargs, message):
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.admin_create_ip_block(*args, **kwargs)


def test_admin_update_ip_block(api, expect):
    call = expect("PUT", "/api/v1/admin/ip_blocks/1", data.ip_block(ip="8.8.4.4/32"))
    result = api.admin_update_ip_block({"id": "1"}, ip="8.8.4.4/32", expires_in=3600)
    assert call.form == [("ip", "8.8.4.4/32"), ("expires_in", "3600")]
    assert result.ip == "8.8.4.4/32"


def test_admin_update_ip_block_bad_input(api):
    with pytest.raises(MastodonIllegalArgumentError, match="ip"):
        api.admin_update_ip_block(1, ip=167772160)


def test_admin_ip_blocks_leave_the_address_to_the_server(api, expect):
    created = expect("POST", "/api/v1/admin/ip_blocks", {"error": "Validation failed: Ip is invalid"}, status=422)
    updated = expect("PUT", "/api/v1/admin/ip_blocks/1", data.ip_block())
    with pytest.raises(MastodonAPIError, match="Ip is invalid"):
        api.admin_create_ip_block("8.8.8.300", "No_Access", expires_in=-5)
    api.admin_update_ip_block(1, ip="10.0.0.0/33", severity="SIGN_UP_BLOCK", expires_in="3600")
    assert created.form == [("ip", "8.8.8.300"), ("severity", "no_access"), ("expires_in", "-5")]
    assert updated.form == [("ip", "10.0.0.0/33"), ("severity", "sign_up_block"), ("expires_in", "3600")]


def test_admin_delete_ip_block(api, expect):
    expect("DELETE", "/api/v1/admin/ip_blocks/1", {})
    assert api.admin_delete_ip_block(1) is None
