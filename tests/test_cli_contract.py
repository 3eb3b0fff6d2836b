"""The batch contract of the ``leerrecht`` command line, on examples/basisschool-de-linde.

``leerrecht evaluate DATA_DIR --as-of D [--format json|table]`` prints one JSON object with
``pupils``, ``meldingen`` and ``signals``; registrations after --as-of do not count.
``leerrecht verlof check DATA_DIR --pupil ID --soort vakantie|gewichtig --start D --end D
[--aangevraagd D] [--werkgeversverklaring]`` prints ``{allowed, decided_by, reasons,
school_days}``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from leerrecht.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "basisschool-de-linde"
AS_OF = "2026-03-20"

LEERPLICHT = {"leerplichtig", "kwalificatieplichtig", "niet_leerplichtig"}
THUISZITTER_GROUPS = {"2a", "2b", "absoluut"}
SOORTEN = {"16_uur", "lrv", "luxe", "overig", "18plus"}
MELDING_FIELDS = {
    "pupil_id",
    "soort",
    "begin",
    "end",
    "hours",
    "due",
    "sequence",
    "explanation",
}


def run_main(argv: list[str]) -> tuple[int, str, str]:
    """Run ``main`` with stdout and stderr captured (usable from module-scoped fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def evaluate_json(data_dir: Path, as_of: str) -> dict[str, Any]:
    code, out, err = run_main(["evaluate", str(data_dir), "--as-of", as_of, "--format", "json"])
    assert code == 0, err
    assert err == ""
    result: dict[str, Any] = json.loads(out)
    return result


def is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def pupil_ids_in_csv(data_dir: Path) -> list[str]:
    with (data_dir / "pupils.csv").open(encoding="utf-8", newline="") as f:
        return [row["pupil_id"] for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return evaluate_json(EXAMPLE, AS_OF)


# -- evaluate: JSON shape ---------------------------------------------------------------------


def test_json_heeft_pupils_meldingen_en_signals(result: dict[str, Any]) -> None:
    assert {"pupils", "meldingen", "signals"} <= result.keys()
    assert isinstance(result["pupils"], list)
    assert isinstance(result["meldingen"], list)


def test_een_pupils_entry_per_rij_van_pupils_csv(result: dict[str, Any]) -> None:
    ids = [p["pupil_id"] for p in result["pupils"]]
    expected = pupil_ids_in_csv(EXAMPLE)
    assert len(expected) == 12
    assert len(ids) == len(set(ids)), "a pupil appears twice"
    assert sorted(ids) == sorted(expected)


def test_leerplicht_en_thuiszitter_volgen_het_contract(result: dict[str, Any]) -> None:
    for pupil in result["pupils"]:
        assert pupil["leerplicht"] in LEERPLICHT, pupil
        thuiszitter = pupil["thuiszitter"]
        if thuiszitter is not None:
            assert is_iso_date(thuiszitter["since"]), thuiszitter
            assert thuiszitter["group"] in THUISZITTER_GROUPS, thuiszitter
    by_id = {p["pupil_id"]: p for p in result["pupils"]}
    # p003 is every school day ongeoorloofd absent since 2026-02-02 (more than 4 weeks).
    assert by_id["p003"]["thuiszitter"]["group"] == "2a"
    # p007 is uitgeschreven per 2026-01-30 without a new school: absoluut verzuim.
    assert by_id["p007"]["thuiszitter"]["group"] == "absoluut"
    assert by_id["p001"]["thuiszitter"] is None


def test_elke_melding_heeft_de_contractvelden_met_iso_datums(result: dict[str, Any]) -> None:
    assert result["meldingen"], "the example data produces meldingen"
    known = {p["pupil_id"] for p in result["pupils"]}
    for melding in result["meldingen"]:
        assert melding.keys() >= MELDING_FIELDS, melding.keys()
        assert melding["pupil_id"] in known
        assert is_iso_date(melding["begin"]), melding
        assert is_iso_date(melding["due"]), melding
        assert melding["end"] is None or is_iso_date(melding["end"]), melding
        assert isinstance(melding["hours"], int | float)
        assert not isinstance(melding["hours"], bool)
        assert isinstance(melding["sequence"], int) and melding["sequence"] >= 1
        assert melding["explanation"]


def test_due_ligt_niet_voor_end(result: dict[str, Any]) -> None:
    for melding in result["meldingen"]:
        if melding["end"] is not None:
            assert melding["due"] >= melding["end"], melding
        assert melding["begin"] <= (melding["end"] or melding["begin"]), melding


def test_open_melding_heeft_end_null(result: dict[str, Any]) -> None:
    """p003's langdurig relatief verzuim is still going on: reported without einddatum."""
    lrv = [m for m in result["meldingen"] if m["pupil_id"] == "p003" and m["soort"] == "lrv"]
    assert len(lrv) == 1
    assert lrv[0]["end"] is None


def test_soort_valt_binnen_de_contractset(result: dict[str, Any]) -> None:
    soorten = {m["soort"] for m in result["meldingen"]}
    assert soorten <= SOORTEN
    assert {"16_uur", "lrv", "luxe"} <= soorten


def test_signals_is_een_lege_lijst(result: dict[str, Any]) -> None:
    assert result["signals"] == []


def test_json_is_het_standaardformaat() -> None:
    code, out, err = run_main(["evaluate", str(EXAMPLE), "--as-of", AS_OF])
    assert code == 0, err
    assert json.loads(out) == evaluate_json(EXAMPLE, AS_OF)


def test_format_table_toont_schoolnaam() -> None:
    code, out, err = run_main(["evaluate", str(EXAMPLE), "--as-of", AS_OF, "--format", "table"])
    assert code == 0, err
    assert "Basisschool De Linde" in out
    assert "p003" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


# -- evaluate: --as-of ------------------------------------------------------------------------


def test_peildatum_negeert_latere_registraties() -> None:
    early = evaluate_json(EXAMPLE, "2026-01-21")
    meldingen = early["meldingen"]
    assert [m for m in meldingen if m["pupil_id"] == "p003"] == []
    p002 = [m for m in meldingen if m["pupil_id"] == "p002"]
    assert len(p002) == 1
    assert p002[0]["soort"] == "16_uur"
    assert p002[0]["begin"] == "2026-01-12"
    assert p002[0]["end"] == "2026-01-19"
    assert p002[0]["sequence"] == 1
    assert all(m["begin"] <= "2026-01-21" for m in meldingen)
    by_id = {p["pupil_id"]: p for p in early["pupils"]}
    assert by_id["p003"]["thuiszitter"] is None


@pytest.mark.parametrize("as_of", ["2025-10-07", "2026-01-21", "2026-02-13", "2026-03-09"])
def test_peildatum_geeft_hetzelfde_als_invoer_zonder_latere_registraties(
    tmp_path: Path, as_of: str
) -> None:
    """Registrations after --as-of do not count: dropping them changes nothing."""
    data_dir = Path(shutil.copytree(EXAMPLE, tmp_path / "afgekapt"))
    absences = data_dir / "absences.csv"
    lines = absences.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    date_col = header.split(",").index("date")
    kept = [row for row in rows if row.split(",")[date_col] <= as_of]
    assert 0 < len(kept) < len(rows)
    absences.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    full = evaluate_json(EXAMPLE, as_of)
    truncated = evaluate_json(data_dir, as_of)
    # Explanations cite source lines; the kept rows keep their line numbers because rows
    # are in date order, so the whole result must be identical.
    assert truncated == full


# -- the installed console script -------------------------------------------------------------


def _console_script() -> str:
    beside = Path(sys.executable).parent / "leerrecht"
    if beside.exists():
        return str(beside)
    found = shutil.which("leerrecht")
    if found is None:
        pytest.skip("console script 'leerrecht' is not installed")
    return found


def test_console_script_geeft_exit_0_en_geldige_json() -> None:
    proc = subprocess.run(
        [_console_script(), "evaluate", str(EXAMPLE), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"pupils", "meldingen", "signals"} <= data.keys()
    assert data == evaluate_json(EXAMPLE, AS_OF)


def test_console_script_geeft_exit_2_bij_invoerfout() -> None:
    proc = subprocess.run(
        [_console_script(), "evaluate", str(EXAMPLE), "--as-of", "2030-01-01"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("leerrecht: fout in invoer: school.toml")


# -- verlof check -----------------------------------------------------------------------------


def verlof_check(
    pupil: str, soort: str, start: str, end: str, *extra: str
) -> tuple[int, dict[str, Any] | None, str]:
    code, out, err = run_main(
        [
            "verlof",
            "check",
            str(EXAMPLE),
            "--pupil",
            pupil,
            "--soort",
            soort,
            "--start",
            start,
            "--end",
            end,
            *extra,
        ]
    )
    return code, (json.loads(out) if out else None), err


def checked(pupil: str, soort: str, start: str, end: str, *extra: str) -> dict[str, Any]:
    code, result, err = verlof_check(pupil, soort, start, end, *extra)
    assert code == 0, err
    assert result is not None
    assert set(result) == {"allowed", "decided_by", "reasons", "school_days"}
    assert isinstance(result["reasons"], list) and result["reasons"]
    return result


def not_met(result: dict[str, Any]) -> list[str]:
    return [r for r in result["reasons"] if r.startswith("[niet voldaan]")]


def test_verlof_vakantie_tweede_keer_in_schooljaar_geweigerd() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: vakantieverlof at most once per
    school year. p011 already had vakantieverlof 2026-02-12 t/m 2026-02-13 (verlof.csv)."""
    result = checked("p011", "vakantie", "2026-06-01", "2026-06-05", "--werkgeversverklaring")
    assert result["allowed"] is False
    assert result["decided_by"] == "directeur"
    assert result["school_days"] == 5
    [reason] = not_met(result)
    assert "één keer per schooljaar" in reason
    assert "2026-02-12" in reason


def test_verlof_vakantie_met_werkgeversverklaring_toegestaan_door_directeur() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: vakantieverlof of at most 10
    school days, once a year, with a werkgeversverklaring, is decided by the directeur."""
    result = checked("p001", "vakantie", "2026-06-01", "2026-06-05", "--werkgeversverklaring")
    assert result["allowed"] is True
    assert result["decided_by"] == "directeur"
    assert result["school_days"] == 5
    assert not_met(result) == []


def test_verlof_vakantie_eerder_afgewezen_telt_niet_mee() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: only granted vakantieverlof counts
    for 'once per school year'; p004's request in verlof.csv was afgewezen."""
    result = checked("p004", "vakantie", "2026-06-01", "2026-06-05", "--werkgeversverklaring")
    assert result["allowed"] is True


def test_verlof_vakantie_zonder_werkgeversverklaring_geweigerd() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: vakantieverlof only when the
    specific nature of a parent's work makes a holiday in the school vacations impossible."""
    result = checked("p001", "vakantie", "2026-06-01", "2026-06-05")
    assert result["allowed"] is False
    [reason] = not_met(result)
    assert "werkgeversverklaring" in reason


@pytest.mark.parametrize(
    ("start", "end"),
    [("2025-08-18", "2025-08-20"), ("2025-08-25", "2025-08-27"), ("2025-08-29", "2025-09-01")],
    ids=["eerste-lesweek", "tweede-lesweek", "over-de-grens"],
)
def test_verlof_vakantie_in_eerste_twee_lesweken_geweigerd(start: str, end: str) -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: never in the first two lesweken of
    the school year. Regio zuid: zomervakantie 2025 is 5 juli t/m 17 augustus, so 2025-2026
    starts on 2025-08-18 and the first two lesweken are 18-22 and 25-29 August."""
    result = checked("p001", "vakantie", start, end, "--werkgeversverklaring")
    assert result["allowed"] is False
    [reason] = not_met(result)
    assert "eerste twee lesweken" in reason


def test_verlof_vakantie_in_derde_lesweek_niet_om_lesweken_geweigerd() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: from the third lesweek (1 September
    2025 in regio zuid) the first-two-lesweken rule no longer applies."""
    result = checked("p001", "vakantie", "2025-09-01", "2025-09-03", "--werkgeversverklaring")
    assert result["allowed"] is True
    assert not_met(result) == []


def test_verlof_vakantie_meer_dan_tien_schooldagen_geweigerd() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: vakantieverlof is at most 10
    school days."""
    result = checked("p001", "vakantie", "2026-06-01", "2026-06-19", "--werkgeversverklaring")
    assert result["school_days"] == 15
    assert result["allowed"] is False
    [reason] = not_met(result)
    assert "ten hoogste 10 schooldagen" in reason


def test_verlof_vakantie_precies_tien_schooldagen_toegestaan() -> None:
    """Lpw art. 13a; seed 000_0f780dca5d4be8ea.txt §1.1.2: 10 school days is still allowed."""
    result = checked("p001", "vakantie", "2026-06-01", "2026-06-12", "--werkgeversverklaring")
    assert result["school_days"] == 10
    assert result["allowed"] is True


def test_verlof_gewichtig_meer_dan_tien_dagen_beslist_leerplichtambtenaar() -> None:
    """Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: gewichtige omstandigheden of more
    than 10 school days are decided by the leerplichtambtenaar."""
    result = checked("p001", "gewichtig", "2026-06-01", "2026-06-16")
    assert result["school_days"] == 12
    assert result["decided_by"] == "leerplichtambtenaar"
    assert result["allowed"] is True


def test_verlof_gewichtig_tot_tien_dagen_beslist_directeur() -> None:
    """Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: up to and including 10 school days
    the directeur decides."""
    result = checked("p001", "gewichtig", "2026-06-01", "2026-06-12")
    assert result["school_days"] == 10
    assert result["decided_by"] == "directeur"


def test_verlof_gewichtig_drie_dagen_na_de_gebeurtenis_aangevraagd_geweigerd() -> None:
    """Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: a request for gewichtige
    omstandigheden may be made at most 2 days after the event."""
    result = checked("p001", "gewichtig", "2026-06-01", "2026-06-02", "--aangevraagd", "2026-06-04")
    assert result["allowed"] is False
    [reason] = not_met(result)
    assert "uiterlijk 2 dagen na de gebeurtenis" in reason


def test_verlof_gewichtig_twee_dagen_na_de_gebeurtenis_aangevraagd_toegestaan() -> None:
    """Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: 2 days after the event is in time."""
    result = checked("p001", "gewichtig", "2026-06-01", "2026-06-02", "--aangevraagd", "2026-06-03")
    assert result["allowed"] is True


def test_verlof_onbekende_leerling_geeft_exit_2() -> None:
    """Lpw art. 13a / Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: a verlof check is
    about a known pupil; an unknown one is bad input (exit 2, nothing on stdout)."""
    code, result, err = verlof_check(
        "p999", "vakantie", "2026-06-01", "2026-06-05", "--werkgeversverklaring"
    )
    assert code == 2
    assert result is None
    assert err.startswith("leerrecht: fout in invoer: pupils.csv")
    assert "'p999'" in err


def test_verlof_einde_voor_begin_geeft_exit_2() -> None:
    """Lpw art. 13a / Lpw art. 14; seed 000_0f780dca5d4be8ea.txt §1.1.2: a verlof period
    cannot end before it starts."""
    code, result, err = verlof_check("p001", "gewichtig", "2026-06-05", "2026-06-01")
    assert code == 2
    assert result is None
    assert err.startswith("leerrecht: fout in invoer: --end")
