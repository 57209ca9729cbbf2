"""Sphinx configuration for the pytooter docs."""

import builtins
import inspect
import os
import re
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
# Types are added to each description from the annotations as the source writes
# them (see _typehints below), not by autodoc: autodoc evaluates annotations, and
# every entity name (Status, Account...) is AttribAccessDict at run time.
autodoc_typehints = "none"
html_theme = "alabaster"
exclude_patterns = ["_build"]

# Every cross-reference must resolve (a broken one fails the build, which runs with
# -W). Names outside the package link to their documentation through _EXTERNAL, a
# small local inventory: intersphinx would download inventories at build time, and
# CI has no network.
nitpicky = True
nitpick_ignore = [
    # Type variables of generic methods (filters_apply, await_async_refresh).
    ("py:class", "_T"),
    # Internal pieces of the streaming handles, which the library builds itself.
    ("py:class", "Backoff"),
    ("py:class", "CatchUp"),
    ("py:class", "Fetch"),
    # What StreamListener.handle_stream reads besides a response: its docstring says.
    ("py:class", "ChunkSource"),
]

_PYTHON = "https://docs.python.org/3/library/"
_EXTERNAL = {
    "datetime.datetime": _PYTHON + "datetime.html#datetime.datetime",
    "datetime.date": _PYTHON + "datetime.html#datetime.date",
    "datetime.astimezone": _PYTHON + "datetime.html#datetime.datetime.astimezone",
    "collections.abc.Callable": _PYTHON + "collections.abc.html#collections.abc.Callable",
    "collections.abc.Iterable": _PYTHON + "collections.abc.html#collections.abc.Iterable",
    "collections.abc.Iterator": _PYTHON + "collections.abc.html#collections.abc.Iterator",
    "collections.abc.Mapping": _PYTHON + "collections.abc.html#collections.abc.Mapping",
    "collections.abc.Sequence": _PYTHON + "collections.abc.html#collections.abc.Sequence",
    "os.PathLike": _PYTHON + "os.html#os.PathLike",
    "pathlib.PurePath": _PYTHON + "pathlib.html#pathlib.PurePath",
    "random.Random": _PYTHON + "random.html#random.Random",
    "logging": _PYTHON + "logging.html",
    "dict.items": _PYTHON + "stdtypes.html#dict.items",
    "requests.Session": "https://requests.readthedocs.io/en/latest/api/#requests.Session",
    "requests.sessions.Session": "https://requests.readthedocs.io/en/latest/api/#requests.Session",
    "requests.Response": "https://requests.readthedocs.io/en/latest/api/#requests.Response",
    "requests.models.Response": "https://requests.readthedocs.io/en/latest/api/#requests.Response",
}


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


# Parameter and return types, as the source writes them. Every module of the
# package has `from __future__ import annotations`, so __annotations__ holds that
# text: `PaginatableList[Status]`, `Status | ScheduledStatus`, which link to the
# entity reference as they are. Names from outside the package are written out in
# full (`datetime` becomes `~datetime.datetime`) so that they link to _EXTERNAL
# and are never taken for an entity field of the same name (`date`).
_NAME = re.compile(r"[A-Za-z_][\w.]*")
# A field (":param name:", ":returns:", ":raises Error:"), not a role (":class:`X`").
_FIELD = re.compile(r":(\w+)(?:\s+\**(\w+))?\s*:(?=\s|$)")


def _external_name(name, namespace):
    """``~module.Name`` for a class or module from outside the package, else ``name``."""
    head, *rest = name.split(".")
    value = namespace.get(head, getattr(builtins, head, None))
    for part in rest:
        value = getattr(value, part, None)
    module = getattr(value, "__module__", None) if inspect.isclass(value) else None
    if module in (None, "builtins", "typing") or module.split(".")[0] == "mastodon":
        return name
    return f"~{module}.{value.__qualname__}"


def _type_text(annotation, namespace):
    if not isinstance(annotation, str):
        annotation = inspect.formatannotation(annotation)
    return _NAME.sub(lambda match: _external_name(match.group(0), namespace), annotation)


def _typed_function(what, obj):
    """The function whose annotations describe ``obj``, and whether its return type counts."""
    if what in ("method", "function"):
        return obj, True
    if what in ("class", "exception") and inspect.isfunction(getattr(obj, "__init__", None)):
        return obj.__init__, False
    if what == "property" and inspect.isfunction(getattr(obj, "fget", None)):
        return obj.fget, True
    return None, False


def _fields_end(lines):
    """The index after the docstring's last field (and its indented body), or None."""
    end = None
    for index, line in enumerate(lines):
        if _FIELD.match(line):
            end = index + 1
        elif end is not None and line[:1].isspace() and all(not text.strip() for text in lines[end:index]):
            end = index + 1
    return end


def _typehints(app, what, name, obj, options, lines):
    """Add ``:type:`` and ``:rtype:`` fields from the source's annotations."""
    function, with_return = _typed_function(what, obj)
    annotations = getattr(function, "__annotations__", None)
    if not annotations:
        return
    namespace = getattr(inspect.unwrap(function), "__globals__", {})  # the module that wrote them
    fields = [match.groups() for match in map(_FIELD.match, lines) if match]
    described = {param for kind, param in fields if kind == "param"}
    typed = {param for kind, param in fields if kind == "type"}
    added = []
    for param, annotation in annotations.items():
        if param == "return" or param in typed:
            continue
        if param not in described:
            added.append(f":param {param}:")
        added.append(f":type {param}: {_type_text(annotation, namespace)}")
    returned = annotations.get("return")
    if with_return and returned not in (None, "None") and not any(kind == "rtype" for kind, _ in fields):
        added.append(f":rtype: {_type_text(returned, namespace)}")
    end = _fields_end(lines)
    if not added:
        return
    if end is None:
        lines.extend(["", *added])
    else:
        lines[end:end] = added


def _link_external(app, env, node, contnode):
    """Link a name from outside the package to its documentation (see _EXTERNAL)."""
    url = _EXTERNAL.get(node.get("reftarget", ""))
    if url is None or node.get("refdomain") != "py":
        return None
    from docutils import nodes

    reference = nodes.reference("", "", internal=False, refuri=url)
    reference += contnode
    return reference


def _link_by_suffix(app, env, node, contnode):
    """Resolve a short name (``SSEStreamHandle``, ``Mastodon.stream_user``) that the
    current module does not qualify, as a leading ``.`` would: by the end of a documented
    object's full name. Ambiguous names still warn."""
    if node.get("refdomain") != "py" or node.get("refspecific"):
        return None
    node["refspecific"] = True
    domain = env.get_domain("py")
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode)


def setup(app):
    app.connect("autodoc-process-docstring", _page_params)
    app.connect("autodoc-process-docstring", _typehints)
    app.connect("autodoc-process-docstring", _version_note)
    app.connect("missing-reference", _link_external)
    app.connect("missing-reference", _link_by_suffix)
