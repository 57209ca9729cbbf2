"""Instance information, announcements, custom emojis, directory, oEmbed and discovery."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mastodon import MastodonAPIError, MastodonError, MastodonIllegalArgumentError, MastodonNotFoundError
from tests.data import entities
from tests.data import instance as data
from tests.fault_server import Fault, FaultServer
from tests.helpers import make_api

# -- server information -----------------------------------------------------------------


def test_instance_uses_v2(api, expect):
    call = expect("GET", "/api/v2/instance", entities.instance_v2())
    result = api.instance()
    assert call.query == []
    assert result.domain == "mastodon.social"
    assert result.configuration.statuses.max_characters == 500
    assert result.contact.account.id == 1
    assert result.rules[0].id == 1


def test_instance_on_old_server_uses_v1(base_url, expect):
    old = make_api(base_url, mastodon_version="3.5.3")
    expect("GET", "/api/v1/instance", entities.instance_v1())
    result = old.instance()
    assert result.uri == "mastodon.social"
    assert result.stats.user_count == 812303


def test_instance_v1(api, expect):
    expect("GET", "/api/v1/instance", entities.instance_v1())
    assert api.instance_v1().contact_account.acct == "Gargron"


def test_instance_activity_types(api, expect):
    expect("GET", "/api/v1/instance/activity", data.activity())
    weeks = api.instance_activity()
    assert weeks[0].week == datetime(2019, 11, 25, tzinfo=timezone.utc)
    assert (weeks[0].statuses, weeks[0].logins, weeks[0].registrations) == (37125, 14239, 542)
    assert weeks[1].week == datetime(2019, 11, 18, tzinfo=timezone.utc)


def test_instance_peers(api, expect):
    expect("GET", "/api/v1/instance/peers", data.peers())
    assert api.instance_peers() == ["tilde.zone", "mspsocial.net", "conf.tube"]


def test_instance_health(api, expect):
    call = expect("GET", "/health", {"status": "UP"})
    assert api.instance_health() is True
    assert "Authorization" not in call.headers


def test_instance_health_failing(api, expect):
    expect("GET", "/health", raw=b"database unreachable", status=500)
    assert api.instance_health() is False


def test_instance_nodeinfo(api, expect, base_url):
    listing = expect("GET", "/.well-known/nodeinfo", data.nodeinfo_links(base_url))
    document = expect("GET", "/nodeinfo/2.0", data.nodeinfo())
    result = api.instance_nodeinfo()
    assert result.software.name == "mastodon" and result.usage.users.activeMonth == 279347
    assert "Authorization" not in listing.headers and "Authorization" not in document.headers


def test_instance_nodeinfo_unknown_schema(api, expect, base_url):
    expect("GET", "/.well-known/nodeinfo", data.nodeinfo_links(base_url))
    with pytest.raises(MastodonAPIError, match="schema"):
        api.instance_nodeinfo("http://nodeinfo.diaspora.software/ns/schema/2.1")


def test_instance_rules(api, expect):
    expect("GET", "/api/v1/instance/rules", data.rules())
    rules = api.instance_rules()
    assert [r.id for r in rules] == [1, 2] and rules[1].text.startswith("No racism")


def test_instance_domain_blocks(api, expect):
    expect("GET", "/api/v1/instance/domain_blocks", data.domain_blocks())
    blocks = api.instance_domain_blocks()
    assert blocks[0].domain == "birb.elfenban.de" and blocks[0].severity == "suspend"


def test_instance_domain_blocks_hidden(api, expect):
    expect("GET", "/api/v1/instance/domain_blocks", raw=b"", status=404)
    with pytest.raises(MastodonNotFoundError):
        api.instance_domain_blocks()


def test_instance_extended_description(api, expect):
    expect("GET", "/api/v1/instance/extended_description", data.extended_description())
    result = api.instance_extended_description()
    assert result.updated_at == datetime(2022, 11, 3, 4, 9, 7, tzinfo=timezone.utc)
    assert result.content.startswith("<p>")


def test_instance_privacy_policy(api, expect):
    expect("GET", "/api/v1/instance/privacy_policy", data.privacy_policy())
    assert api.instance_privacy_policy().updated_at == datetime(2022, 10, 7, tzinfo=timezone.utc)


def test_instance_terms_of_service_current(api, expect):
    expect("GET", "/api/v1/instance/terms_of_service", data.terms_of_service())
    result = api.instance_terms_of_service()
    assert result.effective is True
    assert result.effective_date == datetime(2025, 4, 15, tzinfo=timezone.utc)


@pytest.mark.parametrize("when", [date(2025, 4, 15), datetime(2025, 4, 15, 12, 0, tzinfo=timezone.utc), "2025-04-15"])
def test_instance_terms_of_service_by_date(api, expect, when):
    expect("GET", "/api/v1/instance/terms_of_service/2025-04-15", data.terms_of_service())
    assert api.instance_terms_of_service(when).content == "<p>Foo bar newer</p>\n"


@pytest.mark.parametrize("when", ["15.04.2025", "", 20250415])
def test_instance_terms_of_service_rejects_bad_date(api, when):
    with pytest.raises(MastodonIllegalArgumentError, match="date"):
        api.instance_terms_of_service(when)


def test_instance_languages(api, expect):
    expect("GET", "/api/v1/instance/languages", data.languages())
    assert [lang.code for lang in api.instance_languages()] == ["en", "de"]


def test_instance_translation_languages(api, expect):
    expect("GET", "/api/v1/instance/translation_languages", data.translation_languages())
    result = api.instance_translation_languages()
    assert result["en"] == ["de", "es"] and result.und[0] == "en-GB"


# -- announcements ------------------------------------------------------------------------


def test_announcements(api, expect):
    expect("GET", "/api/v1/announcements", [data.announcement()])
    result = api.announcements()
    first = result[0]
    assert first.id == 8 and first.read is True
    assert first.published_at == datetime(2020, 7, 3, 1, 27, 38, 726000, tzinfo=timezone.utc)
    assert first.starts_at is None
    assert first.reactions[1].name == "🤔" and first.reactions[1].me is True


def test_announcement_dismiss(api, expect):
    call = expect("POST", "/api/v1/announcements/8/dismiss", {})
    assert api.announcement_dismiss(data.announcement()) is None
    assert call.form == []


def test_announcement_reactions(api, expect):
    added = expect("PUT", "/api/v1/announcements/8/reactions/bongoCat", {})
    unicode = expect("PUT", "/api/v1/announcements/8/reactions/🤔", {})
    removed = expect("DELETE", "/api/v1/announcements/8/reactions/bongoCat", {})
    api.announcement_reaction_create(8, ":bongoCat:")
    api.announcement_reaction_create("8", "🤔")
    api.announcement_reaction_delete({"id": "8"}, "bongoCat")
    assert added.form == [] and unicode.method == "PUT" and removed.query == []


@pytest.mark.parametrize("reaction", ["", "::", None])
def test_announcement_reaction_rejects_empty(api, reaction):
    with pytest.raises(MastodonIllegalArgumentError, match="reaction"):
        api.announcement_reaction_create(8, reaction)


# -- emojis, directory, oEmbed, discovery ---------------------------------------------------------


def test_custom_emojis(api, expect):
    expect("GET", "/api/v1/custom_emojis", data.custom_emojis())
    emojis = api.custom_emojis()
    assert [e.shortcode for e in emojis] == ["aaaa", "blobaww"]
    assert emojis[1].category == "Blobs" and emojis[0].visible_in_picker is True


def test_directory(api, expect):
    call = expect("GET", "/api/v1/directory", data.directory())
    result = api.directory(offset=40, limit=2, order="new", local=True)
    assert call.query == [("offset", "40"), ("limit", "2"), ("order", "new"), ("local", "true")]
    assert [a.id for a in result] == [796927, 787648]


@pytest.mark.parametrize(("kwargs", "name"), [({"order": "popular"}, "order"), ({"offset": "5th"}, "offset"), ({"local": "yes"}, "local")])
def test_directory_rejects_bad_input(api, kwargs, name):
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.directory(**kwargs)


def test_directory_takes_what_the_classic_client_took(api, expect):
    call = expect("GET", "/api/v1/directory", [])
    api.directory(offset="-5", limit=0, order="New", local="FALSE")
    assert call.query == [("offset", "-5"), ("limit", "0"), ("order", "new"), ("local", "false")]


def test_oembed(api, expect):
    url = "https://mastodon.social/@trwnh/99664077509711321"
    call = expect("GET", "/api/oembed", data.oembed())
    result = api.oembed(url, maxwidth=400)
    assert call.query == [("url", url), ("maxwidth", "400")]
    assert result.type == "rich" and result.width == 400 and result.height is None


def test_oembed_leaves_the_url_to_the_server(api, expect):
    call = expect("GET", "/api/oembed", {"error": "Record not found"}, status=404)
    with pytest.raises(MastodonNotFoundError):
        api.oembed("99664077509711321", maxwidth="400")
    assert call.query == [("url", "99664077509711321"), ("maxwidth", "400")]


def test_oembed_rejects_non_text(api):
    with pytest.raises(MastodonIllegalArgumentError, match="url"):
        api.oembed(99664077509711321)


@pytest.mark.parametrize("acct", ["Gargron@mastodon.social", "@Gargron@mastodon.social", "acct:Gargron@mastodon.social"])
def test_webfinger(api, expect, acct):
    call = expect("GET", "/.well-known/webfinger", data.webfinger())
    result = api.webfinger(acct)
    assert call.query == [("resource", "acct:Gargron@mastodon.social")]
    assert "Authorization" not in call.headers
    assert result.subject == "acct:Gargron@mastodon.social"
    assert [link.href for link in result.links if link.rel == "self"] == ["https://mastodon.social/users/Gargron"]


def test_webfinger_local_user_gets_server_domain(api, expect, base_url):
    call = expect("GET", "/.well-known/webfinger", data.webfinger())
    api.webfinger("Gargron")
    host = base_url.split("://", 1)[1]
    assert call.query == [("resource", f"acct:Gargron@{host}")]


@pytest.mark.parametrize("acct", ["", "@", "a@b@c", "two words@example.com", None])
def test_webfinger_rejects_bad_address(api, acct):
    with pytest.raises(MastodonIllegalArgumentError, match="acct"):
        api.webfinger(acct)


def test_host_meta_returns_xml_text(api, expect):
    call = expect("GET", "/.well-known/host-meta", raw=data.HOST_META)
    text = api.host_meta()
    assert text.startswith('<?xml version="1.0"')
    assert 'rel="lrdd"' in text
    assert "Authorization" not in call.headers


def test_get_approx_server_time_reads_the_date_header(api, expect):
    call = expect("HEAD", "/")  # the local server sends its own Date header
    before = datetime.now(timezone.utc).replace(microsecond=0)
    server_time = api.get_approx_server_time()
    assert server_time.tzinfo is not None and server_time.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=1) <= server_time <= datetime.now(timezone.utc)
    assert call.method == "HEAD" and call.headers["Authorization"].startswith("Bearer ")


@pytest.mark.parametrize(
    ("date", "expected"), [("yesterday", None), ("Sun, 29 Nov 2026 10:00:00 -0000", datetime(2026, 11, 29, 10, tzinfo=timezone.utc))]
)
def test_get_approx_server_time_takes_dates_as_gmt_and_refuses_others(date, expected):
    with FaultServer() as server:  # a server that sends exactly the headers it is given
        server.add(Fault("raw", headers={"Date": date}))
        api = make_api(server.url)
        if expected is None:
            with pytest.raises(MastodonError, match="not a date"):
                api.get_approx_server_time()
        else:
            assert api.get_approx_server_time() == expected
