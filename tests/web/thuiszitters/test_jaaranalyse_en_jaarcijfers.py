"""The yearly thuiszitter analysis for the beleidstafel (seed 002 bijlage 1, punt 3: "Leerplicht
maakt jaarlijks een analyse van de thuiszitterproblematiek"; punt 2: PO and VO apart; punt 4: the
knelpunten) and the yearly figures per office and per school (issue 5)."""

from __future__ import annotations

import csv
import io

from django.test import Client
from thuiszitters_hulp import D, Regio, jeugdige, login, registratie

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.leerplicht.models import Gemeente, InboxMelding, Jeugdige
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.thuiszitters import analyse as an
from leerrecht.web.thuiszitters.models import Categorie, Reden, Status, Uitkomst

EIND = D(2026, 7, 31)


def _regio_met_thuiszitters(regio: Regio) -> None:
    w = regio.world
    po = {"school": w.school, "swv": regio.swv_po}
    vo = {"school": regio.vo_school, "swv": regio.swv_vo}
    # PO: 2a teruggeleid na 6 weken; 2b nog thuis (knelpunt: geen passende plek)
    registratie(
        regio.bureau,
        "Anna",
        D(2025, 9, 1),
        **po,
        reden=Reden.LEERLING_WIL_NIET,
        knooppunt_op=D(2025, 9, 20),
        status=Status.OPGELOST,
        opgelost_op=D(2025, 10, 13),
        uitkomst=Uitkomst.TERUG_NAAR_SCHOOL,
    )
    registratie(
        regio.bureau,
        "Bram",
        D(2026, 1, 12),
        **po,
        reden=Reden.WACHT_OP_PLAATSING,
        knooppunt_op=D(2026, 2, 20),
    )
    # VO: risicoleerling opgelost naar andere school; absoluut verzuim, nog open, > 3 maanden
    registratie(
        regio.bureau,
        "Cas",
        D(2026, 3, 2),
        Categorie.RISICO,
        **vo,
        reden=Reden.GESCHORST,
        status=Status.OPGELOST,
        opgelost_op=D(2026, 5, 11),
        uitkomst=Uitkomst.ANDERE_SCHOOL,
    )
    registratie(
        regio.bureau,
        "Dirk",
        D(2026, 2, 2),
        Categorie.ABSOLUUT,
        swv=regio.swv_vo,
        reden=Reden.GEEN_SCHOOL,
    )
    # van vorig schooljaar, nog thuis (telt mee, niet 'nieuw')
    registratie(regio.bureau, "Evi", D(2025, 6, 2), Categorie.VRIJGESTELD, reden=Reden.ANDERS)
    # opgelost voor dit schooljaar: telt niet mee
    registratie(
        regio.bureau,
        "Fien",
        D(2025, 3, 3),
        **po,
        status=Status.OPGELOST,
        opgelost_op=D(2025, 6, 30),
        uitkomst=Uitkomst.ANDERE_SCHOOL,
    )
    # ander bureau: telt niet mee
    registratie(
        regio.ander_bureau, "Gert", D(2025, 10, 6), school=w.other_school, swv=regio.ander_swv
    )


def _telling(tellingen: list[an.Telling], label_begin: str) -> an.Telling:
    return next(t for t in tellingen if t.label.startswith(label_begin))


def test_jaaranalyse_per_categorie_reden_duur_en_uitkomst(regio: Regio) -> None:
    _regio_met_thuiszitters(regio)
    from leerrecht.web.thuiszitters.models import ThuiszitterRegistratie

    a = an.analyse(ThuiszitterRegistratie.objects.filter(bureau=regio.bureau), 2025, D(2026, 11, 1))
    assert a.schooljaar == "2025-2026" and a.peildatum == EIND
    assert (a.aantal, a.nieuw, a.opgelost) == (5, 4, 2)
    cat = {t.sleutel: t for t in a.categorieen}
    assert cat["lrv_2a"].per_sector == {"po": 1, "vo": 0, "": 0}  # Anna, opgelost in 2a
    assert cat["lrv_2b"].per_sector == {"po": 1, "vo": 0, "": 0}  # Bram, eind juli > 3 maanden
    assert cat["risicoleerling"].per_sector == {"po": 0, "vo": 1, "": 0}
    assert cat["absoluut"].per_sector == {"po": 0, "vo": 1, "": 0}  # sector van het gekozen SWV
    assert cat["vrijgesteld"].per_sector == {"po": 0, "vo": 0, "": 1}
    assert _telling(a.redenen, "wacht op plaatsing").totaal == 1
    # duur tot 31 juli of de oplossing: Anna 42 dagen, Cas 70, Dirk 179, Bram 200, Evi 424
    duur = {t.sleutel: t.totaal for t in a.duur}
    assert duur == {"lt4w": 0, "4w_3m": 2, "3m_6m": 1, "6m_12m": 1, "gt12m": 1}
    assert a.mediaan_weken == 25.6  # Dirk: 179 dagen
    assert a.mediaan_weken_opgelost == 8.0  # Anna 6 en Cas 10 weken
    uitkomst = {t.sleutel: t.per_sector for t in a.uitkomsten}
    assert uitkomst["terug_naar_school"]["po"] == 1 and uitkomst["andere_school"]["vo"] == 1
    # knelpunten: na 3 maanden nog thuis, naar reden (Bram, Dirk, Evi)
    assert a.knelpunten_aantal == 3
    knel = {t.sleutel: t.totaal for t in a.knelpunten if t.totaal}
    assert knel == {"wacht_op_plaatsing": 1, "geen_school": 1, "anders": 1}
    # eerste knooppunt (seed 000 §3, binnen 4 weken): Anna op tijd; Bram te laat; Cas (pas na
    # 10 weken opgelost) en Dirk nooit gehouden; Evi vrijgesteld: geen termijn
    assert (a.knooppunt_op_tijd, a.knooppunt_te_laat, a.knooppunt_open) == (1, 3, 0)


def test_jaaranalyse_pagina_en_csv(client: Client, regio: Regio) -> None:
    _regio_met_thuiszitters(regio)
    login(client, regio.lpa)
    html = client.get("/thuiszitters/analyse/?schooljaar=2025").content.decode()
    assert "Jaaranalyse thuiszitters 2025-2026" in html
    assert "Knelpunten bij plaatsing" in html and "Gert" not in html and "Anna" not in html
    response = client.get("/thuiszitters/analyse/analyse.csv?schooljaar=2025")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "schooljaar",
        "regio",
        "onderdeel",
        "waarde",
        "po",
        "vo",
        "onbekend",
        "totaal",
    ]
    assert ["2025-2026", "BLD Parkstad", "totaal", "aantal_thuiszitters", "", "", "", "5"] in rows
    knelpunt = [r for r in rows if r[2] == "knelpunt_reden_langer_dan_3_maanden" and r[7] != "0"]
    assert len(knelpunt) == 3
    assert AuditRegel.objects.filter(
        actie=Actie.EXPORTEREN, wie=regio.lpa, wat__contains="jaaranalyse"
    ).exists()
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN, wie=regio.lpa, wat__contains="jaaranalyse"
    ).exists()


def _inbox(
    bureau, wie: Jeugdige, soort: str, begin, school: str = "De Linde", status: str = "gemeld"
) -> InboxMelding:  # type: ignore[no-untyped-def]
    return InboxMelding.objects.create(
        bureau=bureau,
        jeugdige=wie,
        bron="import",
        school_naam=school,
        soort=soort,
        begin=begin,
        status=status,
    )


def test_jaarcijfers_van_het_bureau_per_soort_gemeente_en_school(
    client: Client, regio: Regio
) -> None:
    heerlen = jeugdige(regio.bureau, "Hanna")
    kerkrade = Jeugdige.objects.create(
        bureau=regio.bureau,
        voornaam="Kees",
        achternaam="Test",
        geboortedatum=D(2012, 1, 1),
        gemeente=Gemeente.objects.get(naam="Kerkrade"),
    )
    _inbox(regio.bureau, heerlen, "16_uur", D(2025, 9, 15))
    _inbox(regio.bureau, heerlen, "16_uur", D(2025, 11, 3), status="afgesloten")
    _inbox(
        regio.bureau,
        kerkrade,
        "lrv",
        D(2026, 2, 2),
        school="Parkstad College",
        status="in_behandeling",
    )
    _inbox(regio.bureau, kerkrade, "luxe", D(2025, 7, 1))  # vorig schooljaar
    _inbox(regio.ander_bureau, jeugdige(regio.ander_bureau, "Mila"), "16_uur", D(2025, 9, 1))
    registratie(regio.bureau, "Thuis", D(2026, 1, 12), school=regio.world.school)
    c = an.bureau_jaarcijfers(regio.bureau, 2025, D(2026, 11, 1))
    assert c.meldingen_per_gemeente.kolommen == ["Heerlen", "Kerkrade", "onbekend"]
    rijen = {r.label: r.waarden for r in c.meldingen_per_gemeente.rijen}
    assert rijen["16 uur ongeoorloofd verzuim in 4 lesweken"] == [2, 0, 0]
    assert rijen["langdurig relatief verzuim"] == [0, 1, 0]
    assert rijen["luxe verzuim"] == [0, 0, 0]
    assert c.meldingen_per_gemeente.totaal == 3
    assert c.jeugdigen_met_melding == 2
    assert dict(c.meldingen_per_status) == {"afgesloten": 1, "gemeld": 1, "in behandeling": 1}
    scholen = {r.label: r.totaal for r in c.meldingen_per_school.rijen}
    assert scholen == {"De Linde": 2, "Parkstad College": 1}
    thuis = {r.label: r.waarden for r in c.thuiszitters_per_gemeente.rijen}
    assert thuis["langdurig relatief verzuim, langer dan 3 maanden (2b)"] == [1, 0, 0]
    assert c.thuiszitters_nieuw == 1
    login(client, regio.lpa)
    html = client.get("/thuiszitters/jaarcijfers/?schooljaar=2025").content.decode()
    assert "Jaarcijfers 2025-2026" in html and "Kerkrade" in html and "Mila" not in html
    assert AuditRegel.objects.filter(actie=Actie.LEZEN, wat__startswith="jaarcijfers BLD").exists()


def _duo(regio: Regio, leerling, soort: str, begin, status: str, nummer: str = "") -> DuoMelding:  # type: ignore[no-untyped-def]
    return DuoMelding.objects.create(
        school=leerling.school,
        leerling=leerling,
        soort=soort,
        begin=begin,
        uren=16,
        uiterlijk=begin,
        bereikt=begin,
        status=status,
        meldingsnummer=nummer,
    )


def test_jaarcijfers_van_de_school_alleen_eigen_meldingen(client: Client, regio: Regio) -> None:
    w = regio.world
    _duo(regio, w.a1, "16_uur", D(2025, 10, 6), "gemeld", "M1")
    _duo(regio, w.a1, "16_uur", D(2025, 12, 1), "afgesloten", "M2")
    _duo(regio, w.a2, "lrv", D(2026, 3, 2), "in_behandeling", "M3")
    _duo(regio, w.b1, "16_uur", D(2026, 4, 6), "concept")
    _duo(regio, w.b1, "overig", D(2026, 4, 13), "ingetrokken")
    _duo(regio, w.other_pupil, "16_uur", D(2025, 10, 6), "gemeld", "X1")
    registratie(regio.bureau, "Sam", D(2026, 3, 2), school=w.school)
    registratie(regio.bureau, "Elders", D(2026, 3, 2), school=w.other_school)
    c = an.school_jaarcijfers(w.school, 2025, D(2026, 11, 1))
    assert dict(c.meldingen)["16 uur ongeoorloofd verzuim in 4 lesweken"] == 2
    assert dict(c.meldingen)["langdurig relatief verzuim"] == 1
    assert c.meldingen_totaal == 3 and c.leerlingen_met_melding == 2 and c.concepten == 1
    assert c.thuiszitters_totaal == 1
    login(client, w.coordinator)
    html = client.get("/thuiszitters/jaarcijfers/school/?schooljaar=2025").content.decode()
    assert "Jaarcijfers 2025-2026: De Linde" in html
    assert "Sam" not in html  # alleen aantallen


def test_jaarcijfers_tellen_handhaving_en_vrijstellingen(client: Client, regio: Regio) -> None:
    """The figures of an annual leerplicht report: what the office did (verzuimgesprekken,
    waarschuwingen, Halt-verwijzingen, processen-verbaal) and the vrijstellingen it decided, in the
    school year, only for this office."""
    from leerrecht.web.dossiers.models import Actie as DossierActie
    from leerrecht.web.dossiers.models import Dossier
    from leerrecht.web.vrijstellingen.models import Vrijstelling

    hanna = jeugdige(regio.bureau, "Hanna")
    dossier = Dossier.objects.create(
        bureau=regio.bureau,
        jeugdige=hanna,
        behandelaar=regio.lpa,
        geopend_op=D(2025, 9, 20),
        aangemaakt_door=regio.lpa,
    )
    for soort, gedaan in (
        ("verzuimgesprek", D(2025, 10, 1)),
        ("waarschuwing", D(2025, 10, 20)),
        ("halt_verwijzing", D(2025, 11, 10)),
        ("proces_verbaal", None),  # planned, not done: not counted
        ("waarschuwing", D(2025, 6, 1)),  # previous school year
    ):
        DossierActie.objects.create(dossier=dossier, soort=soort, gedaan_op=gedaan)
    for grond, status, op in (
        ("5c", "toegekend", D(2025, 9, 1)),
        ("5a", "afgewezen", D(2026, 1, 5)),
        ("5a", "in_behandeling", None),
    ):
        Vrijstelling.objects.create(
            bureau=regio.bureau,
            jeugdige=hanna,
            grond=grond,
            aangevraagd_op=D(2025, 8, 20),
            ingangsdatum=D(2025, 9, 1),
            einddatum=D(2026, 7, 31),
            status=status,
            besloten_op=op,
            aangemaakt_door=regio.lpa,
        )
    c = an.bureau_jaarcijfers(regio.bureau, 2025, D(2026, 11, 1))
    acties = dict(c.acties_per_soort)
    assert acties["verzuimgesprek"] == 1 and acties["schriftelijke waarschuwing"] == 1
    assert acties["Halt-verwijzing"] == 1 and acties["proces-verbaal"] == 0
    per_grond = {g[:14]: (toe, af) for g, toe, af in c.vrijstellingen_per_grond}
    assert per_grond["art. 5 onder c"] == (1, 0)
    assert per_grond["art. 5 onder a"] == (0, 1)  # the one in behandeling is not decided
    assert sum(toe + af for _g, toe, af in c.vrijstellingen_per_grond) == 2
    assert (
        an.bureau_jaarcijfers(regio.ander_bureau, 2025, D(2026, 11, 1)).acties_per_soort[0][1] == 0
    )
    login(client, regio.lpa)
    html = client.get("/thuiszitters/jaarcijfers/?schooljaar=2025").content.decode()
    assert "Halt-verwijzing" in html and "art. 5 onder c" in html
