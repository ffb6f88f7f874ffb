"""The editor's verdict of a failed build, where the editor looks in CI.

``python -m kvalitet.tools.build_verdict bygg.log`` reads the output of ``make site`` and
prints every Swedish problem once, as a GitHub annotation on the file and line it names
(``::error file=…,line=…::…``), and writes the same list to the job summary when
``$GITHUB_STEP_SUMMARY`` is set. MkDocs' own lines (INFO, tracebacks) are left out.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# "  3. data/2019/klagomal.csv, rad 2, kolumn »antal«: …" and "Fel på sidan docs/…md, rad 5: …"
DATA = re.compile(
    r"^\s*(?:\d+\.\s+)?(?P<file>(?:data|docs)/[^\s,:]+|mkdocs\.yml)(?:, rad (?P<line>\d+))?[,:]"
)
PAGE = re.compile(
    r"^(?:ERROR\s+-\s+)?Fel på sidan (?P<file>docs/[^\s,:]+)(?:, rad (?P<line>\d+))?:"
)
NOT_PUBLISHED = "Inget publicerades: rätta felen ovan och bygg igen."
# The Makefile's words for MkDocs' "Aborted with N warnings in strict mode!"
STOPPED_BY_WARNINGS = re.compile(r"^Bygget gav \d+ varning\(ar\), och varningar stoppar bygget\.")
# What MkDocs prints when it stops: on its own (without the Makefile) or with a crash.
ABORTED = re.compile(r"^(Aborted with |Traceback \(most recent call last\)|Error: )")
NOTE = re.compile(r"OBS: (?!PDF-versionerna).+")  # the build's notes, e.g. on a draft
BUILT = ("Webbplatsen är byggd i", "Documentation built in")  # make site; MkDocs' INFO line
NO_PDF = re.compile(r"^(OBS: PDF-versionerna skapades inte\..*|.*PDF-versionen skapas inte .*)$")
WARNING = re.compile(r"^\s*(?:WARNING\b|Varning: )")  # make site translates the prefix
ERROR = re.compile(r"^\s*ERROR\s+-\s+(?P<message>.*)$")


def problems(log: str) -> list[tuple[str, int | None, str]]:
    """(file, line, message) of every Swedish problem in a build's output, in order, once."""
    found: list[tuple[str, int | None, str]] = []
    for raw in log.splitlines():
        text = re.sub(r"^ERROR\s+-\s+", "", raw).strip()
        match = PAGE.match(text) or DATA.match(text)
        if not match:
            continue
        message = re.sub(r"^\d+\.\s+", "", text)
        entry = (match["file"], int(match["line"]) if match["line"] else None, message)
        if entry not in found:
            found.append(entry)
    return found


@dataclass
class BuildLog:
    """What the output of ``make site`` (or ``mkdocs build``) says about the build."""

    failed: bool
    built: bool  # the build said it finished
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # MkDocs' WARNING lines, as printed
    errors: list[str] = field(default_factory=list)  # ERROR lines that name no file
    stopped_by_warnings: str | None = None  # "Bygget gav 1 varning(ar), …"
    no_pdf: str | None = None  # why the PDF was not made, as the build said it
    notes: list[str] = field(default_factory=list)  # »OBS: Årgången 2020 är ett utkast …«


def read_log(log: str) -> BuildLog:
    """Parse a build's output: did it fail, with which problems and warnings, and was the
    PDF made."""
    lines = log.splitlines()
    found = problems(log)
    stopped = next((line.strip() for line in lines if STOPPED_BY_WARNINGS.match(line)), None)
    failed = (
        any(line.strip() == NOT_PUBLISHED or ABORTED.match(line) for line in lines)
        or stopped is not None
    )
    warnings, errors = [], []
    for index, line in enumerate(lines):
        if WARNING.match(line):
            more = []  # MkDocs lists the pages a warning is about on indented lines
            for following in lines[index + 1 :]:
                if not following.startswith("  - "):
                    break
                more.append(following.strip())
            warnings.append(" ".join([line.strip(), *more]))
        elif (match := ERROR.match(line)) and not _listed(match["message"], found):
            errors.append(match["message"].strip())
    no_pdf = next(
        (re.sub(r"^INFO\s+-\s+", "", line.strip()) for line in lines if NO_PDF.match(line.strip())),
        None,
    )
    built = not failed and any(words in line for line in lines for words in BUILT)
    notes = [line.strip() for line in lines if NOTE.match(line.strip())]
    return BuildLog(failed, built, found, warnings, errors, stopped, no_pdf, notes)


def _listed(message: str, found: list[tuple[str, int | None, str]]) -> bool:
    """An ERROR line that is one of the Swedish problems, or the heading of their list."""
    heading = re.search(r"innehåller (?:ett|\d+) fel\. Bygget avbröts", message)
    return heading is not None or any(message in listed for *_, listed in found)


def annotation(file: str, line: int | None, message: str) -> str:
    where = f"file={file}" + (f",line={line}" if line else "")
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error {where},title=Bygget stoppades::{escaped}"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    log = Path(args[0]).read_text(encoding="utf-8", errors="replace") if args else sys.stdin.read()
    found = problems(log)
    for file, line, message in found:
        print(annotation(file, line, message))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        lines = ["## Bygget stoppades", ""] + [f"- {message}" for _, _, message in found]
        lines += ["", NOT_PUBLISHED, ""]
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
