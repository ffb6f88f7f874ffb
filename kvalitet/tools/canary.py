"""The canary: does the site still build the same with MkDocs' successors?

MkDocs 1.x is unmaintained and Material for MkDocs reaches end of life in 2027. This builds
the site with ProperDocs (the maintained MkDocs fork) and Zensical (Material's successor)
beside MkDocs, in throwaway copies, and reports whether the same pages come out with the
same numbers on them. It only reports; it never fails a build.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = ["docs", "data", "kvalitet", "overrides", "macros.py", "mkdocs.yml"]
NUMBER = re.compile(r"\d+(?:[\u00a0 ]\d{3})*(?:,\d+)?")
TOOLS = {
    "mkdocs": ["mkdocs", "build", "--strict", "--quiet", "--site-dir", "{out}"],
    "properdocs": ["properdocs", "build", "--strict", "--quiet", "--site-dir", "{out}"],
    "zensical": ["zensical", "build", "--config-file", "mkdocs.yml"],
}


def build_with(tool: str, root: Path, work: Path) -> tuple[Path | None, str, float]:
    """(site folder or None, output, seconds) of building a copy of the project with `tool`."""
    project = work / tool
    project.mkdir()
    for part in PROJECT:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            shutil.copy2(source, project / part)
    out = project / "site"
    command = [Path(sys.executable).parent / TOOLS[tool][0], *TOOLS[tool][1:]]
    command = [str(part).replace("{out}", str(out)) for part in command]
    env = {**os.environ, "KVALITET_PDF": "av", "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    try:
        result = subprocess.run(
            command, cwd=project, capture_output=True, text=True, env=env, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, str(error), time.monotonic() - started
    seconds = time.monotonic() - started
    built = out if result.returncode == 0 and (out / "index.html").is_file() else None
    return built, result.stdout + result.stderr, seconds


def pages_and_numbers(site: Path) -> dict[str, Counter]:
    """{page: numbers shown in its article} for every page of a built site."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        page = html.relative_to(site).as_posix()
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article")
        text = article.get_text(" ") if article else ""
        found[page] = Counter(NUMBER.findall(text))
    return found


def compare(reference: dict[str, Counter], other: dict[str, Counter]) -> list[str]:
    findings = []
    missing = sorted(reference.keys() - other.keys())
    extra = sorted(other.keys() - reference.keys())
    if missing:
        findings.append(f"{len(missing)} sidor saknas, t.ex. {', '.join(missing[:3])}")
    if extra:
        findings.append(f"{len(extra)} sidor finns bara här, t.ex. {', '.join(extra[:3])}")
    differing = [
        page for page in sorted(reference.keys() & other.keys()) if reference[page] != other[page]
    ]
    if differing:
        findings.append(
            f"siffrorna skiljer sig på {len(differing)} sidor, t.ex. {', '.join(differing[:3])}"
        )
    return findings


def _reason(output: str) -> str:
    """The most telling line of a failed build's output."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    telling = [line for line in lines if re.search(r"Error|Fel på|fel\b", line)]
    return (telling or lines or ["inget svar"])[-1][:300]


def report(root: Path) -> list[str]:
    lines = ["## Kanariefågeln: bygger webbplatsen likadant med MkDocs efterföljare?", ""]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reference_site, output, seconds = build_with("mkdocs", root, work)
        if reference_site is None:
            return [
                *lines,
                f"Referensbygget med MkDocs misslyckades:\n\n```\n{output[-2000:]}\n```",
            ]
        reference = pages_and_numbers(reference_site)
        lines.append(f"- **mkdocs**: {len(reference)} sidor på {seconds:.0f} s (referens).")
        for tool in ("properdocs", "zensical"):
            site, output, seconds = build_with(tool, root, work)
            if site is None:
                last = [line for line in output.strip().splitlines() if line.strip()][-1:] or [
                    "inget svar"
                ]
                lines.append(
                    f"- **{tool}**: bygget misslyckades efter {seconds:.0f} s: `{last[0][:300]}`"
                )
                continue
            findings = compare(reference, pages_and_numbers(site))
            verdict = "samma sidor och samma siffror" if not findings else "; ".join(findings)
            lines.append(f"- **{tool}**: byggde på {seconds:.0f} s: {verdict}.")
    return lines


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    text = "\n".join(report(Path.cwd())) + "\n"
    sys.stdout.write(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    return 0  # a canary reports; it does not stop anything


if __name__ == "__main__":
    sys.exit(main())
