"""Taking the register, corrections with history, and the worklist (issue 4)."""

from __future__ import annotations

from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days

from leerrecht.web.registratie.models import Registratie, RegistratieWijziging


def post_register(
    client: Client, world: World, datum: str, rows: list[dict[str, str]], moment: str = "dag"
) -> object:
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    return client.post(f"/registreren/{world.groep_a.pk}/?datum={datum}&moment={moment}", data)


def test_register_opslaan_en_corrigeren_met_geschiedenis(client: Client, world: World) -> None:
    client.login(username="docent", password=PASSWORD)
    rows = [
        {"leerling": str(world.a1.pk), "status": "absent", "reden": "ziek"},
        {"leerling": str(world.a2.pk), "status": "late", "minuten": "15", "reden": ""},
    ]
    response = post_register(client, world, "2026-03-02", rows)
    assert response.status_code == 302  # type: ignore[attr-defined]
    a1 = Registratie.objects.get(leerling=world.a1, datum=D(2026, 3, 2))
    assert (a1.soort, a1.reden, a1.uren) == ("absent", "ziek", None)
    a2 = Registratie.objects.get(leerling=world.a2, datum=D(2026, 3, 2))
    assert (a2.soort, a2.reden, float(a2.uren or 0)) == ("late", "ongeoorloofd", 0.25)
    # correctie: a1 was toch aanwezig
    rows[0] = {"leerling": str(world.a1.pk), "status": "aanwezig"}
    post_register(client, world, "2026-03-02", rows)
    assert not Registratie.objects.filter(leerling=world.a1).exists()
    (change,) = RegistratieWijziging.objects.filter(leerling=world.a1)
    assert change.oude_waarde.startswith("afwezig") and change.nieuwe_waarde == "aanwezig"
    assert change.gewijzigd_door.username == "docent"


def test_afwezig_zonder_reden_slaat_niets_op(client: Client, world: World) -> None:
    client.login(username="docent", password=PASSWORD)
    rows = [
        {"leerling": str(world.a1.pk), "status": "absent", "reden": "ongeoorloofd"},
        {"leerling": str(world.a2.pk), "status": "absent", "reden": ""},
    ]
    response = post_register(client, world, "2026-03-02", rows)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Kies een reden" in response.content.decode()  # type: ignore[attr-defined]
    assert not Registratie.objects.exists()  # alles of niets


def test_geen_schooldag_geeft_duidelijke_melding_en_slaat_niets_op(
    client: Client, world: World
) -> None:
    client.login(username="docent", password=PASSWORD)
    html = client.get(f"/registreren/{world.groep_a.pk}/?datum=2026-02-16").content.decode()
    assert "geen schooldag" in html and "voorjaarsvakantie" in html
    post_register(
        client,
        world,
        "2026-02-16",
        [{"leerling": str(world.a1.pk), "status": "absent", "reden": "ziek"}],
    )
    assert not Registratie.objects.exists()


def test_leerling_van_een_andere_groep_kan_niet_worden_meegestuurd(
    client: Client, world: World
) -> None:
    client.login(username="docent", password=PASSWORD)
    response = post_register(
        client,
        world,
        "2026-03-02",
        [
            {"leerling": str(world.b1.pk), "status": "absent", "reden": "ziek"},
            {"leerling": str(world.a2.pk), "status": "aanwezig"},
        ],
    )
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert not Registratie.objects.exists()


def test_werklijst_toont_de_melding_met_termijn_en_protocolstap(
    client: Client, world: World
) -> None:
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/?peildatum=2026-03-06").content.decode()
    assert "16_uur" in html
    assert "12 mrt 2026" in html.lower()
    assert "nog 4 werkdagen" in html
    assert "16 uur in 4 weken" in html  # de stap van parkstad-po


def test_werklijst_nadert_de_grens(client: Client, world: World) -> None:
    absent_days(world.b1, [D(2026, 3, 2), D(2026, 3, 3)])
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/?peildatum=2026-03-04").content.decode()
    assert "Nadert de grens" in html and "11 uur ongeoorloofd" in html


def test_leerlingpagina_legt_uit(client: Client, world: World) -> None:
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    client.login(username="docent", password=PASSWORD)
    html = client.get(f"/leerlingen/{world.a1.pk}/?peildatum=2026-03-06").content.decode()
    assert "16 uur" in html and "Leerplichtwet" in html


def test_actie_afhandelen_met_notitie(client: Client, world: World) -> None:
    """Werklijst: acties van een bereikte stap afhandelen met een notitie (wie en wanneer)."""
    from leerrecht.web.registratie.models import ActieAfgehandeld

    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    client.login(username="coordinator", password=PASSWORD)
    data = {
        "protocol": "parkstad-po",
        "stap": "wettelijk-16-uur",
        "bereikt_op": "2026-03-05",
        "notitie": "Ouders gebeld, melding gedaan",
    }
    response = client.post(f"/leerlingen/{world.a1.pk}/actie/", data)
    assert response.status_code == 302
    (done,) = ActieAfgehandeld.objects.all()
    assert done.gedaan_door.username == "coordinator" and done.notitie.startswith("Ouders gebeld")
    html = client.get("/?peildatum=2026-03-06").content.decode()
    assert "Gedaan door coordinator" in html


def test_actie_voor_een_niet_bereikte_stap_wordt_geweigerd(client: Client, world: World) -> None:
    from leerrecht.web.registratie.models import ActieAfgehandeld

    client.login(username="coordinator", password=PASSWORD)
    data = {
        "protocol": "parkstad-po",
        "stap": "wettelijk-16-uur",
        "bereikt_op": "2026-03-05",
        "notitie": "verzonnen",
    }
    assert client.post(f"/leerlingen/{world.a1.pk}/actie/", data).status_code == 404
    assert not ActieAfgehandeld.objects.exists()


def test_actie_zonder_notitie_slaat_niets_op(client: Client, world: World) -> None:
    from leerrecht.web.registratie.models import ActieAfgehandeld

    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    client.login(username="coordinator", password=PASSWORD)
    data = {
        "protocol": "parkstad-po",
        "stap": "wettelijk-16-uur",
        "bereikt_op": "2026-03-05",
        "notitie": "",
    }
    client.post(f"/leerlingen/{world.a1.pk}/actie/", data)
    assert not ActieAfgehandeld.objects.exists()


def test_actie_voor_leerling_van_andere_school_kan_niet(client: Client, world: World) -> None:
    client.login(username="anders", password=PASSWORD)
    data = {
        "protocol": "parkstad-po",
        "stap": "wettelijk-16-uur",
        "bereikt_op": "2026-03-05",
        "notitie": "poging",
    }
    assert client.post(f"/leerlingen/{world.a1.pk}/actie/", data).status_code == 404


def test_leerlingpagina_toont_de_tijdlijn(client: Client, world: World) -> None:
    """Per-leerlingpagina: een tijdlijn van het schooljaar (SVG van de server, geen CDN)."""
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    absent_days(world.a1, [D(2026, 3, 9)], reden="ziek")
    client.login(username="docent", password=PASSWORD)
    html = client.get(f"/leerlingen/{world.a1.pk}/?peildatum=2026-03-20").content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "ongeoorloofd" in html and "ziek" in html and "16_uur" in html
    svg = html.split("<svg", 1)[1].split("</svg>")[0]
    assert 'href="http' not in svg and 'src="http' not in svg  # nothing fetched from elsewhere
