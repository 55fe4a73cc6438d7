"""Campaign page under load of approved submissions: queries and render time per request.

    .venv/bin/python bench/campaign_page.py --submissions 5000 --requests 50

Builds a throwaway SQLite site in a temporary directory (migrate + load_demo), adds N approved
submissions to the ongoing demo campaign, then renders its page (and the campaign index) with
Django's test client, reporting SQL queries and median/p95 milliseconds.
"""

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="qingyuan-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        QINGYUAN_VAR_DIR=workdir,
        MEDIA_ROOT=str(Path(workdir) / "media"),
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from campaigns.models import CampaignPage, CampaignSubmission, SubmissionStatus
    from cms.demo import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    campaign = CampaignPage.objects.get(slug="say-something")
    CampaignSubmission.objects.bulk_create(
        CampaignSubmission(
            campaign=campaign,
            name=f"网友{n}",
            contact="13800000000",
            township="城关镇",
            message=f"第{n}条留言：转发之前先求证。" * 3,
            consent=True,
            status=SubmissionStatus.APPROVED,
        )
        for n in range(args.submissions)
    )
    client = Client(HTTP_HOST="localhost")
    for url in (campaign.url, campaign.get_parent().url):
        client.get(url)  # warm caches and renditions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)  # read now: the next request clears the query log
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, math.ceil(len(timings) * 0.95) - 1)]
        print(
            f"{url}  approved={CampaignSubmission.objects.approved().count()}  "
            f"queries={query_count}  median={statistics.median(timings):.1f}ms  p95={p95:.1f}ms"
        )


if __name__ == "__main__":
    main()
