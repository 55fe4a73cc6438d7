"""docs/api.md's examples, run as written against the live test server: every `sh` block with
Debian's curl, the mini-program's `js` block with Node (Debian's nodejs) and a `wx.request`
made of fetch, as a mini-program's runtime provides it."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"```(sh|js)\n(.*?)```", re.DOTALL)
DOC_BASE = "https://piyao.example.org"

# What a mini-program's runtime gives the snippet: wx.request, here over Node's fetch.
WX_SHIM = """
const wx = {
  request({ url, data = {}, header = {}, success, fail }) {
    const query = new URLSearchParams(data).toString();
    fetch(url + (query ? '?' + query : ''), { headers: header })
      .then(async (r) => {
        const text = await r.text();
        success({ statusCode: r.status, data: text ? JSON.parse(text) : '',
                  header: Object.fromEntries(r.headers.entries()) });
      })
      .catch(fail);
  },
};
"""
JS_RUN = """
loadRebuttals((err, first) => {
  if (err) { console.error(err); process.exit(1); }
  loadRebuttals((err2, second) => {
    if (err2) { console.error(err2); process.exit(1); }
    console.log(JSON.stringify({ first, second }));
  });
});
"""


def blocks(kind):
    return [code for lang, code in BLOCK.findall(DOC.read_text()) if lang == kind]


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: run `make test`, which installs Debian's {name}")
    return path


@pytest.fixture
def site(live_server, content):
    return live_server.url


def test_every_curl_example_runs(site, tmp_path):
    tool("curl")
    outputs = []
    for code in blocks("sh"):
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", code.replace(DOC_BASE, site)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 0, (code, result.stderr)
        outputs.append(result.stdout)
    assert len(outputs) == 5
    food, search, not_modified, harvest, export = outputs
    [item] = json.loads(food)["items"]
    assert item["verdict_label"] == "谣言" and item["claim_summary"] == "网传全城自来水有毒"
    assert "网传全城自来水有毒？假的" in {i["title"] for i in json.loads(search)["items"]}
    assert not_modified.strip() == "304"
    assert harvest.count("http://localhost/r/") == 2 and '"items"' in harvest
    assert export.startswith("\ufeffid,url,claim_reviewed")


def test_the_mini_program_snippet_runs(site, tmp_path):
    node = tool("node")
    [snippet] = blocks("js")
    script = tmp_path / "miniprogram.js"
    script.write_text(WX_SHIM + snippet.replace(DOC_BASE, site) + JS_RUN)
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "【谣言】网传全城自来水有毒" in data["first"]
    assert data["second"] == "unchanged"  # the ETag came back as a 304
