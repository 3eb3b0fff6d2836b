"""The weekly task (run eager), running twice equals running once (hypothesis), and no model
that hangs on pupil or dossier data escapes the plan."""

from __future__ import annotations

import datetime as dt

from bewaar_hulp import D, fingerprint, gesloten_dossier, leerling_met_verzuim
from celery.schedules import crontab  # type: ignore[import-untyped]
from django.apps import apps
from django.db import models, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from web_hulp import World, make_pupil

from leerrecht.web import taken
from leerrecht.web.bewaartermijnen.models import BewaarRun
from leerrecht.web.bewaartermijnen.plan import ANONIMISEREN, VERWIJDEREN, bepaal, voer_uit
from leerrecht.web.conf import settings as instellingen

ZONDER_RUNS = frozenset({"bewaartermijnen.BewaarRun"})

#: models that point to a pupil but are the office's or the chain's data, with their own clock
#: (2 years after closing, category dossier), not deleted with the pupil's verzuim data
EIGEN_KLOK = {
    "jgz.Verwijzing",
    "vrijstellingen.Vrijstelling",
    "thuiszitters.ThuiszitterRegistratie",
}


def test_de_taak_staat_wekelijks_in_het_schema() -> None:
    taak = instellingen.CELERY_BEAT_SCHEDULE["bewaartermijnen"]
    assert taak["task"] == "leerrecht.bewaartermijnen" == taken.bewaartermijnen.name
    schema = taak["schedule"]
    assert isinstance(schema, crontab)
    assert len(schema.day_of_week) == 1 and len(schema.hour) == 1 and len(schema.minute) == 1


def test_de_taak_voert_uit_en_legt_de_run_vast(world: World) -> None:
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    rapport = taken.bewaartermijnen.delay("2025-08-01").get()
    assert rapport["uitgevoerd"] is True and rapport["totaal"] > 0
    run = BewaarRun.objects.get()
    assert run.uitgevoerd and run.totaal == rapport["totaal"]
    assert bepaal(D(2025, 8, 1)).totaal == 0


def test_de_taak_als_proefdraai_legt_alleen_het_rapport_vast(world: World) -> None:
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    voor = fingerprint(ZONDER_RUNS)
    rapport = taken.bewaartermijnen.delay("2025-08-01", proef=True).get()
    assert rapport["uitgevoerd"] is False and rapport["totaal"] > 0
    assert fingerprint(ZONDER_RUNS) == voor
    run = BewaarRun.objects.get()
    assert not run.uitgevoerd and run.rapport["totaal"] == rapport["totaal"]


uitschrijvingen = st.lists(
    st.one_of(st.none(), st.dates(min_value=D(2018, 1, 1), max_value=D(2024, 12, 31))),
    min_size=1,
    max_size=4,
)


@hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    uit=uitschrijvingen,
    gesloten=st.dates(min_value=D(2020, 2, 1), max_value=D(2025, 6, 1)),
    peildatum=st.dates(min_value=D(2022, 1, 1), max_value=D(2026, 1, 1)),
    gekoppeld=st.booleans(),
)
def test_twee_keer_uitvoeren_is_een_keer_uitvoeren(
    world: World, uit: list[dt.date | None], gesloten: dt.date, peildatum: dt.date, gekoppeld: bool
) -> None:
    with transaction.atomic():
        leerlingen = [
            leerling_met_verzuim(
                make_pupil(world.school, None, f"h{i}", ingeschreven_vanaf=D(2017, 8, 1)), u
            )
            for i, u in enumerate(uit)
        ]
        kantoor = gesloten_dossier(leerlingen[0], gesloten)
        if gekoppeld and len(leerlingen) > 1:
            kantoor.jeugdige.leerlingen.add(leerlingen[1])
        eerste = bepaal(peildatum)
        voer_uit(eerste)
        na_een = fingerprint(ZONDER_RUNS)
        tweede = bepaal(peildatum)
        assert tweede.totaal == 0 and not tweede.bestanden
        voer_uit(tweede)
        assert fingerprint(ZONDER_RUNS) == na_een
        # and what went is what the rule says: 5 years after uitschrijving, unless linked
        anoniem = {
            pk
            for lijst in eerste.onderdelen[("verzuim", "scholen.Leerling", ANONIMISEREN)].values()
            for pk in lijst
        }
        grens = eerste.grens_verzuim
        verlopen = [u is not None and u <= grens for u in uit]
        if gekoppeld and len(leerlingen) > 1:  # linked: both go only when both have expired
            verlopen[0] = verlopen[1] = verlopen[0] and verlopen[1]
        for ll, weg in zip(leerlingen, verlopen, strict=True):
            assert (ll.pk in anoniem) == weg
        transaction.set_rollback(True)


def _relaties(model: type[models.Model]) -> list[tuple[str, str]]:
    """(source label, target label) of every FK, one-to-one and many-to-many of ``model``."""
    uit = []
    for f in model._meta.get_fields():
        if f.is_relation and f.concrete and f.related_model is not None:
            doel = f.related_model
            if isinstance(doel, str):
                continue
            uit.append((model._meta.label, doel._meta.label))
    return uit


def test_geen_model_dat_aan_leerling_of_dossiergegevens_hangt_ontsnapt_aan_het_plan(
    db: None,
) -> None:
    plan = bepaal(D(2026, 1, 1))
    in_plan = {label for (_c, label, _a) in plan.onderdelen}
    verwijderd = {label for (_c, label, actie) in plan.onderdelen if actie == VERWIJDEREN}
    geanonimiseerd = {label for (_c, label, actie) in plan.onderdelen if actie == ANONIMISEREN}
    assert geanonimiseerd == {"scholen.Leerling", "meldingen.DuoMelding"}
    ontsnapt = []
    for model in apps.get_models(include_auto_created=True):
        for bron, doel in _relaties(model):
            if doel in verwijderd and bron not in in_plan:
                ontsnapt.append((bron, doel))
            if doel == "scholen.Leerling" and bron not in in_plan | EIGEN_KLOK:
                ontsnapt.append((bron, doel))
    assert ontsnapt == []
