"""Deadlines of a thuiszitter and the move from group 2a to 2b, computed from the first day at
home (``sinds``): plain functions, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from leerrecht.web.thuiszitters.models import Categorie, Status, ThuiszitterRegistratie, Uitkomst
from leerrecht.web.thuiszitters.termijnen import (
    TermijnSoort,
    TermijnStatus,
    categorie_op,
    duur_weken,
    huidige_categorie,
    op_urgentie,
    samenvatting,
    termijnen,
)

D = dt.date
SINDS = D(2026, 2, 2)


def reg(
    categorie: str = Categorie.LRV_2A, sinds: dt.date = SINDS, pk: int = 1, **extra: object
) -> ThuiszitterRegistratie:
    return ThuiszitterRegistratie(pk=pk, categorie=categorie, sinds=sinds, **extra)


def termijn(r: ThuiszitterRegistratie, soort: TermijnSoort, as_of: dt.date):  # type: ignore[no-untyped-def]
    return next(t for t in termijnen(r, as_of) if t.soort is soort)


def test_eerste_knooppunt_binnen_4_weken_na_de_eerste_dag_thuis() -> None:
    """Seed 000 §3 Knooppunten: "Het eerste knooppunt moet binnen 4 weken na start thuiszitten
    gepland worden"."""
    t = termijn(reg(), TermijnSoort.KNOOPPUNT, D(2026, 2, 10))
    assert t.uiterlijk == D(2026, 3, 2)
    assert t.status is TermijnStatus.OP_TIJD and t.dagen == 20
    assert t.tekst == "nog 20 dagen"


def test_knooppunt_binnenkort_vandaag_en_verlopen() -> None:
    r = reg()
    assert termijn(r, TermijnSoort.KNOOPPUNT, D(2026, 2, 23)).status is TermijnStatus.BINNENKORT
    vandaag = termijn(r, TermijnSoort.KNOOPPUNT, D(2026, 3, 2))
    assert vandaag.status is TermijnStatus.BINNENKORT and vandaag.tekst == "vandaag"
    te_laat = termijn(r, TermijnSoort.KNOOPPUNT, D(2026, 3, 5))
    assert te_laat.status is TermijnStatus.VERLOPEN and te_laat.tekst == "3 dagen te laat"
    assert te_laat.klasse == "te-laat"


def test_knooppunt_gedaan_door_de_datum_vast_te_leggen() -> None:
    r = reg(knooppunt_op=D(2026, 2, 26))
    t = termijn(r, TermijnSoort.KNOOPPUNT, D(2026, 4, 1))
    assert t.status is TermijnStatus.GEDAAN and not t.te_laat_gedaan
    assert t.tekst == "gedaan op 26 februari 2026"
    laat = termijn(reg(knooppunt_op=D(2026, 3, 9)), TermijnSoort.KNOOPPUNT, D(2026, 4, 1))
    assert laat.status is TermijnStatus.GEDAAN and laat.te_laat_gedaan
    # een knooppunt na de peildatum telt op die peildatum nog niet
    eerder = termijn(reg(knooppunt_op=D(2026, 3, 9)), TermijnSoort.KNOOPPUNT, D(2026, 3, 5))
    assert eerder.status is TermijnStatus.VERLOPEN


def test_breed_overleg_na_8_weken_thuis() -> None:
    """Seed 002 §3a, Leerplicht: "Overweegt ... of een breed overleg voor thuiszitters nodig is,
    wanneer een leerling langer dan 8 weken thuiszit"."""
    r = reg()
    t = termijn(r, TermijnSoort.BREED_OVERLEG, D(2026, 3, 20))
    assert t.uiterlijk == D(2026, 3, 30)
    assert t.status is TermijnStatus.OP_TIJD
    assert termijn(r, TermijnSoort.BREED_OVERLEG, D(2026, 3, 31)).status is TermijnStatus.VERLOPEN
    gedaan = reg(breed_overleg_op=D(2026, 3, 27))
    assert termijn(gedaan, TermijnSoort.BREED_OVERLEG, D(2026, 4, 2)).status is TermijnStatus.GEDAAN


def test_oplossing_binnen_3_maanden() -> None:
    """Seed 000 §3: "Het streven is dat geen enkel kind meer dan 3 maanden thuis zit"."""
    r = reg()
    t = termijn(r, TermijnSoort.DOEL, D(2026, 4, 20))
    assert t.uiterlijk == D(2026, 5, 2)
    assert t.status is TermijnStatus.OP_TIJD
    assert termijn(r, TermijnSoort.DOEL, D(2026, 5, 3)).status is TermijnStatus.VERLOPEN
    opgelost = reg(
        status=Status.OPGELOST, opgelost_op=D(2026, 4, 15), uitkomst=Uitkomst.ANDERE_SCHOOL
    )
    doel = termijn(opgelost, TermijnSoort.DOEL, D(2026, 6, 1))
    assert doel.status is TermijnStatus.GEDAAN and doel.gedaan_op == D(2026, 4, 15)
    # na de oplossing is een nog niet gehouden overleg niet meer nodig, niet 'verlopen'
    assert (
        termijn(opgelost, TermijnSoort.BREED_OVERLEG, D(2026, 6, 1)).status
        is TermijnStatus.VERVALLEN
    )


def test_groep_2a_wordt_2b_na_drie_maanden() -> None:
    """Seed 003 §7 "Verschillende groepen": 2a is langdurig relatief verzuim van vier weken tot
    drie maanden, 2b langer dan drie maanden (as in the rules: leerrecht.core.rules.thuiszitter)."""
    r = reg(Categorie.LRV_2A, D(2026, 1, 12))
    assert huidige_categorie(r, D(2026, 4, 12)) is Categorie.LRV_2A
    assert huidige_categorie(r, D(2026, 4, 13)) is Categorie.LRV_2B
    assert r.categorie == Categorie.LRV_2A  # geregistreerd blijft geregistreerd
    # opgelost voor de drie maanden: blijft 2a, ook later bekeken
    opgelost = reg(
        Categorie.LRV_2A,
        D(2026, 1, 12),
        status=Status.OPGELOST,
        opgelost_op=D(2026, 3, 1),
        uitkomst="andere_school",
    )
    assert huidige_categorie(opgelost, D(2026, 9, 1)) is Categorie.LRV_2A
    assert duur_weken(opgelost, D(2026, 9, 1)) == 6  # 48 dagen


@pytest.mark.parametrize("categorie", [Categorie.ABSOLUUT, Categorie.RISICO, Categorie.VRIJGESTELD])
def test_andere_categorieen_veranderen_niet_met_de_tijd(categorie: Categorie) -> None:
    assert categorie_op(categorie, D(2025, 1, 6), D(2026, 6, 1)) is categorie


def test_vrijgestelde_leerling_heeft_geen_termijnen() -> None:
    """Vrijgesteld (art. 5 onder a) is counted (seed 003 §7 footnote), not followed up."""
    assert termijnen(reg(Categorie.VRIJGESTELD), D(2026, 6, 1)) == []
    assert samenvatting([]) is None
    assert len(termijnen(reg(Categorie.ABSOLUUT), D(2026, 6, 1))) == 3
    assert len(termijnen(reg(Categorie.RISICO), D(2026, 6, 1))) == 3


def test_termijnenpagina_sorteert_op_urgentie() -> None:
    as_of = D(2026, 3, 20)
    nieuw = reg(sinds=D(2026, 3, 16), pk=1)  # knooppunt over 24 dagen
    verlopen = reg(sinds=D(2026, 1, 12), pk=2)  # knooppunt en breed overleg verlopen
    later = reg(sinds=D(2026, 2, 20), pk=3, knooppunt_op=D(2026, 3, 2))  # breed overleg 17 apr
    knooppunt_morgen = reg(sinds=D(2026, 2, 21), pk=4)  # knooppunt 21 maart: morgen
    vrijgesteld = reg(Categorie.VRIJGESTELD, pk=5)
    rijen = op_urgentie([nieuw, verlopen, later, knooppunt_morgen, vrijgesteld], as_of)
    assert [r.reg.pk for r in rijen] == [2, 4, 1, 3]
    assert rijen[0].urgentie == -39  # knooppunt 9 februari
    assert samenvatting(rijen[0].termijnen) is TermijnStatus.VERLOPEN
    assert samenvatting(rijen[1].termijnen) is TermijnStatus.BINNENKORT
