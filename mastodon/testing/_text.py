"""Status text as Mastodon reads and writes it: mentions, hashtags, HTML, matching."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

_TOKEN = re.compile(
    r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'])"
    r"|(?<![\w/@])@(?P<user>[A-Za-z0-9_]+)(?:@(?P<domain>[A-Za-z0-9.\-:]+[A-Za-z0-9]))?"
    r"|(?<![\w/&#])#(?P<tag>\w*[^\W\d_]\w*)"
)
_TAG = re.compile(r"<[^>]+>")
_HASHTAG_NAME = re.compile(r"\w*[^\W\d_]\w*")

IsLocalUser = Callable[[str, "str | None"], bool]


def find_mentions_and_tags(text: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The ``@user[@domain]`` mentions and ``#tags`` written in a status text."""
    mentions: list[tuple[str, str | None]] = []
    tags: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.group("user"):
            mentions.append((match.group("user"), match.group("domain")))
        elif match.group("tag"):
            tag = match.group("tag").lower()
            if tag not in tags:
                tags.append(tag)
    return mentions, tags


def _link(match: re.Match[str], base: str, is_local_user: IsLocalUser) -> str:
    """The HTML for one URL, mention or hashtag found in a status text."""
    if match.group("url"):
        url = html.escape(match.group("url"))
        return f'<a href="{url}" target="_blank" rel="nofollow noopener">{url}</a>'
    name = match.group("user")
    if name:
        if not is_local_user(name, match.group("domain")):
            return html.escape(match.group(0), quote=False)
        return f'<span class="h-card" translate="no"><a href="{base}/@{name}" class="u-url mention">@<span>{name}</span></a></span>'
    tag = match.group("tag")
    return f'<a href="{base}/tags/{tag.lower()}" class="mention hashtag" rel="tag">#<span>{tag}</span></a>'


def format_html(text: str, base: str, is_local_user: IsLocalUser) -> str:
    """Turn a status text into Mastodon-style HTML: paragraphs, line breaks, and
    links for URLs, mentions of existing local users and hashtags."""

    def line_html(line: str) -> str:
        out: list[str] = []
        last = 0
        for match in _TOKEN.finditer(line):
            out.append(html.escape(line[last : match.start()], quote=False))
            out.append(_link(match, base, is_local_user))
            last = match.end()
        out.append(html.escape(line[last:], quote=False))
        return "".join(out)

    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join("<p>" + "<br />".join(line_html(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


def hashtag_name(text: str) -> str | None:
    """A hashtag's name as the server keys it (lower case, no ``#``), or ``None`` if it is not one."""
    name = text.strip().removeprefix("#")
    return name.lower() if _HASHTAG_NAME.fullmatch(name) else None


def plain_note(text: str) -> str:
    """An account note as HTML, as Mastodon stores it."""
    return "" if not text else "<p>" + html.escape(text, quote=False).replace("\n", "<br />") + "</p>"


def without_tags(content: str) -> str:
    """HTML with its tags replaced by spaces: the words search and filters look at."""
    return _TAG.sub(" ", content)


def keyword_matches(keyword: str, whole_word: bool, text: str) -> bool:
    """Whether a filter keyword occurs in ``text`` (case-insensitive), as a whole word if asked."""
    if whole_word:
        return re.search(r"(?<!\w)" + re.escape(keyword) + r"(?!\w)", text, re.IGNORECASE) is not None
    return keyword.lower() in text.lower()


_KEYCAP = "\u20e3"


def is_emoji(name: str) -> bool:
    """Whether ``name`` is one Unicode emoji (a symbol with its modifiers, joiners and
    selectors, a flag, or a keycap), as reactions must be on a server without custom emojis."""
    if not name or len(name) > 16:
        return False
    allowed = all(unicodedata.category(c) in ("So", "Sk", "Mn", "Me", "Cf") or c in "0123456789#*" for c in name)
    return allowed and any(unicodedata.category(c) == "So" or c == _KEYCAP for c in name)
