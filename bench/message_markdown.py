"""CPU time of drawing a message's Markdown, cached and uncached.

    python bench/message_markdown.py

``processed_message_content`` is drawn by ``common.markdown.render_markdown``
for every message payload and REST read. This prints CPU milliseconds per
call (``time.process_time``) for typical chat messages drawn afresh (each text
unique, so the cache never answers), the same texts answered by the cache, and
one call on each hostile input (over 10,000 characters a message is drawn as
plain text).
"""

import argparse
import sys
import time

import harness

sys.path.insert(0, str(harness.ROOT))

TYPICAL = [
    "Hi, my order #{n} has not arrived yet.",
    "Thanks! I **really** need it by _Friday_, see https://example.com/orders/{n}",
    "Steps:\n1. open the app\n2. tap `Settings`\n3. it crashes ({n})",
    "> it crashes\nWe shipped a fix in version 2.{n}, please update.",
]
HOSTILE = {
    "100 KB of asterisks": "*" * 100_000,
    "emphasis bomb": "*a **" * 20_000,
    "brackets": "[" * 100_000,
    "10,000 brackets (the longest drawn as Markdown)": "[" * 10_000,
    "many URLs": "https://a.example/ " * 5_000,
}


def cpu_ms(function, calls: int) -> float:
    start = time.process_time()
    for index in range(calls):
        function(index)
    return (time.process_time() - start) / calls * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    calls = parser.parse_args().calls
    from common.markdown import render_markdown

    print(f"start: {harness.machine_load()}")
    rows = [
        (
            "typical message, drawn afresh",
            cpu_ms(lambda i: render_markdown(TYPICAL[i % 4].format(n=i)), calls),
        ),
        (
            "typical message, from the cache",
            cpu_ms(lambda i: render_markdown(TYPICAL[i % 4].format(n=0)), calls),
        ),
    ]
    for name, text in HOSTILE.items():
        rows.append(
            (f"{name}, one call", cpu_ms(lambda i, t=text: render_markdown(t), 1))
        )
    print(f"end: {harness.machine_load()}\n")
    width = max(len(name) for name, _ in rows)
    print(f"{'input':>{width}}  CPU ms")
    print(f"{'-' * width}  ------")
    for name, value in rows:
        print(f"{name:>{width}}  {value:6.2f}")


if __name__ == "__main__":
    main()
