"""`leerrecht protocols list | show | check | diff` and `evaluate --protocol` (issue 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from leerrecht.cli import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "basisschool-de-linde"
SIGNAL_FIELDS = {"pupil_id", "protocol", "step", "on", "melding", "actions", "source"}
ACTORS = {
    "school", "mentor", "teamleider", "directeur", "zorgcoordinator", "leerplicht", "jgz", "swv",
    "ouders", "inspectie", "receptionist", "onderwijsassistent",
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_toont_de_meegeleverde_protocollen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "protocols", "list")
    assert code == 0
    assert "parkstad-po" in out and "Parkstad" in out


def test_show_toont_elke_stap_met_bron(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "protocols", "show", "parkstad-po")
    assert code == 0
    for step in ("te-laat-6x", "te-laat-10x", "lrv-thuiszitter", "ziekte-mazl"):
        assert step in out
    assert "bijlage 3" in out
    assert "ten minste 6" in out and "ten minste 10" in out


def test_show_van_onbekend_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "protocols", "show", "bestaat-niet")
    assert code == 2 and out == ""
    assert "onbekend protocol 'bestaat-niet'" in err
    assert "parkstad-po" in err


def test_diff_zet_stappen_naast_elkaar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = Path(__file__).parents[2] / "src/leerrecht/core/protocols/data/parkstad-po.yaml"
    neighbour = tmp_path / "buurregio.yaml"
    neighbour.write_text(
        source.read_text(encoding="utf-8")
        .replace("id: parkstad-po", "id: buurregio")
        .replace("at_least: 6", "at_least: 5"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "protocols", "diff", "parkstad-po", str(neighbour))
    assert code == 0
    lines = [line for line in out.splitlines() if "te laat komen" in line]
    assert lines and "verschilt" in lines[0]
    assert "ten minste 6" in out and "ten minste 5" in out
    assert "luxe verzuim" in out and "gelijk" in out


def test_diff_van_twee_echte_kaarten(capsys: pytest.CaptureFixture[str]) -> None:
    from leerrecht.core.protocols.loader import shipped_protocol_files

    others = sorted(set(shipped_protocol_files()) - {"parkstad-po"})
    if not others:
        pytest.skip("maar één protocol meegeleverd")
    code, out, _ = run(capsys, "protocols", "diff", "parkstad-po", others[0])
    assert code == 0
    assert "parkstad-po" in out and others[0] in out


def test_evaluate_met_protocol_geeft_signalen_volgens_het_contract(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "evaluate", str(EXAMPLE), "--as-of", "2026-03-20", "--protocol", "parkstad-po"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["protocol"]["id"] == "parkstad-po"
    assert data["signals"], "het voorbeeld bereikt stappen"
    for signal in data["signals"]:
        assert set(signal) >= SIGNAL_FIELDS
        assert signal["protocol"] == "parkstad-po"
        assert signal["melding"] in (None, "16_uur", "lrv", "luxe", "overig", "18plus")
        assert signal["actions"] and all(
            a["actor"] in ACTORS and a["text"] for a in signal["actions"]
        )
        assert signal["on"] <= "2026-03-20"
    steps = {(s["pupil_id"], s["step"]) for s in data["signals"]}
    assert ("p010", "te-laat-6x") in steps
    assert ("p003", "lrv-thuiszitter") in steps
    assert ("p004", "luxe-verzuim") in steps
    assert ("p005", "ziek-rond-vakantie") in steps


def test_evaluate_zonder_protocol_heeft_lege_signalen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evaluate", str(EXAMPLE), "--as-of", "2026-03-20")
    assert code == 0
    assert json.loads(out)["signals"] == []


def test_protocol_voor_een_andere_sector(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = Path(shutil.copytree(EXAMPLE, tmp_path / "vo"))
    toml = data_dir / "school.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('sector = "po"', 'sector = "vo"'), encoding="utf-8"
    )
    code, out, err = run(
        capsys, "evaluate", str(data_dir), "--as-of", "2026-03-20", "--protocol", "parkstad-po"
    )
    assert code == 2 and out == ""
    assert "geldt voor po, so" in err


def test_table_uitvoer_toont_protocolstappen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "evaluate",
        str(EXAMPLE),
        "--as-of",
        "2026-03-20",
        "--protocol",
        "parkstad-po",
        "--format",
        "table",
    )
    assert code == 0
    assert "Protocolstappen" in out and "te-laat-6x" in out


MANUAL_PROTOCOL = """\
id: met-hand
name: Protocol met handmatige stap
region: Proefregio
sectors: [po]
source: "proefbron"
steps:
  - id: zorg-om-ziekte
    title: Ziekmelding is reden tot zorg
    when:
      handmatig: de school maakt zich zorgen over de ziekmeldingen
    melding: overig
    actions:
      school:
        - Verwijst naar de jeugdarts
    source: "tabel ziekte, laatste rij"
"""


def test_handmatige_stap_uit_handmatig_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = Path(shutil.copytree(EXAMPLE, tmp_path / "school"))
    protocol = tmp_path / "met-hand.yaml"
    protocol.write_text(MANUAL_PROTOCOL, encoding="utf-8")
    (data_dir / "handmatig.csv").write_text(
        "pupil_id,step,date,note\np001,zorg-om-ziekte,2026-03-02,\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "evaluate", str(data_dir), "--as-of", "2026-03-20", "--protocol", str(protocol)
    )
    assert code == 0, err
    data = json.loads(out)
    assert [(s["pupil_id"], s["step"], s["on"], s["melding"]) for s in data["signals"]] == [
        ("p001", "zorg-om-ziekte", "2026-03-02", "overig")
    ]
    assert any(m["soort"] == "overig" and m["pupil_id"] == "p001" for m in data["meldingen"])
    # voor de vastgelegde datum is de stap nog niet bereikt
    code, out, _ = run(
        capsys, "evaluate", str(data_dir), "--as-of", "2026-02-27", "--protocol", str(protocol)
    )
    assert json.loads(out)["signals"] == []


def test_handmatig_csv_met_onbekende_stap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = Path(shutil.copytree(EXAMPLE, tmp_path / "school"))
    (data_dir / "handmatig.csv").write_text(
        "pupil_id,step,date\np001,te-laat-6x,2026-03-02\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "evaluate", str(data_dir), "--as-of", "2026-03-20", "--protocol", "parkstad-po"
    )
    assert code == 2 and out == ""
    assert "handmatig.csv, regel 2, kolom step" in err


def test_handmatig_csv_zonder_protocol(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = Path(shutil.copytree(EXAMPLE, tmp_path / "school"))
    (data_dir / "handmatig.csv").write_text(
        "pupil_id,step,date\np001,x,2026-03-02\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "evaluate", str(data_dir), "--as-of", "2026-03-20")
    assert code == 2
    assert "geen --protocol" in err


def test_haken_in_protocoltekst_worden_letterlijk_getoond(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Protocol text is data, never terminal markup: '[absent]' and '[/b]' are shown as written."""
    path = tmp_path / "met-hand.yaml"
    path.write_text(
        MANUAL_PROTOCOL.replace("Verwijst naar de jeugdarts", "Actie [absent] met [/b] haken"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "protocols", "show", str(path))
    assert code == 0, err
    assert "[absent]" in out and "[/b]" in out
