"""The protocol: choose from the shipped ones for the school's sector, read the steps and their
sources before saving, and every change is logged (who, when, old -> new)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.html import escape
from schoolbeheer_hulp import World, login, pad, tekst

from leerrecht.core.protocols.loader import load_protocol
from leerrecht.web.scholen.models import School
from leerrecht.web.schoolbeheer.models import ProtocolWijziging


def test_huidig_protocol_met_stappen_en_bronnen(world: World, beheerder: User) -> None:
    html = tekst(login(beheerder).get(pad("protocol", world.school)))
    parkstad = load_protocol("parkstad-po")
    assert f"{parkstad.name} (parkstad-po)" in html
    for step in parkstad.steps[:3]:
        assert step.title in html
    assert "bijlage 3, rij" in html  # the seed source of a step
    assert "000_0f780dca5d4be8ea.txt" in html  # the protocol's source


def test_alleen_protocollen_voor_de_sector_van_de_school(world: World, beheerder: User) -> None:
    html = tekst(login(beheerder).get(pad("protocol", world.school)))
    assert 'value="twente-po"' in html
    assert 'value="school-vo-voorbeeld"' not in html


def test_bekijken_bewaart_nog_niets(world: World, beheerder: User) -> None:
    html = tekst(login(beheerder).get(pad("protocol", world.school, protocol="twente-po")))
    twente = load_protocol("twente-po")
    assert f"{twente.name} kiezen?" in html
    assert twente.steps[0].title in html
    assert escape(twente.steps[0].source) in html
    world.school.refresh_from_db()
    assert world.school.protocol == "parkstad-po"
    assert not ProtocolWijziging.objects.exists()


def test_kiezen_wordt_vastgelegd(world: World, beheerder: User) -> None:
    client = login(beheerder)
    response = client.post(pad("protocol", world.school), {"protocol": "twente-po"}, follow=True)
    assert "Het verzuimprotocol is nu twente-po." in tekst(response)
    world.school.refresh_from_db()
    assert world.school.protocol == "twente-po"
    wijziging = ProtocolWijziging.objects.get()
    assert (wijziging.school, wijziging.oud, wijziging.nieuw, wijziging.door) == (
        world.school,
        "parkstad-po",
        "twente-po",
        beheerder,
    )
    assert wijziging.op is not None
    html = tekst(response)
    assert "<td>parkstad-po</td><td>twente-po</td>" in html


def test_geen_protocol_kiezen_wordt_ook_vastgelegd(world: World, beheerder: User) -> None:
    client = login(beheerder)
    assert "Geen protocol meer volgen?" in tekst(
        client.get(pad("protocol", world.school, protocol=""))
    )
    client.post(pad("protocol", world.school), {"protocol": ""})
    world.school.refresh_from_db()
    assert world.school.protocol == ""
    assert ProtocolWijziging.objects.get().nieuw == ""


def test_hetzelfde_protocol_is_geen_wijziging(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("protocol", world.school), {"protocol": "parkstad-po"}, follow=True
    )
    assert "Het protocol is niet gewijzigd." in tekst(response)
    assert not ProtocolWijziging.objects.exists()


def test_protocol_van_een_andere_sector_of_een_pad_kan_niet(world: World, beheerder: User) -> None:
    client = login(beheerder)
    for keuze in ("school-vo-voorbeeld", "/etc/passwd.yaml", "bestaat-niet"):
        response = client.post(pad("protocol", world.school), {"protocol": keuze})
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in tekst(response)
    world.school.refresh_from_db()
    assert world.school.protocol == "parkstad-po"
    assert not ProtocolWijziging.objects.exists()


def test_vo_school_ziet_de_vo_protocollen(world: World, andere_beheerder: User) -> None:
    School.objects.filter(pk=world.other_school.pk).update(sector="vo")
    html = tekst(login(andere_beheerder).get(pad("protocol", world.other_school)))
    assert 'value="school-vo-voorbeeld"' in html
    assert 'value="parkstad-po"' not in html


def test_andere_school_kan_het_protocol_niet_wijzigen(world: World, andere_beheerder: User) -> None:
    response = login(andere_beheerder).post(
        pad("protocol", world.school), {"protocol": "twente-po"}
    )
    assert response.status_code == 404
    world.school.refresh_from_db()
    assert world.school.protocol == "parkstad-po"
