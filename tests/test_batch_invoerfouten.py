"""Bad input in a DATA_DIR stops the batch: exit code 2, nothing on stdout, and a message on
stderr naming file, line and column (batch contract: "Bad input never produces a partial
result").

Every test copies examples/basisschool-de-linde to a temporary directory, breaks exactly one
thing and runs ``leerrecht.cli.main``. Line numbers are the ones the test creates itself; the
header of a CSV file is line 1.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from leerrecht.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "basisschool-de-linde"
AS_OF = "2026-03-20"
PREFIX = "leerrecht: fout in invoer: "


# -- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the example DATA_DIR."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "basisschool-de-linde"))


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def append_row(path: Path, row: str) -> int:
    """Append ``row`` to a CSV file and return its line number (the header is line 1)."""
    lines = read_lines(path)
    lines.append(row)
    write_lines(path, lines)
    return len(lines)


def replace_line(path: Path, number: int, expected_start: str, new: str) -> None:
    """Replace line ``number`` (1-based), after checking it is the line we mean to break."""
    lines = read_lines(path)
    assert lines[number - 1].startswith(expected_start), lines[number - 1]
    lines[number - 1] = new
    write_lines(path, lines)


def rewrite_columns(path: Path, change: Callable[[list[str]], list[str]]) -> None:
    """Rewrite every row of a comma CSV file through ``change(row) -> row``."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(change(row))
    path.write_text(out.getvalue(), encoding="utf-8")


def evaluate(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *extra: str
) -> tuple[int, str, str]:
    code = main(["evaluate", str(data_dir), "--as-of", AS_OF, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def assert_invoerfout(code: int, out: str, err: str, where: str) -> str:
    """Exit 2, no partial result on stdout, one line on stderr starting with ``where``.

    Returns the message after ``where: `` for further checks.
    """
    assert code == 2, err
    assert out == "", "bad input must not produce a partial result on stdout"
    assert err.endswith("\n")
    assert err.count("\n") == 1, f"expected one line on stderr, got: {err!r}"
    head = f"{PREFIX}{where}: "
    assert err.startswith(head), f"expected {head!r}, got {err!r}"
    return err[len(head) :].strip()


def test_onveranderde_kopie_is_geldige_invoer(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Control: the copied example itself loads, so every failure below is the one breakage."""
    code, out, err = evaluate(capsys, data_dir)
    assert code == 0, err
    assert err == ""
    assert json.loads(out)["pupils"]


# -- absences.csv: dates ----------------------------------------------------------------------


def test_ongeldige_datum_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-13-01,absent,ziek,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert "2026-13-01" in message
    assert "JJJJ-MM-DD" in message


def test_datum_in_het_weekend_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-21,absent,ongeoorloofd,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert "2026-03-21 is geen schooldag" in message
    assert "weekend" in message


def test_datum_in_voorjaarsvakantie_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    # Voorjaarsvakantie regio zuid 2026: 14 t/m 22 februari.
    line = append_row(data_dir / "absences.csv", "p001,2026-02-16,absent,ongeoorloofd,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert "2026-02-16 is geen schooldag" in message
    assert "voorjaarsvakantie" in message


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2025-11-14", "studiedag team"),  # [[closed]] in school.toml
        ("2026-04-03", "Goede Vrijdag"),  # [[closed]] in school.toml
        ("2026-05-14", "Hemelvaartsdag"),  # public holiday, closed by default
    ],
    ids=["studiedag", "goede-vrijdag", "hemelvaartsdag"],
)
def test_datum_op_gesloten_dag_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path, day: str, why: str
) -> None:
    line = append_row(data_dir / "absences.csv", f"p001,{day},absent,ongeoorloofd,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert f"{day} is geen schooldag" in message
    assert why in message


def test_lege_datum_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,,absent,ziek,,,")
    assert_invoerfout(*evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date")


def test_datum_buiten_bekende_schooljaren_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2030-01-07,absent,ziek,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert "2029-2030" in message


@pytest.mark.parametrize(
    ("row", "bound"),
    [
        # p007 is uitgeschreven per 2026-01-30.
        ("p007,2026-02-02,absent,ongeoorloofd,,,", "2026-01-30"),
        # p009 is ingeschreven vanaf 2025-06-11.
        ("p009,2025-06-10,absent,ongeoorloofd,,,", "2025-06-11"),
    ],
    ids=["na-uitschrijving", "voor-inschrijving"],
)
def test_registratie_buiten_inschrijving_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path, row: str, bound: str
) -> None:
    line = append_row(data_dir / "absences.csv", row)
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom date"
    )
    assert "buiten de inschrijving" in message
    assert bound in message


# -- absences.csv: pupil, kind, reason, code --------------------------------------------------


def test_onbekende_leerling_in_absences_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p999,2026-03-09,absent,ziek,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom pupil_id"
    )
    assert "'p999'" in message
    assert "pupils.csv" in message


def test_onbekende_reden_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent,vakantie,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom reason"
    )
    assert "'vakantie'" in message
    assert "ongeoorloofd" in message  # the allowed reasons are listed


def test_onbekende_soort_registratie_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,weg,ongeoorloofd,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom kind"
    )
    assert "'weg'" in message
    assert "absent" in message and "late" in message


def test_onbekende_las_code_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,,,,,X")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom code"
    )
    assert "'X'" in message
    assert "TL" in message  # the known codes are listed


def test_soort_die_las_code_tegenspreekt_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    # Code O is (absent, ongeoorloofd) in school.toml; kind 'late' contradicts it.
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,late,,,,O")
    assert_invoerfout(*evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom kind")


# -- absences.csv: hours ----------------------------------------------------------------------


def test_uren_geen_getal_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent,ongeoorloofd,twee,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom hours"
    )
    assert "'twee'" in message


def test_negatieve_uren_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent,ongeoorloofd,-1,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom hours"
    )
    assert "negatief" in message


@pytest.mark.parametrize(
    ("day", "hours", "scheduled"),
    [("2026-03-09", "9", "5.5"), ("2026-03-11", "4", "3.75")],
    ids=["maandag-9-van-5.5", "woensdag-4-van-3.75"],
)
def test_meer_uren_dan_de_lesdag_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path, day: str, hours: str, scheduled: str
) -> None:
    line = append_row(data_dir / "absences.csv", f"p001,{day},absent,ongeoorloofd,{hours},,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom hours"
    )
    assert f"{hours} uur is meer dan de {scheduled} lesuren op {day}" in message


def test_dubbele_registratie_op_dezelfde_dag_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    # Line 52 already registers p012 absent the whole of 2026-03-09; register it again.
    absences = data_dir / "absences.csv"
    assert read_lines(absences)[51] == "p012,2026-03-09,absent,ongeoorloofd,,,"
    line = append_row(absences, "p012,2026-03-09,absent,ongeoorloofd,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom hours"
    )
    assert "p012" in message
    assert "2026-03-09" in message
    assert "dubbele registratie" in message


def test_twee_deelregistraties_samen_meer_dan_de_lesdag_noemen_de_tweede_regel(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    absences = data_dir / "absences.csv"
    first = append_row(absences, "p001,2026-03-09,absent,ongeoorloofd,3,,")
    second = append_row(absences, "p001,2026-03-09,absent,ziek,3,,")
    assert second == first + 1
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {second}, kolom hours"
    )
    assert "samen 6 uur" in message


# -- absences.csv: structure ------------------------------------------------------------------


def test_rij_met_te_veel_velden_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A malformed row names file, line and column: the first field beyond the header."""
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent,ziek,,,,extra")
    message = assert_invoerfout(*evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom 8")
    assert message.startswith("8 velden, maar de kop heeft 7 kolommen")


def test_rij_met_te_weinig_velden_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A malformed row names file, line and column: the first column that is missing."""
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"absences.csv, regel {line}, kolom reason"
    )
    assert message.startswith("3 velden, maar de kop heeft 7 kolommen")


def test_ontbrekende_verplichte_kolom_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    absences = data_dir / "absences.csv"
    hours = read_lines(absences)[0].split(",").index("hours")
    rewrite_columns(absences, lambda row: row[:hours] + row[hours + 1 :])
    assert "hours" not in read_lines(absences)[0]
    message = assert_invoerfout(*evaluate(capsys, data_dir), "absences.csv, regel 1")
    assert message.startswith("verplichte kolom(men) ontbreken: hours ")


def test_onbekende_kolom_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    absences = data_dir / "absences.csv"
    rewrite_columns(absences, lambda row: [*row, "opmerking" if row[0] == "pupil_id" else ""])
    message = assert_invoerfout(*evaluate(capsys, data_dir), "absences.csv, regel 1")
    assert message.startswith("onbekende kolom(men): opmerking;")


def test_dubbele_kolom_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    absences = data_dir / "absences.csv"
    rewrite_columns(absences, lambda row: [*row, "note" if row[0] == "pupil_id" else ""])
    message = assert_invoerfout(*evaluate(capsys, data_dir), "absences.csv, regel 1")
    assert "dubbel: note" in message


def test_ontbrekend_absences_csv_noemt_bestand(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    (data_dir / "absences.csv").unlink()
    message = assert_invoerfout(*evaluate(capsys, data_dir), "absences.csv")
    assert "ontbreekt" in message


# -- pupils.csv -------------------------------------------------------------------------------

NEW_PUPIL = "p013,2016-04-01,2020-04-02,,Heerlen,6b,false,,,"


def test_dubbele_leerling_in_pupils_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    pupils = data_dir / "pupils.csv"
    assert read_lines(pupils)[3].startswith("p003,")
    line = append_row(pupils, "p003,2014-11-23,2018-12-01,,Brunssum,8a,false,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"pupils.csv, regel {line}, kolom pupil_id"
    )
    assert "'p003'" in message
    assert "regel 4" in message  # where the first p003 is


@pytest.mark.parametrize(
    "birth",
    ["2015-02-30", "2099-01-01", "1850-01-01", "30-01-2016"],
    ids=["30-februari", "toekomst", "te-oud", "dag-maand-jaar"],
)
def test_onmogelijke_geboortedatum_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path, birth: str
) -> None:
    line = append_row(data_dir / "pupils.csv", f"p013,{birth},,,Heerlen,6b,false,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"pupils.csv, regel {line}, kolom birth_date"
    )
    assert birth in message


def test_uitschrijving_voor_inschrijving_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "pupils.csv", "p013,2016-04-01,2020-04-02,2020-04-01,,,,,,")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"pupils.csv, regel {line}, kolom enrolled_until"
    )
    assert "2020-04-01" in message and "2020-04-02" in message


def test_ongeldige_startkwalificatie_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(
        data_dir / "pupils.csv", "p013,2016-04-01,2020-04-02,,Heerlen,6b,misschien,,,"
    )
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"pupils.csv, regel {line}, kolom startkwalificatie"
    )
    assert "'misschien'" in message


def test_onbekende_uitschrijfreden_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(
        data_dir / "pupils.csv", "p013,2016-04-01,2020-04-02,2026-01-30,Heerlen,6b,false,,verhuisd,"
    )
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"pupils.csv, regel {line}, kolom exit_reason"
    )
    assert "'verhuisd'" in message


def test_nieuwe_geldige_leerling_is_geen_fout(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Control for the pupils.csv tests: the appended base row itself is valid input."""
    append_row(data_dir / "pupils.csv", NEW_PUPIL)
    code, out, err = evaluate(capsys, data_dir)
    assert code == 0, err
    assert "p013" in [p["pupil_id"] for p in json.loads(out)["pupils"]]


# -- school.toml ------------------------------------------------------------------------------


def test_onbekende_sector_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    replace_line(data_dir / "school.toml", 4, "sector", 'sector = "hbo"')
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, regel 4, kolom sector")
    assert "'hbo'" in message


def test_toml_syntaxfout_noemt_bestand_en_regel(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    replace_line(data_dir / "school.toml", 9, "mon = 5.5", "mon = = 5.5")
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, regel 9, kolom 7")
    assert message.startswith("ongeldige TOML")


def test_ontbrekende_hours_tabel_noemt_bestand_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    school = data_dir / "school.toml"
    lines = read_lines(school)
    assert lines[7].startswith("[hours]") and lines[12].startswith("fri")
    write_lines(school, lines[:7] + lines[13:])
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, kolom hours")
    assert "[hours]" in message and "ontbreekt" in message


def test_ongeldige_lesuren_noemen_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    replace_line(data_dir / "school.toml", 11, "wed", "wed = 13")
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, regel 11, kolom wed")
    assert "13" in message


def test_onbekende_regio_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    replace_line(data_dir / "school.toml", 5, "region", 'region = "limburg"')
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, regel 5, kolom region")
    assert "'limburg'" in message
    assert "zuid" in message


def test_ontbrekende_schoolnaam_wijst_niet_naar_naam_van_studiedag(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A missing top-level name has no line; it must not point at name = in [[closed]]."""
    school = data_dir / "school.toml"
    lines = read_lines(school)
    assert lines[1].startswith("name = ")
    write_lines(school, [lines[0], *lines[2:]])
    # After removing line 2, line 16 is `name = "studiedag team"` in the first [[closed]].
    assert read_lines(school)[15] == 'name = "studiedag team"'
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml, kolom name")
    assert "ontbreekt" in message


def test_ontbrekend_school_toml_noemt_bestand(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    (data_dir / "school.toml").unlink()
    message = assert_invoerfout(*evaluate(capsys, data_dir), "school.toml")
    assert "ontbreekt" in message


# -- verlof.csv -------------------------------------------------------------------------------


def test_onbekende_verlofsoort_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "verlof.csv", "p001,studie,2026-06-01,2026-06-05,toegekend")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"verlof.csv, regel {line}, kolom soort"
    )
    assert "'studie'" in message


def test_onbekende_verlofstatus_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "verlof.csv", "p001,vakantie,2026-06-01,2026-06-05,misschien")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"verlof.csv, regel {line}, kolom status"
    )
    assert "'misschien'" in message
    assert "toegekend" in message


def test_verlof_einde_voor_begin_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "verlof.csv", "p001,vakantie,2026-06-05,2026-06-01,toegekend")
    message = assert_invoerfout(*evaluate(capsys, data_dir), f"verlof.csv, regel {line}, kolom end")
    assert "2026-06-01" in message and "2026-06-05" in message


def test_onbekende_leerling_in_verlof_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "verlof.csv", "p999,vakantie,2026-06-01,2026-06-05,toegekend")
    assert_invoerfout(*evaluate(capsys, data_dir), f"verlof.csv, regel {line}, kolom pupil_id")


def test_ongeldige_verlofdatum_noemt_bestand_regel_en_kolom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "verlof.csv", "p001,vakantie,1-6-2026,2026-06-05,toegekend")
    assert_invoerfout(*evaluate(capsys, data_dir), f"verlof.csv, regel {line}, kolom start")


# -- DATA_DIR and options ---------------------------------------------------------------------


def test_niet_bestaande_data_dir_geeft_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "bestaat-niet"
    message = assert_invoerfout(*evaluate(capsys, missing), "bestaat-niet")
    assert "geen map" in message


def test_peildatum_buiten_bekende_schooljaren_geeft_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code = main(["evaluate", str(data_dir), "--as-of", "2030-01-01"])
    out, err = capsys.readouterr()
    message = assert_invoerfout(code, out, err, "school.toml")
    assert "geen vakantiedata voor schooljaar 2029-2030" in message
    assert "2025-2026" in message  # the known school years are listed


def test_onbekend_protocol_geeft_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    message = assert_invoerfout(
        *evaluate(capsys, data_dir, "--protocol", "verzuimkaart-atlantis"), "--protocol"
    )
    assert "'verzuimkaart-atlantis'" in message


def test_ongeldige_peildatum_op_de_opdrachtregel_geeft_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", str(data_dir), "--as-of", "2026-13-01"])
    out, err = capsys.readouterr()
    assert exc.value.code == 2
    assert out == ""
    assert "2026-13-01" in err


def test_invoerfout_met_tabelformaat_geeft_ook_geen_gedeeltelijk_resultaat(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-03-09,absent,vakantie,,,")
    assert_invoerfout(
        *evaluate(capsys, data_dir, "--format", "table"),
        f"absences.csv, regel {line}, kolom reason",
    )


def test_verlof_check_op_kapotte_invoer_geeft_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    line = append_row(data_dir / "absences.csv", "p001,2026-02-16,absent,ongeoorloofd,,,")
    code = main(
        [
            "verlof",
            "check",
            str(data_dir),
            "--pupil",
            "p001",
            "--soort",
            "gewichtig",
            "--start",
            "2026-06-01",
            "--end",
            "2026-06-02",
        ]
    )
    out, err = capsys.readouterr()
    assert_invoerfout(code, out, err, f"absences.csv, regel {line}, kolom date")


# -- delimiter --------------------------------------------------------------------------------


def _evaluate_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, Any]:
    code, out, err = evaluate(capsys, data_dir)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_puntkomma_absences_geeft_dezelfde_json_als_komma(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """LAS exports are often semicolon-delimited; the loader sniffs the delimiter."""
    with_comma = _evaluate_json(capsys, data_dir)
    absences = data_dir / "absences.csv"
    text = absences.read_text(encoding="utf-8")
    assert ";" not in text
    absences.write_text(text.replace(",", ";"), encoding="utf-8")
    with_semicolon = _evaluate_json(capsys, data_dir)
    assert with_semicolon == with_comma
    assert with_comma["meldingen"]


def test_puntkomma_absences_met_decimale_komma_geeft_dezelfde_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A semicolon LAS export writes hours with a decimal comma (1,5); same result as 1.5."""
    absences = data_dir / "absences.csv"
    # p002 was absent the whole of 2026-01-19 (line 18); make it 1.5 hours.
    replace_line(
        absences,
        18,
        "p002,2026-01-19,absent,ongeoorloofd,,",
        "p002,2026-01-19,absent,ongeoorloofd,1.5,,",
    )
    with_comma = _evaluate_json(capsys, data_dir)
    semicolon = absences.read_text(encoding="utf-8").replace(",", ";").replace("1.5", "1,5")
    assert "p002;2026-01-19;absent;ongeoorloofd;1,5;;" in semicolon
    absences.write_text(semicolon, encoding="utf-8")
    with_semicolon = _evaluate_json(capsys, data_dir)
    assert with_semicolon == with_comma
    melding = with_comma["meldingen"][0]
    assert melding["pupil_id"] == "p002"
    assert {"date": "2026-01-19", "hours": 1.5}.items() <= melding["explanation"]["absences"][
        -1
    ].items()


def test_foute_datum_in_closed_tabel_wijst_naar_de_regel_van_de_datum(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = data_dir / "school.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line_no = next(
        i for i, line in enumerate(lines, start=1) if line.startswith("date = 2025-11-14")
    )
    path.write_text(text.replace("date = 2025-11-14", 'date = "2025-11-31"'), encoding="utf-8")
    message = assert_invoerfout(
        *evaluate(capsys, data_dir), f"school.toml, regel {line_no}, kolom date"
    )
    assert "2025-11-31" in message
