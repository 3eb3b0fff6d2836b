"""A lost phone: the schoolbeheerder removes a colleague's app in /schoolbeheer/ (same accounts
as a new password: roles only at this school, never the own account or an application
manager); the colleague's sessions lose their verification and the next login enrols anew."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from tweestaps_hulp import met_app, met_reservecodes, volledig_inloggen
from web_hulp import World, make_user

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.scholen.models import Rol, RolSoort


def _pad(world: World, user: User) -> str:
    return f"{reverse('schoolbeheer:medewerker', args=[user.pk])}?school={world.school.pk}"


def _beheerder(world: World) -> Client:
    beheerder = make_user("beheerder", world.school, RolSoort.BEHEERDER)
    client = Client()
    volledig_inloggen(client, beheerder, met_app(beheerder))
    return client


def test_de_schoolbeheerder_verwijdert_de_app_van_een_collega(world: World) -> None:
    docent = world.docent_a
    device = met_app(docent)
    met_reservecodes(docent, "abcd2345")
    sessie_docent = Client()
    volledig_inloggen(sessie_docent, docent, device)
    assert sessie_docent.get("/").status_code == 200

    beheer = _beheerder(world)
    pagina = beheer.get(_pad(world, docent)).content.decode()
    assert "Twee-factor-app verwijderen" in pagina
    response = beheer.post(_pad(world, docent), {"actie": "tweestaps"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=docent).exists()
    assert not StaticDevice.objects.filter(user=docent).exists()
    assert AuditRegel.objects.filter(doel="inloggen", wat="twee-factor van docent").exists()
    # the colleague's open session is no longer verified
    response = sessie_docent.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/tweestaps/")
    assert sessie_docent.get("/tweestaps/")["Location"].startswith("/tweestaps/instellen/")


def test_niet_voor_een_account_met_rollen_elders_of_een_applicatiebeheerder(
    world: World, settings: Any
) -> None:
    elders = world.other_coordinator
    Rol.objects.create(gebruiker=elders, school=world.school, soort=RolSoort.DOCENT)
    met_app(elders)
    staf = make_user("staf", world.school, RolSoort.COORDINATOR)
    staf.is_staff = True
    staf.save()
    met_app(staf)
    beheer = _beheerder(world)
    for user in (elders, staf):
        assert "Twee-factor-app verwijderen" not in beheer.get(_pad(world, user)).content.decode()
        beheer.post(_pad(world, user), {"actie": "tweestaps"})
        assert TOTPDevice.objects.filter(user=user).exists()


def test_niet_voor_de_eigen_app_en_niet_voor_andere_rollen(world: World) -> None:
    beheerder = make_user("beheerder", world.school, RolSoort.BEHEERDER)
    client = Client()
    volledig_inloggen(client, beheerder, met_app(beheerder))
    client.post(_pad(world, beheerder), {"actie": "tweestaps"})
    assert TOTPDevice.objects.filter(user=beheerder).exists()
    coordinator = Client()
    volledig_inloggen(coordinator, world.coordinator, met_app(world.coordinator))
    met_app(world.docent_a)
    response = coordinator.post(_pad(world, world.docent_a), {"actie": "tweestaps"})
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=world.docent_a).exists()
