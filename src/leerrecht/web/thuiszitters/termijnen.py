"""The deadlines of a thuiszitter and the group it is in on a date: plain functions of the
registration and a date, so the pages, the exports and the tests use the same computation.

Deadlines, counted from ``sinds``, the first day of thuiszitten:

- **eerste knooppunt** within 4 weeks: "Het eerste knooppunt moet binnen 4 weken na start
  thuiszitten gepland worden" (seed 000 §3 Knooppunten); done when its date is recorded.
- **breed overleg** after 8 weeks: leerplicht "overweegt ... of een breed overleg voor
  thuiszitters nodig is, wanneer een leerling langer dan 8 weken thuiszit" (seed 002 §3a,
  Leerplicht); done when its date is recorded.
- **oplossing binnen 3 maanden**: "Het streven is dat geen enkel kind meer dan 3 maanden thuis
  zit" (seed 000 §3); done when the registration is opgelost. After 3 months langdurig relatief
  verzuim moves from group 2a to 2b (seed 003 §7 "Verschillende groepen"), computed the same way
  as the rules do (:func:`leerrecht.core.rules.thuiszitter.thuiszitter_status`).

A pupil the rules find after 4 weeks of langdurig relatief verzuim is therefore due for the first
knooppunt at once: the register shows that as urgent (seed 000 §3: "hoe eerder u meldt hoe
beter"). Vrijgestelde leerlingen (art. 5 onder a) have no deadlines: they are counted, not
followed up in knooppunten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_stubs_ext import StrPromise

from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.web.thuiszitters.models import LRV, Categorie, Status, ThuiszitterRegistratie

#: a deadline within this many days is 'binnenkort'
BINNENKORT_DAGEN = 7
KNOOPPUNT_WEKEN = 4
BREED_OVERLEG_WEKEN = 8
DOEL_MAANDEN = 3

#: the categories followed up with knooppunt, breed overleg and the 3-month goal
MET_TERMIJNEN = frozenset(
    {Categorie.LRV_2A, Categorie.LRV_2B, Categorie.ABSOLUUT, Categorie.RISICO}
)


class TermijnStatus(StrEnum):
    GEDAAN = "gedaan"
    OP_TIJD = "op_tijd"
    BINNENKORT = "binnenkort"
    VERLOPEN = "verlopen"
    VERVALLEN = "vervallen"


STATUS_LABEL: dict[TermijnStatus, StrPromise] = {
    TermijnStatus.GEDAAN: gettext_lazy("gedaan"),
    TermijnStatus.OP_TIJD: gettext_lazy("op tijd"),
    TermijnStatus.BINNENKORT: gettext_lazy("binnenkort"),
    TermijnStatus.VERLOPEN: gettext_lazy("verlopen"),
    TermijnStatus.VERVALLEN: gettext_lazy("niet meer nodig"),
}

#: the CSS class of a status on the pages (see leerrecht.css)
STATUS_KLASSE = {TermijnStatus.VERLOPEN: "te-laat", TermijnStatus.BINNENKORT: "dringend"}


class TermijnSoort(StrEnum):
    KNOOPPUNT = "knooppunt"
    BREED_OVERLEG = "breed_overleg"
    DOEL = "doel"


SOORT_LABEL: dict[TermijnSoort, StrPromise] = {
    TermijnSoort.KNOOPPUNT: gettext_lazy("eerste knooppunt (binnen 4 weken)"),
    TermijnSoort.BREED_OVERLEG: gettext_lazy("breed overleg (na 8 weken)"),
    TermijnSoort.DOEL: gettext_lazy("oplossing (binnen 3 maanden)"),
}

BRON = {
    TermijnSoort.KNOOPPUNT: "seed 000 §3 Knooppunten",
    TermijnSoort.BREED_OVERLEG: "seed 002 §3a Leerplicht",
    TermijnSoort.DOEL: "seed 000 §3",
}


@dataclass(frozen=True, slots=True)
class Termijn:
    soort: TermijnSoort
    uiterlijk: dt.date
    gedaan_op: dt.date | None
    status: TermijnStatus
    dagen: int  # days left until ``uiterlijk`` (negative: that many days late)

    @property
    def label(self) -> str:
        return str(SOORT_LABEL[self.soort])

    @property
    def status_label(self) -> str:
        return str(STATUS_LABEL[self.status])

    @property
    def klasse(self) -> str:
        return STATUS_KLASSE.get(self.status, "")

    @property
    def bron(self) -> str:
        return BRON[self.soort]

    @property
    def te_laat_gedaan(self) -> bool:
        return self.gedaan_op is not None and self.gedaan_op > self.uiterlijk

    @property
    def is_open(self) -> bool:
        return self.status in (
            TermijnStatus.OP_TIJD,
            TermijnStatus.BINNENKORT,
            TermijnStatus.VERLOPEN,
        )

    @property
    def tekst(self) -> str:
        """'nog 5 dagen', 'vandaag', '3 dagen te laat', 'gedaan op ...' for the pages."""
        if self.status is TermijnStatus.GEDAAN:
            assert self.gedaan_op is not None
            tekst = _("gedaan op %(datum)s") % {
                "datum": formats.date_format(self.gedaan_op, "j F Y")
            }
            if self.te_laat_gedaan:
                tekst += " " + _("(na de termijn)")
            return tekst
        if self.status is TermijnStatus.VERVALLEN:
            return self.status_label
        if self.dagen < 0:
            return ngettext("%(n)d dag te laat", "%(n)d dagen te laat", -self.dagen) % {
                "n": -self.dagen
            }
        if self.dagen == 0:
            return _("vandaag")
        return ngettext("nog %(n)d dag", "nog %(n)d dagen", self.dagen) % {"n": self.dagen}


def is_opgelost(reg: ThuiszitterRegistratie, as_of: dt.date) -> bool:
    """Solved on or before ``as_of`` (a later solution does not count for an earlier month)."""
    return (
        reg.status == Status.OPGELOST and reg.opgelost_op is not None and reg.opgelost_op <= as_of
    )


def peildag(reg: ThuiszitterRegistratie, as_of: dt.date) -> dt.date:
    """The day the registration is looked at: ``as_of``, or the day it was solved."""
    if is_opgelost(reg, as_of):
        assert reg.opgelost_op is not None
        return reg.opgelost_op
    return as_of


def categorie_op(categorie: str, sinds: dt.date, day: dt.date) -> Categorie:
    """The group on ``day``: langdurig relatief verzuim is 2a up to 3 months after ``sinds`` and
    2b after that (seed 003 §7); the other categories do not change with time."""
    cat = Categorie(categorie)
    if cat not in LRV:
        return cat
    return Categorie.LRV_2B if day > add_months(sinds, DOEL_MAANDEN) else Categorie.LRV_2A


def huidige_categorie(reg: ThuiszitterRegistratie, as_of: dt.date) -> Categorie:
    return categorie_op(reg.categorie, reg.sinds, peildag(reg, as_of))


def duur_dagen(reg: ThuiszitterRegistratie, as_of: dt.date) -> int:
    return max(0, (peildag(reg, as_of) - reg.sinds).days)


def duur_weken(reg: ThuiszitterRegistratie, as_of: dt.date) -> int:
    """Whole weeks at home until ``as_of`` (or until the day it was solved)."""
    return duur_dagen(reg, as_of) // 7


def uiterlijk(soort: TermijnSoort, sinds: dt.date) -> dt.date:
    if soort is TermijnSoort.KNOOPPUNT:
        return sinds + dt.timedelta(weeks=KNOOPPUNT_WEKEN)
    if soort is TermijnSoort.BREED_OVERLEG:
        return sinds + dt.timedelta(weeks=BREED_OVERLEG_WEKEN)
    return add_months(sinds, DOEL_MAANDEN)


def _status(
    deadline: dt.date, gedaan_op: dt.date | None, opgelost: bool, as_of: dt.date
) -> TermijnStatus:
    if gedaan_op is not None:
        return TermijnStatus.GEDAAN
    if opgelost:
        return TermijnStatus.VERVALLEN
    dagen = (deadline - as_of).days
    if dagen < 0:
        return TermijnStatus.VERLOPEN
    if dagen <= BINNENKORT_DAGEN:
        return TermijnStatus.BINNENKORT
    return TermijnStatus.OP_TIJD


def termijnen(reg: ThuiszitterRegistratie, as_of: dt.date) -> list[Termijn]:
    """The three deadlines of a registration on ``as_of`` (none for a vrijgestelde leerling)."""
    if Categorie(reg.categorie) not in MET_TERMIJNEN:
        return []
    opgelost = is_opgelost(reg, as_of)

    def tot(dag: dt.date | None) -> dt.date | None:
        return dag if dag is not None and dag <= as_of else None

    gedaan = {
        TermijnSoort.KNOOPPUNT: tot(reg.knooppunt_op),
        TermijnSoort.BREED_OVERLEG: tot(reg.breed_overleg_op),
        TermijnSoort.DOEL: reg.opgelost_op if opgelost else None,
    }
    result: list[Termijn] = []
    for soort in TermijnSoort:
        deadline = uiterlijk(soort, reg.sinds)
        status = _status(
            deadline, gedaan[soort], opgelost and soort is not TermijnSoort.DOEL, as_of
        )
        result.append(Termijn(soort, deadline, gedaan[soort], status, (deadline - as_of).days))
    return result


def urgentie(lijst: list[Termijn]) -> int | None:
    """Days until the first open deadline (negative when late); None when nothing is open."""
    open_ = [t.dagen for t in lijst if t.is_open]
    return min(open_) if open_ else None


def samenvatting(lijst: list[Termijn]) -> TermijnStatus | None:
    """The worst status among the deadlines (for one column in an overview)."""
    for status in (TermijnStatus.VERLOPEN, TermijnStatus.BINNENKORT, TermijnStatus.OP_TIJD):
        if any(t.status is status for t in lijst):
            return status
    return TermijnStatus.GEDAAN if lijst else None


@dataclass(frozen=True)
class TermijnRij:
    """One open thuiszitter on the deadline page."""

    reg: ThuiszitterRegistratie
    categorie: Categorie
    weken: int
    termijnen: list[Termijn]
    urgentie: int


def op_urgentie(regs: Iterable[ThuiszitterRegistratie], as_of: dt.date) -> list[TermijnRij]:
    """The registrations with an open deadline, the most urgent (or most overdue) first."""
    rijen: list[TermijnRij] = []
    for reg in regs:
        lijst = termijnen(reg, as_of)
        eerstvolgend = urgentie(lijst)
        if eerstvolgend is not None:
            rijen.append(
                TermijnRij(
                    reg, huidige_categorie(reg, as_of), duur_weken(reg, as_of), lijst, eerstvolgend
                )
            )
    rijen.sort(key=lambda r: (r.urgentie, r.reg.sinds, r.reg.pk))
    return rijen
