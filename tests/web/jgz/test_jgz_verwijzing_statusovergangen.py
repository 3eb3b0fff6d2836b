"""The status chain of a M@ZL referral (seed 003 §7 'Stappenplan'; seed 000 §1.1.1
'Twijfelachtig ziekteverzuim'): aangemeld -> uitgenodigd -> verschenen -> advies gegeven ->
afgesloten, uitgenodigd -> niet verschenen -> uitgenodigd again, and after the second time 'niet
verschenen' the school may report overig verzuim. One map decides; the history is append only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from jgz_hulp import VANDAAG, D, World, verwijs

from leerrecht.web.jgz.models import JgzOrganisatie, Status, VerwijzingWijziging
from leerrecht.web.jgz.statussen import (
    TRANSITIES,
    StatusFout,
    mag_overig_verzuim_melden,
    toegestaan,
    wijzig_status,
)

pytestmark = pytest.mark.django_db


def test_elke_status_staat_in_de_kaart_en_afgerond_is_eindstatus() -> None:
    assert set(TRANSITIES) == set(Status)
    assert TRANSITIES[Status.AFGESLOTEN] == frozenset()
    assert TRANSITIES[Status.INGETROKKEN] == frozenset()
    for volgende in TRANSITIES.values():
        assert Status.AANGEMELD not in volgende


def test_de_hele_keten_tot_afgesloten(world: World, ggd: JgzOrganisatie, jeugdarts: User) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 3, 10))
    assert v.afspraak_op == D(2026, 3, 10)
    wijzig_status(v, Status.VERSCHENEN, jeugdarts, school=False, datum=D(2026, 3, 10))
    wijzig_status(
        v, Status.ADVIES_GEGEVEN, jeugdarts, school=False, advies="Halve dagen naar school."
    )
    wijzig_status(v, Status.AFGESLOTEN, jeugdarts, school=False)
    v.refresh_from_db()
    assert v.status == Status.AFGESLOTEN
    assert v.advies_aan_school == "Halve dagen naar school." and v.advies_op == VANDAAG
    assert [w.naar for w in v.geschiedenis.all()] == [
        "aangemeld",
        "uitgenodigd",
        "verschenen",
        "advies_gegeven",
        "afgesloten",
    ]
    assert toegestaan(v.status, school=False) == []


def test_twee_keer_niet_verschenen_dan_mag_de_school_overig_verzuim_melden(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    """Seed 003 §7 NB: 'Bij twee keer niet verschijnen bij de jeugdarts wordt er een melding bij
    de leerplichtambtenaar gedaan'."""
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 3, 9))
    wijzig_status(v, Status.NIET_VERSCHENEN, jeugdarts, school=False, datum=D(2026, 3, 9))
    assert v.keer_niet_verschenen == 1 and not mag_overig_verzuim_melden(v)
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 3, 16))
    wijzig_status(v, Status.NIET_VERSCHENEN, jeugdarts, school=False, datum=D(2026, 3, 16))
    assert v.keer_niet_verschenen == 2 and mag_overig_verzuim_melden(v)
    assert v.laatste_niet_verschenen() == D(2026, 3, 16)


def test_twente_meldt_al_na_een_keer_niet_verschijnen(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    """Seed 001 'Ziekte': 'Bij niet verschijnen bij de GGD-JGZ zonder goede reden, melden bij de
    leerplichtambtenaar'."""
    world.school.protocol = "twente-po"
    world.school.save()
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 3, 9))
    wijzig_status(v, Status.NIET_VERSCHENEN, jeugdarts, school=False, datum=D(2026, 3, 9))
    assert mag_overig_verzuim_melden(v)


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (Status.AANGEMELD, Status.VERSCHENEN),
        (Status.AANGEMELD, Status.ADVIES_GEGEVEN),
        (Status.UITGENODIGD, Status.ADVIES_GEGEVEN),
        (Status.NIET_VERSCHENEN, Status.ADVIES_GEGEVEN),
    ],
)
def test_overgang_buiten_de_kaart_wordt_geweigerd(
    world: World, ggd: JgzOrganisatie, jeugdarts: User, van: Status, naar: Status
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    v.status = van
    v.save()
    with pytest.raises(StatusFout, match="kan niet naar"):
        wijzig_status(v, naar, jeugdarts, school=False, datum=D(2026, 3, 9), advies="x")
    v.refresh_from_db()
    assert v.status == van


def test_alleen_de_school_trekt_in_en_alleen_de_jeugdarts_nodigt_uit(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    with pytest.raises(StatusFout, match="Alleen de jeugdarts"):
        wijzig_status(v, Status.UITGENODIGD, world.coordinator, school=True, datum=VANDAAG)
    with pytest.raises(StatusFout, match="Alleen de school"):
        wijzig_status(v, Status.INGETROKKEN, jeugdarts, school=False)
    assert toegestaan(Status.AANGEMELD, school=True) == [Status.INGETROKKEN]
    assert toegestaan(Status.AANGEMELD, school=False) == [Status.UITGENODIGD]
    wijzig_status(v, Status.INGETROKKEN, world.coordinator, school=True)
    assert v.status == Status.INGETROKKEN


def test_uitnodiging_vraagt_een_datum_advies_vraagt_tekst_consult_niet_in_de_toekomst(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    with pytest.raises(StatusFout, match="datum van de afspraak"):
        wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False)
    wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=D(2026, 4, 1))
    with pytest.raises(StatusFout, match="toekomst"):
        wijzig_status(v, Status.VERSCHENEN, jeugdarts, school=False, datum=D(2026, 4, 1))
    wijzig_status(v, Status.VERSCHENEN, jeugdarts, school=False, datum=VANDAAG)
    with pytest.raises(StatusFout, match="advies aan school"):
        wijzig_status(v, Status.ADVIES_GEGEVEN, jeugdarts, school=False, advies="  ")


def test_geschiedenis_wordt_nooit_gewijzigd_of_verwijderd(
    world: World, ggd: JgzOrganisatie
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator)
    regel = VerwijzingWijziging.objects.get(verwijzing=v)
    regel.naar = Status.AFGESLOTEN
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        regel.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        regel.delete()
