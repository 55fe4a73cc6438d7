"""CPU time of the Markdown renderer (core.markup.render_markdown) on the worst inputs we know:
long runs of unclosed markup in one paragraph, at the Markdown block's largest size.

    .venv/bin/python bench/markdown_worst_case.py [--chars 10000]

Each input is one run repeated up to ``--chars`` characters (MarkdownBlock's maximum by
default); the figure is process CPU time, steady on a shared machine.
"""

import argparse
import os
import sys
import time
from pathlib import Path

RUNS = ["[", "<![CDATA[", "<![", "[a](", "![a](b", "(", "<a ", "<!--", "[x]: http://a.cn\n\n[x]"]


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from core.blocks import MARKDOWN_BLOCK_MAX_LENGTH
    from core.markup import render_markdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=MARKDOWN_BLOCK_MAX_LENGTH)
    args = parser.parse_args()
    print(f"{'run':<28} {'chars':>7} {'cpu ms':>8}")
    for run in RUNS:
        source = (run * (args.chars // len(run) + 1))[: args.chars]
        started = time.process_time()
        render_markdown(source)
        elapsed = (time.process_time() - started) * 1000
        print(f"{run!r:<28} {len(source):>7} {elapsed:>8.0f}")


if __name__ == "__main__":
    main()
