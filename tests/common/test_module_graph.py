"""The module graph behind ``{% modulepreload %}``: read from the static files,
each module once, following edits, and on the dashboard and widget pages."""

import json
import os
import re
from pathlib import Path

import pytest

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.template import Context, Template
from django.templatetags.static import static

from common.module_graph import clear_cache, module_graph, preload_urls, static_imports

PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]+)">')


def write(root: Path, name: str, source: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return path


@pytest.fixture
def static_dir(tmp_path, settings):
    """A static directory of its own, found by the staticfiles finders."""
    settings.STATICFILES_DIRS = [str(tmp_path)]
    yield tmp_path
    clear_cache()


def test_static_imports_reads_every_form_of_static_import():
    source = """// @ts-check
import { a } from "./a.js";
import b, {
  c,
  d as e,
} from '../kit/b.js';
import * as f from "./f.js";
import "./side.js";
export { g } from "./g.js";
export * from "./star.js";
export * as ns from "./ns.js";
import { a as again } from "./a.js";
"""
    assert static_imports(source) == [
        "./a.js",
        "../kit/b.js",
        "./f.js",
        "./side.js",
        "./g.js",
        "./star.js",
        "./ns.js",
    ]


def test_static_imports_skips_comments_strings_and_dynamic_imports():
    source = """// @ts-check
/** @typedef {import("../kit/wire.js").Message} Message */
// import { old } from "./commented.js";
/*
import { gone } from "./block.js";
*/
const example = 'import { x } from "./in_string.js";';
const template = `
import { y } from "./in_template.js";
`;
const page = () => import("./lazy.js");
export function from() {}
import { real } from "./real.js";
"""
    assert static_imports(source) == ["./real.js"]


def test_graph_lists_every_reachable_module_once_breadth_first(static_dir):
    write(
        static_dir, "g/entry.js", 'import { a } from "./a.js";\nimport "../k/b.js";\n'
    )
    write(static_dir, "g/a.js", 'import { b } from "../k/b.js";\nexport const a = 1;\n')
    # A cycle back to the entry and a shared module: each still once.
    write(static_dir, "k/b.js", 'import "../g/entry.js";\nimport "./c.js";\n')
    write(static_dir, "k/c.js", 'import "../g/a.js";\nimport "https://cdn/x.js";\n')
    write(static_dir, "g/unused.js", "export const unused = 1;\n")

    assert module_graph("g/entry.js") == ("g/entry.js", "g/a.js", "k/b.js", "k/c.js")
    assert preload_urls("g/entry.js") == [
        static("g/a.js"),
        static("k/b.js"),
        static("k/c.js"),
    ]


def test_further_modules_add_their_graphs_without_repeats(static_dir):
    write(static_dir, "g/entry.js", 'import "./shared.js";\n')
    write(static_dir, "g/shared.js", "export {};\n")
    write(static_dir, "g/page.js", 'import "./shared.js";\nimport "./own.js";\n')
    write(static_dir, "g/own.js", "export {};\n")

    assert preload_urls("g/entry.js", ["g/page.js"]) == [
        static("g/shared.js"),
        static("g/page.js"),
        static("g/own.js"),
    ]


def test_a_new_import_is_followed(static_dir, settings):
    settings.DEBUG = True  # a development server: edits are read again
    entry = write(static_dir, "g/entry.js", 'import "./a.js";\n')
    write(static_dir, "g/a.js", "export {};\n")
    write(static_dir, "g/b.js", "export {};\n")
    assert module_graph("g/entry.js") == ("g/entry.js", "g/a.js")

    entry.write_text('import "./a.js";\nimport "./b.js";\n')
    stat = entry.stat()
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert module_graph("g/entry.js") == ("g/entry.js", "g/a.js", "g/b.js")


def test_the_graph_is_read_once_per_process(static_dir):
    entry = write(static_dir, "g/entry.js", 'import "./a.js";\n')
    write(static_dir, "g/a.js", "export {};\n")
    first = module_graph("g/entry.js")
    entry.unlink()
    assert module_graph("g/entry.js") is first


def test_the_tag_writes_one_link_per_module(static_dir):
    write(static_dir, "g/entry.js", 'import "./a.js";\nimport "./b.js";\n')
    write(static_dir, "g/a.js", 'import "./b.js";\n')
    write(static_dir, "g/b.js", "export {};\n")
    html = Template('{% load modulepreload %}{% modulepreload "g/entry.js" %}').render(
        Context()
    )
    assert PRELOAD.findall(html) == [static("g/a.js"), static("g/b.js")]


class ImportRewritingStorage(ManifestStaticFilesStorage):
    support_js_module_import_aggregation = True


@pytest.mark.parametrize("rewrites", [False, True])
def test_hashed_names_are_preloaded_only_where_imports_ask_for_them(
    static_dir, settings, tmp_path_factory, rewrites
):
    """Django's manifest storage hashes names but leaves imports as written
    unless told otherwise: then the browser asks for the entry's hashed URL
    and the unhashed names it imports, and those are what is preloaded."""
    write(static_dir, "g/entry.js", 'import "./a.js";\n')
    write(static_dir, "g/a.js", "export {};\n")
    root = tmp_path_factory.mktemp("collected")
    paths = {"g/entry.js": "g/entry.1111.js", "g/a.js": "g/a.2222.js"}
    (root / "staticfiles.json").write_text(
        json.dumps({"paths": paths, "version": "1.1"})
    )
    storage = ImportRewritingStorage if rewrites else ManifestStaticFilesStorage
    settings.STATIC_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": f"{storage.__module__}.{storage.__qualname__}"},
    }

    expected = "/static/g/a.2222.js" if rewrites else "/static/g/a.js"
    assert static("g/entry.js") == "/static/g/entry.1111.js"
    assert preload_urls("g/entry.js") == [expected]


def expected_urls(*roots: str) -> set[str]:
    return {static(name) for root in roots for name in module_graph(root)}


@pytest.mark.django_db
def test_the_widget_page_preloads_every_module_its_entry_reaches(client, inbox):
    response = client.get(f"/widget?website_token={inbox.website_token}")
    links = PRELOAD.findall(response.content.decode())

    assert len(links) == len(set(links))
    reached = expected_urls("widget/widget.js") - {static("widget/widget.js")}
    assert len(reached) > 10
    assert set(links) == reached


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("conversations", "conversations"),
        ("contacts", "contacts"),
        ("queue", "queue"),
        ("profile", "profile"),
        ("settings/inboxes", "settings"),
    ],
)
def test_the_dashboard_preloads_its_entry_and_page_graphs(
    client, administrator, account, path, page
):
    """The entry's graph, and the page's, the agent chat's and the
    notification bell's modules that the entry loads with ``import()`` at once."""
    client.force_login(administrator)
    response = client.get(f"/app/accounts/{account.id}/{path}")
    assert response.status_code == 200
    links = PRELOAD.findall(response.content.decode())

    assert len(links) == len(set(links))
    reached = expected_urls(
        "dashboard/app.js",
        "dashboard/agent_chat.js",
        "dashboard/notifications.js",
        f"dashboard/{page}.js",
    ) - {static("dashboard/app.js")}
    assert static("dashboard/api.js") in reached
    assert set(links) == reached
