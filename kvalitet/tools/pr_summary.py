"""The job summary of a pull request, in Swedish, for the editors who opened it.

``python -m kvalitet.tools.pr_summary --base origin/main --site site --log bygg.log`` writes
Markdown with (a) every number that changed compared with the base, (b) the readability
(LIX) of each page whose Markdown changed, and (c) how the build went: stopped, with the
Swedish problems it named (parsed as `build_verdict` parses them), or finished, with any
warnings, and whether the PDF was made.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kvalitet.model.problems import DataError
from kvalitet.site.numbering import page_url
from kvalitet.tools.build_verdict import read_log
from kvalitet.tools.data_diff import changed_numbers, report_year
from kvalitet.tools.lix import page_readability


def changed_pages(root: Path, base: str) -> list[str]:
    """Markdown files under docs/ that differ from `base` (three-dot: the PR's own changes)."""
    result = subprocess.run(
        ["git", "diff", "--name-only", f"{base}...HEAD", "--", "docs"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:  # e.g. no common history: compare the trees directly
        result = subprocess.run(
            ["git", "diff", "--name-only", base, "--", "docs"],
            cwd=root,
            capture_output=True,
            text=True,
        )
    return sorted(
        line.removeprefix("docs/") for line in result.stdout.splitlines() if line.endswith(".md")
    )


def build_section(log: str) -> list[str]:
    """The build's outcome in Swedish: the lines under the heading »Bygget«."""
    if not log.strip():
        return ["Byggets logg saknas, så det går inte att säga hur bygget gick."]
    read = read_log(log)
    warned = [f"- `{warning}`" for warning in read.warnings]
    if read.failed:
        blocks = [
            [
                "**Bygget stoppades**, så inget publicerades och ingen PDF skapades. "
                "Rätta felen och bygg igen."
            ],
            [f"- {message}" for _, _, message in read.problems],
        ]
        if read.stopped_by_warnings:
            blocks += [[read.stopped_by_warnings], warned]
        if not read.problems:  # stopped without a Swedish message: MkDocs' own words
            blocks.append([f"- `{error}`" for error in read.errors])
        if not (read.problems or read.stopped_by_warnings or read.errors):
            blocks.append(["Felet står i byggets logg (Details vid kontrollen)."])
    else:
        if not read.built:
            blocks = [["Byggets logg säger inte att bygget blev klart; se loggen (Details)."]]
        elif warned:
            blocks = [["Bygget blev klart men gav varningar:"], warned]
        else:
            blocks = [["Bygget blev klart utan fel och utan varningar."]]
        if read.notes:
            blocks.append(read.notes)
        if read.no_pdf:
            blocks.append([read.no_pdf])
        elif read.built:
            blocks.append(["PDF-versionerna skapades."])
    lines: list[str] = []
    for block in filter(None, blocks):
        lines += ([""] if lines else []) + block
    return lines


def summary(root: Path, base: str, site: Path, log: str) -> str:
    year = report_year(root)
    lines = [f"## Sammanfattning av ändringen ({year} jämfört med `{base}`)", ""]

    lines += ["### Ändrade siffror", ""]
    try:
        typed, computed = changed_numbers(root, base, year)
        if typed or computed:
            lines += [f"- {change}" for change in typed]
            if computed:
                lines += ["", "Beräknade värden som ändras med dem:", ""]
                lines += [f"- {change}" for change in computed]
        else:
            lines.append("Inga siffror har ändrats.")
    except DataError as error:
        lines.append(f"Siffrorna kunde inte jämföras eftersom datan har fel:\n\n```\n{error}\n```")

    lines += ["", "### Läsbarhet (LIX) för ändrade sidor", ""]
    pages = changed_pages(root, base)
    if pages:
        lines += ["| Sida | LIX | Nivå |", "| --- | ---: | --- |"]
        for page in pages:
            html = site / page_url(page) / "index.html"
            if html.is_file():
                measured = page_readability(html.read_text(encoding="utf-8"))
                lines.append(f"| {page} | {measured.lix:.0f} | {measured.band} |")
            else:
                lines.append(f"| {page} | – | sidan byggdes inte |")
        lines += [
            "",
            "LIX under 30 är mycket lättläst, 30–40 lättläst, 40–50 medelsvår, 50–60 svår och över 60 mycket svår.",
        ]
    else:
        lines.append("Ingen sida i docs/ har ändrats.")

    lines += ["", "### Bygget", "", *build_section(log)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sammanfattning av en pull request.")
    parser.add_argument("--base", required=True)
    parser.add_argument("--site", default="site")
    parser.add_argument("--log", default=None, help="byggets logg")
    args = parser.parse_args(argv)
    log = (
        Path(args.log).read_text(encoding="utf-8") if args.log and Path(args.log).is_file() else ""
    )
    sys.stdout.write(summary(Path.cwd(), args.base, Path(args.site), log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
