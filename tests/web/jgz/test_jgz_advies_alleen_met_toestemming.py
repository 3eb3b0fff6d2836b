"""The jeugdarts' advice reaches school only with recorded consent (issue 5; seed 000 §1.1.1
'Wie doet wat?': "Na toestemming van ouders en leerling wordt schriftelijk teruggekoppeld naar
school"; seed 002 §2a 'GGD'). Without consent the school sees "advies gegeven, geen toestemming
om te delen". Who consents follows the pupil's age (WGBO art. 7:465 BW)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from jgz_hulp import VANDAAG, D, World, login, verwijs

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.jgz.models import JgzOrganisatie, Status, Toestemming, Verwijzing
from leerrecht.web.jgz.statussen import wijzig_status

pytestmark = pytest.mark.django_db

ADVIES = "Start met ochtenden op school; gymles voorlopig niet."


def met_advies(world: World, ggd: JgzOrganisatie, jeugdarts: User) -> Verwijzing:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 3, 10))
    wijzig_status(v, Status.VERSCHENEN, jeugdarts, school=False, datum=D(2026, 3, 10))
    return v


def test_advies_via_de_pagina_van_de_jeugdarts(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = met_advies(world, ggd, jeugdarts)
    client = login(jeugdarts)
    client.post(f"/jgz/{v.pk}/status/", {"naar": "advies_gegeven", "advies": ADVIES})
    v.refresh_from_db()
    assert v.status == Status.ADVIES_GEGEVEN and v.advies_aan_school == ADVIES
    assert v.advies_door == jeugdarts and v.advies_op == VANDAAG
    assert AuditRegel.objects.filter(wie=jeugdarts, actie="wijzigen", leerling_id=world.a1.pk)


def test_zonder_toestemming_ziet_de_school_geen_advies(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = met_advies(world, ggd, jeugdarts)
    wijzig_status(v, Status.ADVIES_GEGEVEN, jeugdarts, school=False, advies=ADVIES)
    html = login(world.coordinator).get(f"/jgz/school/{v.pk}/").content.decode()
    assert "Advies gegeven, geen toestemming om te delen." in html
    assert "ochtenden" not in html
    assert v.advies_voor_school() == ""


def test_met_toestemming_ziet_de_school_het_advies(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = met_advies(world, ggd, jeugdarts)
    wijzig_status(v, Status.ADVIES_GEGEVEN, jeugdarts, school=False, advies=ADVIES)
    # a1 is 11 on 25 March 2026 (born 1 March 2015): the parents consent
    response = login(jeugdarts).post(
        f"/jgz/{v.pk}/toestemming/",
        {"gegeven_door": "ouders", "gegeven_op": "2026-03-24", "reikwijdte": "school"},
    )
    assert response.status_code == 302
    t = Toestemming.objects.get()
    assert t.vastgelegd_door == jeugdarts and t.gegeven_op == D(2026, 3, 24)
    html = login(world.coordinator).get(f"/jgz/school/{v.pk}/").content.decode()
    assert "ochtenden" in html and "geen toestemming" not in html


def test_na_intrekking_ziet_de_school_het_advies_niet_meer(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = met_advies(world, ggd, jeugdarts)
    wijzig_status(v, Status.ADVIES_GEGEVEN, jeugdarts, school=False, advies=ADVIES)
    t = Toestemming.objects.create(
        verwijzing=v,
        gegeven_door="ouders",
        gegeven_op=D(2026, 3, 11),
        reikwijdte="school",
        vastgelegd_door=jeugdarts,
    )
    assert v.advies_voor_school() == ADVIES
    login(jeugdarts).post(
        f"/jgz/{v.pk}/toestemming/{t.pk}/intrekken/", {"ingetrokken_op": "2026-03-25"}
    )
    t.refresh_from_db()
    assert t.ingetrokken_op == VANDAAG and t.intrekking_vastgelegd_door == jeugdarts
    html = login(world.coordinator).get(f"/jgz/school/{v.pk}/").content.decode()
    assert "Advies gegeven, geen toestemming om te delen." in html and "ochtenden" not in html


def test_toestemming_zonder_advies_toont_nog_niets(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = met_advies(world, ggd, jeugdarts)
    Toestemming.objects.create(
        verwijzing=v,
        gegeven_door="ouders",
        gegeven_op=D(2026, 3, 10),
        reikwijdte="school",
        vastgelegd_door=jeugdarts,
    )
    html = login(world.coordinator).get(f"/jgz/school/{v.pk}/").content.decode()
    assert "Nog geen advies." in html


@pytest.mark.parametrize(
    ("geboren", "door", "goed"),
    [
        (D(2015, 3, 1), "ouders", True),  # 11
        (D(2015, 3, 1), "leerling", False),
        (D(2012, 3, 1), "ouders", False),  # 14: parents and pupil
        (D(2012, 3, 1), "ouders_en_leerling", True),
        (D(2010, 3, 1), "leerling", True),  # 16
        (D(2010, 3, 1), "ouders", False),
    ],
)
def test_wie_toestemming_geeft_hangt_af_van_de_leeftijd(
    world: World, ggd: JgzOrganisatie, jeugdarts: User, geboren: object, door: str, goed: bool
) -> None:
    world.a1.geboortedatum = geboren
    world.a1.save()
    v = met_advies(world, ggd, jeugdarts)
    login(jeugdarts).post(
        f"/jgz/{v.pk}/toestemming/",
        {"gegeven_door": door, "gegeven_op": "2026-03-24", "reikwijdte": "school"},
    )
    assert Toestemming.objects.exists() == goed
