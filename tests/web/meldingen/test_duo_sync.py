"""Concept DUO-meldingen from the rules: created once, prefilled, and never changed after they
were reported (except the einddatum of langdurig relatief verzuim)."""

from __future__ import annotations

from decimal import Decimal

from duo_hulp import (
    DAGEN_16_UUR,
    PEILDATUM_16_UUR,
    concept_16_uur,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import D, World, absent_days

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.web import evaluatie
from leerrecht.web.meldingen.models import DuoMelding, Status, StatusWijziging
from leerrecht.web.meldingen.services import sync_concepten, synchroniseer, verzuimdagen
from leerrecht.web.meldingen.statussen import wijzig_status
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Locatie


def test_sync_maakt_een_ingevuld_concept_voor_een_16_urenmelding(world: World) -> None:
    melding = concept_16_uur(world)
    assert melding.school == world.school
    assert melding.status == Status.CONCEPT
    assert (melding.soort, melding.begin, melding.einde) == ("16_uur", D(2026, 3, 2), D(2026, 3, 5))
    assert melding.uren == Decimal("16.50")
    assert melding.uiterlijk == D(2026, 3, 12)  # 5 werkdagen na de dag dat 16 uur bereikt is
    assert (melding.volgnummer, melding.bereikt) == (1, D(2026, 3, 5))
    assert melding.woongemeente == "Heerlen"
    assert melding.verzuimdagen == "2026-03-02 hele dag; 2026-03-03 hele dag; 2026-03-05 hele dag"
    assert "16 uur in 4" in melding.uitleg and "2026-03-05" in melding.uitleg
    assert melding.meldingsnummer == "" and melding.contactpersoon is None
    (aangemaakt,) = melding.geschiedenis.all()
    assert (aangemaakt.van, aangemaakt.naar, aangemaakt.door) == ("", Status.CONCEPT, None)


def test_sync_maakt_nog_geen_concept_voordat_de_grens_bereikt_is(world: World) -> None:
    absent_days(world.a1, DAGEN_16_UUR)
    assert sync_concepten(world.school, D(2026, 3, 4)) == 0
    assert not DuoMelding.objects.exists()


def test_sync_twee_keer_maakt_niets_nieuw(world: World) -> None:
    concept_16_uur(world)
    assert sync_concepten(world.school, PEILDATUM_16_UUR) == 0
    assert sync_concepten(world.school, D(2026, 3, 20)) == 0
    assert DuoMelding.objects.count() == 1
    assert StatusWijziging.objects.count() == 1


def test_sync_neemt_alleen_leerlingen_van_de_eigen_school_mee(world: World) -> None:
    absent_days(world.other_pupil, DAGEN_16_UUR)
    assert sync_concepten(world.school, PEILDATUM_16_UUR) == 0
    assert sync_concepten(world.other_school, PEILDATUM_16_UUR) == 1
    assert DuoMelding.objects.get().school == world.other_school


def test_sync_neemt_de_locatie_van_de_groep_over(world: World) -> None:
    locatie = Locatie.objects.create(school=world.school, naam="Dependance Zuid")
    world.groep_a.locatie = locatie
    world.groep_a.save()
    assert concept_16_uur(world).locatie == locatie


def test_verzuimdagen_noemen_hele_dagen_en_uren(world: World) -> None:
    absent_days(world.a1, DAGEN_16_UUR)
    Registratie.objects.create(
        leerling=world.a1,
        datum=D(2026, 3, 4),
        moment="dag",
        soort="late",
        reden="ongeoorloofd",
        uren=Decimal("0.5"),
    )
    sync_concepten(world.school, PEILDATUM_16_UUR)
    melding = DuoMelding.objects.get()
    assert melding.verzuimdagen == (
        "2026-03-02 hele dag; 2026-03-03 hele dag; 2026-03-04 0.5 uur (te laat); "
        "2026-03-05 hele dag"
    )
    assert melding.uren == Decimal("17.00")


def test_verzuimdagen_van_een_halve_dag() -> None:
    from leerrecht.core.calendar import build_calendar
    from leerrecht.core.vacations import Region, shipped_vacations

    vacations, years = shipped_vacations(Region.ZUID)
    calendar = build_calendar({0: 5.5, 1: 5.5, 2: 3.75, 3: 5.5, 4: 5.5}, vacations, [], years)
    regs = [
        Registration("1", D(2026, 3, 3), Kind.ABSENT, Reason.ONGEOORLOOFD, hours=2.75),
        Registration("1", D(2026, 3, 2), Kind.ABSENT, Reason.ONGEOORLOOFD),
        Registration("1", D(2026, 3, 3), Kind.ABSENT, Reason.ONGEOORLOOFD, hours=1.0),
    ]
    assert verzuimdagen(regs, calendar) == "2026-03-02 hele dag; 2026-03-03 3.75 uur"


def test_een_concept_volgt_de_regels_en_houdt_de_aanvulling_van_de_school(world: World) -> None:
    melding = concept_16_uur(world)
    melding.toelichting = "Ouders gebeld op 6 maart."
    melding.save()
    absent_days(world.a1, [D(2026, 3, 4)])  # een correctie: ook woensdag afwezig
    resultaat = synchroniseer(world.school, PEILDATUM_16_UUR)
    assert (resultaat.aangemaakt, resultaat.bijgewerkt) == (0, 1)
    melding.refresh_from_db()
    assert melding.uren == Decimal("20.25")
    assert "2026-03-04 hele dag" in melding.verzuimdagen
    assert melding.toelichting == "Ouders gebeld op 6 maart."


def test_een_gemelde_melding_wordt_nooit_gewijzigd_door_sync(world: World) -> None:
    melding = concept_16_uur(world)
    wijzig_status(melding, Status.GEMELD, world.coordinator, meldingsnummer="VM-1")
    melding.refresh_from_db()
    voor = {f.attname: getattr(melding, f.attname) for f in DuoMelding._meta.concrete_fields}
    absent_days(world.a1, [D(2026, 3, 4)])
    Registratie.objects.filter(leerling=world.a1, datum=D(2026, 3, 2)).update(reden="ziek")
    world.a1.woongemeente = "Kerkrade"
    world.a1.save()
    resultaat = synchroniseer(world.school, PEILDATUM_16_UUR)
    melding.refresh_from_db()
    na = {f.attname: getattr(melding, f.attname) for f in DuoMelding._meta.concrete_fields}
    assert na == voor
    assert resultaat.vervallen == []  # alleen concepten kunnen vervallen
    assert melding.geschiedenis.count() == 2  # aangemaakt en gemeld, verder niets


def test_een_concept_dat_niet_meer_nodig_is_blijft_bestaan_en_wordt_gesignaleerd(
    world: World,
) -> None:
    melding = concept_16_uur(world)
    Registratie.objects.filter(leerling=world.a1).update(reden="ziek")  # correctie: ziek gemeld
    resultaat = synchroniseer(world.school, PEILDATUM_16_UUR)
    assert resultaat.vervallen == [melding]
    melding.refresh_from_db()
    assert melding.status == Status.CONCEPT


def _lrv_tot_en_met_17_april(world: World) -> None:
    calendar = evaluatie.calendar_for(world.school)
    absent_days(world.a1, calendar.school_days_between(D(2026, 3, 2), D(2026, 4, 17)))


def test_lrv_wordt_open_gemeld_en_krijgt_later_een_einddatum(world: World) -> None:
    _lrv_tot_en_met_17_april(world)
    sync_concepten(world.school, D(2026, 4, 8))
    lrv = DuoMelding.objects.get(leerling=world.a1, soort="lrv")
    assert (lrv.begin, lrv.einde, lrv.bereikt) == (D(2026, 3, 27), None, D(2026, 3, 30))
    wijzig_status(lrv, Status.GEMELD, world.coordinator, meldingsnummer="VM-LRV-7")
    # maandag 20 april: nog geen registratie, maar het register kan nog genomen worden
    assert synchroniseer(world.school, D(2026, 4, 20)).einde_ingevuld == 0
    lrv.refresh_from_db()
    assert lrv.einde is None
    # dinsdag 21 april: de leerling was maandag op school, het LRV is voorbij
    resultaat = synchroniseer(world.school, D(2026, 4, 21))
    assert (resultaat.aangemaakt, resultaat.einde_ingevuld) == (0, 1)
    lrv.refresh_from_db()
    assert lrv.einde == D(2026, 4, 17)
    assert (lrv.status, lrv.meldingsnummer) == (Status.GEMELD, "VM-LRV-7")
    laatste = lrv.geschiedenis.last()
    assert laatste is not None
    assert (laatste.van, laatste.naar, laatste.door) == (Status.GEMELD, Status.GEMELD, None)
    assert "2026-04-17" in laatste.notitie
    # en daarna verandert er niets meer
    assert synchroniseer(world.school, D(2026, 4, 22)).einde_ingevuld == 0
    assert lrv.geschiedenis.count() == 3


def test_lrv_in_concept_volgt_de_lopende_uren(world: World) -> None:
    _lrv_tot_en_met_17_april(world)
    sync_concepten(world.school, D(2026, 4, 8))
    lrv = DuoMelding.objects.get(leerling=world.a1, soort="lrv")
    uren_8_april = lrv.uren
    sync_concepten(world.school, D(2026, 4, 17))
    lrv.refresh_from_db()
    assert lrv.uren > uren_8_april and lrv.einde is None
    sync_concepten(world.school, D(2026, 4, 22))
    lrv.refresh_from_db()
    assert lrv.einde == D(2026, 4, 17) and lrv.status == Status.CONCEPT


def test_een_ingetrokken_lrv_krijgt_geen_einddatum(world: World) -> None:
    _lrv_tot_en_met_17_april(world)
    sync_concepten(world.school, D(2026, 4, 8))
    lrv = DuoMelding.objects.get(leerling=world.a1, soort="lrv")
    wijzig_status(lrv, Status.INGETROKKEN, world.coordinator)
    assert synchroniseer(world.school, D(2026, 4, 22)).einde_ingevuld == 0
    lrv.refresh_from_db()
    assert lrv.einde is None


def test_twee_gelijktijdige_syncs_maken_de_melding_maar_een_keer(world: World) -> None:
    """The unique constraint settles a race: the second create is skipped, not an error."""
    from leerrecht.web.meldingen import services

    absent_days(world.a1, DAGEN_16_UUR)
    evaluation = evaluatie.evaluate_pupils(world.school, [world.a1], PEILDATUM_16_UUR)
    (m,) = evaluation.meldingen
    calendar = evaluatie.calendar_for(world.school)
    waarden = services._waarden(m, world.a1, calendar, PEILDATUM_16_UUR)
    assert services._maak_concept(world.school, world.a1, m, waarden, PEILDATUM_16_UUR)
    assert not services._maak_concept(world.school, world.a1, m, waarden, PEILDATUM_16_UUR)
    assert DuoMelding.objects.count() == 1 and StatusWijziging.objects.count() == 1


def test_een_concept_overig_verzuim_vervalt_nooit_door_de_regels(world: World) -> None:
    """Overig verzuim is the school's own decision (e.g. after missed consults at the jeugdarts,
    seed 003 §7): the rules never produce it, so they cannot call it no longer needed."""
    melding = DuoMelding.objects.create(
        school=world.school,
        leerling=world.a1,
        soort="overig",
        begin=D(2026, 3, 2),
        uren=Decimal("0"),
        uiterlijk=D(2026, 3, 9),
        bereikt=D(2026, 3, 2),
    )
    resultaat = synchroniseer(world.school, PEILDATUM_16_UUR)
    assert melding not in resultaat.vervallen
