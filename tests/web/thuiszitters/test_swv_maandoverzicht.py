"""The monthly overview for the samenwerkingsverband (seed 002 §3a: leerplicht "Informeert de
samenwerkingsverbanden periodiek (richtlijn: 1x per maand) ... een onderscheid gemaakt tussen po
en vo"), as HTML, CSV and PDF: only the SWV's own thuiszitters, PO and VO apart, totals per
category."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from thuiszitters_hulp import SINDS, D, Regio, login, registratie

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.thuiszitters import overzicht as ov
from leerrecht.web.thuiszitters.models import Categorie, Status, ThuiszitterRegistratie

MAAND = "/thuiszitters/swv/?maand=2026-03"


@pytest.fixture
def maart(regio: Regio) -> dict[str, ThuiszitterRegistratie]:
    w = regio.world
    return {
        "a": registratie(
            regio.bureau,
            "Anna",
            SINDS,
            school=w.school,
            swv=regio.swv_po,
            knooppunt_op=D(2026, 3, 12),
            aanpak="Knooppunt 12 maart; terug per april.",
        ),
        "b": registratie(regio.bureau, "Bram", D(2025, 11, 3), school=w.school, swv=regio.swv_po),
        "c": registratie(
            regio.bureau,
            "Cas",
            D(2026, 3, 2),
            Categorie.RISICO,
            school=regio.vo_school,
            swv=regio.swv_vo,
        ),
        "d": registratie(
            regio.ander_bureau, "Dewi", D(2026, 2, 2), school=w.other_school, swv=regio.ander_swv
        ),
        "e": registratie(
            regio.bureau,
            "Eva",
            D(2026, 1, 5),
            school=w.school,
            swv=regio.swv_po,
            status=Status.OPGELOST,
            opgelost_op=D(2026, 2, 20),
            uitkomst="terug_naar_school",
        ),
        "f": registratie(regio.bureau, "Finn", D(2026, 4, 6), school=w.school, swv=regio.swv_po),
        "g": registratie(
            regio.bureau,
            "Gijs",
            D(2026, 3, 9),
            Categorie.ABSOLUUT,
            swv=regio.swv_po,
            aanpak='=HYPERLINK("http://x")',
        ),
        # woont in Maastricht, zit op De Linde: het bureau van Maastricht registreert, het SWV
        # van De Linde ziet hem
        "h": registratie(
            regio.ander_bureau, "Hidde", D(2026, 3, 2), school=w.school, swv=regio.swv_po
        ),
    }


def _namen(html: str, regs: dict[str, ThuiszitterRegistratie]) -> set[str]:
    return {k for k, r in regs.items() if f"{r.jeugdige.voornaam} Test" in html}


def test_bureau_ziet_po_en_vo_apart_met_totalen(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.lpa)
    response = client.get(MAAND)
    ctx = response.context
    overzicht: ov.Maandoverzicht = ctx["overzicht"]
    po, vo = overzicht.secties
    assert (po.sector, vo.sector) == ("po", "vo")
    assert [r.reg for r in po.rijen] == [maart["b"], maart["a"], maart["g"]]
    assert [r.reg for r in vo.rijen] == [maart["c"]]
    assert dict(po.totalen) == {
        Categorie.LRV_2A: 1,
        Categorie.LRV_2B: 1,  # Bram: sinds november, eind maart langer dan drie maanden
        Categorie.ABSOLUUT: 1,
        Categorie.VRIJGESTELD: 0,
        Categorie.RISICO: 0,
    }
    assert po.totaal == 3 and vo.totaal == 1
    html = response.content.decode()
    assert _namen(html, maart) == {"a", "b", "c", "g"}  # niet van het andere bureau, niet e en f
    assert "Primair onderwijs (PO)" in html and "Voortgezet onderwijs (VO)" in html
    assert overzicht.peildatum == D(2026, 3, 31)


def test_swv_ziet_alleen_de_eigen_scholen_van_elk_bureau(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.swv_po_user)
    response = client.get(MAAND)
    assert response.status_code == 200
    html = response.content.decode()
    assert _namen(html, maart) == {"a", "b", "g", "h"}
    assert response.context["swv"] == regio.swv_po
    assert [s.sector for s in response.context["overzicht"].secties] == ["po"]
    # de toelichting (vrije tekst) staat nooit in het overzicht voor het SWV
    maart["a"].toelichting = "Gesprek met moeder gehad."
    maart["a"].save()
    assert "Gesprek met moeder" not in client.get(MAAND).content.decode()


def test_swv_van_een_andere_regio_krijgt_404(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.swv_po_user)
    for swv in (regio.ander_swv, regio.swv_vo):
        for pad in ("", "overzicht.csv", "overzicht.pdf"):
            url = f"/thuiszitters/swv/{pad}?maand=2026-03&swv={swv.pk}"
            assert client.get(url).status_code == 404, url
    login(client, regio.lpa)
    assert client.get(f"{MAAND}&swv={regio.ander_swv.pk}").status_code == 404


def test_csv_voor_excel(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.swv_po_user)
    response = client.get(f"/thuiszitters/swv/overzicht.csv?maand=2026-03&swv={regio.swv_po.pk}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="thuiszitters-2026-03-swv{regio.swv_po.pk}.csv"'
    )
    assert response["Cache-Control"] == "no-store"
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == ov.KOLOMMEN
    per_naam = {r[5]: dict(zip(ov.KOLOMMEN, r, strict=True)) for r in rows[1:]}
    assert set(per_naam) == {"Anna", "Bram", "Gijs", "Hidde"}
    anna = per_naam["Anna"]
    assert anna["maand"] == "2026-03" and anna["sector"] == "PO"
    assert anna["samenwerkingsverband"] == "SWV Parkstad PO" and anna["school"] == "De Linde"
    assert anna["categorie"] == "langdurig relatief verzuim, 4 weken tot 3 maanden (2a)"
    assert anna["sinds"] == "2026-02-23" and anna["duur_weken"] == "5"
    assert anna["knooppunt_uiterlijk"] == "2026-03-23" and anna["knooppunt_status"] == "gedaan"
    assert anna["knooppunt_op"] == "2026-03-12"
    assert (
        anna["breed_overleg_uiterlijk"] == "2026-04-20"
        and anna["breed_overleg_status"] == "op tijd"
    )
    assert anna["oplossing_uiterlijk"] == "2026-05-23"
    assert anna["afgesproken_aanpak"] == "Knooppunt 12 maart; terug per april."
    assert per_naam["Bram"]["categorie"].endswith("(2b)")
    assert per_naam["Bram"]["categorie_bij_registratie"].endswith("(2a)")
    assert per_naam["Gijs"]["school"] == "" and per_naam["Gijs"]["categorie"] == "absoluut verzuim"
    # geen formule voor Excel uit vrije tekst
    assert per_naam["Gijs"]["afgesproken_aanpak"].startswith("'=")
    regel = AuditRegel.objects.get(actie=Actie.EXPORTEREN, wie=regio.swv_po_user)
    assert "csv" in regel.wat and str(maart["a"].pk) in regel.omschrijving


def test_pdf_met_de_tekst_van_het_overzicht(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.lpa)
    response = client.get("/thuiszitters/swv/overzicht.pdf?maand=2026-03")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response.content.rstrip().endswith(b"%%EOF")
    assert AuditRegel.objects.filter(
        actie=Actie.EXPORTEREN, wie=regio.lpa, wat__contains="pdf"
    ).exists()
    overzicht = client.get(MAAND).context["overzicht"]
    pdf = ov.pdf_bytes(overzicht, "BLD Parkstad", comprimeren=False)
    assert pdf.startswith(b"%PDF")
    for tekst in (
        b"Thuiszitters maart 2026: alle samenwerkingsverbanden",
        b"Primair onderwijs \\(PO\\)",
        b"Voortgezet onderwijs \\(VO\\)",
        b"Anna Test",
        b"Cas Test",
        b"Knooppunt 12 maart;",  # de cel breekt de tekst af over regels
        b"Totaal",
    ):
        assert tekst in pdf, tekst
    assert b"Dewi Test" not in pdf and b"Eva Test" not in pdf
    assert ov.pdf_bytes(overzicht, "BLD Parkstad", comprimeren=False) == pdf  # reproduceerbaar


def test_maand_telt_wie_in_die_maand_thuis_was(
    client: Client, regio: Regio, maart: dict[str, ThuiszitterRegistratie]
) -> None:
    login(client, regio.lpa)
    februari = client.get("/thuiszitters/swv/?maand=2026-02").context["overzicht"]
    assert {r.reg.jeugdige.voornaam for r in februari.rijen} == {"Anna", "Bram", "Eva"}
    (eva,) = [r for r in februari.rijen if r.reg.jeugdige.voornaam == "Eva"]
    assert eva.opgelost
    april = client.get("/thuiszitters/swv/?maand=2026-04").context["overzicht"]
    assert "Finn" in {r.reg.jeugdige.voornaam for r in april.rijen}
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN, wie=regio.lpa, wat__contains="2026-04"
    ).exists()


def test_toekomstige_maand_wordt_de_lopende_maand(client: Client, regio: Regio) -> None:
    login(client, regio.lpa)
    context = client.get("/thuiszitters/swv/?maand=2099-01").context
    assert context["maand"].year < 2099
