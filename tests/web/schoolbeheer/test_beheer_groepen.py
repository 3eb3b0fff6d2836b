"""Groups: add, rename, link to a location, and delete only an empty group."""

from __future__ import annotations

from django.contrib.auth.models import User
from schoolbeheer_hulp import World, login, make_pupil, pad, tekst

from leerrecht.web.scholen.models import Groep, Locatie


def test_groep_toevoegen(world: World, beheerder: User) -> None:
    response = login(beheerder).post(pad("groepen", world.school), {"naam": " 7c "}, follow=True)
    assert "Groep 7c toegevoegd." in tekst(response)
    assert Groep.objects.filter(school=world.school, naam="7c").exists()


def test_dubbele_groepsnaam_is_een_formulierfout(world: World, beheerder: User) -> None:
    response = login(beheerder).post(pad("groepen", world.school), {"naam": "5A"})
    assert response.status_code == 200
    assert "Deze school heeft al een groep met de naam 5A." in tekst(response)
    assert Groep.objects.filter(school=world.school).count() == 2


def test_zelfde_naam_mag_op_een_andere_school(world: World, andere_beheerder: User) -> None:
    login(andere_beheerder).post(pad("groepen", world.other_school), {"naam": "6b"})
    assert Groep.objects.filter(school=world.other_school, naam="6b").exists()


def test_groep_hernoemen_en_aan_locatie_koppelen(world: World, beheerder: User) -> None:
    locatie = Locatie.objects.create(school=world.school, naam="Hoofdgebouw")
    client = login(beheerder)
    url = pad("groep_bewerken", world.school, world.groep_a.pk)
    assert "Hoofdgebouw" in tekst(client.get(url))
    client.post(url, {"naam": "5A-nieuw", "locatie": locatie.pk})
    world.groep_a.refresh_from_db()
    assert (world.groep_a.naam, world.groep_a.locatie) == ("5A-nieuw", locatie)


def test_locatie_van_een_andere_school_kan_niet(world: World, beheerder: User) -> None:
    andere = Locatie.objects.create(school=world.other_school, naam="Elders")
    response = login(beheerder).post(
        pad("groep_bewerken", world.school, world.groep_a.pk), {"naam": "5a", "locatie": andere.pk}
    )
    assert response.status_code == 200
    world.groep_a.refresh_from_db()
    assert world.groep_a.locatie is None


def test_hernoemen_naar_een_bestaande_naam_kan_niet(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("groep_bewerken", world.school, world.groep_a.pk), {"naam": "6b"}
    )
    assert "Deze school heeft al een groep met de naam 6b." in tekst(response)
    world.groep_a.refresh_from_db()
    assert world.groep_a.naam == "5a"


def test_lege_groep_verwijderen(world: World, beheerder: User) -> None:
    leeg = Groep.objects.create(school=world.school, naam="leeg")
    response = login(beheerder).post(pad("groep_verwijderen", world.school, leeg.pk), follow=True)
    assert "Groep leeg verwijderd." in tekst(response)
    assert not Groep.objects.filter(pk=leeg.pk).exists()


def test_groep_met_leerlingen_wordt_niet_verwijderd(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("groep_verwijderen", world.school, world.groep_a.pk), follow=True
    )
    html = tekst(response)
    assert "Groep 5a heeft nog 2 leerlingen" in html
    assert "een groep wordt alleen verwijderd als hij leeg is" in html
    assert Groep.objects.filter(pk=world.groep_a.pk).exists()


def test_ook_een_uitgeschreven_leerling_houdt_de_groep_vast(world: World, beheerder: User) -> None:
    groep = Groep.objects.create(school=world.school, naam="oud")
    make_pupil(world.school, groep, "u1", ingeschreven_tot=world.a1.ingeschreven_vanaf)
    login(beheerder).post(pad("groep_verwijderen", world.school, groep.pk))
    assert Groep.objects.filter(pk=groep.pk).exists()


def test_verwijderen_alleen_met_post(world: World, beheerder: User) -> None:
    leeg = Groep.objects.create(school=world.school, naam="leeg")
    response = login(beheerder).get(pad("groep_verwijderen", world.school, leeg.pk))
    assert response.status_code == 405
    assert Groep.objects.filter(pk=leeg.pk).exists()
