"""``{% modulepreload "dashboard/app.js" %}``: a ``<link rel="modulepreload">``
for every module the entry reaches (see ``common/module_graph.py``), so the
browser fetches the whole graph in one wave instead of one level at a time.

Further names are modules the page will load with ``import()`` straight away;
they and what they reach are preloaded too:
``{% modulepreload "dashboard/app.js" "dashboard/"|add:page|add:".js" %}``.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from common.module_graph import preload_urls

register = template.Library()


@register.simple_tag
def modulepreload(entry: str, *also: str) -> SafeString:
    """The preload links for ``entry``'s module graph (and ``also``'s)."""
    return format_html_join(
        "\n",
        '<link rel="modulepreload" href="{}">',
        ((url,) for url in preload_urls(entry, also)),
    )
