"""Who may do what: only the directeur of the pupil's school registers and changes; the
coördinator and the teamleider may look; docent, mentor, administratie, schoolbeheerder and
other schools get a 404, as if the pupil did not exist."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from leerlingzaken_hulp import D, World, doorloop, login, make_user, registreer, schorsing_data

from leerrecht.web.leerlingzaken.models import Kennisgeving, Schorsing, Stap, Verwijdering
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db


def paden(world: World, schorsing: Schorsing, verwijdering: Verwijdering) -> list[str]:
    return [
        f"/leerlingzaken/leerling/{world.a1.pk}/schorsing/",
        f"/leerlingzaken/schorsingen/{schorsing.pk}/",
        f"/leerlingzaken/leerling/{world.a1.pk}/verwijdering/",
        f"/leerlingzaken/verwijderingen/{verwijdering.pk}/",
    ]


@pytest.fixture
def zaken(world: World, directeur: User) -> tuple[Schorsing, Verwijdering]:
    schorsing = registreer(login(directeur), world.a1, D(2026, 3, 10), D(2026, 3, 11))
    return schorsing, doorloop(world.a1, directeur, Stap.OUDERS_GEHOORD)


@pytest.mark.parametrize("rol", [None, RolSoort.ADMINISTRATIE, RolSoort.BEHEERDER, RolSoort.MENTOR])
def test_docent_en_andere_rollen_krijgen_404(
    world: World, zaken: tuple[Schorsing, Verwijdering], rol: RolSoort | None
) -> None:
    if rol is None:
        user = world.docent_a  # docent of the pupil's own group
    else:
        groepen = [world.groep_a] if rol is RolSoort.MENTOR else None
        user = make_user(f"gebruiker-{rol}", world.school, rol, groepen)
    client = login(user)
    for pad in paden(world, *zaken):
        assert client.get(pad).status_code == 404, pad
        assert client.post(pad, {"actie": "intrekken", "intrekken-reden": "x"}).status_code == 404
    assert client.get("/leerlingzaken/").status_code == 404
    assert not Schorsing.objects.filter(ingetrokken_op__isnull=False).exists()


def test_andere_school_krijgt_404(world: World, zaken: tuple[Schorsing, Verwijdering]) -> None:
    andere_directeur = make_user("directeur2", world.other_school, RolSoort.DIRECTEUR)
    for user in (world.other_coordinator, andere_directeur):
        client = login(user)
        for pad in paden(world, *zaken):
            assert client.get(pad).status_code == 404, pad
            assert (
                client.post(pad, schorsing_data(D(2026, 3, 12), D(2026, 3, 12))).status_code == 404
            )
        # their own school's overview, without this school's pupil
        html = client.get("/leerlingzaken/").content.decode()
        assert "Leerlinga1" not in html
    assert Schorsing.objects.count() == 1


@pytest.mark.parametrize("rol", ["coordinator", "teamleider"])
def test_coordinator_en_teamleider_kijken_alleen(
    world: World,
    zaken: tuple[Schorsing, Verwijdering],
    teamleider: User,
    rol: str,
) -> None:
    schorsing, verwijdering = zaken
    user = world.coordinator if rol == "coordinator" else teamleider
    client = login(user)
    overzicht = client.get("/leerlingzaken/").content.decode()
    assert "nog te melden aan de onderwijsinspectie" in overzicht
    html = client.get(f"/leerlingzaken/schorsingen/{schorsing.pk}/").content.decode()
    assert "Alleen de directeur kan kopieën als verstuurd vastleggen" in html
    assert 'name="actie"' not in html
    html = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Alleen de directeur kan stappen vastleggen." in html
    assert 'name="actie"' not in html

    # registering is for the directeur: 403, also the form itself
    nieuw = f"/leerlingzaken/leerling/{world.a2.pk}/schorsing/"
    assert client.get(nieuw).status_code == 403
    assert client.post(nieuw, schorsing_data(D(2026, 3, 12), D(2026, 3, 12))).status_code == 403
    kennisgeving = schorsing.kennisgevingen.first()
    assert kennisgeving is not None
    response = client.post(
        f"/leerlingzaken/schorsingen/{schorsing.pk}/",
        {
            "actie": "verstuurd",
            "kennisgeving": kennisgeving.pk,
            f"k{kennisgeving.pk}-verstuurd_op": "2026-03-12",
        },
    )
    assert response.status_code == 403
    response = client.post(
        f"/leerlingzaken/schorsingen/{schorsing.pk}/",
        {"actie": "intrekken", "intrekken-reden": "x"},
    )
    assert response.status_code == 403
    response = client.post(
        f"/leerlingzaken/verwijderingen/{verwijdering.pk}/",
        {
            "actie": "stap",
            "stap": "leerkracht_gehoord",
            "leerkracht_gehoord-datum": "2026-01-21",
            "leerkracht_gehoord-notitie": "x",
        },
    )
    assert response.status_code == 403
    start = client.post(
        f"/leerlingzaken/leerling/{world.a2.pk}/verwijdering/",
        {"datum": "2026-03-02", "notitie": "x"},
    )
    assert start.status_code == 403
    assert client.get(f"/leerlingzaken/leerling/{world.a2.pk}/verwijdering/").status_code == 200

    assert Schorsing.objects.count() == 1 and not schorsing.ingetrokken
    assert not Kennisgeving.objects.filter(verstuurd_op__isnull=False).exists()
    assert Verwijdering.objects.get().status == Stap.OUDERS_GEHOORD


def test_zonder_inloggen_naar_de_inlogpagina(
    client: Client, world: World, zaken: tuple[Schorsing, Verwijdering]
) -> None:
    for pad in ["/leerlingzaken/", *paden(world, *zaken)]:
        response = client.get(pad)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_menu_en_leerlingpagina_tonen_de_links_per_rol(
    world: World, directeur: User, teamleider: User
) -> None:
    link = 'href="/leerlingzaken/"'
    schorsen = f'href="/leerlingzaken/leerling/{world.a1.pk}/schorsing/"'
    verwijderen = f'href="/leerlingzaken/leerling/{world.a1.pk}/verwijdering/"'
    html = login(directeur).get(f"/leerlingen/{world.a1.pk}/").content.decode()
    assert link in html and schorsen in html and verwijderen in html
    assert "Schorsing registreren" in html and "Verwijderingsprocedure" in html
    html = login(teamleider).get(f"/leerlingen/{world.a1.pk}/").content.decode()
    assert link in html and verwijderen in html and schorsen not in html
    html = login(world.docent_a).get(f"/leerlingen/{world.a1.pk}/").content.decode()
    assert link not in html and verwijderen not in html


def test_zoeken_op_het_overzicht_blijft_binnen_de_school(world: World, directeur: User) -> None:
    client = login(directeur)
    html = client.get("/leerlingzaken/?q=Leerling").content.decode()
    assert "Schorsing registreren voor Leerlinga1 Test" in html
    assert "Leerlingx1" not in html
