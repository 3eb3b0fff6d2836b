"""Absence vocabulary following Leerplichtwet art. 11.

Every registration is ``absent`` or ``late`` and carries a leerrecht reason. Each reason is
either geoorloofd or ongeoorloofd. Schools register in their own LAS codes; mapping those codes
to these reasons is configuration (:class:`CodeMapping`), never code.

Sources: Lpw art. 11 (gronden van vrijstelling van geregeld schoolbezoek); seed 000 §1 (soorten
verzuim); seed 003 §6 (schematische weergave: ziekte niet volgens de afspraken gemeld is
ongeoorloofd).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What kind of registration: the whole lesson/day missed, or arriving late."""

    ABSENT = "absent"
    LATE = "late"


class Reason(StrEnum):
    """The canonical leerrecht reasons. Local LAS codes map onto these."""

    ZIEK = "ziek"
    ZIEK_NIET_GEMELD = "ziek_niet_gemeld"
    ARTS = "arts"
    VERLOF = "verlof"
    SCHORSING = "schorsing"
    VRIJSTELLING = "vrijstelling"
    ONGEOORLOOFD = "ongeoorloofd"
    LUXE = "luxe"
    OVERIG_GEOORLOOFD = "overig_geoorloofd"

    @property
    def geoorloofd(self) -> bool:
        """True when the law accepts the absence (Lpw art. 11)."""
        return self in _GEOORLOOFD

    @property
    def is_sick(self) -> bool:
        """Sick reported according to the school's rules (geoorloofd, art. 11 onder d)."""
        return self is Reason.ZIEK

    @property
    def counts_as_absence(self) -> bool:
        """A geschorste pupil is not absent: schorsing does not count as verzuim at all."""
        return self is not Reason.SCHORSING


_GEOORLOOFD = frozenset(
    {
        Reason.ZIEK,  # art. 11 onder d: ziekte, gemeld volgens de afspraken
        Reason.ARTS,  # bezoek (huis)arts gemeld volgens de afspraken (seed 003 §6)
        Reason.VERLOF,  # art. 11 onder f/g, art. 13a/14: toegekend verlof
        Reason.SCHORSING,  # art. 11 onder c: de leerling is de toegang ontzegd
        Reason.VRIJSTELLING,  # art. 11 onder a/b/e, art. 15: vrijstelling van schoolbezoek
        Reason.OVERIG_GEOORLOOFD,  # overige geldige redenen, bv. religieuze verplichting
    }
)

REASON_DESCRIPTIONS: Mapping[Reason, str] = {
    Reason.ZIEK: "ziek, gemeld volgens de afspraken (geoorloofd)",
    Reason.ZIEK_NIET_GEMELD: "ziek maar niet volgens de afspraken gemeld (ongeoorloofd)",
    Reason.ARTS: "bezoek arts of specialist, gemeld volgens de afspraken (geoorloofd)",
    Reason.VERLOF: "toegekend verlof (geoorloofd)",
    Reason.SCHORSING: "geschorst: telt niet als verzuim",
    Reason.VRIJSTELLING: "vrijstelling van geregeld schoolbezoek (geoorloofd)",
    Reason.ONGEOORLOOFD: "afwezig zonder geldige reden (ongeoorloofd)",
    Reason.LUXE: "luxe verzuim: buiten de schoolvakanties zonder toestemming (ongeoorloofd)",
    Reason.OVERIG_GEOORLOOFD: "andere geldige reden (geoorloofd)",
}


@dataclass(frozen=True, slots=True)
class Registration:
    """One registration of absence or lateness of a pupil on a school day.

    ``hours`` are clock hours of lesson time missed. ``None`` means the whole scheduled day for
    ``absent``; for ``late`` an unknown number of minutes counts as 0 hours (the late arrival
    itself still counts as an occurrence for the protocols).
    """

    pupil_id: str
    date: dt.date
    kind: Kind
    reason: Reason
    hours: float | None = None
    note: str = ""
    line: int = 0  # source line in the input file, for explanations and error messages

    @property
    def ongeoorloofd(self) -> bool:
        return not self.reason.geoorloofd


@dataclass(frozen=True, slots=True)
class CodeMapping:
    """Maps a school's own LAS absence codes onto leerrecht (kind, reason).

    Configuration, not code: a school lists its codes, e.g. ``{"Z": ("absent", "ziek"),
    "TL": ("late", "ongeoorloofd")}``. Unknown codes are an error, never silently dropped.
    """

    codes: Mapping[str, tuple[Kind, Reason]]

    @classmethod
    def from_config(cls, raw: Mapping[str, Mapping[str, str]]) -> CodeMapping:
        """Build from ``{code: {"kind": ..., "reason": ...}}``; raises ValueError on bad values."""
        codes: dict[str, tuple[Kind, Reason]] = {}
        for code, spec in raw.items():
            try:
                kind = Kind(spec["kind"])
            except (KeyError, ValueError):
                raise ValueError(
                    f"code {code!r}: kind moet 'absent' of 'late' zijn, niet {spec.get('kind')!r}"
                ) from None
            try:
                reason = Reason(spec["reason"])
            except (KeyError, ValueError):
                allowed = ", ".join(r.value for r in Reason)
                raise ValueError(
                    f"code {code!r}: onbekende reden {spec.get('reason')!r}; kies uit {allowed}"
                ) from None
            codes[code.strip().upper()] = (kind, reason)
        return cls(codes)

    def resolve(self, code: str) -> tuple[Kind, Reason]:
        key = code.strip().upper()
        if key not in self.codes:
            known = ", ".join(sorted(self.codes)) or "(geen)"
            raise KeyError(f"onbekende LAS-code {code!r}; bekende codes: {known}")
        return self.codes[key]


class VocabularyError(ValueError):
    """A kind, reason or LAS code that does not fit the vocabulary; ``column`` names the field."""

    def __init__(self, column: str, message: str) -> None:
        self.column = column
        self.message = message
        super().__init__(message)


def kind_and_reason(
    kind_text: str,
    reason_text: str,
    code: str = "",
    resolve: Callable[[str], tuple[Kind, Reason]] | None = None,
) -> tuple[Kind, Reason]:
    """Read a registration's kind and reason, directly or through the school's LAS code.

    With a code, ``resolve`` maps it (it raises for an unknown code); kind and reason given next
    to a code must agree with it. Shared by the batch loader and the web import, so both accept
    and refuse exactly the same input.
    """
    if code:
        if resolve is None:
            raise VocabularyError("code", "er is geen codetabel om de LAS-code mee te vertalen")
        try:
            kind, reason = resolve(code)
        except KeyError as exc:
            raise VocabularyError("code", str(exc.args[0])) from None
        if kind_text and kind_text.lower() != kind.value:
            raise VocabularyError(
                "kind", f"kind {kind_text!r} spreekt code {code!r} ({kind.value}) tegen"
            )
        if reason_text and reason_text.lower() != reason.value:
            raise VocabularyError(
                "reason", f"reason {reason_text!r} spreekt code {code!r} ({reason.value}) tegen"
            )
        return kind, reason
    try:
        kind = Kind(kind_text.lower())
    except ValueError:
        raise VocabularyError("kind", f"{kind_text!r} is onbekend; kies absent of late") from None
    try:
        reason = Reason(reason_text.lower())
    except ValueError:
        allowed = ", ".join(r.value for r in Reason)
        raise VocabularyError(
            "reason", f"reden {reason_text!r} is onbekend; kies uit {allowed}"
        ) from None
    return kind, reason
