"""CPU cost of 繁體 reading (?script=hant, cms/script.py) on pages of the demo site:

    .venv/bin/python bench/script_toggle.py [--runs 20]   # after make run / load_demo

CPU milliseconds per request (process time, in-process test client, no HTTP cache), Simplified
and Traditional, for the home page, the column and a rebuttal.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.test import Client

    from debunk.models import RebuttalPage

    client = Client(HTTP_HOST="127.0.0.1")
    rebuttal = RebuttalPage.objects.live().filter(source_id__startswith="qingyuan-demo-").first()
    for name, path in [("home", "/"), ("column", "/rumours/"), ("rebuttal", rebuttal.url)]:
        row = [name]
        for suffix in ("", "?script=hant"):
            client.get(path + suffix)  # warm caches and OpenCC's dictionaries
            times = []
            for _ in range(args.runs):
                start = time.process_time()
                response = client.get(path + suffix)
                times.append((time.process_time() - start) * 1000)
            assert response.status_code == 200
            row.append(f"{statistics.median(times):.0f} ms ({len(response.content) // 1024} KB)")
        print(" | ".join(row))


if __name__ == "__main__":
    main()
