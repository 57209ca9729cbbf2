"""get_status_length: the count Mastodon's server checks against its character limit.

Every expected figure is worked out by hand from the server's rules (its
``StatusLengthValidator``, the ``twitter-text`` link and mention recognisers as
Mastodon patches them, ``PostStatusService`` and ``Status#prepare_contents``); the
comment on each case says which rule it shows. Nothing is sent to a server.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon import Mastodon, MastodonIllegalArgumentError, MastodonMissingDependencyError
from mastodon._tld_table import COUNTRY, GENERIC

count = Mastodon.get_status_length

# -- grapheme clusters: what a reader sees as one character counts once -----------------

GRAPHEMES = [
    ("", 0),
    ("hello", 5),
    ("\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 1),  # family: 4 emoji joined by ZWJ
    ("\U0001f468\u200d\U0001f4bb", 1),  # technologist: a ZWJ sequence of 2
    ("\U0001f1eb\U0001f1f7\U0001f1ef\U0001f1f5", 2),  # two flags: regional indicators pair up
    ("\U0001f1eb\U0001f1f7\U0001f1ef", 2),  # a flag and a lone regional indicator
    ("\U0001f44d\U0001f3fd", 1),  # thumbs up with a skin tone modifier
    ("\U0001f44b\U0001f3ff\U0001f44b", 2),  # toned wave, plain wave
    ("1\ufe0f\u20e3", 1),  # keycap: digit, variation selector, combining keycap
    ("\u2764\ufe0f", 1),  # heart with emoji presentation selector
    ("\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 1),  # England: tag sequence
    ("e\u0301", 1),  # e + combining acute accent
    ("Z\u0324\u0308", 1),  # Z with two combining marks
    ("a" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u030a", 1),  # ten stacked marks
    ("\u00e9t\u00e9", 3),  # precomposed accents
    ("\ud55c\uad6d\uc5b4", 3),  # Hangul syllables
    ("\u1100\u1161\u11a8", 1),  # one syllable written as conjoining jamo (L V T)
    ("\u1112\u1161\u11ab\u1100\u1173\u11af", 2),  # two jamo syllables
    ("a\r\nb", 3),  # CR LF is one cluster
    ("\u0e01\u0e33", 1),  # Thai: consonant + SARA AM (a spacing mark)
]


@pytest.mark.parametrize(("text", "expected"), GRAPHEMES)
def test_counts_grapheme_clusters(text: str, expected: int) -> None:
    assert count(text) == expected


# -- whitespace: Ruby's strip, then Rails' blank? --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  hello \n", 5),  # leading and trailing ASCII whitespace is stripped
        ("\x00hi\x00", 2),  # so is NUL (Ruby's strip)
        ("\u00a0hello\u00a0", 7),  # a no-break space is not stripped by Ruby's strip
        ("\u3000", 0),  # ... but a text of only Unicode whitespace is blank and counts 0
        ("\t \u2003\u00a0\n", 0),
        ("a  b", 4),  # inner whitespace counts
    ],
)
def test_whitespace(text: str, expected: int) -> None:
    assert count(text) == expected


# -- links: 23 characters exactly where the server's recogniser finds one --------------

LINKS = [
    ("https://example.com", 23),
    ("http://example.com/a/long/path/that/goes/on/and/on/and/on/index.html", 23),
    ("HTTPS://EXAMPLE.COM/", 23),  # case does not matter
    ("Read https://example.com/page.", 5 + 23 + 1),  # a final "." is not part of the link
    ("https://example.com/a...", 23 + 3),
    ("https://example.com/?q=1!", 23 + 1),  # nor a final "!" after a query
    ("(https://example.com/page)", 1 + 23 + 1),  # an unopened ")" is not part of the link
    ("https://en.wikipedia.org/wiki/Primer_(film)", 23),  # balanced parentheses are
    ("see https://en.wikipedia.org/wiki/Primer_(film))", 4 + 23 + 1),
    ('"https://example.com/a"', 1 + 23 + 1),  # quotes around a link
    ("<https://example.com/x>", 1 + 23 + 1),  # angle brackets too
    ("https://example.com:8443/x", 23),  # a port
    ("https://example.com/search?q=mastodon&lang=en#top", 23),  # query and fragment
    ("https://example.com/@", 23),  # "@" may end a path (Mastodon 4.3 and later)
    ("https://example.com/\u30d1\u30b9", 23),  # a path in Japanese
    ("https://b\u00fccher.de/katalog", 23),  # an IDN host
    ("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/", 23),  # an IDN host with an IDN top-level domain
    ("gemini://example.org/", 23),  # schemes other than http(s) that the server knows
    ("ipfs://example.org/x", 23),
    ("https://a.com https://b.org", 23 + 1 + 23),
    ("https://a_b.example.com", 23),  # "_" is allowed in a label that is not the last
    ("https://social.example.social", 23),
    ("https://example.com\u0301", 23),  # a mark after the host joins the 23rd character
    ("https://t.co/abc123/extra", 23 + 6),  # a t.co link stops after its slug
]

NOT_LINKS = [
    "example.com and www.example.org",  # no scheme: counted in full
    "ftp://example.org/file",  # a scheme the server does not know
    "https://user:secret@example.com",  # user info: the host cannot hold ":" or "@"
    "https://alice@example.com/x",
    "http://192.168.0.1/admin",  # an IP address has no listed top-level domain
    "http://[2001:db8::1]/",
    "http://localhost:8080/",
    "https://example.amazon/x",  # not in the server's (2020) list of top-level domains
    "https://my.server.lan/",
    "https://a_b.com",  # "_" in the label before the top-level domain
    "xhttps://example.com",  # a letter right before the scheme
    "$https://example.com",  # so is "$"
    "example.com/https://example.org",  # a link without a scheme swallows the one after it
    "http://example.com/valid?" + "#foo?" * 1000,  # longer than 4096 characters
    "https://t.co/" + "a" * 41,  # a t.co slug longer than 40
    "https://example.com@user",  # a host followed by "@"
]


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_links_count_23(text: str, expected: int) -> None:
    assert count(text) == expected


@pytest.mark.parametrize("text", NOT_LINKS)
def test_what_is_not_a_link_counts_in_full(text: str) -> None:
    assert count(text) == len(text)


def test_the_4096_character_limit() -> None:
    # The server drops a link longer than 4096 characters (host in punycode).
    assert count("https://example.com/" + "a" * 4076) == 23
    assert count("https://example.com/" + "a" * 4077) == 4097
    # The host is measured in ASCII: "bücher.de" is "xn--bcher-kva.de", 7 characters
    # more, so this link of 18 + 4072 = 4090 characters is too long for the server.
    assert count("https://b\u00fccher.de/" + "a" * 4071) == 23
    assert count("https://b\u00fccher.de/" + "a" * 4072) == 4090


def test_a_link_counts_in_full_in_the_content_warning() -> None:
    assert count("hi", "https://example.com") == 2 + 19


# -- mentions: "@" and the local part ---------------------------------------------------

MENTIONS = [
    ("@alice", 6),
    ("@alice@example.social", 6),  # a remote mention counts its local part only
    ("@Alice.Smith@mastodon.example.org hello", 12 + 6),
    ("hi @alice@example.social!", 3 + 6 + 1),
    ("(@alice@example.social)", 1 + 6 + 1),
    ("@a.b-c_d@example.social", 8),  # "." and "-" inside a username
    ("@alice@\u4f8b\u3048.jp", 6),  # a domain in any script
    ("@alice@" + "b" * 249 + ".com", 6),  # a domain of 253 characters is still one
    ("https://example.social/@alice@example.social", 23),  # "/" before "@": part of the link
    ("https://example.com/?u=x&@alice@example.social", 23),  # the link starts first and wins
]

NOT_MENTIONS = [
    "mail me@example.com",  # a word character before "@"
    "a=@bob@example.social",  # "=" before "@"
    "@alice@",  # followed by "@"
    "@alic\u00e9",  # followed by a Latin accented letter
    "@alice://x",  # followed by "://"
    "@alice@" + "b" * 250 + ".com",  # a domain longer than 253 characters
    "\uff20alice@example.social",  # a fullwidth at sign
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions_count_their_local_part(text: str, expected: int) -> None:
    assert count(text) == expected


@pytest.mark.parametrize("text", NOT_MENTIONS)
def test_what_is_not_a_mention_counts_in_full(text: str) -> None:
    assert count(text) == len(text)


# -- the content warning ---------------------------------------------------------------


def test_content_warning_counts_with_the_text() -> None:
    assert count("hello", spoiler_text="CW") == 7
    assert count("hello", spoiler_text=" CW \n") == 7  # stripped like the text
    assert count("hello", spoiler_text="\U0001f469\u200d\U0001f467") == 6
    assert count("hello", spoiler_text=None) == 5  # None: no content warning, as in status_post
    assert count("hello", "") == 5


def test_content_warning_and_text_are_counted_as_one_string() -> None:
    # The server counts the content warning followed by the text as one string, so a
    # mark that starts the text joins the last character of the content warning.
    assert count("\u0301x", spoiler_text="e") == 2
    assert count("\u0301x") + count("e") == 3


def test_blank_text_with_content_warning_is_posted_as_the_text() -> None:
    # The server posts the content warning as the text when the text is blank: then a
    # link in it counts as 23 and a mention as its local part.
    assert count("", spoiler_text="https://example.com") == 23
    assert count("  ", spoiler_text="@alice@example.social") == 6
    assert count("", spoiler_text="CW") == 2
    assert count("", spoiler_text="") == 0
    assert count("   ", spoiler_text="   ") == 0


# -- arguments, the extra, the server's list ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "spoiler_text", "name"), [(None, "", "text"), (b"hi", "", "text"), (5, "", "text"), ("hi", 5, "spoiler_text")]
)
def test_refuses_what_is_not_text(text: object, spoiler_text: object, name: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=rf"^{name} must be a string"):
        count(text, spoiler_text)  # type: ignore[arg-type]


def test_works_on_an_instance_and_sends_nothing(api: Mastodon) -> None:
    # No request is registered: the api fixture fails the test if one arrives.
    assert api.get_status_length("@alice@example.social https://example.com", "CW") == 6 + 1 + 23 + 2


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in sys.modules if n == "regex" or n.startswith("regex.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MastodonMissingDependencyError, match=r"pytooter\[status-length\]") as info:
        count("hello")
    assert isinstance(info.value, ImportError)


def test_listed_names_that_start_others_come_after_them() -> None:
    # The recogniser tries longer top-level domains before shorter ones; the server tries
    # them in its list's order. They agree while every listed name that another one
    # starts with, and can end a host where that other one goes on (the next character
    # is not a letter or digit), comes after it in the list.
    order = GENERIC + COUNTRY
    assert len(set(order)) == len(order)
    position = {name: i for i, name in enumerate(order)}
    for short in order:
        for long in order:
            after = long[len(short)] if long.startswith(short) and long != short else "a"
            if not (after.isascii() and (after.isalnum() or after in "@+-")):
                assert position[long] < position[short], (long, short)
    assert count("https://x.\u5609\u91cc\u5927\u9152\u5e97") == 23  # the longer of a pair
    assert count("https://x.\u5609\u91cc") == 23  # and the shorter


def test_every_listed_top_level_domain_ends_a_link() -> None:
    for name in GENERIC + COUNTRY:
        assert count(f"https://x.{name}/") == 23, name
        assert count(f"x.{name}") == 2 + count(name), name  # but never without a scheme


# -- properties ------------------------------------------------------------------------

# Each example is cheap, but a few hundred show the rules as well as the CI profile's 2000.
EXAMPLES = min(300, settings.default.max_examples)
WORDS = st.text("abcdefghijklmnopqrstuvwxyz\u00e9\u4f8b\U0001f44d", min_size=1, max_size=12)


@settings(max_examples=EXAMPLES)
@given(st.text(st.characters(blacklist_characters=":@", blacklist_categories=("Cs",)), max_size=60))
def test_text_without_links_or_mentions_counts_its_clusters(text: str) -> None:
    # Without ":" there is no link and without "@" no mention: the count is the number
    # of grapheme clusters of the stripped text (0 when it is blank).
    import regex

    stripped = text.strip("\x00\t\n\x0b\x0c\r ")
    expected = 0 if regex.fullmatch(r"\p{White_Space}*", stripped) else len(regex.findall(r"\X", stripped))
    assert count(text) == expected


@settings(max_examples=EXAMPLES)
@given(WORDS, WORDS, st.from_regex(r"[a-z0-9_/-]{0,300}[a-z0-9]", fullmatch=True))
def test_a_link_adds_23_however_long(before: str, after: str, path: str) -> None:
    assert count(f"{before} https://example.com/{path} {after}") == count(f"{before} {after}") + 1 + 23


@settings(max_examples=EXAMPLES)
@given(WORDS, WORDS, st.from_regex(r"[a-z0-9_]{1,30}", fullmatch=True), st.from_regex(r"[a-z]{1,40}", fullmatch=True))
def test_a_mention_adds_its_local_part(before: str, after: str, user: str, domain: str) -> None:
    assert count(f"{before} @{user}@{domain}.social {after}") == count(f"{before} {after}") + 1 + 1 + len(user)
