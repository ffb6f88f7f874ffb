"""Every page is valid HTML according to the Nu Html Checker (vnu.jar from npm, run with Java)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_errors(folder: Path) -> list[str]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]


def test_every_page_is_valid_html(site):
    assert vnu_errors(site.site) == []


def test_the_checker_reports_a_planted_fault(tmp_path):
    (tmp_path / "sida.html").write_text(
        '<!doctype html><html lang="sv"><head><title>t</title></head>'
        '<body><input type="checkbox" autocomplete="off"><p><div></p></body></html>',
        encoding="utf-8",
    )
    assert len(vnu_errors(tmp_path)) >= 2
