"""Through the HTTP cache: requests/s and CPU per request, and approval → public page time.

    make prod                       # in another terminal: Varnish :8080, gunicorn × 2, worker
    .venv/bin/python bench/proxy.py [--seconds 10] [--connections 8] [--approvals 5]

Against the running `make prod` (its environment is read from var/prod/env), with Debian's wrk,
8 connections: a static file (a cache hit), a rebuttal page served from the cache, the same
page and the column with the cache bypassed (a ``sessionid`` cookie makes Varnish pass the
request; Django, finding no such session, renders the anonymous page). CPU is the gunicorn
and Varnish processes' user+system time over the run (from /proc), per request: steadier than
requests/s on a shared machine.

Then the publishing path: an editor changes a demo rebuttal's verdict and submits it, a
reviewer approves, and the time is taken from the chief editor's sign-off request to the first
anonymous view through the cache that shows the new verdict (the worker runs the purge).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "prod"


def read_env():
    for line in (VAR / "env").read_text().splitlines():
        name, _, value = line.partition("=")
        os.environ[name] = value


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and its children (gunicorn workers, varnish child)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wrk(url, seconds, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return requests, rate, p50, int(non2xx.group(1)) if non2xx else 0


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.headers, response.read().decode()


def throughput(base, rebuttal, column, static, seconds, connections):
    pids = {name: int((VAR / "pids" / name).read_text()) for name in ("gunicorn", "varnish")}
    bypass = ("Cookie: sessionid=bench-bypass",)
    cases = [
        ("static file (hit)", base + static, ()),
        ("rebuttal page (hit)", base + rebuttal, ()),
        ("rebuttal page (bypassed)", base + rebuttal, bypass),
        ("column (bypassed)", base + column, bypass),
    ]
    print(f"{'':28} {'req/s':>9} {'p50':>9} {'app CPU ms/req':>15} {'proxy CPU ms/req':>17}")
    for name, url, headers in cases:
        get(url)  # warm: the first view fills the cache
        before = {key: cpu_seconds(pid) for key, pid in pids.items()}
        requests, rate, p50, non2xx = wrk(url, seconds, connections, headers)
        after = {key: cpu_seconds(pid) for key, pid in pids.items()}
        app = (after["gunicorn"] - before["gunicorn"]) * 1000 / requests
        proxy = (after["varnish"] - before["varnish"]) * 1000 / requests
        warn = f"  ({non2xx} non-2xx!)" if non2xx else ""
        print(f"{name:28} {rate:9.1f} {p50:>9} {app:15.2f} {proxy:17.3f}{warn}")


def approvals(base, count):
    import django

    os.environ["ALLOWED_HOSTS"] += ",testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from debunk.models import RebuttalPage
    from debunk.verdicts import Verdict
    from tests.workflow import helpers
    from tests.workflow.test_publish_by_page_type import edit_form

    users = {u.username: u for u in get_user_model().objects.all()}
    timings = []
    for n in range(count):
        # The demo's own rebuttals (the imported samples' HTML does not round-trip the editor).
        page = RebuttalPage.objects.live().filter(slug__startswith="demo-").order_by("pk")[n]
        new = Verdict.MISLEADING if page.verdict != Verdict.MISLEADING else Verdict.UNPROVEN
        client = Client()
        client.force_login(users["editor"])
        form = edit_form(client, page)
        # A published verdict changes only with a public correction note (the checklist).
        total = int(form["corrections-TOTAL_FORMS"])
        form.update(
            {
                "verdict": new,
                "action-submit": "1",
                "corrections-TOTAL_FORMS": str(total + 1),
                f"corrections-{total}-date": time.strftime("%Y-%m-%d"),
                f"corrections-{total}-note": f"核查结论更正为“{new.label}”（基准测试）",
                f"corrections-{total}-ORDER": str(total + 1),
                f"corrections-{total}-id": "",
                f"corrections-{total}-DELETE": "",
            }
        )
        response = client.post(f"/admin/pages/{page.pk}/edit/", form)
        assert response.status_code == 302, response.content.decode()[:500]
        page.refresh_from_db()
        client.force_login(users["reviewer"])
        assert helpers.approve_fact_check(client, page).status_code == 302
        page.refresh_from_db()
        get(base + page.url)  # a reader has the old verdict in the cache
        marker = f"verdict--{new} verdict--large"
        client.force_login(users["chief"])
        started = time.perf_counter()
        assert helpers.sign_off(client, page).status_code == 302
        signed = time.perf_counter()
        while marker not in get(base + page.url)[1]:
            time.sleep(0.02)
        timings.append((time.perf_counter() - started, signed - started))
    ms = sorted(total * 1000 for total, _ in timings)
    request_ms = [request * 1000 for _, request in timings]
    print(
        f"approval → new verdict on the public page: median {statistics.median(ms):.0f} ms, "
        f"max {ms[-1]:.0f} ms over {count} sign-offs (the sign-off request itself: median "
        f"{statistics.median(request_ms):.0f} ms, max {max(request_ms):.0f} ms; the rest is the "
        "worker's purge and the fresh render)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--approvals", type=int, default=5)
    args = parser.parse_args()
    read_env()
    base = os.environ["WAGTAILADMIN_BASE_URL"]
    _, home = get(base + "/")
    static = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
    column = "/rumours/"
    _, column_html = get(base + column)
    rebuttal = re.search(r'href="(/rumours/(?!verdicts/|category/|feed/)[^"/?]+/)"', column_html)
    rebuttal = rebuttal.group(1)
    print(f"proxy {base}  static {static}  rebuttal {rebuttal}  column {column}")
    print(f"wrk: 2 threads, {args.connections} connections, {args.seconds}s each; cores: ", end="")
    print(f"{os.cpu_count()} (shared machine: other processes compete for them)")
    if args.seconds:
        throughput(base, rebuttal, column, static, args.seconds, args.connections)
    if args.approvals:
        approvals(base, args.approvals)


if __name__ == "__main__":
    main()
