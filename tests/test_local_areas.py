"""LocalInstance's areas beyond the first release, in plain HTTP: v1 filters,
followed and featured tags, the rest of grouped notifications, trends,
announcements, and notification policies and requests."""

from __future__ import annotations

from mastodon.testing import LocalInstance

from .local_http import ISO_DATE, Http, alice_fixture, bob_fixture, inst_fixture  # noqa: F401  (fixtures)


def _me(client: Http) -> str:
    account_id: str = client.ok("GET", "/api/v1/accounts/verify_credentials")["id"]
    return account_id


# -- v1 filters ------------------------------------------------------------------------------


def test_v1_filters_are_keywords_of_v2_filters(alice: Http, bob: Http) -> None:
    bob.ok("POST", f"/api/v1/accounts/{_me(alice)}/follow")
    created = bob.ok("POST", "/api/v1/filters", data=[("phrase", "spoiler"), ("context[]", "home"), ("context[]", "public")])
    assert created == {
        "id": created["id"],
        "phrase": "spoiler",
        "context": ["home", "public"],
        "whole_word": False,
        "expires_at": None,
        "irreversible": False,
    }
    v2 = bob.ok("GET", "/api/v2/filters")
    assert [(f["title"], f["filter_action"], [k["id"] for k in f["keywords"]]) for f in v2] == [("spoiler", "warn", [created["id"]])]
    alice.ok("POST", "/api/v1/statuses", data={"status": "No spoilers here, promise"})
    assert bob.ok("GET", "/api/v1/timelines/home")[0]["filtered"][0]["keyword_matches"] == ["spoiler"]

    hiding = bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"irreversible": "true", "whole_word": "true", "expires_in": "600"})
    assert hiding["irreversible"] is True and hiding["whole_word"] is True and ISO_DATE.match(hiding["expires_at"])
    assert bob.ok("GET", "/api/v1/timelines/home") != []  # "spoilers" is not the whole word "spoiler"
    bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"phrase": "spoilers"})
    assert bob.ok("GET", "/api/v1/timelines/home") == []  # hidden: the filter is irreversible
    assert bob.ok("GET", f"/api/v1/filters/{created['id']}")["phrase"] == "spoilers"
    assert [f["id"] for f in bob.ok("GET", "/api/v1/filters")] == [created["id"]]

    # A v2 filter with two keywords is two v1 filters, whose shared settings v1 may not change.
    bob.ok("POST", f"/api/v2/filters/{v2[0]['id']}/keywords", data={"keyword": "ending"})
    both = bob.ok("GET", "/api/v1/filters")
    assert [f["phrase"] for f in both] == ["spoilers", "ending"] and both[0]["context"] == both[1]["context"]
    refused = bob.put(f"/api/v1/filters/{created['id']}", data={"context[]": "thread"})
    assert refused.status_code == 422 and "more than one filter keyword" in refused.json()["error"]
    assert bob.ok("PUT", f"/api/v1/filters/{created['id']}", data={"phrase": "spoiled", "context[]": ["home", "public"]})["phrase"] == "spoiled"
    bob.ok("DELETE", f"/api/v1/filters/{created['id']}")
    assert [f["phrase"] for f in bob.ok("GET", "/api/v1/filters")] == ["ending"]


def test_v1_filter_errors(alice: Http, bob: Http) -> None:
    cases = [
        (bob.post("/api/v1/filters", data={"context[]": "home"}), 422, "Validation failed: Phrase can't be blank"),
        (bob.post("/api/v1/filters", data={"phrase": "x"}), 422, "Validation failed: Context can't be blank, Context None or invalid context supplied"),
        (bob.post("/api/v1/filters", data={"phrase": "x", "context[]": "nowhere"}), 422, "Validation failed: Context None or invalid context supplied"),
        (bob.get("/api/v1/filters/12345"), 404, "Record not found"),
    ]
    for response, status, message in cases:
        assert (response.status_code, response.json()) == (status, {"error": message})
    mine = bob.ok("POST", "/api/v1/filters", data={"phrase": "x", "context[]": "home"})
    assert alice.get(f"/api/v1/filters/{mine['id']}").status_code == 404
    assert alice.delete(f"/api/v1/filters/{mine['id']}").status_code == 404
    assert bob.put(f"/api/v1/filters/{mine['id']}", data={"phrase": " "}).status_code == 422
    assert bob.ok("GET", "/api/v1/filters") == [mine]
