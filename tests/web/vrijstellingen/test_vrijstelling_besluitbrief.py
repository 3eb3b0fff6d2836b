"""The decision letter on a vrijstelling as PDF, in Dutch, with the legal ground and the bezwaar
clause (six weeks, art. 6:7 Awb); for art. 5 onder a only that the physician's statement was
received and from whom. The school gets a copy (seed 000 §1.1.2: "U ontvangt een kopie van de
vrijstellingsbrief")."""

from __future__ import annotations

import pytest
from vrijstellingen_hulp import Bureaus, D, World, login, pdf_tekst, vrijstelling

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.vrijstellingen.brief import vrijstelling_brief
from leerrecht.web.vrijstellingen.models import Grond, Status
from leerrecht.web.vrijstellingen.statussen import wijzig_status

pytestmark = pytest.mark.django_db


def test_brief_bij_toegekende_vrijstelling_art_5a(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(
        world.a1,
        bureaus,
        Grond.ART_5A,
        status=Status.IN_BEHANDELING,
        verklaring_ontvangen_op=D(2026, 2, 20),
        verklaring_van="jeugdarts GGD Zuid Limburg",
    )
    wijzig_status(
        v,
        Status.TOEGEKEND,
        bureaus.lpa,
        leerplichtambtenaar=True,
        motivering="Na overleg met school en samenwerkingsverband voor een jaar.",
    )
    response = login(bureaus.lpa).get(f"/vrijstellingen/{v.pk}/besluit.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")
    v.refresh_from_db()
    tekst = pdf_tekst(vrijstelling_brief(v, comprimeren=False))
    assert "Bureau Leren en Doorstromen Parkstad" in tekst
    assert "Leerlinga1 Test" in tekst
    assert "beroep op vrijstelling" in tekst
    assert "Artikel 5, aanhef en onder a" in tekst
    assert "jeugdarts GGD Zuid Limburg" in tekst
    assert "zes weken" in tekst and "Algemene wet" in tekst
    assert "gemeente Heerlen" in tekst
    assert "Marjan Op de Kamp" in tekst
    assert AuditRegel.objects.filter(
        wie=bureaus.lpa, actie="exporteren", wat=f"vrijstellingen.vrijstelling #{v.pk}"
    ).exists()


def test_brief_bij_afwijzing(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(world.a1, bureaus, Grond.ART_3B, status=Status.IN_BEHANDELING)
    wijzig_status(
        v, Status.AFGEWEZEN, bureaus.lpa, leerplichtambtenaar=True, motivering="Geen programma."
    )
    assert login(bureaus.lpa).get(f"/vrijstellingen/{v.pk}/besluit.pdf").status_code == 200
    tekst = pdf_tekst(vrijstelling_brief(v, comprimeren=False))
    assert "Wij wijzen uw verzoek om vrijstelling af." in tekst
    assert "Geen programma." in tekst and "zes weken" in tekst


def test_geen_brief_voor_het_besluit(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(world.a1, bureaus)
    assert login(bureaus.lpa).get(f"/vrijstellingen/{v.pk}/besluit.pdf").status_code == 404


def test_namen_uit_andere_talen_komen_goed_in_de_brief(world: World, bureaus: Bureaus) -> None:
    world.a1.voornaam, world.a1.achternaam = "Łukasz", "Yılmaz-Şahin"
    world.a1.save()
    v = vrijstelling(world.a1, bureaus, Grond.ART_15, status=Status.IN_BEHANDELING)
    wijzig_status(v, Status.AFGEWEZEN, bureaus.lpa, leerplichtambtenaar=True, motivering="m")
    pdf = vrijstelling_brief(v, comprimeren=False)
    assert pdf.startswith(b"%PDF")
    assert b"ZapfDingbats" not in pdf and b"FontFile2" in pdf
    assert vrijstelling_brief(v, comprimeren=False) == pdf  # the same letter every time
