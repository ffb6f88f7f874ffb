"""Reading CSV data files strictly: UTF-8, one header row, comma- or semicolon-separated.

Semicolons are read when the header uses them, as Excel saves CSV in Swedish; a file
that mixes the two is refused rather than half-read.

Uses the standard ``csv`` module rather than pandas for reading because it reports the
physical line of each record, which every error message needs. Rows come back as plain
strings; the schema turns them into typed values.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from kvalitet.model.problems import DataError, Problem, did_you_mean
from kvalitet.render.formatting import tal

MAX_BYTES = 2_000_000  # far above any table in the report; guards against a wrong file


@dataclass
class CsvRecord:
    line: int
    values: dict[str, str]


def decode(raw: bytes, file: str) -> str:
    """Decode a data file as UTF-8 or explain in Swedish what is wrong."""
    if len(raw) > MAX_BYTES:
        raise DataError(
            [
                Problem(
                    file,
                    f"filen är för stor ({tal(len(raw) / 1_000_000, decimaler=1)} MB).",
                    expected=f"högst {MAX_BYTES // 1_000_000} MB; är det rätt fil?",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            [
                Problem(
                    file,
                    "filen börjar med ett osynligt BOM-tecken (Excels »CSV UTF-8«).",
                    line=1,
                    expected="UTF-8 utan BOM; spara om filen i en textredigerare eller i GitHub",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    file,
                    "filen är inte sparad som UTF-8 (troligen Latin-1 eller Windows-1252, "
                    "så att å, ä och ö blir fel).",
                    line=line,
                    expected="teckenkodningen UTF-8",
                )
            ]
        ) from None


# A number cut in two by an unquoted decimal comma: `59,1` read as the values 59 and 1.
_WHOLE_PART = re.compile(r"\s*[-+]?[0-9]+(?:[ \u00a0\u202f][0-9]{3})*")
_DECIMAL_PART = re.compile(r"[0-9]+\s*(?:%|procent|kr|kronor)?\s*", re.IGNORECASE)


def delimiter_of(text: str) -> str:
    """`;` for Excel's semicolon-separated CSV (a header with `;` and no comma), else `,`."""
    header = text.splitlines()[0] if text else ""
    return ";" if ";" in header and "," not in header else ","


def read_csv(text: str, file: str, columns: list[str]) -> list[CsvRecord]:
    """Parse `text` with exactly `columns` as header, or raise `DataError`.

    Columns are separated by commas, or by semicolons throughout as in Excel's Swedish CSV.
    """
    if not text.strip():
        raise DataError(
            [Problem(file, "filen är tom.", line=1, expected=f"rubrikraden {','.join(columns)}")]
        )
    delimiter = delimiter_of(text)
    expected_header = delimiter.join(columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        raise DataError([Problem(file, f"rubrikraden kan inte läsas ({error}).", line=1)]) from None

    problems: list[Problem] = []
    if any(";" in name for name in header):
        raise DataError(
            [
                Problem(
                    file,
                    "rubrikraden blandar komma (,) och semikolon (;) mellan kolumnerna.",
                    line=1,
                    found=text.splitlines()[0],
                    expected="samma tecken mellan alla kolumner, komma eller semikolon: "
                    f"{expected_header}",
                )
            ]
        )
    for name in header:
        if name not in columns:
            problems.append(
                Problem(
                    file,
                    f"okänd kolumn »{name}«.{did_you_mean(name, columns)}",
                    line=1,
                    expected=f"kolumnerna {expected_header}",
                )
            )
    for name in columns:
        if name not in header:
            problems.append(
                Problem(
                    file,
                    f"kolumnen »{name}« saknas.",
                    line=1,
                    expected=f"kolumnerna {expected_header}",
                )
            )
    if len(set(header)) != len(header):
        problems.append(
            Problem(file, "samma kolumnnamn står två gånger.", line=1, found=",".join(header))
        )
    if problems:
        raise DataError(problems)

    physical = io.StringIO(text, newline="").readlines()
    records: list[CsvRecord] = []
    line = reader.line_num + 1
    try:
        for fields in reader:
            if not any(value.strip() for value in fields):
                line = reader.line_num + 1
                continue  # blank lines are harmless
            if len(fields) != len(header):
                mixed = _mixed_delimiters(physical[line - 1], delimiter, len(header), file, line)
                if mixed:
                    raise DataError([mixed])
                problems.append(_wrong_count(fields, len(header), delimiter, file, line))
            else:
                records.append(CsvRecord(line, dict(zip(header, fields, strict=True))))
            line = reader.line_num + 1
    except csv.Error as error:
        mixed = _mixed_delimiters(physical[line - 1], delimiter, len(header), file, line)
        if mixed:
            raise DataError([mixed]) from None
        problems.append(Problem(file, f"raden kan inte läsas ({error}).", line=line))
    if not records and not problems:
        problems.append(
            Problem(file, "filen har bara en rubrikrad och inga rader med data.", line=2)
        )
    if problems:
        raise DataError(problems)
    return records


_NAMES = {",": "komma (,)", ";": "semikolon (;)"}


def _mixed_delimiters(
    raw: str, delimiter: str, columns: int, file: str, line: int
) -> Problem | None:
    """A problem if the row `raw` is separated by the other character than the header."""
    other = ";" if delimiter == "," else ","
    if other not in raw or delimiter in raw:
        return None
    try:
        values = next(csv.reader([raw], delimiter=other, strict=True), [])
    except csv.Error:
        return None
    if len(values) != columns:
        return None
    return Problem(
        file,
        f"rubrikraden är avgränsad med {_NAMES[delimiter]} men raden med {_NAMES[other]}.",
        line=line,
        found=raw.rstrip("\r\n"),
        expected="samma tecken mellan kolumnerna på alla rader: komma överallt, eller "
        "semikolon överallt som när Excel sparar en CSV-fil",
    )


def _wrong_count(fields: list[str], columns: int, delimiter: str, file: str, line: int) -> Problem:
    count = f"raden har {len(fields)} värden men rubrikraden har {columns} kolumner"
    if delimiter == ";":
        return Problem(
            file,
            f"{count}.",
            line=line,
            expected="lika många värden som kolumner; text med semikolon sätts inom "
            'citattecken, t.ex. "Gruppbostad; servicebostad"',
        )
    cut = [
        f"{whole.strip()},{part.strip()}"
        for whole, part in zip(fields, fields[1:], strict=False)
        if _WHOLE_PART.fullmatch(whole) and _DECIMAL_PART.fullmatch(part)
    ]
    if len(fields) > columns and cut:
        number = cut[0] if len(cut) == 1 else "59,1"
        return Problem(
            file,
            f"{count}: troligen står ett decimaltal med komma utan citattecken, och kommat "
            "delar då talet i två värden.",
            line=line,
            found=cut[0] if len(cut) == 1 else None,
            expected="i en fil med komma mellan kolumnerna skrivs decimaltal med punkt "
            f'({number.replace(",", ".")}) eller inom citattecken ("{number}")',
        )
    return Problem(
        file,
        f"{count}.",
        line=line,
        expected="lika många värden som kolumner; text med komma sätts inom "
        'citattecken, t.ex. "Gruppbostad, servicebostad"',
    )
