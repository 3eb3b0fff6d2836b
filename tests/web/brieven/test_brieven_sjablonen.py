"""Letter templates: shipped defaults, editing by the school, the sandboxed template language."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from web_hulp import PASSWORD, World, make_school, make_user

from leerrecht.web.brieven import sjabloontaal
from leerrecht.web.brieven.models import BriefSjabloon
from leerrecht.web.brieven.standaard import STANDAARD, standaard_sjablonen
from leerrecht.web.scholen.models import RolSoort

STANDAARD_NAMEN = {
    "Waarschuwing te laat komen",
    "Uitnodiging gesprek over verzuim",
    "Verlofbesluit",
}


def _sjabloon(world: World, naam: str = "Waarschuwing te laat komen") -> BriefSjabloon:
    return BriefSjabloon.objects.get(school=world.school, naam=naam)


def _post(sjabloon: BriefSjabloon, **wijzig: str) -> dict[str, str]:
    data = {
        "naam": sjabloon.naam,
        "soort": sjabloon.soort,
        "koppeling": "",
        "onderwerp": sjabloon.onderwerp,
        "tekst": sjabloon.tekst,
        "actief": "on",
        "actie": "opslaan",
    }
    data.update(wijzig)
    return data


def test_een_nieuwe_school_heeft_de_drie_standaardsjablonen(world: World) -> None:
    namen = set(BriefSjabloon.objects.filter(school=world.school).values_list("naam", flat=True))
    assert namen == STANDAARD_NAMEN
    assert {s.soort for s in BriefSjabloon.objects.filter(school=world.school)} == {
        "waarschuwing",
        "uitnodiging_gesprek",
        "verlofbesluit",
    }
    # opnieuw aanroepen maakt geen dubbele sjablonen
    assert standaard_sjablonen(world.school) == 0
    assert BriefSjabloon.objects.filter(school=world.school).count() == 3


def test_de_standaardteksten_zijn_geldig_en_vullen_alles_in(world: World) -> None:
    gegevens = sjabloontaal.voorbeeld("De Linde", "Mevr. Jansen")
    for values in STANDAARD:
        sjabloontaal.controleer(values["tekst"])
        sjabloontaal.controleer(values["onderwerp"])
        tekst = sjabloontaal.render(values["tekst"], gegevens)
        assert "Sanne de Vries" in tekst and "{{" not in tekst
        assert tekst.startswith("Geachte ouder(s)/verzorger(s),")
        assert "uit groep 5a" in tekst
    # zonder groep geen losse woorden 'uit groep'
    zonder_groep = dataclasses.replace(gegevens, groep="")
    for values in STANDAARD:
        assert "uit groep" not in sjabloontaal.render(values["tekst"], zonder_groep)


def test_de_sjabloonlijst_toont_de_sjablonen_van_de_school(client: Client, world: World) -> None:
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/brieven/sjablonen/").content.decode()
    assert all(naam in html for naam in STANDAARD_NAMEN)
    assert "De Linde" in html


def test_sjabloon_bewerken_met_een_syntaxfout_geeft_een_duidelijke_melding_en_slaat_niets_op(
    client: Client, world: World
) -> None:
    sjabloon = _sjabloon(world)
    voor = sjabloon.tekst
    client.login(username="coordinator", password=PASSWORD)
    fout = "Beste ouders,\n\n{% if leerling.groep %}Uw kind zit in groep {{ leerling.groep }}."
    response = client.post(f"/brieven/sjablonen/{sjabloon.pk}/", _post(sjabloon, tekst=fout))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is niets opgeslagen" in html
    assert "Regel 3: {% if %} wordt niet afgesloten met {% endif %}." in html
    sjabloon.refresh_from_db()
    assert sjabloon.tekst == voor


def test_een_onbekende_variabele_of_opdracht_wordt_met_naam_en_regel_geweigerd(
    client: Client, world: World
) -> None:
    client.login(username="coordinator", password=PASSWORD)
    data = _post(
        _sjabloon(world),
        naam="Nieuw",
        tekst="Hallo,\n{{ leerling.adres }}\n{% load i18n %}",
    )
    response = client.post(f"/brieven/sjablonen/nieuw/?school={world.school.pk}", data)
    html = response.content.decode()
    assert "{% load %} bestaat niet in briefsjablonen" in html
    assert not BriefSjabloon.objects.filter(naam="Nieuw").exists()
    data["tekst"] = "Hallo,\n{{ leerling.adres }}"
    html = client.post(f"/brieven/sjablonen/nieuw/?school={world.school.pk}", data).content
    assert "Regel 2: de variabele {{ leerling.adres }} bestaat niet" in html.decode()
    assert not BriefSjabloon.objects.filter(naam="Nieuw").exists()


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("{% include 'base.html' %}", "{% include %} bestaat niet in briefsjablonen"),
        ("{% debug %}", "{% debug %} bestaat niet in briefsjablonen"),
        ("{% for c in leerling.voornaam %}{% endfor %}", "{% for %} bestaat niet"),
        ("{{ leerling.voornaam|center:'99999' }}", "Het filter |center bestaat niet"),
        ("{{ leerling.__class__ }}", "liggend streepje"),
        ("a\n{% if afzender %}{% endfor %}", "Regel 2: hier staat {% endfor %}, maar verwacht"),
        ("a\nb\n{{ leerling.voornaam", "Regel 3: {{ staat los"),
        ("{{ }}", "Regel 1: {{ }} is leeg."),
    ],
)
def test_de_zandbak_staat_alleen_veilige_opdrachten_toe(tekst: str, melding: str) -> None:
    with pytest.raises(ValidationError) as info:
        sjabloontaal.controleer(tekst)
    assert any(melding in m for m in info.value.messages), info.value.messages


def test_opslaan_met_koppeling_aan_een_stap_legt_vast_wie_en_wanneer(
    client: Client, world: World
) -> None:
    sjabloon = _sjabloon(world)
    client.login(username="coordinator", password=PASSWORD)
    data = _post(
        sjabloon, koppeling="parkstad-po:te-laat-6x", onderwerp="Te laat: {{ stap.titel }}"
    )
    response = client.post(f"/brieven/sjablonen/{sjabloon.pk}/", data)
    assert response.status_code == 302
    sjabloon.refresh_from_db()
    assert (sjabloon.protocol, sjabloon.stap) == ("parkstad-po", "te-laat-6x")
    assert sjabloon.onderwerp == "Te laat: {{ stap.titel }}"
    assert sjabloon.gewijzigd_door == world.coordinator
    html = client.get(f"/brieven/sjablonen/?school={world.school.pk}").content.decode()
    assert "Zes keer te laat" in html  # de titel van de gekoppelde stap


def test_voorbeeld_toont_de_ingevulde_brief_zonder_op_te_slaan(
    client: Client, world: World
) -> None:
    sjabloon = _sjabloon(world)
    voor = sjabloon.tekst
    client.login(username="coordinator", password=PASSWORD)
    data = _post(sjabloon, tekst="Beste ouders van {{ leerling.voornaam }} uit {{ school.naam }}.")
    data["actie"] = "voorbeeld"
    response = client.post(f"/brieven/sjablonen/{sjabloon.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beste ouders van Sanne uit De Linde." in html
    assert "Aan de ouder(s)/verzorger(s) van Sanne de Vries" in html
    sjabloon.refresh_from_db()
    assert sjabloon.tekst == voor


def test_een_nieuw_sjabloon_maken(client: Client, world: World) -> None:
    directeur = make_user("directeur", world.school, RolSoort.DIRECTEUR)
    client.force_login(directeur)
    data = _post(_sjabloon(world), naam="Felicitatie", soort="anders", tekst="Goed gedaan!")
    response = client.post(f"/brieven/sjablonen/nieuw/?school={world.school.pk}", data)
    assert response.status_code == 302
    nieuw = BriefSjabloon.objects.get(school=world.school, naam="Felicitatie")
    assert nieuw.gewijzigd_door == directeur and nieuw.protocol == ""
    # dezelfde naam nog een keer mag niet
    response = client.post(f"/brieven/sjablonen/nieuw/?school={world.school.pk}", data)
    assert "al een sjabloon met deze naam" in response.content.decode()


def test_sjablonen_beheren_alleen_met_een_beheerrol_op_de_eigen_school(
    client: Client, world: World
) -> None:
    sjabloon = _sjabloon(world)
    client.login(username="docent", password=PASSWORD)
    assert client.get("/brieven/sjablonen/").status_code == 404
    assert client.get(f"/brieven/sjablonen/{sjabloon.pk}/").status_code == 404
    administratie = make_user("administratie", world.school, RolSoort.ADMINISTRATIE)
    client.force_login(administratie)
    assert client.get("/brieven/sjablonen/").status_code == 404
    client.login(username="anders", password=PASSWORD)
    assert client.get(f"/brieven/sjablonen/{sjabloon.pk}/").status_code == 404
    response = client.post(f"/brieven/sjablonen/{sjabloon.pk}/", _post(sjabloon, tekst="x"))
    assert response.status_code == 404
    sjabloon.refresh_from_db()
    assert sjabloon.tekst != "x"
    # de eigen school van 'anders' heeft zijn eigen sjablonen
    html = client.get("/brieven/sjablonen/").content.decode()
    assert "De Eik" in html


def test_beheerder_van_twee_scholen_kiest_de_school(client: Client, world: World) -> None:
    derde = make_school("De Beuk", bestuur=world.school.bestuur)
    beheerder = make_user("beheerder", world.school, RolSoort.BEHEERDER)
    from leerrecht.web.scholen.models import Rol

    Rol.objects.create(gebruiker=beheerder, school=derde, soort=RolSoort.BEHEERDER)
    client.force_login(beheerder)
    html = client.get(f"/brieven/sjablonen/?school={derde.pk}").content.decode()
    assert "Briefsjablonen: De Beuk" in html
    html = client.get(f"/brieven/sjablonen/?school={world.other_school.pk}").content.decode()
    assert "Briefsjablonen: De Eik" not in html  # geen rol daar: de eerste eigen school
