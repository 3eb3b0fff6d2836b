"""Staff and roles: a new account gets a strong password shown once, an existing account gets a
role here; roles are added and removed at this school only, never staff or superuser, and a
beheerder cannot lock themselves out."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.models import User
from django.test import Client
from schoolbeheer_hulp import World, login, make_user, pad, tekst

from leerrecht.web.scholen.models import Rol, RolSoort
from leerrecht.web.schoolbeheer import accounts


def nieuw_account(**extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "actie": "nieuw",
        "nieuw-gebruikersnaam": "j.devries",
        "nieuw-voornaam": "Jan",
        "nieuw-achternaam": "de Vries",
        "nieuw-email": "jan@school.example",
        "nieuw-soort": "docent",
    }
    values.update(extra)
    return values


def getoond_wachtwoord(response: Any) -> str:
    found = re.search(r'id="wachtwoord" value="([^"]+)"', tekst(response))
    assert found, tekst(response)
    return found.group(1)


def test_nieuw_account_met_docentrol_en_groep(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school),
        nieuw_account(**{"nieuw-groepen": [world.groep_a.pk]}),
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    wachtwoord = getoond_wachtwoord(response)
    jan = User.objects.get(username="j.devries")
    assert (jan.first_name, jan.last_name, jan.email) == ("Jan", "de Vries", "jan@school.example")
    assert not jan.is_staff and not jan.is_superuser
    rol = Rol.objects.get(gebruiker=jan)
    assert (rol.school, rol.soort, list(rol.groepen.all())) == (
        world.school,
        "docent",
        [world.groep_a],
    )
    # the password works, passes Django's validators, and is not stored in the clear
    assert authenticate(username="j.devries", password=wachtwoord) == jan
    password_validation.validate_password(wachtwoord, jan)
    assert wachtwoord not in jan.password
    # shown once: the staff page does not show it again
    assert wachtwoord not in tekst(login(beheerder).get(pad("medewerker", world.school, jan.pk)))


def test_wachtwoorden_zijn_sterk_en_verschillend() -> None:
    gezien = {accounts.nieuw_wachtwoord() for _ in range(50)}
    assert len(gezien) == 50
    assert all(len(w) >= 20 for w in gezien)


def test_geen_superuser_of_staff_via_het_formulier(world: World, beheerder: User) -> None:
    login(beheerder).post(
        pad("medewerker_nieuw", world.school),
        nieuw_account(
            is_superuser="on", is_staff="on", **{"nieuw-is_superuser": "on", "nieuw-is_staff": "on"}
        ),
    )
    jan = User.objects.get(username="j.devries")
    assert not jan.is_superuser and not jan.is_staff


def test_bestaande_gebruikersnaam_is_een_formulierfout(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school), nieuw_account(**{"nieuw-gebruikersnaam": "Anders"})
    )
    assert "Deze gebruikersnaam is al in gebruik." in tekst(response)
    assert User.objects.filter(username__iexact="anders").count() == 1


def test_groepen_alleen_bij_docent_of_mentor(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school),
        nieuw_account(**{"nieuw-soort": "coordinator", "nieuw-groepen": [world.groep_a.pk]}),
    )
    assert "Groepen horen alleen bij een docent of mentor" in tekst(response)
    assert not User.objects.filter(username="j.devries").exists()


def test_groep_van_een_andere_school_kan_niet(world: World, beheerder: User) -> None:
    andere_groep = world.other_pupil.groep
    assert andere_groep is not None
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school), nieuw_account(**{"nieuw-groepen": [andere_groep.pk]})
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="j.devries").exists()


def test_rol_voor_een_bestaand_account(world: World, beheerder: User) -> None:
    anders = world.other_coordinator
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school),
        {
            "actie": "bestaand",
            "bestaand-gebruikersnaam": "anders",
            "bestaand-soort": "mentor",
            "bestaand-groepen": [world.groep_b.pk],
        },
        follow=True,
    )
    assert "heeft nu de rol mentor" in tekst(response)
    rol = Rol.objects.get(gebruiker=anders, school=world.school)
    assert (rol.soort, list(rol.groepen.all())) == ("mentor", [world.groep_b])
    # the role at the other school is untouched and not shown here
    assert Rol.objects.filter(
        gebruiker=anders, school=world.other_school, soort="coordinator"
    ).exists()
    assert "Deze medewerker heeft ook rollen op een andere school" in tekst(response)


def test_onbekende_gebruikersnaam(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("medewerker_nieuw", world.school),
        {"actie": "bestaand", "bestaand-gebruikersnaam": "niemand", "bestaand-soort": "docent"},
    )
    assert "Er is geen account met deze gebruikersnaam." in tekst(response)


def test_rol_toevoegen_groepen_wijzigen_en_verwijderen(world: World, beheerder: User) -> None:
    client = login(beheerder)
    docent = world.docent_a
    url = pad("medewerker", world.school, docent.pk)
    response = client.post(
        url, {"actie": "rol", "soort": "mentor", "groepen": [world.groep_b.pk]}, follow=True
    )
    assert "Rol mentor toegevoegd." in tekst(response)
    response = client.post(
        url,
        {"actie": "rol", "soort": "docent", "groepen": [world.groep_a.pk, world.groep_b.pk]},
        follow=True,
    )
    assert "Rol docent gewijzigd." in tekst(response)
    docentrol = Rol.objects.get(gebruiker=docent, school=world.school, soort="docent")
    assert set(docentrol.groepen.all()) == {world.groep_a, world.groep_b}
    response = client.post(url, {"actie": "rol_verwijderen", "rol": docentrol.pk}, follow=True)
    assert "Rol docent verwijderd." in tekst(response)
    assert list(Rol.objects.filter(gebruiker=docent).values_list("soort", flat=True)) == ["mentor"]


def test_laatste_rol_weg_dan_terug_naar_de_lijst(world: World, beheerder: User) -> None:
    rol = Rol.objects.get(gebruiker=world.coordinator)
    response = login(beheerder).post(
        pad("medewerker", world.school, world.coordinator.pk),
        {"actie": "rol_verwijderen", "rol": rol.pk},
    )
    assert response["Location"] == pad("personeel", world.school)
    assert not Rol.objects.filter(gebruiker=world.coordinator).exists()


def test_rol_van_een_andere_school_verwijderen_kan_niet(world: World, beheerder: User) -> None:
    Rol.objects.create(gebruiker=world.other_coordinator, school=world.school, soort="docent")
    elders = Rol.objects.get(gebruiker=world.other_coordinator, school=world.other_school)
    login(beheerder).post(
        pad("medewerker", world.school, world.other_coordinator.pk),
        {"actie": "rol_verwijderen", "rol": elders.pk},
    )
    assert Rol.objects.filter(pk=elders.pk).exists()


def test_geen_rol_geven_op_een_andere_school(world: World, beheerder: User) -> None:
    client = login(beheerder)
    response = client.post(
        pad("medewerker_nieuw", world.other_school), nieuw_account(**{"nieuw-soort": "beheerder"})
    )
    assert response.status_code == 404
    response = client.post(
        pad("medewerker", world.other_school, world.other_coordinator.pk),
        {"actie": "rol", "soort": "beheerder"},
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="j.devries").exists()
    assert not Rol.objects.filter(school=world.other_school, soort="beheerder").exists()


def test_eigen_laatste_beheerrol_blijft(world: World, beheerder: User) -> None:
    rol = Rol.objects.get(gebruiker=beheerder)
    response = login(beheerder).post(
        pad("medewerker", world.school, beheerder.pk),
        {"actie": "rol_verwijderen", "rol": rol.pk},
        follow=True,
    )
    assert "U kunt uw eigen laatste beheerrol op deze school niet verwijderen" in tekst(response)
    assert Rol.objects.filter(pk=rol.pk).exists()


def test_eigen_beheerrol_weg_als_de_directeursrol_blijft(world: World, beheerder: User) -> None:
    Rol.objects.create(gebruiker=beheerder, school=world.school, soort=RolSoort.DIRECTEUR)
    rol = Rol.objects.get(gebruiker=beheerder, soort="beheerder")
    login(beheerder).post(
        pad("medewerker", world.school, beheerder.pk), {"actie": "rol_verwijderen", "rol": rol.pk}
    )
    assert not Rol.objects.filter(pk=rol.pk).exists()


def test_andere_beheerder_verwijderen_mag(world: World, beheerder: User) -> None:
    tweede = make_user("tweede", world.school, RolSoort.BEHEERDER)
    rol = Rol.objects.get(gebruiker=tweede)
    login(beheerder).post(
        pad("medewerker", world.school, tweede.pk), {"actie": "rol_verwijderen", "rol": rol.pk}
    )
    assert not Rol.objects.filter(pk=rol.pk).exists()


# -- new password -----------------------------------------------------------------------------


def test_nieuw_wachtwoord_voor_een_medewerker_van_alleen_deze_school(
    world: World, beheerder: User
) -> None:
    response = login(beheerder).post(
        pad("medewerker", world.school, world.docent_a.pk), {"actie": "wachtwoord"}
    )
    wachtwoord = getoond_wachtwoord(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert Client().login(username="docent", password=wachtwoord)


def test_geen_wachtwoord_voor_wie_ook_elders_werkt(world: World, beheerder: User) -> None:
    Rol.objects.create(gebruiker=world.other_coordinator, school=world.school, soort="docent")
    voor = User.objects.get(pk=world.other_coordinator.pk).password
    response = login(beheerder).post(
        pad("medewerker", world.school, world.other_coordinator.pk),
        {"actie": "wachtwoord"},
        follow=True,
    )
    assert "U kunt dit account geen nieuw wachtwoord geven" in tekst(response)
    assert User.objects.get(pk=world.other_coordinator.pk).password == voor


def test_geen_wachtwoord_voor_een_superuser_of_zichzelf(world: World, beheerder: User) -> None:
    superuser = User.objects.create_superuser("root", password="een-lang-testwachtwoord-42")
    Rol.objects.create(gebruiker=superuser, school=world.school, soort="coordinator")
    assert not accounts.mag_wachtwoord_geven(beheerder, superuser, world.school)
    assert not accounts.mag_wachtwoord_geven(beheerder, beheerder, world.school)
    voor = superuser.password
    login(beheerder).post(pad("medewerker", world.school, superuser.pk), {"actie": "wachtwoord"})
    superuser.refresh_from_db()
    assert superuser.password == voor
