"""Count a status the way Mastodon's server counts it against its character limit.

What the server does (Mastodon's ``StatusLengthValidator`` and what runs before it):

1. When the text is blank and a content warning is given, the server posts the
   content warning as the text, with no content warning
   (``PostStatusService``).
2. Both strings lose leading and trailing ASCII whitespace and NUL characters
   (``Status#prepare_contents``, Ruby's ``String#strip``).
3. A text that is only whitespace counts as nothing.
4. In the text, every link the server would turn into a link counts as 23
   characters, and every mention counts as ``@`` plus its local part (``@alice``
   for ``@alice@example.social``). Where a link and a mention overlap, the one
   that starts first wins.
5. The result is the number of extended grapheme clusters of the content
   warning followed by the rewritten text (both counted together, so a
   combining mark at the start of the text joins the last character of the
   content warning).

Which links and mentions count is decided by the server's recognisers, which
come from the ``twitter-text`` gem as patched by Mastodon. No Python library
implements them, so they are written out here as regular expressions built
from the rules below; each rule names the server behaviour it reproduces. The
``regex`` package (the ``status-length`` extra) provides extended grapheme
clusters (``\\X``, kept up to date with Unicode) and the Unicode properties the
server's expressions rely on (``White_Space``, ``Alphabetic``, scripts); the
standard ``re`` module has neither.

The module is imported on first use of :meth:`Mastodon.get_status_length`, and
its expressions are compiled once, on the first count.
"""

from __future__ import annotations

import functools
import re
import stringprep
from typing import TYPE_CHECKING, Any, NamedTuple

from ._params import check_optional_text, check_text
from ._tld_table import COUNTRY, GENERIC
from .errors import MastodonMissingDependencyError

if TYPE_CHECKING:
    import regex

__all__ = ["URL_LENGTH", "status_length"]

#: What the server counts for each link, however long.
URL_LENGTH = 23

# The server gives up on a link longer than this (its host counted in punycode).
_MAX_URL_LENGTH = 4096
# ... and on a mention whose domain is longer than this.
_MAX_MENTION_DOMAIN_LENGTH = 253
# A t.co link counts only up to its slug, and not at all past this slug length.
_MAX_TCO_SLUG_LENGTH = 40

# What Ruby's String#strip removes: ASCII whitespace and NUL, nothing else.
_RUBY_STRIP = "\x00\t\n\x0b\x0c\r "


class _Recognisers(NamedTuple):
    url: regex.Pattern[str]
    tco: regex.Pattern[str]
    mention: regex.Pattern[str]
    mention_stop: regex.Pattern[str]
    blank: regex.Pattern[str]
    grapheme: regex.Pattern[str]


# -- the pieces of the server's link recogniser ---------------------------------------
#
# Character classes are written as the contents of [...] so that they compose.

# Unicode spaces, bidirectional formatting marks and the BOM/noncharacters that the
# recogniser treats as separators: a host never contains them.
_SEPARATORS = (
    r"\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # spaces
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks
    r"\ufeff\ufffe\uffff"  # byte order mark, noncharacters
)

# A host character is anything but ASCII controls, space, ASCII punctuation (the
# backslash is, oddly, allowed) and the separators above: so IDN hosts in any script
# are recognised, and "user:password@" or "[::1]" can never be part of a host.
_HOST_CHAR = rf"[^\x00-\x2f\x3a-\x40\x5b\x5d-\x60\x7b-\x7f{_SEPARATORS}]"

# The labels before the top-level domain: host characters with "-" between them, and
# "_" too except in the label right before the top-level domain ("https://a_b.example.com"
# is a link, "https://a_b.com" is not). Written possessively: a label ends only at a
# dot, so giving characters back could never help a match and only costs time.
_SUBDOMAIN = rf"{_HOST_CHAR}(?:[_-]*+{_HOST_CHAR})*+\."
_DOMAIN_NAME = rf"{_HOST_CHAR}(?:-*+{_HOST_CHAR})*+\."


# The last label must be a name from the server's list of top-level domains, not
# followed by a letter, digit, "@", "+" or "-" ("example.com" is a host, "example.comx"
# is not), or any punycode label. Hosts that end in something else, such as "localhost"
# or an IP address ("127.0.0.1"), are not links to the server.
#
# The server tries the listed names one by one, in its list's order. Here they form a
# trie ("c(?:o(?:m(?:pany|...)?|op|...)|...)"), which finds the one that fits far
# faster, trying longer names before shorter ones. The two agree: two listed names can
# both fit at one place only when one starts the other and the longer one's next
# character is not a letter or digit (the list has two such pairs, in Chinese and in
# Devanagari), and there the server's list has the longer name first.
# tests/test_status_length.py checks that this still holds for the table.
def _trie(names: list[str]) -> str:
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + render(child) for char, child in node.items() if char]
        if not branches:
            return ""
        ends_here = "" in node
        body = f"(?:{'|'.join(branches)})" if len(branches) > 1 or ends_here else branches[0]
        return body + "?" if ends_here else body  # greedy: the longer name is tried first

    return render(root)


_TLD = rf"(?:(?:{_trie(GENERIC + COUNTRY)})(?=[^0-9a-z@+\-]|$)|xn--[0-9a-z]+)"

# Latin letters with accents (and the combining accents), as twitter-text lists them.
_LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268\u026f\u0272"
    r"\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)

# Mastodon's path characters: anything but whitespace, "<", ">", parentheses and "?".
_PATH_CHAR = r"[^\p{White_Space}<>()?]"


def _balanced_parens(char: str) -> str:
    # "(...)" in a path, with one level of nesting, as in Wikipedia's "/Foo_(bar)".
    return rf"\((?:{char}+|{char}*\({char}+\){char}*)\)"


# Parentheses at the very end of a path are tested against twitter-text's original,
# narrower path characters (Mastodon widened the path characters after the end-of-path
# rule had already been built from them): ASCII letters and digits, Cyrillic, dashes,
# Latin accents and some ASCII punctuation.
_OLD_PATH_CHAR = rf"[a-z0-9\p{{sc=Cyrillic}}\p{{Pd}}{_LATIN_ACCENTS}!*';:=+,.$/%#\[\]_~&|@]"

# How a path may end: not with whitespace, parentheses, "?", nor with the punctuation
# that usually follows a link in prose ("!*\"'「」<>;:=,.$%[]~&|"), unless the end is a
# balanced "(...)". So "https://example.com/a." counts the "." outside the link, and
# "(see https://example.com/a)" the ")". "@" may end a path since Mastodon 4.3.
_PATH_END = rf"""(?:[^\p{{White_Space}}()?!*"'「」<>;:=,.$%\[\]~&|]|{_balanced_parens(_OLD_PATH_CHAR)})"""

# One path segment run: path characters and balanced parentheses up to an allowed end,
# or path characters up to a "/".
_PATH_PART = rf"(?:{_PATH_CHAR}*(?:{_balanced_parens(_PATH_CHAR)}{_PATH_CHAR}*)*{_PATH_END}|{_PATH_CHAR}+/)"

# Characters outside ASCII that a query may hold (and end with): most of the BMP and
# the supplementary planes, as RFC 3987 allows in an IRI.
_IRI_CHARS = (
    r"\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    r"\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    r"\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd"
    r"\U000e1000-\U000efffd\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_QUERY_CHAR = rf"[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^{_IRI_CHARS}]"
_QUERY_END = rf"[a-z0-9_&=#/\-{_IRI_CHARS}]"

# A link: a character that may precede one (not a letter, digit, "@", "$" or "#", so
# "xhttps://..." and "$https://..." are not links) or the start of a line; then the
# scheme (optional to the recogniser, but the length rule ignores links without one, so
# a bare "example.com" counts in full); the host; a port; a path; a query. Only these
# schemes are known: https, http, dat, dweb, ipfs, ipns, ssb, gopher, gemini.
_URL = (
    r"(?:[^a-z0-9@\uff20$#\uff03\ufeff\ufffe\uffff]|^)"
    r"(?P<url>"
    r"(?P<scheme>(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?"
    rf"(?P<host>(?:{_SUBDOMAIN})*{_DOMAIN_NAME}{_TLD})"
    r"(?::[0-9]+)?"
    rf"(?:/{_PATH_PART}*)?"
    rf"(?:\?{_QUERY_CHAR}*{_QUERY_END})?"
    r")"
)

# -- the server's mention recogniser ----------------------------------------------------

# Ruby's [[:word:]]: letters and other alphabetic characters, marks, decimal digits and
# connector punctuation.
_WORD_CHARS = r"\p{Alphabetic}\p{M}\p{Nd}\p{Pc}"

# "@user" or "@user@domain", not preceded by "=", "/" or a word character (so not in
# "x=@a", "https://host/@a" or "me@example.com"). A username is ASCII letters, digits
# and "_", with "." and "-" only between them; a domain is word characters with "."
# and "-" only between them.
_MENTION = (
    rf"(?<![=/{_WORD_CHARS}])@"
    r"(?P<acct>(?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)"
    rf"(?:@[{_WORD_CHARS}]+(?:[.-]+[{_WORD_CHARS}]+)*)?)"
)

# A mention directly followed by "@", a Latin accented letter or "://" is not one.
_MENTION_STOP = rf"[@\uff20{_LATIN_ACCENTS}]|://"


def _require_regex() -> None:
    try:
        import regex  # noqa: F401
    except ImportError as exc:
        raise MastodonMissingDependencyError(
            f"counting a status's length needs the 'status-length' extra, which is not installed ({exc});"
            " run: pip install 'pytooter[status-length]'"
        ) from None


@functools.cache
def _recognisers() -> _Recognisers:
    import regex

    return _Recognisers(
        url=regex.compile(_URL, regex.IGNORECASE | regex.MULTILINE),
        tco=regex.compile(r"https?://t\.co/([a-z0-9]+)", regex.IGNORECASE),
        mention=regex.compile(_MENTION),
        mention_stop=regex.compile(_MENTION_STOP, regex.IGNORECASE),
        blank=regex.compile(r"\p{White_Space}*"),
        grapheme=regex.compile(r"\X"),
    )


def _host_is_valid(host: str, url_length: int) -> bool:
    """The server's last test of a link: its host converts to ASCII (IDNA 2003, as
    libidn does it, unassigned code points refused) and the link, with its host in
    that form, is at most 4096 characters long."""
    if any(stringprep.in_table_a1(c) for c in host):
        return False
    try:
        ascii_host = host.encode("idna")
    except UnicodeError:
        return False
    return url_length + max(0, len(ascii_host) - len(host)) <= _MAX_URL_LENGTH


def _links(text: str, found: _Recognisers) -> list[tuple[int, int, str]]:
    # Like the server's, this search takes time quadratic in the length of an unbroken
    # run of dotted labels ("a.b.c.d..." without spaces); in prose it is linear.
    if "://" not in text:  # the server ignores links without a scheme
        return []
    spans = []
    for match in found.url.finditer(text):
        if not match["scheme"]:
            continue  # recognised (and skipped over) but not counted as a link
        url = match["url"]
        start, end = match.span("url")
        tco = found.tco.match(url)
        if tco:
            if len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
                continue
            url = tco[0]
            end = start + len(url)
        if _host_is_valid(match["host"], len(url)):
            spans.append((start, end, "x" * URL_LENGTH))
    return spans


def _mentions(text: str, found: _Recognisers) -> list[tuple[int, int, str]]:
    if "@" not in text:
        return []
    spans = []
    for match in found.mention.finditer(text):
        if found.mention_stop.match(text, match.end()):
            continue
        local, _, domain = match["acct"].partition("@")
        if len(domain) > _MAX_MENTION_DOMAIN_LENGTH:
            continue
        spans.append((match.start(), match.end(), "@" + local))
    return spans


def _countable_text(text: str, found: _Recognisers) -> str:
    """The text with every counted link replaced by 23 characters and every mention by
    its local part; where two overlap, the one that starts first is kept."""
    pieces = []
    position = 0
    for start, end, replacement in sorted(_links(text, found) + _mentions(text, found)):
        if start < position:
            continue
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def status_length(text: str, spoiler_text: str | None = "") -> int:
    """How many characters Mastodon counts for a status with this text and content warning."""
    text = check_text(text, "text", allow_empty=True)
    spoiler_text = check_optional_text(spoiler_text, "spoiler_text") or ""
    _require_regex()
    found = _recognisers()

    def blank(value: str) -> bool:
        return found.blank.fullmatch(value) is not None

    if blank(text) and not blank(spoiler_text):
        text, spoiler_text = spoiler_text, ""
    text = text.strip(_RUBY_STRIP)
    spoiler_text = spoiler_text.strip(_RUBY_STRIP)
    counted = "" if blank(text) else _countable_text(text, found)
    return len(found.grapheme.findall(spoiler_text + counted))
