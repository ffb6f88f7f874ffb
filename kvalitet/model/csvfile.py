"""Reading CSV data files strictly: UTF-8, comma-separated, one header row.

Uses the standard ``csv`` module rather than pandas for reading because it reports the
physical line of each record, which every error message needs. Rows come back as plain
strings; the schema turns them into typed values.
"""

from __future__ import annotations

import csv
import io
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


def read_csv(text: str, file: str, columns: list[str]) -> list[CsvRecord]:
    """Parse `text` with exactly `columns` as header, or raise `DataError`."""
    expected_header = ",".join(columns)
    if not text.strip():
        raise DataError(
            [Problem(file, "filen är tom.", line=1, expected=f"rubrikraden {expected_header}")]
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        raise DataError([Problem(file, f"rubrikraden kan inte läsas ({error}).", line=1)]) from None

    problems: list[Problem] = []
    if len(header) == 1 and ";" in header[0]:
        raise DataError(
            [
                Problem(
                    file,
                    "kolumnerna är avgränsade med semikolon (;).",
                    line=1,
                    found=header[0],
                    expected=f"komma (,) mellan kolumnerna: {expected_header}",
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

    records: list[CsvRecord] = []
    line = reader.line_num + 1
    try:
        for fields in reader:
            if not any(value.strip() for value in fields):
                line = reader.line_num + 1
                continue  # blank lines are harmless
            if len(fields) != len(header):
                problems.append(
                    Problem(
                        file,
                        f"raden har {len(fields)} värden men rubrikraden har {len(header)} kolumner.",
                        line=line,
                        expected="lika många värden som kolumner; text med komma sätts inom "
                        'citattecken, t.ex. "Gruppbostad, servicebostad"',
                    )
                )
            else:
                records.append(CsvRecord(line, dict(zip(header, fields, strict=True))))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(file, f"raden kan inte läsas ({error}).", line=line))
    if not records and not problems:
        problems.append(
            Problem(file, "filen har bara en rubrikrad och inga rader med data.", line=2)
        )
    if problems:
        raise DataError(problems)
    return records
