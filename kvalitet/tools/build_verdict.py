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
from pathlib import Path

# "  3. data/2019/klagomal.csv, rad 2, kolumn »antal«: …" and "Fel på sidan docs/…md, rad 5: …"
DATA = re.compile(
    r"^\s*(?:\d+\.\s+)?(?P<file>(?:data|docs)/[^\s,:]+|mkdocs\.yml)(?:, rad (?P<line>\d+))?[,:]"
)
PAGE = re.compile(
    r"^(?:ERROR\s+-\s+)?Fel på sidan (?P<file>docs/[^\s,:]+)(?:, rad (?P<line>\d+))?:"
)
NOT_PUBLISHED = "Inget publicerades: rätta felen ovan och bygg igen."


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
