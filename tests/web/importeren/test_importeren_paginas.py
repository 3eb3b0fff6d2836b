"""Upload, preview, confirm, result; the LAS code table; who may do what (404 for everyone else)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from import_hulp import (
    ABSENCES_CSV,
    MAGISTER_CSV,
    PUPILS_CSV,
    codes,
    laatste,
    snapshot,
    upload,
)
from web_hulp import D, World

from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.models import CodeKoppeling, ImportOpdracht, Status
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Groep, Leerling


def test_upload_voorbeeld_bevestigen_en_resultaat(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    before = snapshot()
    response = upload(client, world.school, "leerrecht", PUPILS_CSV, "pupils.csv")
    opdracht = laatste()
    assert response.status_code == 302
    assert response["Location"] == f"/importeren/{opdracht.pk}/"
    assert snapshot() == before  # the preview writes nothing but the ImportOpdracht
    assert (opdracht.status, opdracht.totaal, opdracht.gebruiker) == (
        Status.VOORBEELD,
        4,
        world.coordinator,
    )

    html = client.get(response["Location"]).content.decode()
    assert "Voorbeeld: pupils.csv" in html
    assert "Heerlen" in html and "Kerkrade" in html  # old -> new
    assert "7c" in html and "Importeren bevestigen" in html
    assert 'name="vingerafdruk"' in html

    response = client.post(
        f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": _vinger(html)}
    )
    assert response["Location"] == f"/importeren/{opdracht.pk}/status/"
    opdracht.refresh_from_db()
    assert opdracht.status == Status.KLAAR and opdracht.inhoud() == b""  # the file is gone
    assert opdracht.aantallen["leerlingen"] == {"nieuw": 2, "gewijzigd": 1, "ongewijzigd": 0}
    html = client.get(response["Location"]).content.decode()
    assert "De import is klaar" in html and "Refresh" not in client.get(response["Location"])

    n1 = Leerling.objects.get(school=world.school, leerlingnummer="n1")
    assert (n1.voornaam, n1.achternaam, n1.groep and n1.groep.naam) == ("Noa", "Jansen", "7c")
    assert Leerling.objects.get(pk=world.a1.pk).woongemeente == "Kerkrade"
    assert Groep.objects.filter(school=world.school, naam="7c").exists()


def _vinger(html: str) -> str:
    start = html.index('name="vingerafdruk" value="') + len('name="vingerafdruk" value="')
    return html[start : start + 64]


def test_registraties_importeren_met_de_importeur_als_registrator(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", ABSENCES_CSV)
    opdracht = laatste()
    client.post(f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk})
    regs = Registratie.objects.order_by("datum")
    assert [(r.leerling, r.soort, r.reden) for r in regs] == [
        (world.a1, "absent", "ziek"),
        (world.a2, "late", "ongeoorloofd"),
        (world.b1, "absent", "ongeoorloofd"),
    ]
    assert {r.geregistreerd_door for r in regs} == {world.coordinator}


def test_fout_bij_upload_toont_regel_en_kolom_en_bewaart_niets(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    before = snapshot()
    text = "pupil_id,date,kind,reason,hours\na1,2026-03-07,absent,ziek,\n"
    response = upload(client, world.school, "leerrecht", text, "verzuim.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "verzuim.csv" in html and "<dd>2</dd>" in html and "<dd>date</dd>" in html
    assert "geen schooldag (weekend)" in html and "Er is niets opgeslagen" in html
    assert not ImportOpdracht.objects.exists()
    assert snapshot() == before


def test_onbekende_code_verwijst_naar_de_codetabel(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    html = upload(client, world.school, "magister", MAGISTER_CSV).content.decode()
    assert "onbekende LAS-code &#x27;Z&#x27; (Ziek)" in html
    assert "/importeren/codes/" in html
    assert not Registratie.objects.exists()


def test_voorbeeld_zonder_veranderingen_en_opnieuw_importeren_verandert_niets(
    client: Client, world: World
) -> None:
    codes(world.school)
    client.force_login(world.coordinator)
    upload(client, world.school, "magister", MAGISTER_CSV)
    first = laatste()
    client.post(f"/importeren/{first.pk}/bevestigen/", {"vingerafdruk": first.vingerafdruk})
    assert Registratie.objects.count() == 3
    after_first = snapshot()

    upload(client, world.school, "magister", MAGISTER_CSV)
    again = laatste()
    assert again.pk != first.pk and again.totaal == 0
    assert again.aantallen["registraties"] == {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 3}
    html = client.get(f"/importeren/{again.pk}/").content.decode()
    assert "Dit bestand verandert niets" in html
    client.post(f"/importeren/{again.pk}/bevestigen/", {"vingerafdruk": again.vingerafdruk})
    again.refresh_from_db()
    assert again.status == Status.KLAAR
    assert snapshot() == after_first


def test_bijwerken_bewaart_de_geschiedenis(client: Client, world: World) -> None:
    Registratie.objects.create(
        leerling=world.b1,
        datum=D(2026, 3, 4),
        moment="dag",
        soort="absent",
        reden="verlof",
        geregistreerd_door=world.docent_a,
    )
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", ABSENCES_CSV)
    opdracht = laatste()
    html = client.get(f"/importeren/{opdracht.pk}/").content.decode()
    assert "reden: verlof" in html and "ongeoorloofd" in html
    client.post(f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk})
    reg = Registratie.objects.get(leerling=world.b1, datum=D(2026, 3, 4))
    assert (reg.reden, str(reg.uren), reg.geregistreerd_door) == (
        "ongeoorloofd",
        "2.00",
        world.docent_a,
    )
    (change,) = world.b1.wijzigingen.all()
    assert (change.oude_waarde, change.nieuwe_waarde) == (
        "afwezig (verlof)",
        "afwezig (ongeoorloofd), 2.00 uur",
    )
    assert change.gewijzigd_door == world.coordinator and change.moment == "dag"


def test_annuleren_verwijdert_het_bestand(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", ABSENCES_CSV)
    opdracht = laatste()
    response = client.post(f"/importeren/{opdracht.pk}/afbreken/")
    assert response["Location"] == "/importeren/"
    assert not ImportOpdracht.objects.exists() and not Registratie.objects.exists()


def test_statuspagina_ververst_zich_terwijl_de_import_loopt(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", ABSENCES_CSV)
    opdracht = laatste()
    assert uitvoeren.claim(opdracht, opdracht.vingerafdruk)
    ImportOpdracht.objects.filter(pk=opdracht.pk).update(verwerkt=1)
    response = client.get(f"/importeren/{opdracht.pk}/status/")
    assert response["Refresh"] == "2"
    html = response.content.decode()
    assert '<progress id="voortgang" max="3" value="1">' in html
    assert "1 van 3 rijen verwerkt (33%)" in html
    assert "Refresh" not in client.get(f"/importeren/{opdracht.pk}/status/?vernieuwen=nee")
    # a stuck import can be marked as failed; nothing was written
    client.post(f"/importeren/{opdracht.pk}/afbreken/")
    opdracht.refresh_from_db()
    assert opdracht.status == Status.MISLUKT and "Afgebroken door coordinator" in opdracht.fout
    assert not Registratie.objects.exists()
    # and the import it abandoned cannot commit any more
    assert uitvoeren.voer_uit(opdracht.pk) == Status.MISLUKT
    assert not Registratie.objects.exists()


# -- the LAS code table -------------------------------------------------------------------------


def test_codetabel_toevoegen_wijzigen_verwijderen(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = f"/importeren/codes/?school={world.school.pk}"
    assert "nog geen LAS-codes" in client.get(url).content.decode()
    data = {"school": world.school.pk, "code": " tl ", "soort": "late", "reden": "ongeoorloofd"}
    assert client.post("/importeren/codes/", data).status_code == 302
    (code,) = CodeKoppeling.objects.all()
    assert (code.school, code.code, code.soort) == (world.school, "TL", "late")
    client.post("/importeren/codes/", {**data, "code": "TL", "reden": "overig_geoorloofd"})
    assert CodeKoppeling.objects.get().reden == "overig_geoorloofd"
    html = client.get(url).content.decode()
    assert '<th scope="row">TL</th>' in html and "Code TL verwijderen" in html
    client.post("/importeren/codes/", {"school": world.school.pk, "verwijderen": code.pk})
    assert not CodeKoppeling.objects.exists()


def test_codetabel_ongeldige_reden(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    data = {"school": world.school.pk, "code": "X", "soort": "absent", "reden": "vakantie"}
    response = client.post("/importeren/codes/", data)
    assert response.status_code == 200 and not CodeKoppeling.objects.exists()


# -- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("beheerder", 200),
        ("administratie", 200),
        ("coordinator", 200),
        ("directeur", 200),
        ("teamleider", 404),
        ("mentor", 404),
        ("docent", 404),
    ],
)
def test_alleen_schoolbrede_importrollen(
    client: Client, world: World, rollen: dict[str, User], rol: str, status: int
) -> None:
    client.force_login(rollen[rol])
    assert client.get("/importeren/").status_code == status
    assert client.get("/importeren/codes/").status_code == status
    response = upload(client, world.school, "leerrecht", ABSENCES_CSV)
    assert response.status_code == (302 if status == 200 else 404)
    if status == 404:
        assert not ImportOpdracht.objects.exists()


def test_de_opdracht_van_een_andere_school_bestaat_niet(
    client: Client, world: World, rollen: dict[str, User]
) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", ABSENCES_CSV)
    opdracht = laatste()
    for user in (world.other_coordinator, rollen["docent"], rollen["teamleider"]):
        client.force_login(user)
        assert client.get(f"/importeren/{opdracht.pk}/").status_code == 404
        assert client.get(f"/importeren/{opdracht.pk}/status/").status_code == 404
        assert client.post(f"/importeren/{opdracht.pk}/afbreken/").status_code == 404
        response = client.post(
            f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk}
        )
        assert response.status_code == 404
    assert laatste().status == Status.VOORBEELD and not Registratie.objects.exists()


def test_niet_in_een_andere_school_importeren(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    text = "pupil_id,date,kind,reason,hours\nx1,2026-03-02,absent,ziek,\n"
    response = upload(client, world.other_school, "leerrecht", text)
    assert response.status_code == 200  # the other school is not a choice in the form
    assert "school" in response.context["form"].errors
    assert not ImportOpdracht.objects.exists()
    assert client.get(f"/importeren/codes/?school={world.other_school.pk}").status_code == 404


def test_codetabel_wijzigen_alleen_beheerder_en_coordinator(
    client: Client, world: World, rollen: dict[str, User]
) -> None:
    data = {"school": world.school.pk, "code": "Z", "soort": "absent", "reden": "ziek"}
    for rol, status in [("administratie", 404), ("directeur", 404), ("beheerder", 302)]:
        client.force_login(rollen[rol])
        assert client.post("/importeren/codes/", data).status_code == status
    assert CodeKoppeling.objects.count() == 1
    client.force_login(world.other_coordinator)
    other = {**data, "school": world.school.pk, "verwijderen": CodeKoppeling.objects.get().pk}
    assert client.post("/importeren/codes/", other).status_code == 404
    assert CodeKoppeling.objects.count() == 1


def test_zonder_inloggen_naar_de_inlogpagina(client: Client, world: World) -> None:
    for url in ("/importeren/", "/importeren/codes/", "/importeren/1/", "/importeren/1/status/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
