"""The school refers a pupil to the jeugdarts (seed 003 §7, 'Schema bij afwezigheid door
ziekte': at the 4th sick report in 12 school weeks or the 7th consecutive school day the mentor
announces the referral to the parents, the zorgcoördinator sends it "samen met het
verzuimoverzicht"). leerrecht counts the sick reports from the register; the school shares
numbers only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from jgz_hulp import VANDAAG, D, World, login, make_user
from web_hulp import absent_days

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.jgz.models import JgzOrganisatie, Status, Verwijzing
from leerrecht.web.jgz.telling import tel
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db

#: four sick reports in 2026 (region zuid; voorjaarsvakantie 14-22 February): the last one a
#: run of three school days
ZIEK = [
    D(2026, 1, 12),
    D(2026, 2, 2),
    D(2026, 2, 3),
    D(2026, 3, 2),
    D(2026, 3, 18),
    D(2026, 3, 19),
    D(2026, 3, 20),
]


def geldig(world: World, ggd: JgzOrganisatie, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "leerling": world.a1.pk,
        "organisatie": ggd.pk,
        "aanleiding": "4e_ziekmelding_12_weken",
        "ziekmeldingen_12_weken": 4,
        "schooldagen_laatste_ziekmelding": 3,
        "schooldagen_ziek_schooljaar": 7,
        "ouders_geinformeerd_op": "2026-03-24",
    }
    data.update(extra)
    return data


def test_telling_uit_het_register(world: World) -> None:
    absent_days(world.a1, ZIEK, reden="ziek")
    absent_days(world.a1, [D(2026, 3, 23)], reden="ongeoorloofd")  # not sick: not counted
    telling = tel(world.a1, VANDAAG)
    assert telling is not None
    assert telling.ziekmeldingen_12_weken == 4
    assert telling.schooldagen_laatste_ziekmelding == 3
    assert telling.schooldagen_ziek_schooljaar == 7


def test_twaalf_schoolweken_tellen_zonder_vakantieweken(world: World) -> None:
    absent_days(world.a1, [D(2025, 12, 1)], reden="ziek")
    telling = tel(world.a1, VANDAAG)
    assert telling is not None
    # 1 December 2025 lies 13 lesweken before 25 March 2026 (the Christmas and spring vacation
    # weeks skipped), so it is outside the window but in the school year
    assert telling.ziekmeldingen_12_weken == 0
    assert telling.schooldagen_ziek_schooljaar == 1


def test_aanmeldpagina_vult_de_aantallen_in(world: World, ggd: JgzOrganisatie) -> None:
    absent_days(world.a1, ZIEK, reden="ziek")
    html = login(world.coordinator).get(f"/jgz/school/nieuw/?leerling={world.a1.pk}").content
    tekst = html.decode()
    assert 'name="ziekmeldingen_12_weken" value="4"' in tekst
    assert 'name="schooldagen_laatste_ziekmelding" value="3"' in tekst
    assert "GGD Zuid Limburg" in tekst
    assert "<textarea" not in tekst  # no free text about the illness


def test_aanmelden_maakt_een_verwijzing_met_geschiedenis_en_auditregel(
    world: World, ggd: JgzOrganisatie
) -> None:
    client = login(world.coordinator)
    response = client.post("/jgz/school/nieuw/", geldig(world, ggd))
    v = Verwijzing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jgz/school/{v.pk}/"
    assert v.status == Status.AANGEMELD and v.school == world.school
    assert v.aangemeld_door == world.coordinator and v.aangemeld_op == VANDAAG
    assert [w.naar for w in v.geschiedenis.all()] == ["aangemeld"]
    assert AuditRegel.objects.filter(
        actie="aanmaken", wat=f"jgz.verwijzing #{v.pk}", leerling_id=world.a1.pk
    ).exists()


def test_ouders_geinformeerd_is_verplicht_en_niet_in_de_toekomst(
    world: World, ggd: JgzOrganisatie
) -> None:
    client = login(world.coordinator)
    response = client.post("/jgz/school/nieuw/", geldig(world, ggd, ouders_geinformeerd_op=""))
    assert response.status_code == 200 and not Verwijzing.objects.exists()
    response = client.post(
        "/jgz/school/nieuw/", geldig(world, ggd, ouders_geinformeerd_op="2026-03-26")
    )
    assert "toekomst" in response.content.decode() and not Verwijzing.objects.exists()


def test_alleen_een_jgz_organisatie_van_de_eigen_school(
    world: World, ggd: JgzOrganisatie, andere_ggd: JgzOrganisatie
) -> None:
    client = login(world.coordinator)
    response = client.post("/jgz/school/nieuw/", geldig(world, andere_ggd))
    assert response.status_code == 200 and not Verwijzing.objects.exists()


def test_school_zonder_jgz_organisatie_krijgt_uitleg(world: World) -> None:
    html = login(world.coordinator).get(f"/jgz/school/nieuw/?leerling={world.a1.pk}")
    assert "niet gekoppeld aan een JGZ-organisatie" in html.content.decode()


def test_mentor_meldt_alleen_eigen_leerlingen_aan(world: World, ggd: JgzOrganisatie) -> None:
    mentor = make_user("mentor", world.school, RolSoort.MENTOR, [world.groep_a])
    client = login(mentor)
    assert client.post("/jgz/school/nieuw/", geldig(world, ggd)).status_code == 302
    response = client.post("/jgz/school/nieuw/", geldig(world, ggd, leerling=world.b1.pk))
    assert response.status_code == 404
    assert Verwijzing.objects.count() == 1


def test_een_tweede_lopende_verwijzing_gaat_naar_de_eerste(
    world: World, ggd: JgzOrganisatie
) -> None:
    client = login(world.coordinator)
    client.post("/jgz/school/nieuw/", geldig(world, ggd))
    response = client.post("/jgz/school/nieuw/", geldig(world, ggd))
    v = Verwijzing.objects.get()
    assert response["Location"] == f"/jgz/school/{v.pk}/"


def test_school_trekt_in_voor_het_consult(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    client = login(world.coordinator)
    client.post("/jgz/school/nieuw/", geldig(world, ggd))
    v = Verwijzing.objects.get()
    client.post(f"/jgz/school/{v.pk}/intrekken/")
    v.refresh_from_db()
    assert v.status == Status.INGETROKKEN
    assert "ingetrokken" in login(jeugdarts).get(f"/jgz/{v.pk}/").content.decode()
