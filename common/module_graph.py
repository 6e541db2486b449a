"""The ES module graph of a front end, read from its static files.

A browser learns a module's imports only once the module has arrived, so each
level of imports costs another round trip. A page that lists every module its
entry reaches as ``<link rel="modulepreload">`` lets the browser ask for all of
them at once. The list is computed here from the files themselves, so a new
module or a new import is preloaded without anyone editing a template.

Only static imports are followed: ``import ... from "x"``, ``import "x"`` and
``export ... from "x"``. ``import("x")`` loads on demand, so a page names those
modules itself when it knows it will need them. Comments and string literals
are skipped, so a JSDoc ``import("../kit/wire.js").Message`` or an example in a
string is not taken for an import. Specifiers that are not relative paths
(``/static/...`` aside) are left alone: they are not OneChat's static files.

The graph is cached per process. With ``DEBUG`` on, a cached graph is read
again when one of its files has changed, so a development server follows edits.
"""

import logging
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import HashedFilesMixin, staticfiles_storage
from django.core.signals import setting_changed
from django.templatetags.static import static

logger = logging.getLogger(__name__)

# One pass from left to right: a comment or a string is consumed whole, so an
# import written inside one is never seen. Regular expression literals are not
# recognised; one holding a quote only hides the rest of its own line.
_TOKENS = re.compile(
    r"""
      (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
    | ^[ \t]*(?:
          import\s*(?:[\w$\s{},*]+?\s*from\s*)?
        | export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*
      )(?P<quote>["'])(?P<specifier>[^"'\n]+)(?P=quote)
    | "(?:\\.|[^"\\\n])*"
    | '(?:\\.|[^'\\\n])*'
    | `(?:\\.|[^`\\])*`
    """,
    re.VERBOSE | re.MULTILINE | re.DOTALL,
)


def static_imports(source: str) -> list[str]:
    """The specifiers of the static imports and re-exports in ``source``, in
    order, each once."""
    found = [
        match["specifier"]
        for match in _TOKENS.finditer(source)
        if match["specifier"] is not None
    ]
    return list(dict.fromkeys(found))


def resolve(importer: str, specifier: str) -> str | None:
    """The static file name ``specifier`` names when ``importer`` imports it,
    or None when it is not one of OneChat's static files."""
    if specifier.startswith(("./", "../")):
        joined = posixpath.normpath(
            posixpath.join(posixpath.dirname(importer), specifier)
        )
        return None if joined.startswith("../") else joined
    if settings.STATIC_URL and specifier.startswith(settings.STATIC_URL):
        return specifier.removeprefix(settings.STATIC_URL)
    return None


@dataclass
class _Graph:
    modules: tuple[str, ...]
    # (path, mtime) of every file read, to notice edits under DEBUG.
    stamps: tuple[tuple[Path, int], ...]

    def fresh(self) -> bool:
        return all(_mtime(path) == mtime for path, mtime in self.stamps)


_graphs: dict[str, _Graph] = {}


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _source_path(name: str) -> Path | None:
    found = finders.find(name)
    if found:
        return Path(found)
    # A collected STATIC_ROOT without the apps' sources beside it.
    try:
        return (
            Path(staticfiles_storage.path(name))
            if staticfiles_storage.exists(name)
            else None
        )
    except NotImplementedError:
        return None


def _walk(entry: str) -> _Graph:
    modules = [entry]
    stamps = []
    for module in modules:  # grows while it is read: breadth first
        path = _source_path(module)
        if path is None:
            logger.warning("Module %s is not a static file", module)
            continue
        stamps.append((path, _mtime(path)))
        source = path.read_text(encoding="utf-8", errors="replace")
        for specifier in static_imports(source):
            name = resolve(module, specifier)
            if name is not None and name not in modules:
                modules.append(name)
    return _Graph(tuple(modules), tuple(stamps))


def module_graph(entry: str) -> tuple[str, ...]:
    """Every module ``entry`` reaches through static imports, the entry first,
    then breadth first, each once."""
    graph = _graphs.get(entry)
    if graph is None or (settings.DEBUG and not graph.fresh()):
        graph = _graphs[entry] = _walk(entry)
    return graph.modules


def clear_cache(**kwargs) -> None:
    """Forget the cached graphs (the files or the static settings changed)."""
    _graphs.clear()


setting_changed.connect(clear_cache)


def _imports_rewritten() -> bool:
    storage = staticfiles_storage
    return not isinstance(storage, HashedFilesMixin) or bool(
        storage.support_js_module_import_aggregation
    )


def preload_urls(entry: str, also: Iterable[str] = ()) -> list[str]:
    """The URLs a page that loads ``entry`` as a module should preload: every
    module ``entry`` reaches, then each of ``also`` (modules the page will load
    with ``import()``) and what it reaches; each once, ``entry`` left out.

    These are the URLs the browser will ask for: ``{% static %}``'s. A storage
    that hashes names but leaves import specifiers as written (Django's
    default) serves only the entry under its hashed name; the browser resolves
    every import against that URL, so the others are preloaded unhashed."""
    names = dict.fromkeys(
        name for root in (entry, *also) for name in module_graph(root)
    )
    names.pop(entry)
    if _imports_rewritten():
        return [static(name) for name in names]
    return [urljoin(settings.STATIC_URL, quote(name)) for name in names]
