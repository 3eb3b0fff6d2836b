"""Who sees and decides what: schoolwide roles see the requests of their own school, only the
directeur decides, and a parent only ever sees their own child's requests and letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from verlof_hulp import D, World, login, make_user, pdf

from leerrecht.web.scholen.models import Leerling, RolSoort
from leerrecht.web.verlof.models import Status, VerlofAanvraag

Ouder = Callable[[Leerling], Client]


def aanvraag_voor(leerling: Leerling, **extra: object) -> VerlofAanvraag:
    values: dict[str, object] = {
        "leerling": leerling,
        "soort": "gewichtig",
        "reden": "huwelijk",
        "start": D(2026, 3, 9),
        "end": D(2026, 3, 10),
        "aangevraagd_op": D(2026, 3, 5),
    }
    values.update(extra)
    return VerlofAanvraag.objects.create(**values)


def besloten(leerling: Leerling, door: User) -> VerlofAanvraag:
    return aanvraag_voor(
        leerling,
        status=Status.AFGEWEZEN,
        besluit_motivering="Nee.",
        besloten_door=door,
        besloten_op=D(2026, 3, 6),
    )


@pytest.mark.parametrize("pad", ["/verlof/{pk}/", "/verlof/{pk}/besluit.pdf", "/verlof/"])
def test_docent_en_andere_school_zien_geen_verlofaanvragen(
    world: World, directeur: User, pad: str
) -> None:
    aanvraag = besloten(world.a1, directeur)
    for user in (world.docent_a, world.other_coordinator):
        response = login(user).get(pad.format(pk=aanvraag.pk))
        if pad == "/verlof/" and user == world.other_coordinator:
            # their own school's list, without this school's requests
            assert response.status_code == 200
            assert "Leerlinga1" not in response.content.decode()
        else:
            assert response.status_code == 404


def test_docent_kan_niet_beslissen(world: World) -> None:
    aanvraag = aanvraag_voor(world.a1)
    response = login(world.docent_a).post(
        f"/verlof/{aanvraag.pk}/", {"besluit": "toekennen", "motivering": "Ja."}
    )
    assert response.status_code == 404
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD


def test_coordinator_ziet_de_aanvraag_maar_beslist_niet(world: World, vandaag: object) -> None:
    aanvraag = aanvraag_voor(world.a1)
    client = login(world.coordinator)
    assert "Leerlinga1" in client.get("/verlof/").content.decode()
    html = client.get(f"/verlof/{aanvraag.pk}/").content.decode()
    assert "Wettelijke toets" in html
    assert "Alleen de directeur kan over deze aanvraag beslissen." in html
    assert 'name="besluit"' not in html
    response = client.post(f"/verlof/{aanvraag.pk}/", {"besluit": "toekennen", "motivering": "Ja."})
    assert response.status_code == 403
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD


def test_directeur_van_een_andere_school_beslist_niet(world: World) -> None:
    andere_directeur = make_user("directeur2", world.other_school, RolSoort.DIRECTEUR)
    aanvraag = aanvraag_voor(world.a1)
    response = login(andere_directeur).post(
        f"/verlof/{aanvraag.pk}/", {"besluit": "afwijzen", "motivering": "Nee."}
    )
    assert response.status_code == 404
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEVRAAGD


def test_zonder_inloggen_naar_de_inlogpagina(client: Client, world: World) -> None:
    aanvraag = aanvraag_voor(world.a1)
    for pad in ("/verlof/", f"/verlof/{aanvraag.pk}/", f"/verlof/{aanvraag.pk}/besluit.pdf"):
        response = client.get(pad)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_ouder_ziet_de_aanvraag_en_brief_van_een_andere_leerling_niet(
    world: World, directeur: User, ouder: Ouder
) -> None:
    van_a2 = besloten(world.a2, directeur)
    eigen = besloten(world.a1, directeur)
    client = ouder(world.a1)
    assert client.get(f"/ouders/verlof/{van_a2.pk}/").status_code == 404
    assert client.get(f"/ouders/verlof/{van_a2.pk}/besluit.pdf").status_code == 404
    assert client.get(f"/ouders/verlof/{eigen.pk}/besluit.pdf").status_code == 200
    html = client.get("/ouders/overzicht/").content.decode()
    assert f"/ouders/verlof/{eigen.pk}/" in html and f"/ouders/verlof/{van_a2.pk}/" not in html


def test_ouder_krijgt_geen_brief_zolang_niet_is_besloten(world: World, ouder: Ouder) -> None:
    aanvraag = aanvraag_voor(world.a1)
    assert ouder(world.a1).get(f"/ouders/verlof/{aanvraag.pk}/besluit.pdf").status_code == 404


def test_ouder_zonder_code_ziet_geen_aanvraag(client: Client, world: World) -> None:
    aanvraag = aanvraag_voor(world.a1)
    for pad in (f"/ouders/verlof/{aanvraag.pk}/", f"/ouders/verlof/{aanvraag.pk}/besluit.pdf"):
        assert client.get(pad)["Location"] == "/ouders/"


def test_ouder_kan_de_sessie_niet_naar_een_andere_leerling_omzetten(
    world: World, ouder: Ouder
) -> None:
    aanvraag = aanvraag_voor(world.a2)
    client = ouder(world.a1)
    session = client.session
    session["verlof_ouder_leerling"] = world.a2.pk
    session.save()
    assert client.get(f"/ouders/verlof/{aanvraag.pk}/")["Location"] == "/ouders/"


def test_werkgeversverklaring_alleen_voor_schoolbrede_rollen(
    world: World, ouder: Ouder, vandaag: Callable[[dt.date], None]
) -> None:
    vandaag(D(2026, 1, 12))
    ouder(world.a1).post(
        "/ouders/verlof/",
        {
            "soort": "vakantie",
            "start": "2026-03-09",
            "end": "2026-03-13",
            "werkgeversverklaring": pdf(b"%PDF-1.4 verklaring"),
        },
    )
    aanvraag = VerlofAanvraag.objects.get()
    pad = f"/verlof/{aanvraag.pk}/werkgeversverklaring/"
    response = login(world.coordinator).get(pad)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 verklaring"  # type: ignore[attr-defined]
    assert "attachment" in response["Content-Disposition"]
    assert login(world.docent_a).get(pad).status_code == 404
    assert login(world.other_coordinator).get(pad).status_code == 404
