"""Words of direction typed by hand must agree with the data they describe.

A sentence like "Vårddygnskostnaden ökar från {{ fjol("x") | kr }} till …" states a
direction in words. Each such word (ökning, ökar, utökade, minskat, fler, färre, …) is tied
to the nearest comparison (`fjol`, `okning`, `minskning`, `andring`) in the same sentence;
a sentence that opens with "Ökningen" or "Minskningen" refers back to the sentence before
("… jämfört med {{ fjol("klagomal.totalt") }} förra året. Ökningen bedöms …"). The build
stops if the data went the other way. Sentences without a comparison are not checked.
"""

from __future__ import annotations

import re

from kvalitet.model.missing import MISSING
from kvalitet.render.comparison import Comparisons

COMPARISON = re.compile(r"""\b(?:fjol|okning|minskning|andring)\(\s*["']([\w.]+)["']""")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
UP = re.compile(r"\b(?:[Öö]k\w*|[Uu]tök\w*|[Ff]ler|[Ss]t(?:eg|iger|igit|igande)|[Hh]ögre)\b")
DOWN = re.compile(r"\b(?:[Mm]insk\w*|[Ff]ärre|[Ss]j(?:önk|unker|unkit|unkande)|[Ll]ägre)\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9{])")
# A sentence right after a comparison that names a direction speaks of the same value:
# "… jämfört med {{ fjol("x") }}. Det är en tydlig minskning."
BACK_REFERENCE = re.compile(r"^(?:Ökningen|Minskningen|Det är en (?:\w+ )?(?:ökning|minskning))\b")


def _sentences(line: str) -> list[str]:
    """The sentences of a line; macros are blanked first so their dots do not split."""
    prose = MACRO.sub(lambda m: "x" * len(m.group()), line)
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(prose)]
    ends = starts[1:] + [len(line)]
    return [line[start:end] for start, end in zip(starts, ends, strict=True)]


def contradictions(markdown: str, comparisons: Comparisons) -> list[tuple[int, str]]:
    """(line, Swedish message) for every direction word the data contradict."""
    found = []
    for number, line in enumerate(markdown.splitlines(), 1):
        previous_calls: list[tuple[int, str]] = []
        for sentence in _sentences(line):
            calls = [(m.start(), m.group(1)) for m in COMPARISON.finditer(sentence)]
            if not calls and BACK_REFERENCE.match(sentence.strip()):
                calls = [(-1, previous_calls[-1][1])] if previous_calls else []
            previous_calls = calls or previous_calls
            found += [(number, message) for message in _check(sentence, calls, comparisons)]
    return found


def _check(sentence: str, calls: list[tuple[int, str]], comparisons: Comparisons) -> list[str]:
    messages = []
    if calls:
        prose = MACRO.sub(lambda m: " " * len(m.group()), sentence)
        words = [(m.start(), m.group(), 1) for m in UP.finditer(prose)]
        words += [(m.start(), m.group(), -1) for m in DOWN.finditer(prose)]
        for position, word, said in sorted(words):
            path = min(calls, key=lambda call: abs(call[0] - position))[1]
            change = comparisons.andring(path)
            if change is MISSING:
                continue  # a draft: nothing to contradict yet
            actual = (change > 0) - (change < 0)
            if actual != said:
                shown = {1: "en ökning", -1: "en minskning", 0: "oförändrat"}[actual]
                before = comparisons.fjol(path)
                now = comparisons.current.resolve(path)
                messages.append(
                    f"texten säger »{word}« om »{path}«, men datan visar {shown}: "
                    f"{before} år {comparisons.previous.year} och {now} år "
                    f"{comparisons.current.year}. Ändra texten eller datan."
                )
    return messages
