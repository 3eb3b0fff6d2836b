"""The dry run changes nothing; execution removes exactly the planned rows and the stored files,
anonymises the pupil and its DUO meldingen (the school's jaarcijfers stay the same), keeps
everything of a pupil still enrolled or re-enrolled elsewhere, and the report names nobody."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bewaar_hulp import (
    D,
    afgesloten_verwijzing,
    auditregel,
    fingerprint,
    gesloten_dossier,
    leerling_met_verzuim,
    opgeloste_thuiszitter,
    rijen_per_model,
    toegekende_vrijstelling,
)
from django.core.management import call_command
from web_hulp import World, make_pupil

from leerrecht.web.bewaartermijnen.models import BewaarRun
from leerrecht.web.bewaartermijnen.plan import (
    ANONIEME_ACHTERNAAM,
    ANONIMISEREN,
    VERWIJDEREN,
    Plan,
    PlanVerouderd,
    als_tekst,
    bepaal,
    voer_uit,
)
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.thuiszitters.analyse import school_jaarcijfers

PEILDATUM = D(2025, 9, 14)


def rijk(world: World) -> None:
    """a1 left 5+ years ago with a closed dossier, a2 left too recently, b1 still enrolled."""
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    leerling_met_verzuim(world.a2, D(2020, 9, 15))
    leerling_met_verzuim(world.b1, None)
    kantoor = gesloten_dossier(world.a1, D(2023, 9, 1))
    opgeloste_thuiszitter(kantoor.jeugdige, D(2023, 6, 1))
    afgesloten_verwijzing(world.a1, D(2023, 5, 1))
    toegekende_vrijstelling(kantoor.jeugdige, D(2023, 8, 1))
    auditregel(D(2020, 1, 1), world.a1)
    auditregel(D(2024, 1, 1), world.a1)


def test_de_proefdraai_verandert_niets(world: World) -> None:
    rijk(world)
    voor = fingerprint()
    plan = bepaal(PEILDATUM)
    assert plan.totaal > 0
    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=StringIO())
    call_command("bewaartermijnen", "--json", stdout=StringIO())
    assert fingerprint() == voor
    assert not BewaarRun.objects.exists()


def test_uitvoeren_verwijdert_precies_het_plan_en_de_bestanden(
    world: World, data_map: Path, django_capture_on_commit_callbacks: Any
) -> None:
    rijk(world)
    plan = bepaal(PEILDATUM)
    bestanden = [
        data_map / ("dossier-documenten" if k == "dossiers.Document" else "verlof-bijlagen") / n
        for k, n in plan.bestanden
    ]
    assert len(bestanden) == 2 and all(p.exists() for p in bestanden)
    alle = list(data_map.rglob("*.*"))
    voor = rijen_per_model()
    with django_capture_on_commit_callbacks(execute=True):
        voer_uit(plan)
    na = rijen_per_model()
    verwacht = {
        label: plan.aantal((cat, label, actie))
        for (cat, label, actie) in plan.onderdelen
        if actie == VERWIJDEREN
    }
    for label, aantal in voor.items():
        weg = verwacht.get(label, 0)
        extra = 1 if label == "bewaartermijnen.BewaarRun" else 0
        assert na[label] == aantal - weg + extra, label
    assert not any(p.exists() for p in bestanden)
    assert [p for p in alle if p.exists()] == [p for p in alle if p not in bestanden]
    # the other pupils keep everything
    assert Registratie.objects.filter(leerling=world.a2).count() == 1
    assert Registratie.objects.filter(leerling=world.b1).count() == 1
    assert not Registratie.objects.filter(leerling=world.a1).exists()


def test_de_leerling_en_zijn_meldingen_worden_geanonimiseerd(world: World) -> None:
    rijk(world)
    voer_uit(bepaal(PEILDATUM))
    a1 = Leerling.objects.get(pk=world.a1.pk)
    assert (a1.voornaam, a1.achternaam, a1.woongemeente) == ("", ANONIEME_ACHTERNAAM, "")
    assert a1.leerlingnummer == f"anoniem-{a1.pk}"
    assert a1.geboortedatum == D(2015, 1, 1) and a1.groep is None
    assert a1.ingeschreven_tot == D(2020, 7, 31) and a1.school == world.school
    m = DuoMelding.objects.get(leerling=a1)
    assert (m.toelichting, m.verzuimdagen, m.woongemeente, m.contactpersoon) == ("", "", "", None)
    assert m.meldingsnummer == f"anoniem-{m.pk}" and m.status == "gemeld"
    a2 = Leerling.objects.get(pk=world.a2.pk)
    assert a2.voornaam == world.a2.voornaam and a2.leerlingnummer == "a2"


def test_de_jaarcijfers_van_de_school_blijven_gelijk(world: World) -> None:
    rijk(world)
    voor = school_jaarcijfers(world.school, 2019, D(2026, 1, 1))
    assert voor.meldingen_totaal == 3
    voer_uit(bepaal(PEILDATUM))
    assert school_jaarcijfers(world.school, 2019, D(2026, 1, 1)) == voor


def test_een_leerling_die_elders_weer_is_ingeschreven_blijft_helemaal(world: World) -> None:
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    kantoor = gesloten_dossier(world.a1, D(2023, 9, 1))
    # the same child at De Eik, still enrolled there: linked through the office's jeugdige
    elders = make_pupil(world.other_school, None, "e1", ingeschreven_vanaf=D(2020, 8, 1))
    kantoor.jeugdige.leerlingen.add(elders)
    plan = bepaal(PEILDATUM)
    assert not plan.onderdelen[("verzuim", "scholen.Leerling", ANONIMISEREN)]
    assert not plan.onderdelen[("verzuim", "registratie.Registratie", VERWIJDEREN)]
    # left there too, 5 years ago: now both go
    Leerling.objects.filter(pk=elders.pk).update(ingeschreven_tot=D(2020, 9, 1))
    plan = bepaal(D(2025, 9, 1))
    anoniem = {
        p
        for lijst in plan.onderdelen[("verzuim", "scholen.Leerling", ANONIMISEREN)].values()
        for p in lijst
    }
    assert anoniem == {world.a1.pk, elders.pk}


def test_het_rapport_noemt_niemand(world: World) -> None:
    rijk(world)
    plan = bepaal(PEILDATUM)
    teksten = [json.dumps(plan.rapport(), ensure_ascii=False), als_tekst(plan)]
    voer_uit(plan)
    run = BewaarRun.objects.get()
    teksten.append(json.dumps(run.rapport, ensure_ascii=False))
    out = StringIO()
    call_command("bewaartermijnen", "--peildatum", "2026-01-01", stdout=out)
    teksten.append(out.getvalue())
    namen = [
        w
        for ll in (world.a1, world.a2, world.b1)
        for w in (ll.voornaam, ll.achternaam, ll.leerlingnummer, str(ll.geboortedatum))
    ] + ["Gesprek met vader", "ouder@example.org", "DUO-a1", "Heerlen"]
    for tekst in teksten:
        for naam in namen:
            assert naam not in tekst
    assert "De Linde" in teksten[1] and "scholen.Leerling: 1 anonimiseren" in teksten[1]


def test_een_plan_dat_niet_meer_klopt_wordt_niet_uitgevoerd(world: World) -> None:
    rijk(world)
    plan = bepaal(PEILDATUM)
    Registratie.objects.create(leerling=world.a1, datum=D(2020, 3, 3), soort="absent", reden="ziek")
    voor = fingerprint()
    with pytest.raises(PlanVerouderd, match="maak het plan opnieuw"):
        voer_uit(plan)
    assert fingerprint() == voor


def test_het_commando_voert_uit_en_legt_de_run_vast(world: World) -> None:
    rijk(world)
    out = StringIO()
    call_command(
        "bewaartermijnen", "--peildatum", "2025-09-14", "--uitvoeren", "--json", stdout=out
    )
    rapport = json.loads(out.getvalue())
    assert rapport["uitgevoerd"] is True and rapport["totaal"] > 0
    run = BewaarRun.objects.get()
    assert run.uitgevoerd and run.totaal == rapport["totaal"] and run.peildatum == PEILDATUM
    assert bepaal(PEILDATUM).totaal == 0


def test_een_verkeerde_peildatum_geeft_een_nederlandse_fout(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("bewaartermijnen", "--peildatum", "14-09-2025", stderr=StringIO())


def _leeg(plan: Plan) -> bool:
    return plan.totaal == 0 and not plan.bestanden


def test_na_een_run_is_er_niets_meer_te_doen(world: World) -> None:
    rijk(world)
    voer_uit(bepaal(PEILDATUM))
    assert _leeg(bepaal(PEILDATUM))
    assert dt.date(2025, 9, 14) == PEILDATUM
