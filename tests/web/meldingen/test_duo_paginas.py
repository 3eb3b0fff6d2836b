"""The DUO-meldingen pages: only schoolwide roles of the school, CSRF, the list with its
deadlines, completing a concept, and changing its status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from duo_hulp import (
    concept_16_uur,
    login,
    maak_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import D, World, absent_days, make_user

from leerrecht.web.meldingen.models import DuoMelding, Status, VermoedelijkeReden
from leerrecht.web.scholen.models import RolSoort


def urls(melding: DuoMelding) -> list[tuple[str, str]]:
    school = melding.school.pk
    return [
        ("get", f"/meldingen/?school={school}&peildatum=2026-03-06"),
        ("get", f"/meldingen/{melding.pk}/"),
        ("get", f"/meldingen/export/?school={school}"),
        ("get", f"/meldingen/{melding.pk}/export/"),
        ("post", f"/meldingen/{melding.pk}/status/"),
    ]


@pytest.mark.parametrize(
    "rol",
    [
        RolSoort.COORDINATOR,
        RolSoort.TEAMLEIDER,
        RolSoort.ADMINISTRATIE,
        RolSoort.DIRECTEUR,
        RolSoort.BEHEERDER,
    ],
)
def test_schoolbrede_rollen_mogen_de_meldingen_zien(
    client: Client, world: World, rol: RolSoort
) -> None:
    melding = concept_16_uur(world)
    make_user("schoolbreed", world.school, rol)
    login(client, "schoolbreed")
    for methode, url in urls(melding):
        data = {"naar": "ingetrokken"} if methode == "post" else None
        response = getattr(client, methode)(url, data)
        assert response.status_code in (200, 302), url
    melding.refresh_from_db()
    assert melding.status == Status.INGETROKKEN


@pytest.mark.parametrize("gebruiker", ["docent", "mentor", "anders"])
def test_docent_mentor_en_andere_school_krijgen_404(
    client: Client, world: World, gebruiker: str
) -> None:
    melding = concept_16_uur(world)
    make_user("mentor", world.school, RolSoort.MENTOR, [world.groep_a])
    login(client, gebruiker)
    for methode, url in urls(melding):
        data = {"naar": "ingetrokken"} if methode == "post" else None
        assert getattr(client, methode)(url, data).status_code == 404, url
    melding.refresh_from_db()
    assert melding.status == Status.CONCEPT


def test_andere_school_ziet_eigen_lijst_zonder_deze_meldingen(client: Client, world: World) -> None:
    concept_16_uur(world)
    login(client, "anders")
    html = client.get("/meldingen/?peildatum=2026-03-06").content.decode()
    assert "De Eik" in html and "Leerlinga1" not in html
    assert client.get(f"/meldingen/?school={world.school.pk}").status_code == 404
    assert client.get("/meldingen/versturen/").status_code == 405
    response = client.post("/meldingen/versturen/", {"school": world.school.pk})
    assert response.status_code == 404


def test_zonder_inloggen_naar_de_inlogpagina(client: Client, world: World) -> None:
    melding = maak_melding(world)
    for _methode, url in urls(melding):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_status_alleen_met_post(client: Client, world: World) -> None:
    melding = maak_melding(world)
    login(client, "coordinator")
    assert client.get(f"/meldingen/{melding.pk}/status/").status_code == 405


def test_posten_zonder_csrf_token_wordt_geweigerd(world: World) -> None:
    melding = maak_melding(world)
    client = Client(enforce_csrf_checks=True)
    login(client, "coordinator")
    status = client.post(f"/meldingen/{melding.pk}/status/", {"naar": "ingetrokken"})
    bewerken = client.post(f"/meldingen/{melding.pk}/", {"toelichting": "x"})
    versturen = client.post("/meldingen/versturen/", {"school": world.school.pk})
    assert (status.status_code, bewerken.status_code, versturen.status_code) == (403, 403, 403)
    melding.refresh_from_db()
    assert melding.status == Status.CONCEPT


def test_de_lijst_zet_concepten_klaar_met_de_termijn(client: Client, world: World) -> None:
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    login(client, "coordinator")
    html = client.get("/meldingen/?peildatum=2026-03-06").content.decode()
    assert DuoMelding.objects.filter(leerling=world.a1, status=Status.CONCEPT).count() == 1
    assert "1 nieuwe melding klaargezet als concept" in html
    assert "Leerlinga1 Test" in html
    assert "12 mrt 2026" in html.lower()
    assert "nog 4 werkdagen" in html
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    # opnieuw openen maakt niets nieuws
    html = client.get("/meldingen/?peildatum=2026-03-06").content.decode()
    assert "klaargezet" not in html
    assert DuoMelding.objects.count() == 1


def test_de_lijst_toont_een_verlopen_termijn(client: Client, world: World) -> None:
    concept_16_uur(world)
    login(client, "coordinator")
    html = client.get("/meldingen/?peildatum=2026-03-16").content.decode()
    assert "2 werkdagen te laat" in html and 'class="te-laat"' in html


def test_de_lijst_filtert_op_status(client: Client, world: World) -> None:
    maak_melding(world)
    maak_melding(world, Status.GEMELD, leerling=world.b1, meldingsnummer="VM-B1")
    login(client, "coordinator")
    html = client.get("/meldingen/?peildatum=2026-03-06&status=gemeld").content.decode()
    assert "Leerlingb1" in html and "VM-B1" in html and "Leerlinga1" not in html
    html = client.get("/meldingen/?peildatum=2026-03-06").content.decode()
    assert "Leerlingb1" in html and "Leerlinga1" in html


def test_een_peildatum_in_de_toekomst_wordt_vandaag(client: Client, world: World) -> None:
    login(client, "coordinator")
    response = client.get("/meldingen/?peildatum=2999-01-01")
    assert response.context["as_of"] == timezone.localdate()
    assert "niet later zijn dan vandaag" in response.content.decode()


def test_detail_toont_alleen_de_toegestane_statusknoppen(client: Client, world: World) -> None:
    melding = concept_16_uur(world)
    login(client, "coordinator")
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert 'name="naar" value="gemeld"' in html
    assert 'name="naar" value="ingetrokken"' in html
    assert 'name="naar" value="afgesloten"' not in html
    assert 'for="meldingsnummer-gemeld"' in html
    # de velden hebben een label en de contactpersoon is vooraf de ingelogde gebruiker
    for veld in ("vermoedelijke_reden", "toelichting", "ondernomen_acties", "contactpersoon"):
        assert f'for="id_{veld}"' in html
    assert response_option_selected(html, world.coordinator.pk)


def response_option_selected(html: str, pk: int) -> bool:
    return f'<option value="{pk}" selected>' in html


def test_contactpersoon_alleen_uit_de_eigen_school(client: Client, world: World) -> None:
    melding = concept_16_uur(world)
    login(client, "coordinator")
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert f'<option value="{world.other_coordinator.pk}"' not in html
    response = client.post(
        f"/meldingen/{melding.pk}/",
        {"vermoedelijke_reden": "onbekend", "contactpersoon": world.other_coordinator.pk},
    )
    assert response.status_code == 200
    melding.refresh_from_db()
    assert melding.contactpersoon is None


def test_concept_aanvullen_en_melden_met_meldingsnummer(client: Client, world: World) -> None:
    melding = concept_16_uur(world)
    login(client, "coordinator")
    response = client.post(
        f"/meldingen/{melding.pk}/",
        {
            "vermoedelijke_reden": VermoedelijkeReden.LEERLING_WIL_NIET,
            "toelichting": "Leerling zegt gepest te worden.",
            "ondernomen_acties": "Gesprek met ouders op 6 maart.",
            "contactpersoon": world.coordinator.pk,
        },
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.vermoedelijke_reden == VermoedelijkeReden.LEERLING_WIL_NIET
    assert melding.contactpersoon == world.coordinator
    response = client.post(
        f"/meldingen/{melding.pk}/status/",
        {"naar": "gemeld", "meldingsnummer": "VM-2026-123", "notitie": "via het portaal"},
        follow=True,
    )
    html = response.content.decode()
    assert "De status is nu &#x27;gemeld&#x27;" in html
    melding.refresh_from_db()
    assert (melding.status, melding.meldingsnummer) == (Status.GEMELD, "VM-2026-123")
    assert "via het portaal" in html and "VM-2026-123" in html  # de geschiedenis
    # na het melden verandert de aanvulling niet meer
    client.post(f"/meldingen/{melding.pk}/", {"vermoedelijke_reden": "anders", "toelichting": "x"})
    melding.refresh_from_db()
    assert melding.vermoedelijke_reden == VermoedelijkeReden.LEERLING_WIL_NIET


def test_anders_vraagt_om_een_toelichting(client: Client, world: World) -> None:
    melding = concept_16_uur(world)
    login(client, "coordinator")
    response = client.post(
        f"/meldingen/{melding.pk}/", {"vermoedelijke_reden": "anders", "toelichting": " "}
    )
    assert "Licht toe wat de reden is" in response.content.decode()
    melding.refresh_from_db()
    assert melding.vermoedelijke_reden == VermoedelijkeReden.ONBEKEND


def test_melden_zonder_meldingsnummer_geeft_een_foutmelding(client: Client, world: World) -> None:
    melding = concept_16_uur(world)
    login(client, "coordinator")
    html = client.post(
        f"/meldingen/{melding.pk}/status/", {"naar": "gemeld"}, follow=True
    ).content.decode()
    assert "Vul het meldingsnummer van DUO in" in html
    melding.refresh_from_db()
    assert melding.status == Status.CONCEPT


def test_een_niet_toegestane_status_via_de_pagina_wordt_geweigerd(
    client: Client, world: World
) -> None:
    melding = maak_melding(world)
    login(client, "coordinator")
    html = client.post(
        f"/meldingen/{melding.pk}/status/", {"naar": "afgesloten"}, follow=True
    ).content.decode()
    assert "kan niet naar" in html
    melding.refresh_from_db()
    assert melding.status == Status.CONCEPT


def test_afgeronde_melding_heeft_geen_statusknoppen(client: Client, world: World) -> None:
    melding = maak_melding(world, Status.AFGESLOTEN)
    login(client, "coordinator")
    html = client.get(f"/meldingen/{melding.pk}/").content.decode()
    assert 'name="naar"' not in html and "afgerond" in html


@pytest.mark.parametrize(
    ("vandaag", "uiterlijk", "werkdagen"),
    [
        (D(2026, 3, 6), D(2026, 3, 12), 4),
        (D(2026, 3, 12), D(2026, 3, 12), 0),
        (D(2026, 3, 16), D(2026, 3, 12), -2),
        (D(2026, 4, 2), D(2026, 4, 7), 1),  # Goede Vrijdag en Tweede Paasdag tellen niet
    ],
)
def test_werkdagen_tot_de_termijn_volgens_de_termijnenwet(
    vandaag: dt.date, uiterlijk: dt.date, werkdagen: int
) -> None:
    from leerrecht.core.calendar import add_werkdagen
    from leerrecht.web.meldingen.views import werkdagen_tot

    assert werkdagen_tot(vandaag, uiterlijk) == werkdagen
    if werkdagen >= 0:
        assert add_werkdagen(vandaag, werkdagen) >= uiterlijk


def test_een_peildatum_buiten_de_schoolkalender_geeft_een_duidelijke_fout(
    client: Client, world: World
) -> None:
    maak_melding(world)
    login(client, "coordinator")
    response = client.get("/meldingen/?peildatum=1990-01-01")
    assert response.status_code == 200
    assert response.context["as_of"] == timezone.localdate()
    assert 'class="bericht error"' in response.content.decode()
