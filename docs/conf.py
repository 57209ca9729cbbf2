"""Sphinx configuration for the pytooter docs."""

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


def setup(app):
    app.connect("autodoc-process-docstring", _version_note)
