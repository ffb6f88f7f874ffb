"""mkdocs.yml checked before MkDocs reads it, so its mistakes are named in Swedish.

MkDocs parses and validates its configuration before any plugin runs, and says what is
wrong in English (or with PyYAML's parser words). ``make site`` and ``make serve`` run
``python -m kvalitet.gates.config`` first: the same parser and the same validation as
MkDocs, each problem named by its line in mkdocs.yml, and nothing built when one is found.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from kvalitet.model.problems import DataError, Problem, did_you_mean
from kvalitet.model.yamlfile import syntax_problem

FILE = "mkdocs.yml"
SUBJECT = "Inställningarna i mkdocs.yml"

# MkDocs' complaints (English) in words an editor understands; the original follows.
HINTS = [
    (r"Unrecognised configuration name: (\S+)", "okänd inställning »{0}«, felstavad?"),
    (r"Unrecognised theme name: '([^']+)'", "okänt tema »{0}«."),
    (r'The "([^"]+)" plugin is not installed', "pluginen »{0}« finns inte, felstavad?"),
    (r"Failed to load extension '([^']+)'", "Markdown-tillägget »{0}« finns inte, felstavat?"),
    (
        r"nav item|Expected nav",
        "menyn (nav) är felaktigt uppbyggd: varje rad är »- Rubrik: sida.md«",
    ),
    (r"Expected type: <class '(\w+)'>", "fel sorts värde (MkDocs väntade sig {0})."),
    (r"Required configuration not provided", "inställningen saknas, men krävs."),
]


def check_config(path: Path) -> list[Problem]:
    """Every problem in the configuration file at `path`."""
    if not path.is_file():
        return [Problem(FILE, "filen saknas.", expected="webbplatsens inställningar, mkdocs.yml")]
    text = path.read_text(encoding="utf-8")
    try:
        list(yaml.parse(text, yaml.SafeLoader))  # events only: !ENV tags are MkDocs' own
    except yaml.MarkedYAMLError as error:
        problem = syntax_problem(error, FILE)
        return [Problem(FILE, problem.message, problem.line, problem.field, expected="giltig YAML")]
    config = MkDocsConfig(config_file_path=str(path))
    with path.open("rb") as file:
        config.load_file(file)
    failed, warnings = config.validate()
    lines = text.splitlines()
    return [_problem(key, str(error), lines) for key, error in failed + warnings]


def _problem(key: str, english: str, lines: list[str]) -> Problem:
    top = key.split(".")[0]
    line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{top}:")), None)
    what = "värdet är felaktigt."
    for pattern, hint in HINTS:
        match = re.search(pattern, english)
        if match:
            what = hint.format(*match.groups())
            if match.groups() and line is not None:  # the line with the misspelled name
                named = match.group(1)
                line = next((n for n, t in enumerate(lines, 1) if n >= line and named in t), line)
            break
    if english.startswith("Unrecognised configuration name"):
        what += did_you_mean(top, list(MkDocsConfig()))  # a fresh one: only known names
    return Problem(
        FILE,
        f"{what} (MkDocs: {english.strip().splitlines()[0]})",
        line=line,
        field=f"inställningen »{key}«",
    )


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else FILE)
    problems = check_config(path)
    if problems:
        print(DataError(problems, subject=SUBJECT), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
