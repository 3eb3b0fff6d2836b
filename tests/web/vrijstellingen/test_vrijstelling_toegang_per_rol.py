"""Only the office of the pupil's area sees and decides (issue 5, 'Done when': "an office never
sees pupils outside its area"); school staff see the decision about their own pupils only; school
staff get a 404 on the office pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from vrijstellingen_hulp import Bureaus, World, login, verlof_doorgestuurd, vrijstelling

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.vrijstellingen.models import Grond, Status, Vrijstelling
from leerrecht.web.vrijstellingen.statussen import wijzig_status

pytestmark = pytest.mark.django_db


def besloten(world: World, bureaus: Bureaus) -> Vrijstelling:
    v = vrijstelling(world.a1, bureaus, Grond.ART_15, status=Status.IN_BEHANDELING)
    wijzig_status(
        v, Status.TOEGEKEND, bureaus.lpa, leerplichtambtenaar=True, motivering="Ander onderwijs."
    )
    return v


def test_ander_bureau_ziet_niets(world: World, bureaus: Bureaus, directeur: User) -> None:
    v = besloten(world, bureaus)
    a = verlof_doorgestuurd(world.a1, directeur)
    client = login(bureaus.lpa_maastricht)
    html = client.get("/vrijstellingen/").content.decode()
    assert str(world.a1) not in html
    for url in (
        f"/vrijstellingen/{v.pk}/",
        f"/vrijstellingen/{v.pk}/besluit.pdf",
        f"/vrijstellingen/verlof/{a.pk}/",
        f"/vrijstellingen/nieuw/?leerling={world.a1.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/vrijstellingen/?q=Leerling").content.decode().count("?leerling=") == 0


def test_bureau_ziet_geen_leerling_buiten_het_werkgebied(world: World, bureaus: Bureaus) -> None:
    world.b1.woongemeente = "Maastricht"
    world.b1.save()
    client = login(bureaus.lpa)
    assert client.get(f"/vrijstellingen/nieuw/?leerling={world.b1.pk}").status_code == 404
    assert client.get(f"/vrijstellingen/nieuw/?leerling={world.a1.pk}").status_code == 200


@pytest.mark.parametrize(
    "url", ["/vrijstellingen/", "/vrijstellingen/{v}/", "/vrijstellingen/{v}/besluit.pdf"]
)
def test_school_krijgt_404_op_de_pagina_s_van_het_bureau(
    world: World, bureaus: Bureaus, directeur: User, url: str
) -> None:
    v = besloten(world, bureaus)
    for user in (world.coordinator, directeur):
        assert login(user).get(url.format(v=v.pk)).status_code == 404


def test_school_ziet_het_besluit_over_de_eigen_leerling(world: World, bureaus: Bureaus) -> None:
    v = besloten(world, bureaus)
    html = login(world.coordinator).get("/vrijstellingen/school/").content.decode()
    assert str(world.a1) in html and "toegekend" in html
    assert f"/vrijstellingen/school/{v.pk}/besluit.pdf" in html
    response = login(world.coordinator).get(f"/vrijstellingen/school/{v.pk}/besluit.pdf")
    assert response.content.startswith(b"%PDF")
    assert AuditRegel.objects.filter(
        wie=world.coordinator, actie="exporteren", leerling_id=world.a1.pk
    ).exists()


def test_andere_school_en_docent_zien_het_besluit_niet(world: World, bureaus: Bureaus) -> None:
    v = besloten(world, bureaus)
    anders = login(world.other_coordinator)
    assert str(world.a1) not in anders.get("/vrijstellingen/school/").content.decode()
    assert anders.get(f"/vrijstellingen/school/{v.pk}/besluit.pdf").status_code == 404
    assert login(world.docent_a).get("/vrijstellingen/school/").status_code == 404


def test_een_aanvraag_in_behandeling_ziet_de_school_nog_niet(
    world: World, bureaus: Bureaus
) -> None:
    vrijstelling(world.a1, bureaus, Grond.ART_5A)
    html = login(world.coordinator).get("/vrijstellingen/school/").content.decode()
    assert str(world.a1) not in html


def test_menu(world: World, bureaus: Bureaus) -> None:
    bureau = login(bureaus.lpa).get("/vrijstellingen/").content.decode()
    assert 'href="/vrijstellingen/"' in bureau and 'href="/vrijstellingen/school/"' not in bureau
    school = login(world.coordinator).get("/vrijstellingen/school/").content.decode()
    assert 'href="/vrijstellingen/school/"' in school and 'href="/vrijstellingen/"' not in school
