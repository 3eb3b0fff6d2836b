"""Sick leave never leaves the school (issue 7; Ingrado: reporting sick leave to leerplicht is a
data leak; seed 003 M@ZL: "Afwezigheid door ziekte valt niet onder het ongeoorloofde verzuim").

A pupil has 16.5 hours ongeoorloofd verzuim (a 16-uur melding, Lpw art. 21a) with sick days
and a doctor's visit in between, each with a note (notes stored before the register refused
them, or written by leerrecht). Nothing of those days reaches what leaves the school: the DUO
melding's fields, the CSV export for the verzuimloket, the office's inbox, melding and pupil
pages, and the explanation a letter to the parents may quote (``stap.uitleg``).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from web_hulp import D, World, absent_days
from ziekte_hulp import ziek

from leerrecht.web import evaluatie
from leerrecht.web.leerplicht.gemeenten import laad, lees_csv
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    InboxMelding,
    Werkgebied,
)
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.meldingen.services import sync_concepten
from leerrecht.web.meldingen.statussen import wijzig_status

ONGEOORLOOFD = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]
ZIEK = [D(2026, 3, 4), D(2026, 3, 6), D(2026, 3, 9)]
ARTS = D(2026, 3, 10)
PEILDATUM = D(2026, 3, 10)
GEHEIM_ZIEK = "GRIEP-GEHEIM"
GEHEIM_ARTS = "KAAKCHIRURG-GEHEIM"


def _sporen(tekst: str) -> list[str]:
    """Every trace of the sick days in ``tekst``: their dates (ISO and Dutch) and notes."""
    dagen = [*ZIEK, ARTS]
    vormen = [d.isoformat() for d in dagen] + [d.strftime("%d-%m-%Y") for d in dagen]
    return [v for v in [*vormen, GEHEIM_ZIEK, GEHEIM_ARTS] if v in tekst]


@pytest.fixture
def melding(world: World) -> DuoMelding:
    absent_days(world.a1, ONGEOORLOOFD)
    for day in ZIEK:
        ziek(world.a1, day, notitie=GEHEIM_ZIEK)
    ziek(world.a1, ARTS, reden="arts", notitie=GEHEIM_ARTS)
    assert sync_concepten(world.school, PEILDATUM) == 1
    return DuoMelding.objects.get(leerling=world.a1)


@pytest.fixture
def leerplichtambtenaar(db: None) -> User:
    if not Gemeente.objects.exists():
        laad(lees_csv())
    bureau = Bureau.objects.create(naam="Bureau Leren en Doorstromen Parkstad")
    Werkgebied.objects.create(bureau=bureau, gemeente=Gemeente.objects.get(naam="Heerlen"))
    user = User.objects.create_user("lpa-ziekte", password="x" * 20)
    BureauRol.objects.create(
        gebruiker=user, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    return user


def test_de_melding_noemt_alleen_de_ongeoorloofde_dagen(melding: DuoMelding) -> None:
    assert melding.soort == "16_uur"
    velden = " | ".join(
        str(getattr(melding, naam))
        for naam in ("verzuimdagen", "uitleg", "toelichting", "ondernomen_acties", "uren")
    )
    assert _sporen(velden) == []
    assert melding.verzuimdagen == "2026-03-02 hele dag; 2026-03-03 hele dag; 2026-03-05 hele dag"


def test_het_exportbestand_voor_duo_bevat_geen_ziektedagen(
    client: Client, world: World, melding: DuoMelding
) -> None:
    client.force_login(world.coordinator)
    for url in (f"/meldingen/export/?school={world.school.pk}", f"/meldingen/{melding.pk}/export/"):
        response = client.get(url)
        assert response.status_code == 200
        tekst = response.content.decode("utf-8-sig")
        rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
        assert len(rijen) == 2 and "2026-03-02" in tekst  # the melding itself is there
        assert _sporen(tekst) == []


def test_het_leerplichtbureau_ziet_geen_ziektedagen(
    client: Client, world: World, melding: DuoMelding, leerplichtambtenaar: User
) -> None:
    wijzig_status(melding, Status.GEMELD, world.coordinator, meldingsnummer="VM-2026-0042")
    inbox = InboxMelding.objects.get(duo_melding=melding)
    snapshot = " | ".join(
        str(v) for v in InboxMelding.objects.filter(pk=inbox.pk).values().get().values()
    )
    assert _sporen(snapshot) == []
    client.force_login(leerplichtambtenaar)
    for url in (
        "/leerplicht/inbox/",
        f"/leerplicht/inbox/{inbox.pk}/",
        f"/leerplicht/leerlingen/{world.a1.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "VM-2026-0042" in html or url.endswith("/inbox/") or "Leerlinga1" in html
        assert _sporen(html) == [], url


def test_de_uitleg_die_een_brief_kan_citeren_noemt_geen_ziektedagen(
    world: World, melding: DuoMelding
) -> None:
    evaluation = evaluatie.evaluate_pupils(world.school, [world.a1], PEILDATUM)
    teksten = [s.explanation.text for s in evaluation.signals]
    teksten += [m.explanation.text for m in evaluation.meldingen]
    assert teksten, "de leerling bereikte een melding of stap"
    # the explanations do name days (the ongeoorloofde), so a sick day would show
    assert any("2026-03-05" in t for t in teksten)
    for tekst in teksten:
        assert _sporen(tekst) == []
