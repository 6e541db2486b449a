"""The app map: every import between OneChat's apps points down.

``LAYERS`` lists the layers top first; a module belongs to the layer of the
longest prefix that names it. A module may import its own layer's package and
anything in a layer below, never above. ``python -m tests.test_layout`` prints
the graph of imports between the layers.
"""

import ast
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS: list[tuple[str, ...]] = [
    ("deploy",),  # tooling outside the apps: processes, nginx, topology
    ("onechat",),  # project wiring: settings, root URLs, ASGI, health, demo
    ("dashboard", "widget"),  # the two front ends (independent of each other)
    ("api.urls",),  # the HTTP API's map, composed of the apps' own routes
    ("collaboration.api",),  # participants, transfer, consult on conversations
    # Application API
    (
        "accounts.api",
        "contacts.api",
        "conversations.api",
        "routing.api",
        "agentchat.api",
        "filters.api",
        "cannedresponses.api",
        "notifications.api",
        "agentbots.api",
        "webhooks.api",
        "automation.api",
        "audit.api",
        "privacy.api",
        "reports.api",
        "csat.api",
        "continuity.api",
    ),
    ("api",),  # shared API plumbing
    ("continuity",),  # conversations continued by email: replies, transcripts
    ("csat",),  # satisfaction surveys: asked on resolve, their answers, reports
    ("realtime",),  # /cable, the event registry, fan-out
    ("calls",),  # voice and video calls between agents and visitors
    ("audit",),  # the audit log: who changed what, who signed in
    ("privacy",),  # contact imports and exports, erasure, retention
    ("automation",),  # automation rules and macros
    ("webhooks",),  # outside systems told of events: webhooks, agent bots
    ("notifications",),  # agents' notifications: in the dashboard, by email
    ("agentchat",),  # chats between agents of an account
    ("collaboration",),  # agents working a conversation together
    ("reports",),  # reporting events and the reports read from them
    ("linkpreviews",),  # link previews: safe fetches, their cache
    ("routing",),  # auto-assignment, capacity, the queue
    ("filters",),  # filter queries over conversations and contacts, saved filters
    ("cannedresponses",),  # an account's saved answers and their files
    ("conversations",),
    ("contacts",),
    ("agentbots",),  # bots that answer inboxes through the API
    ("accounts",),
    ("common",),  # wire encodings, tokens, tracked fields, the shared JS kit
]
PACKAGES = {name.split(".")[0] for layer in LAYERS for name in layer}


def layer_of(module: str) -> tuple[int, str] | None:
    """The index of ``module``'s layer (0 is the top) and the prefix that placed it."""
    best: tuple[int, str] | None = None
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best[1])
            ):
                best = (index, prefix)
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The first-party modules a file imports (``from x import y`` as ``x.y``)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def app_modules() -> list[Path]:
    return sorted(
        path
        for package in sorted(PACKAGES)
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def edges() -> dict[tuple[str, str], list[str]]:
    """Imports between different layer prefixes: (importer, imported) -> files."""
    graph: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in app_modules():
        source = layer_of(module_name(path))
        for name in imports_of(path):
            target = layer_of(name)
            if source and target and source[1] != target[1]:
                graph[(source[1], target[1])].append(str(path.relative_to(ROOT)))
    return graph


def test_every_app_module_has_a_layer():
    """No package of the project is left off the map."""
    top_level = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }
    assert top_level == PACKAGES


def test_every_package_is_installed_and_first_party():
    """``pip install`` ships every package on the map, and ruff sorts their
    imports as OneChat's own."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = {
        pattern.removesuffix("*")
        for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    first_party = set(project["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
    assert included == PACKAGES
    assert first_party == PACKAGES | {"tests"}


def test_imports_point_down():
    """No module imports a layer above its own, nor a sibling of its layer."""
    upward = []
    for (source, target), files in sorted(edges().items()):
        source_index, target_index = layer_of(source)[0], layer_of(target)[0]
        if target_index <= source_index and not source.startswith(target + "."):
            upward.append(f"{source} -> {target} ({', '.join(sorted(set(files)))})")
    assert upward == []


def module_graph() -> dict[str, set[str]]:
    """Each first-party module -> the modules it imports, at module level or
    inside functions (``from x import y`` as ``x.y`` when that is a module,
    else ``x``)."""
    paths = {module_name(path): path for path in app_modules()}

    def resolved(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    return {
        module: {found for name in imports_of(path) if (found := resolved(name))}
        for module, path in paths.items()
    }


def cycle_through(graph: dict[str, set[str]], start: str) -> list[str]:
    """A chain of imports from ``start`` back to it, or [] when none."""
    trail: dict[str, str] = {}
    pending = [start]
    while pending:
        module = pending.pop()
        for target in sorted(graph.get(module, ())):
            if target == start:
                chain = [module]
                while chain[-1] != start:
                    chain.append(trail[chain[-1]])
                return [start, *reversed(chain[:-1]), start]
            if target not in trail:
                trail[target] = module
                pending.append(target)
    return []


def test_no_import_cycle_through_a_tasks_module():
    """A job module imports what its jobs run (the services); nothing it
    reaches imports it back: a job becomes due through a signal, and the
    app's receivers enqueue it."""
    graph = module_graph()
    tasks = sorted(module for module in graph if module.endswith(".tasks"))
    assert {"accounts.tasks", "conversations.tasks", "routing.tasks"} <= set(tasks)
    cycles = [" -> ".join(cycle_through(graph, module)) for module in tasks]
    assert [cycle for cycle in cycles if cycle] == []


def test_cycle_through_follows_imports_back_to_the_start():
    """The cycle finder sees a cycle through another module, and only one."""
    graph = {"a.services": {"a.timers"}, "a.timers": {"a.tasks"}}
    graph["a.tasks"] = {"a.services"}
    assert cycle_through(graph, "a.tasks") == [
        "a.tasks",
        "a.services",
        "a.timers",
        "a.tasks",
    ]
    graph["a.timers"] = set()
    assert cycle_through(graph, "a.tasks") == []


def test_layer_of_takes_the_longest_prefix():
    """A sub-package of an app can sit in a higher layer than the app."""
    assert layer_of("conversations.api.views")[1] == "conversations.api"
    assert layer_of("conversations.services")[1] == "conversations"
    assert layer_of("api.urls")[1] == "api.urls"
    assert layer_of("api.permissions")[1] == "api"


if __name__ == "__main__":
    for (source, target), files in sorted(
        edges().items(), key=lambda item: (layer_of(item[0][0])[0], item[0])
    ):
        sys.stdout.write(f"{source:18} -> {target:18} {len(set(files))} files\n")
