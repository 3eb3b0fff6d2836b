"""The jeugdarts sees only the referrals to their own organisation and never any absence data of
the school (issue 5, 'Done when': "JGZ never sees absence beyond its referrals"); school staff
see the referrals of the pupils they may refer; the leerplicht office sees none (docs
leerplichtbureau.md, 'JGZ (M@ZL)'). Out of scope is a 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from jgz_hulp import World, login, make_jeugdarts, make_user, verwijs

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.jgz.models import JgzOrganisatie
from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db


def test_jeugdarts_ziet_geen_register_werklijst_meldingen_of_leerlingpagina(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    verwijs(world.a1, ggd, world.coordinator)
    client = login(jeugdarts)
    # the worklist is not theirs: / sends the jeugdarts to the referrals
    assert client.get("/")["Location"] == "/jgz/"
    for url in (
        "/meldingen/",
        f"/leerlingen/{world.a1.pk}/",
        f"/registreren/{world.groep_a.pk}/",
        "/verlof/",
        "/brieven/sjablonen/",
        "/jgz/school/",
        f"/jgz/school/nieuw/?leerling={world.a1.pk}",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_jeugdarts_ziet_alleen_verwijzingen_naar_de_eigen_organisatie(
    world: World, ggd: JgzOrganisatie, andere_ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    eigen = verwijs(world.a1, ggd, world.coordinator)
    andere = verwijs(world.other_pupil, andere_ggd, world.other_coordinator)
    client = login(jeugdarts)
    html = client.get("/jgz/").content.decode()
    assert str(world.a1) in html and str(world.other_pupil) not in html
    assert client.get(f"/jgz/{eigen.pk}/").status_code == 200
    assert client.get(f"/jgz/{andere.pk}/").status_code == 404
    for url in (f"/jgz/{andere.pk}/status/", f"/jgz/{andere.pk}/toestemming/"):
        assert client.post(url, {"naar": "uitgenodigd", "datum": "2026-03-30"}).status_code == 404


def test_jeugdarts_van_een_andere_ggd_ziet_niets(
    world: World, ggd: JgzOrganisatie, andere_ggd: JgzOrganisatie
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    client = login(make_jeugdarts("ander", andere_ggd))
    assert str(world.a1) not in client.get("/jgz/").content.decode()
    assert client.get(f"/jgz/{v.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("coordinator", 200),
        ("directeur", 200),
        ("mentor_a", 200),
        ("mentor_b", 404),
        ("docent", 404),
        ("teamleider", 404),
        ("anders", 404),
    ],
)
def test_school_ziet_de_verwijzing_alleen_binnen_bereik(
    world: World, ggd: JgzOrganisatie, wie: str, status: int
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    gebruikers = {
        "coordinator": world.coordinator,
        "directeur": make_user("dir", world.school, RolSoort.DIRECTEUR),
        "mentor_a": make_user("ma", world.school, RolSoort.MENTOR, [world.groep_a]),
        "mentor_b": make_user("mb", world.school, RolSoort.MENTOR, [world.groep_b]),
        "docent": world.docent_a,
        "teamleider": make_user("tl", world.school, RolSoort.TEAMLEIDER),
        "anders": world.other_coordinator,
    }
    client = login(gebruikers[wie])
    assert client.get(f"/jgz/school/{v.pk}/").status_code == status
    assert client.get(f"/jgz/school/nieuw/?leerling={world.a1.pk}").status_code in (
        status,
        302,  # the open referral: on to its page
    )


def test_school_ziet_de_pagina_van_de_jeugdarts_niet(world: World, ggd: JgzOrganisatie) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    client = login(world.coordinator)
    assert client.get("/jgz/").status_code == 404
    assert client.get(f"/jgz/{v.pk}/").status_code == 404
    response = client.post(f"/jgz/{v.pk}/status/", {"naar": "uitgenodigd", "datum": "2026-03-30"})
    assert response.status_code == 404


def test_leerplicht_ziet_geen_verwijzingen(world: World, ggd: JgzOrganisatie) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    lpa = User.objects.create_user("lpa")
    BureauRol.objects.create(
        gebruiker=lpa,
        bureau=Bureau.objects.create(naam="BLD Parkstad"),
        soort=BureauRolSoort.LEERPLICHTAMBTENAAR,
    )
    client = login(lpa)
    for url in ("/jgz/", f"/jgz/{v.pk}/", "/jgz/school/", f"/jgz/school/{v.pk}/"):
        assert client.get(url).status_code == 404, url


def test_elke_inzage_staat_in_het_audit_log(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    login(jeugdarts).get(f"/jgz/{v.pk}/")
    login(world.coordinator).get(f"/jgz/school/{v.pk}/")
    login(jeugdarts).get("/jgz/")
    regels = AuditRegel.objects.filter(leerling_id=world.a1.pk, actie="lezen")
    assert {r.wie for r in regels} == {jeugdarts, world.coordinator}
    assert regels.filter(wie=jeugdarts, doel__contains="jeugdarts").count() == 2
    assert regels.filter(wie=world.coordinator, doel__contains="school").exists()
    assert all(r.wat == f"jgz.verwijzing #{v.pk}" for r in regels)


def test_menu_toont_de_juiste_ingang(world: World, ggd: JgzOrganisatie, jeugdarts: User) -> None:
    arts = login(jeugdarts).get("/jgz/").content.decode()
    assert 'href="/jgz/"' in arts and 'href="/jgz/school/"' not in arts
    school = login(world.coordinator).get("/jgz/school/").content.decode()
    assert 'href="/jgz/school/"' in school and 'href="/jgz/"' not in school
