"""Build (once) a SQLite site with the corpus imported and the column replicated to N rebuttals.

    .venv/bin/python bench/reader_site.py ../shared/data/rumours.jsonl --rebuttals 50000

Prints the site's directory (use it as QINGYUAN_VAR_DIR). The site is what users build:
``migrate``, ``load_demo`` (the column, series, campaigns, home, 229 demo rebuttals), then
``import_rumours`` of ``--import`` records taken evenly from the file (importing the whole corpus
takes ~19 minutes today). The live rebuttals are then copied in bulk (treebeard paths under
the column, distinct ids, slugs, titles and source ids; the generated ``column_date`` is
computed by the database) until the column holds ``--rebuttals`` live rebuttals. The copies
carry the page row only (no sources, tags or screenshots), which changes nothing the column
reads; the rebuttal page is measured on an imported or demo page.

The database is kept in ``var/bench-reader-<N>/`` and reused when it is already there (delete
the directory to rebuild). Other benchmarks may call ``build(...)`` and use the directory.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def site_dir(rebuttals: int) -> Path:
    return ROOT / "var" / (f"bench-reader-{rebuttals}" if rebuttals else "bench-reader-demo")


def manage(var_dir: Path, *args: str, quiet: bool = True) -> None:
    env = {**os.environ, "QINGYUAN_VAR_DIR": str(var_dir), "LOG_LEVEL": "WARNING"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.DEVNULL if quiet else None
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=out, check=False
    )
    if result.returncode not in (0, 3):  # 3: some corpus lines invalid, the rest imported
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")


def sample(data: Path, count: int, into: Path) -> None:
    """`count` lines spread evenly over the file, so every source of the corpus is in."""
    lines = data.read_bytes().splitlines(keepends=True)
    step = max(len(lines) // max(count, 1), 1)
    into.write_bytes(b"".join(lines[::step][:count]))


def replicate(var_dir: Path, rebuttals: int) -> int:
    """Copy live rebuttals under the column until it holds `rebuttals` live ones."""
    os.environ["QINGYUAN_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction
    from django.db.models import F

    from wagtail.models import Page

    from core.tree import last_child_step
    from debunk.importing import insert_pages
    from debunk.models import RebuttalIndexPage, RebuttalPage

    column = RebuttalIndexPage.objects.get()
    templates = list(RebuttalPage.objects.child_of(column).live().order_by("pk"))
    missing = rebuttals - len(templates)
    if missing <= 0:
        return len(templates)
    depth = column.depth + 1
    step = last_child_step(column)
    base_fields = [f.attname for f in RebuttalPage._meta.concrete_fields if not f.generated]
    made = 0
    while made < missing:
        batch = []
        for template in templates[: min(len(templates), missing - made, 2000)]:
            made += 1
            step += 1
            copy = RebuttalPage(**{name: getattr(template, name) for name in base_fields})
            copy.id = copy.pk = copy.page_ptr_id = None
            copy.slug = f"{template.slug[:40]}-r{made}"
            copy.title = f"{template.title[:230]}（副本 {made}）"
            copy.draft_title = copy.title
            copy.path = Page._get_path(column.path, depth, step)
            copy.url_path = f"{column.url_path}{copy.slug}/"
            copy.numchild = 0
            copy.translation_key = uuid.uuid4()
            copy.latest_revision_id = copy.live_revision_id = None
            copy.source_id = f"bench-copy-{made}"
            copy.source_hash = ""
            batch.append(copy)
        with transaction.atomic():
            insert_pages(batch)
            Page.objects.filter(pk=column.pk).update(numchild=F("numchild") + len(batch))
    column.refresh_facets()  # as import_rumours does after a run
    return len(templates) + made


def build(data: Path, rebuttals: int = 50_000, imported: int = 1500) -> Path:
    """The site's var directory, built unless it is already there."""
    var_dir = site_dir(rebuttals)
    done = var_dir / "built"
    if done.exists():
        # A site built by older code gets the migrations written since (new indexes...).
        manage(var_dir, "migrate", "--no-input", "-v", "0")
        return var_dir
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / "qingyuan.sqlite3").unlink(missing_ok=True)
    manage(var_dir, "migrate", "--no-input", "-v", "0")
    manage(var_dir, "load_demo")
    if imported and rebuttals:
        with tempfile.TemporaryDirectory() as scratch:
            part = Path(scratch) / "part.jsonl"
            sample(data, imported, part)
            manage(var_dir, "import_rumours", str(part), "--publish-incomplete")
    if not rebuttals:  # the demo site as it is
        done.write_text("demo\n")
        return var_dir
    # A separate process: Django is set up here only after the commands above have run.
    subprocess.run(
        [PYTHON, __file__, "--replicate-only", str(rebuttals), str(var_dir)], cwd=ROOT, check=True
    )
    done.write_text(f"{rebuttals}\n")
    return var_dir


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--replicate-only":
        total = replicate(Path(sys.argv[3]), int(sys.argv[2]))
        print(f"live rebuttals in the column: {total}", file=sys.stderr)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the corpus, e.g. ../shared/data/rumours.jsonl")
    parser.add_argument("--rebuttals", type=int, default=50_000)
    parser.add_argument("--import", dest="imported", type=int, default=1500)
    args = parser.parse_args()
    print(build(args.data, args.rebuttals, args.imported))


if __name__ == "__main__":
    main()
