"""Sphinx configuration for the pytooter docs."""

import inspect
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

import mastodon  # noqa: E402
from mastodon.api.pagination import PAGE_PARAMS_DOC  # noqa: E402

project = "pytooter"
author = "pytooter developers"
copyright = "2026, pytooter developers"
version = release = mastodon.__version__
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_type_aliases = {"EntityOrId": "EntityOrId", "IdType": "IdType", "PageBound": "PageBound"}
html_theme = "alabaster"
exclude_patterns = ["_build"]
nitpicky = False
suppress_warnings = ["ref.python"]


def _version_note(app, what, name, obj, options, lines):
    """Render the @api_version metadata under each method's docstring."""
    created = getattr(obj, "_mastodon_version_created", None)
    if created:
        changed = getattr(obj, "_mastodon_version_changed", created)
        lines.append("")
        lines.append(f"*Mastodon {created}+" + (f", last changed in {changed}*" if changed != created else "*"))


# The pagination bounds mean the same on every paginated method, so their
# description is written once (mastodon.api.pagination.PAGE_PARAMS_DOC) and added
# here to each method that takes them, just before the parameters that follow
# them in its signature (or before :returns:, or at the end).
def _page_params(app, what, name, obj, options, lines):
    """Describe max_id, min_id and since_id on every method that takes them."""
    if what != "method":
        return
    try:
        order = list(inspect.signature(obj).parameters)
    except (TypeError, ValueError):
        return
    taken = sorted((param for param in PAGE_PARAMS_DOC if param in order), key=order.index)
    if not taken:
        return
    after = max(order.index(param) for param in taken)
    at = len(lines)
    for index, line in enumerate(lines):
        words = line.split(":")[1].split() if line.startswith(":") and line.count(":") >= 2 else []
        if words[:1] in (["returns"], ["raises"], ["rtype"]) or (
            words[:1] == ["param"] and len(words) > 1 and words[1] in order and order.index(words[1]) > after
        ):
            at = index
            break
    lines[at:at] = [f":param {param}: {PAGE_PARAMS_DOC[param]}" for param in taken]


def setup(app):
    app.connect("autodoc-process-docstring", _version_note)
    app.connect("autodoc-process-docstring", _page_params)
