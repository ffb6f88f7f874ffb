"""The canary: does the site still build the same with ProperDocs, the MkDocs fork?

MkDocs 1.x is unmaintained. This builds the site with ProperDocs (the maintained fork) beside
MkDocs, in throwaway copies, and reports what differs (kvalitet/tools/engine_diff.py). It
only reports; it never fails a build. Zensical, Material's successor, is no longer a canary:
CI builds with it and fails when it differs (make site ENGINE=zensical).
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
from pathlib import Path

from kvalitet.tools.engine_diff import differences

PROJECT = ["docs", "data", "kvalitet", "overrides", "macros.py", "mkdocs.yml"]
TOOLS = {
    "mkdocs": ["mkdocs", "build", "--strict", "--quiet", "--site-dir", "{out}"],
    "properdocs": ["properdocs", "build", "--strict", "--quiet", "--site-dir", "{out}"],
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


def _reason(output: str) -> str:
    """The most telling line of a failed build's output."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    telling = [line for line in lines if re.search(r"Error|Fel på|fel\b", line)]
    return (telling or lines or ["inget svar"])[-1][:300]


def report(root: Path) -> list[str]:
    lines = ["## Kanariefågeln: bygger webbplatsen likadant med ProperDocs?", ""]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reference_site, output, seconds = build_with("mkdocs", root, work)
        if reference_site is None:
            return [
                *lines,
                f"Referensbygget med MkDocs misslyckades:\n\n```\n{output[-2000:]}\n```",
            ]
        lines.append(f"- **mkdocs**: byggde på {seconds:.0f} s (referens).")
        for tool in ("properdocs",):
            site, output, seconds = build_with(tool, root, work)
            if site is None:
                last = [line for line in output.strip().splitlines() if line.strip()][-1:] or [
                    "inget svar"
                ]
                lines.append(
                    f"- **{tool}**: bygget misslyckades efter {seconds:.0f} s: `{last[0][:300]}`"
                )
                continue
            findings = differences(reference_site, site, ("MkDocs", tool))
            verdict = "samma webbplats" if not findings else "; ".join(findings[:5])
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
