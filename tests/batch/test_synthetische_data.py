"""The synthetic data of `leerrecht generate`: reproducible, in the agreed schema, only on school
days within the enrolment, readable as batch DATA_DIRs, and with the patterns the benchmark
needs (16 uur and herhaalmeldingen, luxe verzuim, LRV and thuiszitters, absoluut verzuim)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from leerrecht.batch.generate import (
    ABSENCE_SCHEMA,
    PUPIL_SCHEMA,
    SCHOOL_SCHEMA,
    Generated,
    GenerateError,
    generate,
    read,
    school_calendar,
    write,
)
from leerrecht.batch.loader import SchoolData, load_data_dir
from leerrecht.cli import main
from leerrecht.core.calendar import WEEKDAYS
from leerrecht.core.evaluate import Evaluation, evaluate


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refuses bad arguments with exit 2
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def klein() -> Generated:
    return generate(3000, seed=11)


@pytest.fixture(scope="module")
def groot() -> Generated:
    return generate(20000, seed=3)


@pytest.fixture(scope="module")
def als_csv(klein: Generated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetisch") / "csv"
    write(klein, out, "csv")
    return out


@pytest.fixture(scope="module")
def geladen(als_csv: Path) -> list[SchoolData]:
    return [load_data_dir(d) for d in sorted(als_csv.iterdir()) if d.is_dir()]


@pytest.fixture(scope="module")
def evaluaties(geladen: list[SchoolData], klein: Generated) -> list[Evaluation]:
    return [
        evaluate(data.school, data.pupils, data.registrations, data.verloven, klein.as_of)
        for data in geladen
    ]


# -- reproducible ------------------------------------------------------------------------------


def test_zelfde_seed_geeft_identieke_tabellen(klein: Generated) -> None:
    again = generate(3000, seed=11)
    assert again.schools.equals(klein.schools)
    assert again.pupils.equals(klein.pupils)
    assert again.absences.equals(klein.absences)
    assert again.as_of == klein.as_of


def test_andere_seed_geeft_andere_registraties(klein: Generated) -> None:
    other = generate(3000, seed=12)
    assert not other.absences.equals(klein.absences)


# -- schema ------------------------------------------------------------------------------------


def test_tabellen_volgen_het_afgesproken_schema(klein: Generated) -> None:
    assert dict(klein.schools.schema) == SCHOOL_SCHEMA
    assert dict(klein.pupils.schema) == PUPIL_SCHEMA
    assert dict(klein.absences.schema) == ABSENCE_SCHEMA
    assert klein.school_year == 2025
    assert klein.as_of == dt.date(2026, 7, 31)


def test_aantallen_leerlingen_en_scholen(klein: Generated) -> None:
    assert klein.pupils.height == 3000
    assert klein.schools.height == 6
    assert klein.pupils["pupil_id"].n_unique() == 3000
    assert klein.pupils.group_by("school_id").len()["len"].to_list() == [500] * 6


def test_laatste_school_krijgt_de_rest() -> None:
    generated = generate(1234, seed=1, pupils_per_school=500)
    counts = generated.pupils.group_by("school_id").len().sort("school_id")["len"].to_list()
    assert counts == [500, 500, 234]


def test_waarden_vallen_binnen_de_woordenlijst(klein: Generated) -> None:
    absences = klein.absences
    assert set(absences["kind"].unique()) == {"absent", "late"}
    assert set(absences["reason"].unique()) <= {
        "ziek",
        "ziek_niet_gemeld",
        "arts",
        "verlof",
        "schorsing",
        "vrijstelling",
        "ongeoorloofd",
        "luxe",
        "overig_geoorloofd",
    }
    assert set(absences["moment"].unique()) <= {"dag", *[str(i) for i in range(1, 9)]}
    assert set(klein.pupils["exit_reason"].drop_nulls().unique()) <= {"nieuwe_school", "emigratie"}
    known = set(klein.pupils["pupil_id"])
    assert set(absences["pupil_id"].unique()) <= known
    assert set(klein.pupils["school_id"]) == set(klein.schools["school_id"])


def test_registraties_staan_op_volgorde_van_leerling_datum_en_moment(klein: Generated) -> None:
    ordered = klein.absences.sort(["pupil_id", "date", "moment", "kind"], maintain_order=True)
    assert ordered.equals(klein.absences)


# -- calendar and enrolment ----------------------------------------------------------------------


def test_alleen_schooldagen_binnen_de_inschrijving(klein: Generated) -> None:
    frame = klein.absences.join(klein.pupils, on="pupil_id").join(klein.schools, on="school_id")
    for school in klein.schools.iter_rows(named=True):
        calendar = school_calendar(school["region"], tuple(school[f"hours_{d}"] for d in WEEKDAYS))
        rows = frame.filter(pl.col("school_id") == school["school_id"])
        for row in rows.select("date", "enrolled_from", "enrolled_until").unique().iter_rows():
            day, start, until = row
            assert calendar.is_school_day(day), day
            assert start <= day, (day, start)
            assert until is None or day <= until, (day, until)


def test_uren_van_een_dag_passen_binnen_de_lestijd(klein: Generated) -> None:
    """Whole-day absences stand alone; lesson and partial hours never exceed the day's hours."""
    per_day = klein.absences.group_by("pupil_id", "date").agg(
        whole=((pl.col("kind") == "absent") & pl.col("hours").is_null()).sum(),
        rows=pl.len(),
        hours=pl.col("hours").fill_null(0).sum(),
    )
    assert per_day.filter((pl.col("whole") > 0) & (pl.col("rows") > 1)).height == 0
    assert per_day["hours"].max() <= 6.0  # the longest school day


def test_te_laat_in_minuten_omgerekend_naar_uren(klein: Generated) -> None:
    late = klein.absences.filter(pl.col("kind") == "late")
    assert late.height > 0
    minutes = (late["hours"].drop_nulls() * 60).round(6)
    assert set(minutes.unique().to_list()) <= {5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0}
    assert late["hours"].null_count() > 0  # now and then the minutes are not recorded


def test_mix_van_po_en_vo_in_drie_regios(groot: Generated) -> None:
    schools = groot.schools
    assert set(schools["sector"]) == {"po", "vo"}
    assert set(schools["region"]) == {"noord", "midden", "zuid"}
    assert "" in set(schools["protocol"]) and len(set(schools["protocol"])) > 2
    ages = groot.pupils.join(schools, on="school_id").with_columns(
        age=(pl.date(2025, 10, 1) - pl.col("birth_date")).dt.total_days() / 365.25
    )
    po = ages.filter(pl.col("sector") == "po")["age"].to_list()
    vo = ages.filter(pl.col("sector") == "vo")["age"].to_list()
    assert min(po) >= 4.0 and max(po) <= 12.5
    assert min(vo) >= 12.0 and max(vo) <= 18.5


def test_meeste_leerlingen_zijn_bijna_altijd_aanwezig(groot: Generated) -> None:
    whole_days = (
        groot.absences.filter((pl.col("kind") == "absent") & pl.col("moment").eq("dag"))
        .group_by("pupil_id")
        .len()
    )
    per_pupil = groot.pupils.select("pupil_id").join(whole_days, on="pupil_id", how="left")
    median = per_pupil["len"].fill_null(0).median()
    assert median is not None and median <= 10  # of about 190 school days


def test_meer_ziekte_in_de_winter_dan_in_de_zomer(groot: Generated) -> None:
    sick = groot.absences.filter(pl.col("reason") == "ziek").with_columns(
        month=pl.col("date").dt.month()
    )
    winter = sick.filter(pl.col("month").is_in([12, 1, 2])).height
    spring = sick.filter(pl.col("month").is_in([4, 5, 6])).height
    assert winter > 1.5 * spring


# -- parquet and csv ---------------------------------------------------------------------------


def test_parquet_schrijven_en_lezen_geeft_dezelfde_tabellen(
    klein: Generated, tmp_path: Path
) -> None:
    write(klein, tmp_path / "data")
    back = read(tmp_path / "data")
    assert back.schools.equals(klein.schools)
    assert back.pupils.equals(klein.pupils)
    assert back.absences.equals(klein.absences)
    assert (back.as_of, back.school_year) == (klein.as_of, klein.school_year)


def test_lezen_zonder_parquet_geeft_een_nederlandse_fout(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match="ontbreekt"):
        read(tmp_path)


def test_csv_is_een_data_dir_per_school(als_csv: Path, klein: Generated) -> None:
    dirs = sorted(d.name for d in als_csv.iterdir() if d.is_dir())
    assert dirs == sorted(klein.schools["school_id"])
    for name in dirs:
        assert {p.name for p in (als_csv / name).iterdir()} == {
            "school.toml",
            "pupils.csv",
            "absences.csv",
        }


def test_csv_laadt_met_de_batchlezer_met_evenveel_registraties(
    geladen: list[SchoolData], klein: Generated
) -> None:
    assert sum(len(d.pupils) for d in geladen) == klein.pupils.height
    assert sum(len(d.registrations) for d in geladen) == klein.absences.height


def test_csv_houdt_de_uren_exact(geladen: list[SchoolData], klein: Generated) -> None:
    from_csv = sorted(
        (r.pupil_id, r.date, r.kind.value, r.reason.value, r.hours)
        for d in geladen
        for r in d.registrations
    )
    from_frame = sorted(
        klein.absences.select("pupil_id", "date", "kind", "reason", "hours").iter_rows(),
        key=lambda row: (row[0], row[1], row[2], row[3], -1.0 if row[4] is None else row[4]),
    )
    from_csv.sort(
        key=lambda row: (row[0], row[1], row[2], row[3], -1.0 if row[4] is None else row[4])
    )
    assert from_csv == from_frame


# -- the patterns, per the reference rules ---------------------------------------------------------


def _tally(evaluaties: list[Evaluation]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for evaluation in evaluaties:
        for result in evaluation.results:
            for melding in result.meldingen:
                tally[melding.soort.value] += 1
                if melding.sequence > 1:
                    tally["herhaalmelding"] += 1
            if result.thuiszitter is not None:
                tally[f"thuiszitter_{result.thuiszitter.group.value}"] += 1
            for check in result.checks:
                tally[check.kind] += 1
    return tally


def test_sommige_leerlingen_bereiken_16_uur_in_4_lesweken(evaluaties: list[Evaluation]) -> None:
    assert _tally(evaluaties)["16_uur"] >= 10


def test_sommige_spijbelaars_krijgen_herhaalmeldingen(evaluaties: list[Evaluation]) -> None:
    assert _tally(evaluaties)["herhaalmelding"] >= 5


def test_luxe_verzuim_rond_de_vakanties(evaluaties: list[Evaluation]) -> None:
    assert _tally(evaluaties)["luxe"] >= 10


def test_langdurig_relatief_verzuim_en_thuiszitters(evaluaties: list[Evaluation]) -> None:
    tally = _tally(evaluaties)
    assert tally["lrv"] >= 1
    assert tally["thuiszitter_2a"] + tally["thuiszitter_2b"] >= 1


def test_uitgeschreven_zonder_nieuwe_school_is_absoluut_verzuim(
    evaluaties: list[Evaluation],
) -> None:
    tally = _tally(evaluaties)
    assert tally["thuiszitter_absoluut"] >= 1
    assert tally["uitschrijving_niet_toegestaan"] >= 1


def test_ziekmelding_naast_een_vakantie_en_verlof_komen_voor(
    evaluaties: list[Evaluation], klein: Generated
) -> None:
    assert _tally(evaluaties)["twijfelachtig_ziekteverzuim"] >= 10
    reasons = set(klein.absences["reason"])
    assert {"verlof", "luxe", "ziek_niet_gemeld", "arts", "schorsing"} <= reasons


def test_de_meeste_leerlingen_krijgen_geen_melding(evaluaties: list[Evaluation]) -> None:
    results = [r for e in evaluaties for r in e.results]
    with_melding = sum(1 for r in results if r.meldingen)
    assert with_melding < 0.15 * len(results)


# -- command line ------------------------------------------------------------------------------


def test_cli_schrijft_parquet(tmp_path: Path) -> None:
    code, out, err = run_main(
        ["generate", "--pupils", "600", "--seed", "4", "--out", str(tmp_path / "d")]
    )
    assert code == 0, err
    assert "600 leerlingen op 2 scholen" in out
    assert {p.name for p in (tmp_path / "d").iterdir()} >= {
        "schools.parquet",
        "pupils.parquet",
        "absences.parquet",
    }
    assert read(tmp_path / "d").absences.equals(generate(600, 4).absences)


def test_cli_csv_is_te_evalueren(tmp_path: Path) -> None:
    code, _, err = run_main(
        ["generate", "--pupils", "50", "--seed", "2", "--format", "csv", "--out", str(tmp_path)]
    )
    assert code == 0, err
    code, out, err = run_main(
        ["evaluate", str(tmp_path / "s0001"), "--as-of", "2026-07-31", "--format", "json"]
    )
    assert code == 0, err
    assert '"pupils"' in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pupils", "0", "--seed", "1"], "--pupils: het aantal leerlingen moet minstens 1 zijn"),
        (["--pupils", "-5", "--seed", "1"], "moet minstens 1 zijn, niet -5"),
        (["--pupils", "abc", "--seed", "1"], "'abc' is geen geheel getal"),
        (["--pupils", "10", "--seed", "-1"], "--seed: de seed moet 0 of groter zijn"),
        (
            ["--pupils", "10", "--seed", "1", "--school-year", "2030"],
            "geen meegeleverde vakantiedata voor schooljaar 2030-2031",
        ),
        (["--pupils", "10", "--seed", "1", "--per-school", "0"], "--per-school"),
        (["--pupils", "10", "--seed", "1", "--format", "xml"], "--format"),
        (["--pupils", "10"], "--seed"),
    ],
)
def test_cli_foute_argumenten_geven_exit_2_en_een_nederlandse_melding(
    argv: list[str], message: str, tmp_path: Path
) -> None:
    code, out, err = run_main(["generate", *argv, "--out", str(tmp_path / "d")])
    assert code == 2
    assert message in err
    assert out == ""
    assert not (tmp_path / "d").exists()


def test_cli_uitvoer_naar_een_bestand_geeft_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "bestand"
    target.write_text("x")
    code, _, err = run_main(["generate", "--pupils", "10", "--seed", "1", "--out", str(target)])
    assert code == 2
    assert "is een bestand; geef een map" in err
