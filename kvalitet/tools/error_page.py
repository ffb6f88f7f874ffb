"""The Swedish page `make serve` shows in place of every page when a rebuild fails: the
problems the build logged, numbered as the build numbered them, and what to do next."""

from __future__ import annotations

import html
import re

from mkdocs.exceptions import MkDocsException

# MkDocs' English closing lines; the problems themselves were logged before them.
CLOSING = re.compile(r"Aborted with .*!")
STRICT = re.compile(r"Aborted with .* in strict mode!")
STRICT_TEXT = (
    "Varningarna ovan stoppar bygget: en varning räknas som ett fel, precis som i kontrollen "
    "på GitHub."
)
NUMBERED = re.compile(r"\s+(\d+)\.\s+(.+)")  # "  1. data/2019/klagomal.csv, rad 2, …"
FIX = "Rätta felet och spara filen, så laddas sidan om av sig själv."


def problems(logged: list[str], error: BaseException) -> list[str]:
    """What a failed build said: the warnings and errors it logged, once each, then the
    exception's own message unless it is one of MkDocs' English closing lines."""
    found = list(dict.fromkeys(text.strip() for text in logged if text.strip()))
    text = str(error).strip()
    if STRICT.fullmatch(text):
        found.append(STRICT_TEXT)
    elif not isinstance(error, MkDocsException):  # a bug in code, not an editor's mistake
        found.append(f"Oväntat fel i programmet ({type(error).__name__}): {text} Se terminalen.")
    elif text and not CLOSING.fullmatch(text) and text not in found:
        found.append(text)
    return found or ["Bygget stoppades utan något meddelande. Se terminalen."]


def problem_html(text: str) -> str:
    """One problem as HTML: its lines as paragraphs, a numbered list as a list, and
    indented lines (a page's line shown under its message) as preformatted text."""
    blocks: list[str] = []
    items: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if numbered := NUMBERED.fullmatch(line):
            items.append(f'<li value="{numbered[1]}">{html.escape(numbered[2])}')
            continue
        if line[0].isspace():
            code = f"<pre>{html.escape(line.strip())}</pre>"
            if items:
                items[-1] += code
            else:
                blocks.append(code)
            continue
        if items:
            blocks.append("<ol>" + "".join(f"{item}</li>" for item in items) + "</ol>")
            items = []
        blocks.append(f"<p>{html.escape(line.strip())}</p>")
    if items:
        blocks.append("<ol>" + "".join(f"{item}</li>" for item in items) + "</ol>")
    return "".join(blocks)


# Self-contained: no requests to other files, which the failed build may not have written.
STYLE = """
body{margin:0;background:#fff;color:#1b1b1b;
  font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:50rem;margin:0 auto;padding:2rem 1.25rem}
h1{margin:0 0 1rem;font-size:1.8rem;color:#8a1c1c}
h2{margin:2rem 0 .75rem;font-size:1.25rem}
.atgard{font-weight:600}
.fel{list-style:none;padding:0}
.fel>li{margin:0 0 1.25rem;padding:.25rem 0 .25rem 1rem;border-left:.3rem solid #b3261e}
p{margin:.25rem 0}
ol{margin:.25rem 0;padding-left:1.75rem}
ol li{margin:.35rem 0}
pre{margin:.35rem 0;padding:.5rem .75rem;background:#f3f3f3;white-space:pre-wrap;
  overflow-wrap:anywhere;font:.95rem/1.4 ui-monospace,Menlo,Consolas,monospace}
.tid{margin-top:2rem;color:#4d4d4d}
"""


def error_page(found: list[str], tried: str) -> str:
    """The Swedish page shown at every address while the build fails."""
    items = "\n".join(f"<li>{problem_html(text)}</li>" for text in found)
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bygget stoppades – förhandsgranskning</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Bygget stoppades</h1>
<p>Förhandsgranskningen kan inte visa sidan, eftersom bygget hittade fel.</p>
<p class="atgard">{FIX}</p>
<h2>Fel som stoppade bygget</h2>
<ul class="fel" role="list">
{items}
</ul>
<p class="tid">Senaste försöket kl. {tried}. Samma fel stoppar kontrollen på GitHub, så inget
felaktigt publiceras.</p>
</main>
</body>
</html>
"""
