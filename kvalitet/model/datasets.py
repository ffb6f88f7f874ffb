"""The report's data files: one schema per file, and the values derived from them.

Each `Dataset` below is a file in ``data/<year>/`` with the same name. Field names are the
keys editors write in the file and in Markdown (``{{ malgrupper.enheten.personer | antal }}``).
Derived values (totals, shares, differences) are properties here, computed from the data,
never typed into a data file.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from kvalitet.model.dataset import Dataset, RowSet
from kvalitet.model.schema import Andel, Antal, Belopp, Facts, JaNej, Nyckel, Row, Text

# --- Shared pieces ------------------------------------------------------------------------


def _fraction(value: object) -> object:
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            value = Fraction(int(top), int(bottom))
        except (ValueError, ZeroDivisionError):
            raise ValueError("ska vara ett bråk som 2/3.") from None
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        raise ValueError("ska vara ett bråk mellan 0 och 1, t.ex. 2/3.")
    return value


Brak = Annotated[Fraction, BeforeValidator(_fraction)]
"""A rough share written as a fraction, e.g. 2/3 ("två tredjedelar")."""


def _empty_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


ValfriAndel = Annotated[Andel | None, BeforeValidator(_empty_is_none)]
"""A share that may be left empty when the report does not state it."""


def share(part: int, whole: int) -> float:
    """`part` of `whole` in per cent.

    A float on purpose: the filters show computed values as whole per cent unless told
    otherwise, while Decimals typed into data files keep their stated decimals.
    """
    return part * 100 / whole


def sums_to_100(values: list[Decimal], tolerance: Decimal = Decimal("0.2")) -> bool:
    """Rounded shares of one whole add up to 100 within rounding."""
    return abs(sum(values) - 100) <= tolerance


class Personer(Facts):
    personer: Antal


# --- Rapporten ------------------------------------------------------------------------------


class Rapport(Facts):
    titel: Text
    enhet: Text
    kommun: Text
    namnd: Text


# --- 4.1 Förändrade förutsättningar --------------------------------------------------------


class Betalningsansvar(Facts):
    vardagar_tidigare: Antal  # days before the municipality pays, until 2019
    kalenderdagar: Antal  # from 2020
    vardygnskostnad: Belopp  # kronor per vårddygn; 2018 value in jamforelsetal


# --- 4.2 Målgruppsbeskrivning ---------------------------------------------------------------


class Enheten(Facts):
    personer: Antal
    insatser: Antal


class Heldygnsvard(Facts):
    personer: Antal
    andel_man: Brak


class LssPersonkrets(Facts):
    personer: Antal
    insatser: Antal
    externt_boende: Antal  # bostad med särskild service verkställd utanför kommunen


class Malgrupper(Facts):
    enheten: Enheten
    socialpsykiatri: Personer
    heldygnsvard: Heldygnsvard
    lss: LssPersonkrets
    tollare_port_lagenheter: Antal


class LssBeslutRad(Row):
    nyckel: Nyckel
    insats: Text
    beslut: Antal


class LssBeslut(RowSet[LssBeslutRad]):
    key = "nyckel"


# --- 4.3 Kundenkäter ------------------------------------------------------------------------

SVARSALTERNATIV = {
    "mycket_nojd": "Mycket nöjd",
    "ganska_nojd": "Ganska nöjd",
    "ganska_missnojd": "Ganska missnöjd",
    "mycket_missnojd": "Mycket missnöjd",
    "vet_ej": "Vet ej",
}


class KundenkatRad(Row):
    nyckel: Nyckel
    grupp: Text
    svarande: Antal
    mycket_nojd: ValfriAndel = None
    ganska_nojd: ValfriAndel = None
    ganska_missnojd: ValfriAndel = None
    mycket_missnojd: ValfriAndel = None
    vet_ej: ValfriAndel = None

    def andel(self, svar: str) -> Decimal:
        """Share giving answer `svar`; an answer left empty was given by no one."""
        value = getattr(self, svar)
        return value if value is not None else Decimal(0)


class Kundenkat(RowSet[KundenkatRad]):
    key = "nyckel"

    @property
    def svarande(self) -> int:
        return sum(row.svarande for row in self.rows)

    def check(self):
        problems = []
        for row, line in zip(self.rows, self.lines, strict=True):
            stated = [getattr(row, answer) or Decimal(0) for answer in SVARSALTERNATIV]
            if not sums_to_100(stated):
                total = format(sum(stated), "f").replace(".", ",")
                problems.append(
                    (
                        line,
                        f"andelarna för »{row.grupp}« blir tillsammans {total} procent. "
                        "Förväntade: 100 procent (±0,2 för avrundning).",
                    )
                )
        return problems


class KundenkatSvarande(Facts):
    man: Antal
    kvinnor: Antal

    @property
    def totalt(self) -> int:
        return self.man + self.kvinnor


# --- 4.4 Systematisk uppföljning ------------------------------------------------------------


class Samsoc(Facts):
    intervjuer: Antal  # also "SamSoc har använts i 65 utredningar" in chapter 6
    varav_uuv: Antal  # of which in the Utredning och uppföljning vuxen group


class SamsocSvarRad(Row):
    nyckel: Nyckel
    fraga: Text
    andel: Andel


class SamsocSvar(RowSet[SamsocSvarRad]):
    key = "nyckel"


class Uppfoljning(Facts):
    lss_webbenkat_intervjuer: Antal


# --- 4.6 Utförare och anordnare ------------------------------------------------------------


class Direktupphandlingar(Facts):
    antal: Antal
    varde: Belopp  # kronor, approximate as the report states


class Anordnare(Facts):
    anordnare: Antal


class BeroendemottagningenForandring(Facts):
    minskning_andel_kvinnor: Antal  # percentage points since 2018, as stated


class StruktureradOppenvard(Facts):
    kunder: Antal
    anordnare: Antal


class BostadForst(Facts):
    personer: Antal


class LssUtforare(Facts):
    utforare: Antal
    andel_privata: Andel
    grupp_och_servicebostader: Antal
    lagenheter: Antal
    bostader_privata: Antal
    bostader_kommunala: Antal

    @property
    def bostader_drivna(self) -> int:
        """Bostäder driven by private and municipal providers together."""
        return self.bostader_privata + self.bostader_kommunala


class DagligVerksamhet(Facts):
    verksamheter: Antal
    okning_procent: Antal  # increase of people in the kundval since 2018, as stated
    nya_anordnare: Antal  # chapter 5.3


class Korttidsvistelse(Facts):
    anordnare: Antal
    nya_anordnare: Antal


class LedsagarAvlosarservice(Facts):
    personer: Antal
    anordnare: Antal


class Korttidstillsyn(Facts):
    platser_ekliden: Antal


class Insatsutbud(Facts):
    entreprenadupphandling_bostader: Antal
    direktupphandlingar: Direktupphandlingar
    boendestod: Anordnare
    beroendemottagningen: BeroendemottagningenForandring
    strukturerad_oppenvard: StruktureradOppenvard
    bostad_forst: BostadForst
    lss: LssUtforare
    daglig_verksamhet: DagligVerksamhet
    korttidsvistelse: Korttidsvistelse
    ledsagar_avlosarservice: LedsagarAvlosarservice
    korttidstillsyn: Korttidstillsyn


class MottagningRad(Row):
    nyckel: Nyckel
    mottagning: Text
    kvinnor: Antal
    man: Antal

    @property
    def kunder(self) -> int:
        return self.kvinnor + self.man

    @property
    def andel_kvinnor(self) -> float:
        return share(self.kvinnor, self.kunder)

    @property
    def andel_man(self) -> float:
        return share(self.man, self.kunder)


class Mottagningar(RowSet[MottagningRad]):
    key = "nyckel"


# --- 4.7 Uppföljning och granskning av utförare ---------------------------------------------


class KlagomalRad(Row):
    insats: Text
    antal: Antal


class Klagomal(RowSet[KlagomalRad]):
    @property
    def totalt(self) -> int:
        return sum(row.antal for row in self.rows)


UPPFYLLER = "Uppfyller kraven"
ATGARDSPLAN = "Åtgärdsplan klar."
VARNING = "Varning - uppfyller nu kraven"


class GranskningRad(Row):
    insatstyp: Text
    verksamhet: Text
    utvardering: Literal["Uppfyller kraven", "Åtgärdsplan klar.", "Varning - uppfyller nu kraven"]
    pakallad: JaNej


class Granskningar(RowSet[GranskningRad]):
    def _count(self, utvardering: str) -> int:
        return sum(row.utvardering == utvardering for row in self.rows)

    @property
    def antal(self) -> int:
        return len(self.rows)

    @property
    def pakallade(self) -> int:
        return sum(row.pakallad for row in self.rows)

    @property
    def uppfyller_kraven(self) -> int:
        return self._count(UPPFYLLER)

    @property
    def atgardsplaner(self) -> int:
        return self._count(ATGARDSPLAN)

    @property
    def varningar(self) -> int:
        return self._count(VARNING)

    @property
    def utan_varning(self) -> int:
        return self.antal - self.varningar


class Avtalsuppfoljningsenkat(Facts):
    svarsfrekvens: Andel
    svarsfrekvens_hogsta: Andel  # "runt 100%"
    svarsfrekvens_sysselsattning: Andel


class PrVard(Facts):
    klagomal: Antal
    avvikelser: Antal
    lakemedelsavvikelser: Antal
    samverkansavvikelser: Antal


class UppfoljningUtforare(Facts):
    avtalsuppfoljningsenkat: Avtalsuppfoljningsenkat
    granskningar_behovsanalys: Antal
    sol_bostader_overtagna: Antal
    pr_vard: PrVard


class LexSarahRad(Row):
    verksamhet: Text
    utforare: Text
    antal: Antal


class LexSarah(RowSet[LexSarahRad]):
    @property
    def totalt(self) -> int:
        return sum(row.antal for row in self.rows)


# --- 4.8 Rättssäkerhetsgranskning ----------------------------------------------------------


class Granskningsgrupp(Facts):
    namn: Text
    arenden: Antal


class LssVuxenGranskning(Granskningsgrupp):
    andel_lss: Andel

    @property
    def andel_sol(self) -> Decimal:
        return 100 - self.andel_lss


class VuxengruppGranskning(Granskningsgrupp):
    andel_socialpsykiatri: Andel
    andel_vuxna_over_25: Andel
    andel_unga_vuxna: Andel
    egenkontroller: Antal

    @model_validator(mode="after")
    def _shares_add_up(self):
        parts = [self.andel_socialpsykiatri, self.andel_vuxna_over_25, self.andel_unga_vuxna]
        if not sums_to_100(parts):
            raise ValueError(
                "andelarna socialpsykiatri, vuxna över 25 och unga vuxna ska tillsammans bli 100."
            )
        return self


class Rattssakerhet(Facts):
    lss_barn: Granskningsgrupp
    lss_vuxen: LssVuxenGranskning
    vuxengruppen: VuxengruppGranskning


class RattssakerhetSvarRad(Row):
    grupp: Literal["lss_barn", "lss_vuxen", "vuxengruppen"]
    nyckel: Nyckel
    fraga: Text
    andel: Andel


class RattssakerhetGrupp(RowSet[RattssakerhetSvarRad]):
    key = "nyckel"


class RattssakerhetSvar(RowSet[RattssakerhetSvarRad]):
    """Answers per review group; ``rattssakerhet_svar.lss_barn.initierats.andel``."""

    def group(self, name: str) -> RattssakerhetGrupp:
        picked = [(r, n) for r, n in zip(self.rows, self.lines, strict=True) if r.grupp == name]
        return RattssakerhetGrupp(
            f"{self.name}.{name}", [r for r, _ in picked], [n for _, n in picked]
        )

    def __getattr__(self, name: str):
        if name in {"lss_barn", "lss_vuxen", "vuxengruppen"}:
            return self.group(name)
        raise AttributeError(name)

    def keys(self) -> list[str]:
        return [f"{row.grupp}.{row.nyckel}" for row in self.rows]

    def known_names(self) -> list[str]:
        return ["lss_barn", "lss_vuxen", "vuxengruppen"]


# --- 4.9–4.10 Avvikelser och annan tillsyn -------------------------------------------------


class RapporteradeAvvikelser(Facts):
    myndighetsutovning: Antal
    politiska_beslut: Antal
    interna: Antal

    @property
    def totalt(self) -> int:
        return self.myndighetsutovning + self.politiska_beslut + self.interna


class Avvikelser(Facts):
    rapporterade: RapporteradeAvvikelser
    lex_sarah_egna: Antal
    forsta_lex_sarah_ansokningar: Antal
    flyttade_tjanster: Antal

    @property
    def ovriga_lex_sarah(self) -> int:
        """Own Lex Sarah reports besides the first one, described one by one in 4.9."""
        return self.lex_sarah_egna - 1


# --- 4.11 Personal och kompetensförsörjning -------------------------------------------------


class Kompetens(Facts):
    juridisk_handledning_halvdagar: Antal
    anhorigperspektiv_halvdagar: Antal
    att_leda_utveckling_dagar: Antal
    forenkla_dagar: Antal


# --- 5 Uppföljning av kvalitet och 6 Slutsatser ------------------------------------------


class Forebyggande(Facts):
    trygg_och_saker_grupper: Antal
    foraldraforelasningar_per_ar: Antal
    andel_serviceinsatser: Andel  # of those who come to Nacka beroendemottagning


class Slutsatser(Facts):
    utredningstid_dagar: Antal  # average investigation time
    ibic_arenden: Antal  # "ett 40-tal ärenden"


# --- 7 Uppföljning kvalitetsplan ----------------------------------------------------------

GRUPPER = (
    "LSS",
    "Utredning och uppföljning vuxen",
    "Kvalitets- och stödgruppen Omsorg",
    "Omsorgsenheten",
)
Grupp = Literal[GRUPPER]


class Atgard(Facts):
    atgard: Text
    klar: JaNej  # marked done (✓) in the report


class Risk(Facts):
    risk: Text
    grupp: Grupp | None = None  # None where the report names no working group
    egenkontroller: list[Text] = []
    atgarder: list[Atgard] = []


class Process(Facts):
    process: Text
    risker: list[Risk] = []


class Kvalitetsplan(Facts):
    processer: Annotated[list[Process], Field(min_length=1)]

    def _risks(self) -> list[Risk]:
        return [risk for process in self.processer for risk in process.risker]

    def _actions(self) -> list[Atgard]:
        return [action for risk in self._risks() for action in risk.atgarder]

    @property
    def antal_processer(self) -> int:
        return len(self.processer)

    @property
    def antal_risker(self) -> int:
        return len(self._risks())

    @property
    def antal_atgarder(self) -> int:
        return len(self._actions())

    @property
    def antal_klara(self) -> int:
        return sum(action.klar for action in self._actions())

    @property
    def antal_egenkontroller(self) -> int:
        return sum(len(risk.egenkontroller) for risk in self._risks())

    def as_rows(self) -> list[dict]:
        """One row per risk and åtgärd, for the CSV download."""
        rows = []
        for process in self.processer:
            for risk in process.risker or [Risk(risk="–")]:
                for action in risk.atgarder or [None]:
                    rows.append(
                        {
                            "process": process.process,
                            "risk": risk.risk if process.risker else "",
                            "grupp": risk.grupp or "",
                            "egenkontroller": "; ".join(risk.egenkontroller),
                            "atgard": action.atgard if action else "",
                            "klar": ("ja" if action.klar else "nej") if action else "",
                        }
                    )
        return rows


# --- Om webbversionen -------------------------------------------------------------------


class Rattelse(Facts):
    avsnitt: Text
    uppgift: Text
    pdf: Andel | Antal  # the value the PDF prints
    enhet: Literal["procent", "antal"]
    varde: Text  # path of the value the web edition computes, e.g. mottagningar.minimaria.andel_man


class Rattelser(Facts):
    """Values the PDF prints that disagree with the PDF's own figures."""

    rattelser: list[Rattelse]


# --- The registry ---------------------------------------------------------------------------

DATASETS: list[Dataset] = [
    Dataset("rapport", Rapport, "rapportens titel, enhet, kommun och nämnd", "Startsidan"),
    Dataset("betalningsansvar", Betalningsansvar, "betalningsansvar vid utskrivning", "4.1"),
    Dataset("malgrupper", Malgrupper, "antal personer och insatser per målgrupp", "4.2"),
    Dataset("lss_beslut", LssBeslutRad, "beslut per LSS-insats", "4.2 och 4.6", LssBeslut),
    Dataset("kundenkat", KundenkatRad, "kundenkätens svar per målgrupp", "4.3", Kundenkat),
    Dataset("kundenkat_svarande", KundenkatSvarande, "kundenkätens svarande per kön", "4.3"),
    Dataset("samsoc", Samsoc, "antal intervjuer med SamSoc", "4.4"),
    Dataset("samsoc_svar", SamsocSvarRad, "svar i SamSoc", "4.4", SamsocSvar),
    Dataset("uppfoljning", Uppfoljning, "individbaserad uppföljning inom LSS", "4.4"),
    Dataset("insatsutbud", Insatsutbud, "upphandling, anordnare och kundval", "4.6"),
    Dataset("mottagningar", MottagningRad, "kunder per mottagning och kön", "4.6", Mottagningar),
    Dataset(
        "klagomal", KlagomalRad, "klagomål per insats (Tabell 1 i PDF-versionen)", "4.7", Klagomal
    ),
    Dataset(
        "granskningar",
        GranskningRad,
        "granskningar av utförare (Tabell 2 i PDF-versionen)",
        "4.7",
        Granskningar,
    ),
    Dataset("uppfoljning_utforare", UppfoljningUtforare, "avtalsuppföljning och PR Vård", "4.7"),
    Dataset(
        "lex_sarah",
        LexSarahRad,
        "Lex Sarah-rapporter från utförare (Tabell 3 i PDF-versionen)",
        "4.7",
        LexSarah,
    ),
    Dataset("rattssakerhet", Rattssakerhet, "granskade ärenden per grupp", "4.8"),
    Dataset(
        "rattssakerhet_svar",
        RattssakerhetSvarRad,
        "resultat per fråga i rättssäkerhetsgranskningen",
        "4.8",
        RattssakerhetSvar,
    ),
    Dataset("avvikelser", Avvikelser, "avvikelser och egna Lex Sarah-rapporter", "4.9 och 4.10"),
    Dataset("kompetens", Kompetens, "omfattning av utbildningar", "4.11"),
    Dataset("forebyggande", Forebyggande, "förebyggande arbete för unga vuxna och vuxna", "5.4"),
    Dataset("slutsatser", Slutsatser, "utredningstid och IBIC", "6"),
    Dataset("kvalitetsplan", Kvalitetsplan, "kvalitetsplanens processer, risker och åtgärder", "7"),
    Dataset("rattelser", Rattelser, "värden i PDF-versionen som rättats", "Om webbversionen"),
]
