"""Reading YAML data files safely, remembering the line of every key.

PyYAML's safe loader refuses ``!!python`` tags; on top of it this module refuses
duplicate keys and aliases (which PyYAML accepts silently) and records where each key
stands so that validation errors can name the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from kvalitet.model.problems import DataError, Problem

Path = tuple[object, ...]

# libyaml's loader when PyYAML was built with it: the same results, several times faster.
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The tags PyYAML's safe loader gives plain values; anything else (!!python/..., !!binary,
# custom tags) is refused rather than constructed.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}

# Known YAML parser complaints, in words an editor understands.
_SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": (
        "tabbtecken används för indrag. Använd mellanslag (två per nivå)."
    ),
    "mapping values are not allowed here": (
        "ett kolon står på fel ställe. Sätt texten inom citattecken om den innehåller »: «."
    ),
    "could not find expected ':'": (
        "ett kolon saknas efter en nyckel, eller mellanslaget efter kolonet (skriv »nyckel: värde«)."
    ),
    "found unexpected end of stream": "filen tar slut mitt i ett värde (saknas ett citattecken?).",
    "found unexpected ':'": "ett kolon står på fel ställe.",
    "expected <block end>, but found": "indraget stämmer inte med raderna ovanför.",
    "found undefined alias": "alias (*namn) används inte i datafilerna.",
}


@dataclass
class YamlDocument:
    """The parsed data and the line of each key path."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading; data still usable

    def line_of(self, path: Path) -> int | None:
        """Line of the deepest known key on `path` (1-based)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_yaml(text: str, file: str) -> YamlDocument:
    """Parse `text` (the content of `file`).

    Raises `DataError` when the text cannot be read at all. Problems that leave the rest
    readable (a duplicate key, a refused tag, an alias) are kept in `problems`, so that
    validation can report its own problems alongside them.
    """
    if not text.strip():
        raise DataError([Problem(file, "filen är tom.", expected="YAML med nycklar och värden")])
    try:
        aliases = [
            e.start_mark.line + 1 for e in yaml.parse(text, FAST) if isinstance(e, yaml.AliasEvent)
        ]
    except yaml.YAMLError:
        # The fast C parser found an error; the Python parser describes it in the words
        # _SYNTAX_HINTS translates.
        try:
            list(yaml.parse(text, yaml.SafeLoader))
        except yaml.MarkedYAMLError as error:
            raise DataError([syntax_problem(error, file)]) from None
        raise
    if aliases:
        # An alias (*name) reuses another value; refusing them also stops "billion laughs" files.
        raise DataError(
            [Problem(file, _SYNTAX_HINTS["found undefined alias"], line=n) for n in aliases]
        )
    loader = FAST(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            raise DataError([syntax_problem(error, file)]) from None
        if node is None:
            raise DataError([Problem(file, "filen innehåller bara kommentarer.")])
        document = YamlDocument(data=None, lines={(): node.start_mark.line + 1})
        document.data = _build(node, (), loader, document, document.problems, file)
        return document
    finally:
        loader.dispose()


def _build(node, path: Path, loader, document: YamlDocument, problems: list[Problem], file: str):
    if node.tag not in _PLAIN_TAGS:
        problems.append(_tag_problem(node, file))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, problems, file)
            line = key_node.start_mark.line + 1
            if key in first_line:
                problems.append(
                    Problem(
                        file,
                        f"nyckeln »{key}« finns två gånger (rad {first_line[key]} och rad {line}).",
                        line=line,
                        expected="varje nyckel en gång; ta bort eller byt namn på den ena",
                    )
                )
                continue
            first_line[key] = line
            document.lines[path + (key,)] = line
            result[key] = _build(value_node, path + (key,), loader, document, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            document.lines[path + (index,)] = item.start_mark.line + 1
            items.append(_build(item, path + (index,), loader, document, problems, file))
        return items
    return _scalar(node, loader, problems, file)


def _scalar(node, loader, problems: list[Problem], file: str):
    if not isinstance(node, yaml.ScalarNode):
        problems.append(
            Problem(
                file, "en nyckel får inte vara en lista eller grupp.", line=node.start_mark.line + 1
            )
        )
        return None
    if node.tag not in _PLAIN_TAGS:
        problems.append(_tag_problem(node, file))
        return None
    return loader.construct_object(node, deep=True)


def _tag_problem(node, file: str) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        file,
        f"taggen »{tag}« är inte tillåten i datafiler.",
        line=node.start_mark.line + 1,
        expected="vanliga värden: text, tal, datum, listor och grupper",
    )


def syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if (error.problem or "").startswith("could not find expected ':'") and error.context_mark:
        mark = error.context_mark  # the key without its colon, not the line after it
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = error.problem or ""
    if isinstance(error, yaml.composer.ComposerError) and "alias" in problem:
        hint = _SYNTAX_HINTS["found undefined alias"]
    elif isinstance(error, yaml.constructor.ConstructorError):
        tag = re.search(r"tag '([^']+)'", problem)
        hint = f"taggen »{tag.group(1) if tag else '?'}« är inte tillåten i datafiler."
    else:
        hint = next((text for key, text in _SYNTAX_HINTS.items() if problem.startswith(key)), None)
        if hint is None:
            hint = f"YAML-syntaxen är felaktig ({problem})."
    return Problem(
        file,
        f"{hint}",
        line=line,
        field=f"tecken {column}" if column else None,
        expected="giltig YAML; jämför med raderna ovanför",
    )
