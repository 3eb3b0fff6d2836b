"""A user never sees a pupil outside their scope (issue 4, 'Done when'), per role and across
schools (tenants)."""

from __future__ import annotations

import pytest
from django.test import Client
from web_hulp import PASSWORD, World

from leerrecht.web.scholen import scope


def login(client: Client, username: str) -> Client:
    assert client.login(username=username, password=PASSWORD)
    return client


def test_docent_ziet_alleen_de_leerlingen_van_de_eigen_groep(world: World) -> None:
    assert set(scope.leerlingen(world.docent_a)) == {world.a1, world.a2}


def test_coordinator_ziet_de_hele_school_en_geen_andere(world: World) -> None:
    assert set(scope.leerlingen(world.coordinator)) == {world.a1, world.a2, world.b1}
    assert world.other_pupil not in set(scope.leerlingen(world.coordinator))


def test_andere_school_ziet_niets_van_deze_school(world: World) -> None:
    assert set(scope.leerlingen(world.other_coordinator)) == {world.other_pupil}


@pytest.mark.parametrize(
    ("username", "pupil", "status"),
    [
        ("docent", "a1", 200),
        ("docent", "b1", 404),
        ("docent", "other_pupil", 404),
        ("coordinator", "b1", 200),
        ("coordinator", "other_pupil", 404),
        ("anders", "a1", 404),
    ],
)
def test_leerlingpagina_alleen_binnen_bereik(
    client: Client, world: World, username: str, pupil: str, status: int
) -> None:
    login(client, username)
    response = client.get(f"/leerlingen/{getattr(world, pupil).pk}/?peildatum=2026-03-20")
    assert response.status_code == status


@pytest.mark.parametrize(
    ("username", "groep", "status"),
    [("docent", "groep_a", 200), ("docent", "groep_b", 404), ("anders", "groep_a", 404)],
)
def test_register_alleen_voor_eigen_groepen(
    client: Client, world: World, username: str, groep: str, status: int
) -> None:
    login(client, username)
    response = client.get(f"/registreren/{getattr(world, groep).pk}/?datum=2026-03-02")
    assert response.status_code == status


def test_werklijst_toont_alleen_leerlingen_binnen_bereik(client: Client, world: World) -> None:
    login(client, "docent")
    html = client.get("/?peildatum=2026-03-20").content.decode()
    assert "Groep 5a" in html and "Groep 6b" not in html


def test_zonder_inloggen_naar_de_inlogpagina(client: Client, world: World) -> None:
    for url in ("/", f"/leerlingen/{world.a1.pk}/", f"/registreren/{world.groep_a.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_gebruiker_zonder_rol_krijgt_geen_werklijst(client: Client, world: World) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("zonderrol", password=PASSWORD)
    login(client, "zonderrol")
    assert client.get("/").status_code == 404


def test_stijlblad_wordt_door_de_applicatie_zelf_geserveerd(client: Client, world: World) -> None:
    """No CDN: every asset comes from the app (WhiteNoise serves it, also without DEBUG)."""
    response = client.get("/static/leerrecht/leerrecht.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)  # type: ignore[attr-defined]
    html = client.get("/inloggen/").content.decode()
    assert "http://" not in html and "https://" not in html
