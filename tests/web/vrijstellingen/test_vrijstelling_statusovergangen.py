"""A vrijstelling: ontvangen -> in behandeling -> toegekend/afgewezen, or ingetrokken; only the
leerplichtambtenaar decides, with a motivation (art. 3:46 Awb); the legal conditions from seed 000
§1.1.2 (art. 5 onder a needs a physician's statement, art. 5 onder c one year at most after the
proof of enrolment abroad, art. 5 onder b not after an enrolment in the year before)."""

from __future__ import annotations

import pytest
from vrijstellingen_hulp import Bureaus, D, World, login, vrijstelling

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.vrijstellingen.models import Grond, Status, VrijstellingWijziging
from leerrecht.web.vrijstellingen.statussen import (
    TRANSITIES,
    StatusFout,
    toegestaan,
    waarom_niet_toekennen,
    wijzig_status,
)

pytestmark = pytest.mark.django_db


def test_elke_status_staat_in_de_kaart() -> None:
    assert set(TRANSITIES) == set(Status)
    assert TRANSITIES[Status.AFGEWEZEN] == frozenset()
    assert TRANSITIES[Status.INGETROKKEN] == frozenset()
    assert toegestaan(Status.IN_BEHANDELING, leerplichtambtenaar=False) == []
    assert toegestaan(Status.ONTVANGEN, leerplichtambtenaar=False) == [Status.IN_BEHANDELING]


def test_toekennen_met_verklaring_en_motivering(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(
        world.a1,
        bureaus,
        Grond.ART_5C,
        verklaring_ontvangen_op=D(2026, 2, 12),
        verklaring_van="Deutsche Schule Aachen",
    )
    wijzig_status(v, Status.IN_BEHANDELING, bureaus.administratie, leerplichtambtenaar=False)
    with pytest.raises(StatusFout, match="motivering"):
        wijzig_status(v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True)
    wijzig_status(
        v,
        Status.TOEGEKEND,
        bureaus.lpa,
        leerplichtambtenaar=True,
        motivering="Inschrijving getoond.",
    )
    v.refresh_from_db()
    assert v.status == Status.TOEGEKEND and v.besloten_door == bureaus.lpa
    assert v.besloten_op == D(2026, 2, 26) and v.besloten
    assert [w.naar for w in v.geschiedenis.all()] == ["ontvangen", "in_behandeling", "toegekend"]


def test_administratie_beslist_niet(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(world.a1, bureaus, Grond.ART_15, status=Status.IN_BEHANDELING)
    with pytest.raises(StatusFout, match="Alleen een leerplichtambtenaar"):
        wijzig_status(
            v, Status.AFGEWEZEN, bureaus.administratie, leerplichtambtenaar=False, motivering="x"
        )
    response = login(bureaus.administratie).post(
        f"/vrijstellingen/{v.pk}/status/", {"naar": "afgewezen", "motivering": "x"}
    )
    assert response.status_code == 403
    v.refresh_from_db()
    assert v.status == Status.IN_BEHANDELING


def test_art_5a_alleen_met_de_verklaring_van_een_arts(world: World, bureaus: Bureaus) -> None:
    """Art. 7 Lpw; seed 002 §3a: "na advies van arts, psycholoog of psychiater"."""
    v = vrijstelling(world.a1, bureaus, Grond.ART_5A, status=Status.IN_BEHANDELING)
    assert waarom_niet_toekennen(v)
    with pytest.raises(StatusFout, match="verklaring van een arts"):
        wijzig_status(v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True, motivering="m")
    login(bureaus.lpa).post(
        f"/vrijstellingen/{v.pk}/verklaring/",
        {"verklaring_ontvangen_op": "2026-02-20", "verklaring_van": "jeugdarts GGD Zuid Limburg"},
    )
    v.refresh_from_db()
    assert v.verklaring_van == "jeugdarts GGD Zuid Limburg"
    assert waarom_niet_toekennen(v) == []
    wijzig_status(v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True, motivering="m")


def test_art_5c_ten_hoogste_een_jaar(world: World, bureaus: Bureaus) -> None:
    """Seed 000 §1.1.2: "Altijd voor de duur van één jaar"."""
    v = vrijstelling(
        world.a1,
        bureaus,
        Grond.ART_5C,
        einddatum=D(2027, 3, 1),
        verklaring_ontvangen_op=D(2026, 2, 12),
        verklaring_van="Lycée Liège",
    )
    assert any("ten hoogste één jaar" in r for r in waarom_niet_toekennen(v))


def test_art_5b_niet_na_een_inschrijving_in_het_jaar_ervoor(world: World, bureaus: Bureaus) -> None:
    """Seed 000 §1.1.2: only "als er in het afgelopen schooljaar geen schoolinschrijving is
    geweest"."""
    v = vrijstelling(world.a1, bureaus, Grond.ART_5B)
    assert any("richting" in r for r in waarom_niet_toekennen(v))


def test_intrekken_na_toekennen_en_daarna_niets_meer(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(world.a1, bureaus, Grond.ART_15, status=Status.IN_BEHANDELING)
    wijzig_status(v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True, motivering="m")
    wijzig_status(
        v, Status.INGETROKKEN, bureaus.lpa, leerplichtambtenaar=True, notitie="Weer ingeschreven."
    )
    with pytest.raises(StatusFout, match="kan niet naar"):
        wijzig_status(v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True, motivering="m")
    laatste = v.geschiedenis.last()
    assert laatste is not None and laatste.notitie == "Weer ingeschreven."


def test_geschiedenis_is_alleen_aanvullen(world: World, bureaus: Bureaus) -> None:
    v = vrijstelling(world.a1, bureaus)
    regel = VrijstellingWijziging.objects.get(vrijstelling=v)
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        regel.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        regel.delete()


def test_aanvraag_vastleggen_via_de_pagina(world: World, bureaus: Bureaus) -> None:
    client = login(bureaus.administratie)
    html = client.get("/vrijstellingen/?q=Leerlinga1").content.decode()
    assert f"/vrijstellingen/nieuw/?leerling={world.a1.pk}" in html
    response = client.post(
        "/vrijstellingen/nieuw/",
        {
            "leerling": world.a1.pk,
            "grond": "5c",
            "verzoek_door": "ouders",
            "aangevraagd_op": "2026-02-25",
            "ingangsdatum": "2026-03-01",
            "einddatum": "2027-02-28",
            "verklaring_ontvangen_op": "2026-02-25",
            "verklaring_van": "Deutsche Schule Aachen",
        },
    )
    v = world.a1.vrijstellingen.get()
    assert response["Location"] == f"/vrijstellingen/{v.pk}/"
    assert v.bureau == bureaus.parkstad and v.status == Status.ONTVANGEN
    assert v.jeugdige.bureau == bureaus.parkstad and world.a1 in v.jeugdige.leerlingen.all()
    assert v.jeugdige.gemeente is not None and v.jeugdige.gemeente.naam == "Heerlen"
    assert AuditRegel.objects.filter(actie="aanmaken", leerling_id=world.a1.pk).exists()
