"""Pupils: list with search and group filter, enrol, edit, uitschrijven with the legal checks,
and delete only a pupil without data that must be kept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from schoolbeheer_hulp import D, World, absent_days, login, make_pupil, pad, tekst

from leerrecht.web.scholen.models import Leerling


def gegevens(**extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "leerlingnummer": "9001",
        "voornaam": "Noor",
        "achternaam": "Jansen",
        "geboortedatum": "2016-05-12",
        "ingeschreven_vanaf": "2025-08-18",
        "woongemeente": "Kerkrade",
        "groep": "",
    }
    values.update(extra)
    return values


def test_leerling_inschrijven(world: World, beheerder: User) -> None:
    response = login(beheerder).post(
        pad("leerling_nieuw", world.school),
        gegevens(groep=world.groep_a.pk, startkwalificatie="on"),
        follow=True,
    )
    assert "Leerling Noor Jansen ingeschreven." in tekst(response)
    noor = Leerling.objects.get(school=world.school, leerlingnummer="9001")
    assert (noor.groep, noor.geboortedatum, noor.woongemeente) == (
        world.groep_a,
        D(2016, 5, 12),
        "Kerkrade",
    )
    assert noor.startkwalificatie


def test_dubbel_leerlingnummer_is_een_formulierfout_en_niets_wordt_bewaard(
    world: World, beheerder: User
) -> None:
    voor = Leerling.objects.count()
    response = login(beheerder).post(
        pad("leerling_nieuw", world.school), gegevens(leerlingnummer="a1")
    )
    assert response.status_code == 200
    html = tekst(response)
    assert "Leerlingnummer a1 is op deze school al van Leerlinga1 Test." in html
    assert "Er is niets opgeslagen." in html
    assert Leerling.objects.count() == voor


def test_hetzelfde_leerlingnummer_mag_op_een_andere_school(world: World, beheerder: User) -> None:
    login(beheerder).post(pad("leerling_nieuw", world.school), gegevens(leerlingnummer="x1"))
    assert Leerling.objects.filter(leerlingnummer="x1").count() == 2


def test_bewerken_naar_een_bestaand_leerlingnummer_kan_niet(world: World, beheerder: User) -> None:
    url = pad("leerling_bewerken", world.school, world.a1.pk)
    response = login(beheerder).post(url, gegevens(leerlingnummer="a2"))
    assert "Leerlingnummer a2 is op deze school al van Leerlinga2 Test." in tekst(response)
    world.a1.refresh_from_db()
    assert (world.a1.leerlingnummer, world.a1.voornaam) == ("a1", "Leerlinga1")


def test_geboortedatum_in_de_toekomst_geeft_de_fout_van_het_model(
    world: World, beheerder: User
) -> None:
    response = login(beheerder).post(
        pad("leerling_nieuw", world.school), gegevens(geboortedatum="2099-01-01")
    )
    assert "De geboortedatum ligt in de toekomst." in tekst(response)
    assert not Leerling.objects.filter(leerlingnummer="9001").exists()


def test_groep_van_een_andere_school_kan_niet(world: World, beheerder: User) -> None:
    andere_groep = world.other_pupil.groep
    assert andere_groep is not None
    response = login(beheerder).post(
        pad("leerling_nieuw", world.school), gegevens(groep=andere_groep.pk)
    )
    assert response.status_code == 200
    assert not Leerling.objects.filter(leerlingnummer="9001").exists()


def test_gegevens_wijzigen(world: World, beheerder: User) -> None:
    url = pad("leerling_bewerken", world.school, world.a1.pk)
    response = login(beheerder).post(
        url,
        gegevens(leerlingnummer="a1", voornaam="Anna", groep=world.groep_b.pk),
        follow=True,
    )
    assert "Gegevens van Anna Jansen opgeslagen." in tekst(response)
    world.a1.refresh_from_db()
    assert (world.a1.voornaam, world.a1.groep) == ("Anna", world.groep_b)


def test_zoeken_en_filteren_op_groep(world: World, beheerder: User) -> None:
    client = login(beheerder)
    html = tekst(client.get(pad("leerlingen", world.school, groep=str(world.groep_b.pk))))
    assert "Leerlingb1" in html and "Leerlinga1" not in html
    html = tekst(client.get(pad("leerlingen", world.school, q="a2")))
    assert "Leerlinga2" in html and "Leerlinga1" not in html
    zonder = make_pupil(world.school, None, "z1", voornaam="Zonder")
    html = tekst(client.get(pad("leerlingen", world.school, groep="geen")))
    assert str(zonder.voornaam) in html and "Leerlinga1" not in html


def test_uitgeschreven_leerlingen_apart(world: World, beheerder: User) -> None:
    make_pupil(
        world.school,
        world.groep_a,
        "weg",
        voornaam="Vertrokken",
        ingeschreven_tot=D(2020, 7, 31),
        uitschrijfreden="emigratie",
    )
    client = login(beheerder)
    assert "Vertrokken" not in tekst(client.get(pad("leerlingen", world.school)))
    assert "Vertrokken" in tekst(
        client.get(pad("leerlingen", world.school, status="uitgeschreven"))
    )


# -- uitschrijven ---------------------------------------------------------------------------------


def uitschrijven(client: Any, world: World, leerling: Leerling, **data: str) -> Any:
    return client.post(pad("leerling_uitschrijven", world.school, leerling.pk), data, follow=True)


def test_uitschrijven_naar_een_nieuwe_school(world: World, beheerder: User) -> None:
    response = uitschrijven(
        login(beheerder),
        world,
        world.a1,
        ingeschreven_tot="2026-03-31",
        uitschrijfreden="nieuwe_school",
        nieuwe_inschrijving_vanaf="2026-04-01",
    )
    assert "is uitgeschreven; de laatste dag is 2026-03-31." in tekst(response)
    world.a1.refresh_from_db()
    assert (
        world.a1.ingeschreven_tot,
        world.a1.uitschrijfreden,
        world.a1.nieuwe_inschrijving_vanaf,
    ) == (
        D(2026, 3, 31),
        "nieuwe_school",
        D(2026, 4, 1),
    )


def test_nieuwe_inschrijving_moet_aansluiten(world: World, beheerder: User) -> None:
    response = uitschrijven(
        login(beheerder),
        world,
        world.a1,
        ingeschreven_tot="2026-03-31",
        uitschrijfreden="nieuwe_school",
        nieuwe_inschrijving_vanaf="2026-04-14",
    )
    assert (
        "de laatste dag hier hoort de dag voor de eerste dag op de nieuwe school te zijn (2026-04-13)"
        in tekst(response)
    )
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_tot is None


def test_leerplichtige_zonder_reden_uitschrijven_kan_niet(world: World, beheerder: User) -> None:
    response = uitschrijven(login(beheerder), world, world.a1, ingeschreven_tot="2026-03-31")
    html = tekst(response)
    assert "nog leerplichtig" in html
    assert "kies de reden" in html
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_tot is None


def test_wie_niet_meer_leerplichtig_is_mag_zonder_reden_weg(world: World, beheerder: User) -> None:
    volwassen = make_pupil(world.school, world.groep_a, "v1", geboortedatum=D(2006, 1, 10))
    uitschrijven(login(beheerder), world, volwassen, ingeschreven_tot="2026-03-31")
    volwassen.refresh_from_db()
    assert volwassen.ingeschreven_tot == D(2026, 3, 31)


def test_uitschrijfdatum_voor_de_inschrijving_geeft_de_fout_van_het_model(
    world: World, beheerder: User
) -> None:
    response = uitschrijven(
        login(beheerder),
        world,
        world.a1,
        ingeschreven_tot="2018-01-31",
        uitschrijfreden="emigratie",
    )
    assert "De uitschrijfdatum ligt voor de inschrijfdatum." in tekst(response)
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_tot is None


def test_nieuwe_school_datum_alleen_bij_nieuwe_school(world: World, beheerder: User) -> None:
    response = uitschrijven(
        login(beheerder),
        world,
        world.a1,
        ingeschreven_tot="2026-03-31",
        uitschrijfreden="emigratie",
        nieuwe_inschrijving_vanaf="2026-04-01",
    )
    assert "Vul dit alleen in bij inschrijving op een andere school." in tekst(response)


def test_uitschrijving_ongedaan_maken(world: World, beheerder: User) -> None:
    Leerling.objects.filter(pk=world.a1.pk).update(
        ingeschreven_tot=D(2026, 3, 31), uitschrijfreden="emigratie"
    )
    response = uitschrijven(login(beheerder), world, world.a1, actie="ongedaan")
    assert "is ongedaan gemaakt" in tekst(response)
    world.a1.refresh_from_db()
    assert (world.a1.ingeschreven_tot, world.a1.uitschrijfreden) == (None, "")


def test_inschrijving_kan_niet_na_de_uitschrijving_beginnen(world: World, beheerder: User) -> None:
    Leerling.objects.filter(pk=world.a1.pk).update(
        ingeschreven_tot=D(2026, 3, 31), uitschrijfreden="emigratie"
    )
    response = login(beheerder).post(
        pad("leerling_bewerken", world.school, world.a1.pk),
        gegevens(leerlingnummer="a1", ingeschreven_vanaf="2026-04-15"),
    )
    assert response.status_code == 200
    assert "Maak eerst de uitschrijving ongedaan." in tekst(response)
    world.a1.refresh_from_db()
    assert world.a1.ingeschreven_vanaf == D(2019, 8, 1)


# -- verwijderen ----------------------------------------------------------------------------------


def test_leerling_met_registraties_wordt_niet_verwijderd(world: World, beheerder: User) -> None:
    absent_days(world.a1, [D(2026, 3, 2)])
    client = login(beheerder)
    assert "kan niet worden verwijderd" in tekst(
        client.get(pad("leerling_bewerken", world.school, world.a1.pk))
    )
    response = client.post(pad("leerling_verwijderen", world.school, world.a1.pk), follow=True)
    html = tekst(response)
    assert (
        "kan niet worden verwijderd: er zijn gegevens van deze leerling die bewaard moeten blijven (1 registratie)"
        in html
    )
    assert "Schrijf de leerling uit." in html
    assert Leerling.objects.filter(pk=world.a1.pk).exists()
    assert world.a1.registraties.count() == 1


def test_leerling_zonder_gegevens_kan_weg(world: World, beheerder: User) -> None:
    vergissing = make_pupil(world.school, world.groep_a, "oeps")
    response = login(beheerder).post(
        pad("leerling_verwijderen", world.school, vergissing.pk), follow=True
    )
    assert "Leerling Leerlingoeps Test verwijderd." in tekst(response)
    assert not Leerling.objects.filter(pk=vergissing.pk).exists()


def test_bewaarde_evaluaties_houden_het_verwijderen_niet_tegen(
    world: World, beheerder: User
) -> None:
    """A stored evaluation is derived data: it neither counts as data to keep nor blocks."""
    from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie

    vergissing = make_pupil(world.school, world.groep_a, "oeps")
    LeerlingInvoer.objects.create(leerling=vergissing, versie=7)
    PupilEvaluatie.objects.create(
        leerling=vergissing, peildatum=D(2026, 3, 6), versie=7, vingerafdruk="x", resultaat={}
    )
    response = login(beheerder).post(
        pad("leerling_verwijderen", world.school, vergissing.pk), follow=True
    )
    assert "Leerling Leerlingoeps Test verwijderd." in tekst(response)
    assert not Leerling.objects.filter(pk=vergissing.pk).exists()
