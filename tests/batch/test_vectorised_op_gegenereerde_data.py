"""On generated data (``leerrecht generate``, 2,000 pupils, two seeds) the vectorised evaluation
equals the per-pupil reference, and its candidate filter is sound: the reference finds nothing
for a pupil the filter let through that only the reference could find."""

from __future__ import annotations

from functools import cache

import polars as pl
import pytest

from leerrecht.batch.generate import Generated, generate
from leerrecht.batch.outcome import Outcome
from leerrecht.batch.reference import evaluate_reference
from leerrecht.batch.vectorised import Plan, evaluate_frames, plan

PUPILS = 2000
SEEDS = (1, 2)


@cache
def _data(seed: int) -> Generated:
    return generate(PUPILS, seed)


@cache
def _reference(seed: int, with_protocol: bool) -> Outcome:
    g = _data(seed)
    return evaluate_reference(g, g.as_of, with_protocol=with_protocol)


def _plan(seed: int, with_protocol: bool) -> Plan:
    g = _data(seed)
    return plan(g, g.as_of, with_protocol)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("with_protocol", [True, False], ids=["met-protocol", "zonder-protocol"])
def test_vectorised_equals_reference_on_generated_data(seed: int, with_protocol: bool) -> None:
    g = _data(seed)
    outcome = evaluate_frames(g, g.as_of, with_protocol=with_protocol, workers=1)
    reference = _reference(seed, with_protocol)
    assert outcome.equals(reference), outcome.diff(reference)
    assert reference.meldingen.height > 0 and reference.checks.height > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_pupils_outside_the_candidates_get_no_16_uur_or_lrv_from_the_reference(seed: int) -> None:
    decided = _plan(seed, with_protocol=False)
    candidates = decided.candidate_ids
    assert 0 < len(candidates) < PUPILS // 20
    luxe = set(decided.pupils.filter(pl.Series(decided.flags["luxe"])).get_column("pupil_id"))
    reference = _reference(seed, False)
    others = reference.meldingen.filter(~pl.col("pupil_id").is_in(sorted(candidates)))
    # only luxe verzuim (18+ verzuim for an 18-year-old), and only where the filter saw it
    assert set(others.get_column("soort").unique().to_list()) <= {"luxe", "18plus"}
    assert set(others.get_column("pupil_id").to_list()) <= luxe
    groups = (
        reference.thuiszitters.filter(~pl.col("pupil_id").is_in(sorted(candidates)))
        .get_column("group")
        .unique()
        .to_list()
    )
    assert set(groups) <= {"absoluut"}  # LRV (2a/2b) only for candidates


@pytest.mark.parametrize("seed", SEEDS)
def test_pupils_left_to_this_engine_reach_no_step_only_the_reference_evaluates(
    seed: int,
) -> None:
    decided = _plan(seed, with_protocol=True)
    full = decided.candidates.filter(pl.col("volledig")).get_column("pupil_id").to_list()
    statutory = decided.candidates.filter(~pl.col("volledig")).get_column("pupil_id")
    unsupported = {
        name.split(":")[1]
        for name, info in decided.stats.get("protocol", {}).items()
        if "referentie" in info
    }
    reference = _reference(seed, True)
    others = ~pl.col("pupil_id").is_in(full)
    reached = reference.signals.filter(others & pl.col("step").is_in(sorted(unsupported)))
    assert reached.height == 0
    # pupils outside the candidates get no 16 uur or LRV melding
    quiet = others & ~pl.col("pupil_id").is_in(statutory.to_list())
    soorten = reference.meldingen.filter(quiet).get_column("soort").unique().to_list()
    assert set(soorten) <= {"overig", "luxe", "18plus"}
