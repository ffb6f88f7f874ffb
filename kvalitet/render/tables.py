"""The report's tables, each built from one or two data files.

``{{ tabell("klagomal") }}`` in Markdown renders the table named ``klagomal`` with its
number, caption and source. A caption can be replaced from Markdown:
``{{ tabell("klagomal", "Klagomål per insats") }}``.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from kvalitet.model.edition import JAMFORELSETAL, Edition, PreviousYear
from kvalitet.model.problems import EditorError, did_you_mean
from kvalitet.model.small_counts import SmallCount, cells_to_hide
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.sources import PageLinks, source_line


class Tables:
    def __init__(
        self, current: Edition, previous: PreviousYear, numbers: dict[str, int], links: PageLinks
    ):
        self.current = current
        self.previous = previous
        self.numbers = numbers
        self.links = links
        self.rendered: set[tuple[str, str]] = set()  # (page, table): the whole report repeats them
        self.builders: dict[str, Callable[[], tuple[str, TableSpec, list[str]]]] = {
            "klagomal": self.klagomal,
            "granskningar": self.granskningar,
            "lex_sarah": self.lex_sarah,
            "kundenkat": self.kundenkat,
            "samsoc_svar": self.samsoc_svar,
            "rattssakerhet": self.rattssakerhet,
            "lss_beslut": self.lss_beslut,
            "mottagningar": self.mottagningar,
            "rattelser": self.rattelser,
        }

    # --- the macro ------------------------------------------------------------------------

    def tabell(self, namn: str, rubrik: str | None = None) -> Markup:
        """Render table `namn`, numbered in reading order."""
        if namn not in self.builders:
            raise EditorError(
                f"det finns ingen tabell »{namn}«.{did_you_mean(namn, self.builders)} "
                f"Tabellerna heter: {', '.join(sorted(self.builders))}."
            )
        if (self.links.page_url, namn) in self.rendered:
            raise EditorError(f"tabellen »{namn}« visas redan på den här sidan; visa den en gång.")
        self.rendered.add((self.links.page_url, namn))
        default_caption, spec, files = self.builders[namn]()
        number = self.numbers.get(namn)
        if number is None:  # only if the call is written in a way numbering cannot find
            raise EditorError(f'skriv anropet som tabell("{namn}") så att tabellen kan numreras.')
        caption = f"Tabell {number}. {rubrik or default_caption}"
        return render_table(f"tabell-{namn.replace('_', '-')}", caption, spec, self._source(files))

    def tabellnummer(self, namn: str) -> int:
        """The number table `namn` has on the site, e.g. to refer to it in text."""
        if namn not in self.numbers:
            raise EditorError(
                f"tabellen »{namn}« visas inte på någon sida.{did_you_mean(namn, self.numbers)}"
            )
        return self.numbers[namn]

    def _source(self, files: list[str]) -> Markup:
        return source_line(self.current, self.previous, files, self.links)

    @property
    def _year(self) -> int:
        return self.current.year

    def _data(self, name: str):
        return self.current.values[name]

    # --- the tables ---------------------------------------------------------------------

    def klagomal(self):
        data = self._data("klagomal")
        counts = count_cells([r.antal for r in data])
        rows = [[Cell(r.insats), count] for r, count in zip(data, counts, strict=True)]
        spec = TableSpec(
            ["Insats", "Antal klagomål"],
            [RowGroup(rows)],
            foot=[[Cell("Summa"), Cell(data.totalt, "antal")]],
        )
        caption = f"Inrapporterade klagomål på anordnare och utförare per insats, {self._year}"
        return caption, spec, ["klagomal.csv"]

    def granskningar(self):
        data = self._data("granskningar")
        rows = [
            [
                Cell(r.insatstyp),
                Cell(r.verksamhet),
                Cell(r.utvardering),
                Cell("Ja" if r.pakallad else "Nej"),
            ]
            for r in data
        ]
        foot = [
            [
                Cell("Totalt"),
                Cell(f"{data.antal} granskningar"),
                Cell(""),
                Cell(f"{data.pakallade} påkallade"),
            ]
        ]
        spec = TableSpec(
            ["Insatstyp", "Verksamhet", "Utvärdering", "Påkallad"], [RowGroup(rows)], foot
        )
        return f"Granskningar av anordnare och utförare {self._year}", spec, ["granskningar.csv"]

    def lex_sarah(self):
        data = self._data("lex_sarah")
        counts = count_cells([r.antal for r in data])
        rows = [
            [Cell(r.verksamhet), Cell(r.utforare), count]
            for r, count in zip(data, counts, strict=True)
        ]
        spec = TableSpec(
            ["Verksamhet", "Utförare", "Antal rapporter"],
            [RowGroup(rows)],
            foot=[[Cell("Summa"), Cell(""), Cell(data.totalt, "antal")]],
        )
        caption = f"Lex Sarah-rapporter från anordnare och utförare per verksamhet, {self._year}"
        return caption, spec, ["lex_sarah.csv"]

    def kundenkat(self):
        data = self._data("kundenkat")
        rows = [
            [Cell(label)] + [Cell(getattr(group, key), "procent") for group in data]
            for key, label in share_fields(self.current, "kundenkat")
        ]
        foot = [[Cell("Antal svarande")] + [Cell(group.svarande, "antal") for group in data]]
        spec = TableSpec(["Svar"] + [group.grupp for group in data], [RowGroup(rows)], foot)
        caption = (
            f"Kundenkäten {self._year}: hur nöjda de svarande är med hjälpen och stödet, "
            "andel per målgrupp"
        )
        return caption, spec, ["kundenkat.csv"]

    def samsoc_svar(self):
        data = self._data("samsoc_svar")
        rows = [[Cell(r.fraga), Cell(r.andel, "procent")] for r in data]
        spec = TableSpec(["Uppgift", "Andel av de svarande"], [RowGroup(rows)])
        interviews = self._data("samsoc").intervjuer
        caption = f"Svar i SamSoc {self._year}, {interviews} intervjuer"
        return caption, spec, ["samsoc_svar.csv", "samsoc.yaml"]

    def rattssakerhet(self):
        groups_info = self._data("rattssakerhet")
        answers = self._data("rattssakerhet_svar")
        groups = []
        for key in ("lss_barn", "lss_vuxen", "vuxengruppen"):
            info = getattr(groups_info, key)
            rows = [[Cell(r.fraga), Cell(r.andel, "procent")] for r in answers.group(key)]
            groups.append(RowGroup(rows, heading=f"{info.namn} ({info.arenden} granskade ärenden)"))
        spec = TableSpec(["Granskad uppgift", "Andel av ärendena"], groups)
        caption = f"Rättssäkerhetsgranskningen {self._year}: resultat per grupp"
        return caption, spec, ["rattssakerhet_svar.csv", "rattssakerhet.yaml"]

    def lss_beslut(self):
        data = self._data("lss_beslut")
        rows = [[Cell(r.insats), Cell(r.beslut, "antal")] for r in data]
        spec = TableSpec(["Insats", "Antal beslut"], [RowGroup(rows)])
        return f"De vanligaste LSS-insatserna {self._year}, antal beslut", spec, ["lss_beslut.csv"]

    def mottagningar(self):
        data = self._data("mottagningar")
        before = self.previous.year
        rows = []
        for r in data:
            earlier = self.previous.value(f"mottagningar.{r.nyckel}.kunder")
            rows.append(
                [
                    Cell(r.mottagning),
                    Cell(r.kvinnor, "antal"),
                    Cell(r.andel_kvinnor, "procent"),
                    Cell(r.man, "antal"),
                    Cell(r.andel_man, "procent"),
                    Cell(r.kunder, "antal"),
                    Cell(earlier, "antal"),
                    Cell(r.kunder - earlier, "forandring"),
                ]
            )
        columns = [
            "Mottagning",
            "Kvinnor",
            "Andel kvinnor",
            "Män",
            "Andel män",
            f"Kunder {self._year}",
            f"Kunder {before}",
            "Förändring",
        ]
        names = " och ".join(r.mottagning for r in data)
        caption = f"Kunder vid {names} efter kön, {before} och {self._year}"
        return caption, TableSpec(columns, [RowGroup(rows)]), ["mottagningar.csv", JAMFORELSETAL]

    def rattelser(self):
        data = self._data("rattelser").rattelser
        rows = []
        for item in data:
            kind = "procent" if item.enhet == "procent" else "antal"
            rows.append(
                [
                    Cell(item.uppgift),
                    Cell(item.avsnitt),
                    Cell(item.pdf, kind),
                    Cell(self.current.resolve(item.varde), kind),
                ]
            )
        spec = TableSpec(
            ["Uppgift", "Avsnitt", "I PDF-versionen", "I webbversionen"],
            [RowGroup(rows)],
            numeric_columns={2, 3},
        )
        return "Värden som rättats i webbversionen", spec, ["rattelser.yaml"]


def share_fields(edition: Edition, name: str) -> list[tuple[str, str]]:
    """(column, title) of the columns of data file `name` that hold shares in per cent."""
    fields = edition.dataset(name).resource.schema_.fields
    return [(f.name, f.title or f.name) for f in fields if f.unit == "procent"]


def count_cells(values: list[int]) -> list[Cell]:
    """Count cells of a column whose total is shown, with the small-count rule applied.

    A `SmallCount` shows as "färre än 5" through the `antal` filter; a cell hidden only to
    protect it (secondary suppression) shows as "dold".
    """
    hidden = cells_to_hide(values)
    return [
        Cell(value, "dold" if i in hidden and not isinstance(value, SmallCount) else "antal")
        for i, value in enumerate(values)
    ]
