"""Year-over-year values for the text: the previous year's value and the change.

Markdown names a value by its path, the same in both years:
``jämfört med {{ fjol("klagomal.totalt") | antal }} förra året`` or
``en ökning med {{ okning("malgrupper.socialpsykiatri.personer") | antal }} personer``.
`okning` and `minskning` fail the build when the data go the other way, so the words in
the text can never contradict the numbers.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from kvalitet.model.edition import Edition, Number, PreviousYear
from kvalitet.model.missing import MISSING
from kvalitet.model.problems import EditorError
from kvalitet.model.small_counts import is_hidden
from kvalitet.render.formatting import antal, procent, tal


class Comparisons:
    def __init__(self, current: Edition, previous: PreviousYear):
        self.current = current
        self.previous = previous

    def _pair(self, path: str) -> tuple[Number, Number]:
        now = self._shown(path, self.current.resolve(path))
        if now is MISSING:  # a draft: the comparison waits for the value
            return now, self.previous.value(path)
        if isinstance(now, bool) or not isinstance(now, (int, float, Decimal, Fraction)):
            raise EditorError(f"»{path}« är inte ett tal och kan inte jämföras.")
        before = self._shown(path, self.previous.value(path))
        if MISSING not in (now, before) and type(now) is not type(before):
            return _float(now), _float(before)  # e.g. a computed share and a stated one
        return now, before

    @staticmethod
    def _shown(path: str, value: Number) -> Number:
        """`value`, unless it is hidden: the change and one year's value give the other."""
        if is_hidden(value):
            raise EditorError(
                f"»{path}« omfattas av regeln för små tal; en förändring skulle avslöja det dolda "
                "antalet. Skriv om meningen utan förändringen."
            )
        return value

    def fjol(self, path: str) -> Number:
        """The previous year's value of `path`."""
        return self.previous.value(path)

    def andring(self, path: str) -> Number:
        """This year's value minus last year's (negative for a decrease)."""
        now, before = self._pair(path)
        if MISSING in (now, before):
            return MISSING
        return now - before

    def okning(self, path: str) -> Number:
        """The increase of `path`; fails if the value did not increase."""
        return self._directed(path, increase=True)

    def minskning(self, path: str) -> Number:
        """The decrease of `path` as a positive number; fails if it did not decrease."""
        return self._directed(path, increase=False)

    def _directed(self, path: str, increase: bool) -> Number:
        now, before = self._pair(path)
        if MISSING in (now, before):
            return MISSING
        change = now - before
        if (change > 0) if increase else (change < 0):
            return abs(change)
        said = "en ökning" if increase else "en minskning"
        actual = "oförändrat" if change == 0 else ("en minskning" if change < 0 else "en ökning")
        raise EditorError(
            f"texten säger {said} för »{path}«, men datan visar {actual}: "
            f"{tal(before)} år {self.previous.year} och {tal(now)} år {self.current.year}. "
            "Ändra texten eller datan."
        )

    def forandring_i_ord(self, path: str, enhet: str = "") -> str:
        """ "en ökning med 50 personer", "en minskning med 2 personer" or "oförändrat"."""
        now, before = self._pair(path)
        if MISSING in (now, before):
            return MISSING
        change = now - before
        if change == 0:
            return "oförändrat"
        word = "en ökning" if change > 0 else "en minskning"
        return f"{word} med {_count(abs(change))}{f' {enhet}' if enhet else ''}"

    def riktning(
        self, path: str, okar: str, minskar: str, oforandrat: str = "är oförändrat"
    ) -> str:
        """The words for the direction the data took, e.g. "har ökat" or "har minskat"."""
        now, before = self._pair(path)
        if MISSING in (now, before):
            return MISSING
        return okar if now > before else minskar if now < before else oforandrat

    def jamforelse(self, path: str, enhet: str = "", med_varde: bool = True) -> str:
        """The change of `path` in words, e.g.
        "333 kunder (278 året innan), en ökning med 55 kunder eller 20 procent"."""
        now, before = self._pair(path)
        if MISSING in (now, before):
            return MISSING
        change = now - before
        unit = f" {enhet}" if enhet else ""
        if change == 0:
            direction = "oförändrat"
        else:
            word = "en ökning" if change > 0 else "en minskning"
            direction = f"{word} med {_count(abs(change))}{unit}"
            if before:
                direction += f" eller {procent(abs(change) * 100 / before, decimaler=0)}"
        earlier = f"{_count(before)} året innan"
        head = f"{_count(now)}{unit} ({earlier})" if med_varde else earlier
        return f"{head}, {direction}"

    @property
    def macros(self) -> dict:
        return {
            "jamforelse": self.jamforelse,
            "forandring_i_ord": self.forandring_i_ord,
            "riktning": self.riktning,
            "fjol": self.fjol,
            "andring": self.andring,
            "okning": self.okning,
            "minskning": self.minskning,
        }


def _float(value: Number) -> Number:
    """A computed value (shown in whole numbers unless told otherwise), for arithmetic
    between a float and a Decimal or Fraction; counts stay counts."""
    return value if isinstance(value, int) else float(value)


def _count(value: Number) -> str:
    """Whole numbers as counts (1 600), others with their decimals (59,1)."""
    return antal(value) if value == int(value) else tal(value)
