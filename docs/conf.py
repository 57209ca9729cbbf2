"""Sphinx configuration for the pytooter docs."""

import glob
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

project = "pytooter"
author = "pytooter developers"
copyright = "2026, pytooter developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_type_aliases = {"EntityOrId": "EntityOrId", "IdType": "IdType"}
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


def _skip_missing_streaming_pages(app, docname, source):
    """Leave the ``api/streaming*`` toctree entry out while no such page exists.

    The Streaming toctree in index.rst globs ``api/streaming*`` so that the
    streaming pages are picked up however they are split. Sphinx warns about a
    glob that matches nothing, and that warning cannot be silenced through
    ``suppress_warnings``; this keeps ``-W`` builds passing until the pages land.
    """
    if docname == "index" and not glob.glob(os.path.join(app.srcdir, "api", "streaming*.rst")):
        source[0] = source[0].replace("   api/streaming*\n", "")


def setup(app):
    app.connect("autodoc-process-docstring", _version_note)
    app.connect("source-read", _skip_missing_streaming_pages)
