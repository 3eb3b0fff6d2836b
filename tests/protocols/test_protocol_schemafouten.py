"""A schema error in a protocol file names the file, the line and the field (issue 3, 'Done when')."""

from __future__ import annotations

from pathlib import Path

import pytest

from leerrecht.cli import main
from leerrecht.core.protocols.loader import ProtocolError, load_protocol_file, parse_protocol

GOOD = """\
id: proef
name: Proefprotocol
region: Proefregio
sectors: [po]
source: "proefbron.pdf"
steps:
  - id: te-laat-5x
    title: Vijf keer te laat
    when:
      metric: te_laat
      window: schooljaar
      at_least: 5
    actions:
      school:
        - Gesprek met ouders
    source: "tabel te laat, rij 5x"
"""


def error_of(text: str) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        parse_protocol(text, "proef.yaml")
    return info.value


def test_een_goed_protocol_laadt() -> None:
    protocol = parse_protocol(GOOD, "proef.yaml")
    assert protocol.step("te-laat-5x").title == "Vijf keer te laat"


def test_onbekende_maat_noemt_regel_en_veld() -> None:
    error = error_of(GOOD.replace("metric: te_laat", "metric: te_laat_komen"))
    (issue,) = [i for i in error.issues if i.field.endswith("metric")]
    assert issue.line == 10
    assert issue.field == "steps[0].when.metric"
    assert "proef.yaml, regel 10, veld steps[0].when.metric" in str(error)


def test_onbekend_venster_noemt_regel_en_veld() -> None:
    error = error_of(GOOD.replace("window: schooljaar", "window: maand"))
    issue = next(i for i in error.issues if "venster" in i.message)
    assert issue.line == 11
    assert issue.field == "steps[0].when.window"
    assert "lesweken" in issue.message


def test_tikfout_in_een_veldnaam() -> None:
    error = error_of(GOOD.replace("at_least: 5", "atleast: 5"))
    fields = {i.field: i for i in error.issues}
    assert "steps[0].when.atleast" in fields
    assert fields["steps[0].when.atleast"].line == 12
    assert "onbekend veld" in fields["steps[0].when.atleast"].message


def test_ontbrekende_bron_is_een_fout() -> None:
    error = error_of(GOOD.replace('    source: "tabel te laat, rij 5x"\n', ""))
    issue = next(i for i in error.issues if i.field == "steps[0].source")
    assert issue.message == "verplicht veld ontbreekt"
    assert issue.line == 7  # de stap zelf


def test_onbekende_actor() -> None:
    error = error_of(GOOD.replace("      school:\n", "      conciërge:\n"))
    issue = next(i for i in error.issues if "actions" in i.field)
    assert issue.line is not None and issue.line >= 14


def test_geen_drempel() -> None:
    error = error_of(GOOD.replace("      at_least: 5\n", ""))
    assert any("ondergrens" in i.message for i in error.issues)


def test_dubbele_stap_ids() -> None:
    doubled = GOOD + GOOD[GOOD.index("  - id: te-laat-5x") :]
    error = error_of(doubled)
    assert any("dubbel" in i.message for i in error.issues)


def test_sinds_stap_naar_onbekende_stap() -> None:
    error = error_of(GOOD.replace("window: schooljaar", "window: {sinds_stap: bestaat-niet}"))
    assert any("bestaat-niet" in i.message for i in error.issues)


def test_reeks_met_venster_is_een_fout() -> None:
    text = GOOD.replace("metric: te_laat", "metric: ziek_aaneengesloten").replace(
        "window: schooljaar", "window: {lesweken: 4}"
    )
    error = error_of(text)
    assert any("reeks" in i.message for i in error.issues)


def test_ongeldige_yaml_noemt_de_regel() -> None:
    error = error_of(GOOD.replace("    title: Vijf keer te laat", "    title: [Vijf keer"))
    (issue,) = error.issues
    assert issue.field == "(yaml)"
    assert issue.line is not None


def test_id_moet_de_bestandsnaam_zijn(tmp_path: Path) -> None:
    path = tmp_path / "andere-naam.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        load_protocol_file(path)
    assert info.value.issues[0].field == "id"
    assert info.value.issues[0].line == 1


def test_check_commando_geeft_exitcode_2_en_noemt_regel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "proef.yaml"
    path.write_text(GOOD.replace("metric: te_laat", "metric: onzin"), encoding="utf-8")
    assert main(["protocols", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "proef.yaml, regel 10, veld steps[0].when.metric" in err


def test_check_commando_op_een_goed_bestand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "proef.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["protocols", "check", str(path)]) == 0
    assert "geldig protocol 'proef' met 1 stappen" in capsys.readouterr().out


def test_evaluate_met_een_ongeldig_protocolbestand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "proef.yaml"
    path.write_text(GOOD.replace("window: schooljaar", "window: maand"), encoding="utf-8")
    example = Path(__file__).parents[2] / "examples" / "basisschool-de-linde"
    code = main(["evaluate", str(example), "--as-of", "2026-03-20", "--protocol", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "regel 11, veld steps[0].when.window" in captured.err


@pytest.mark.parametrize("ref", ["parkstad-po"])
def test_meegeleverde_protocollen_zijn_geldig(ref: str) -> None:
    from leerrecht.core.protocols.loader import load_protocol, shipped_protocol_files

    assert ref in shipped_protocol_files()
    for name, path in shipped_protocol_files().items():
        assert load_protocol_file(path).id == name
    assert load_protocol(ref).steps


def test_foutmeldingen_zijn_nederlands() -> None:
    error = error_of(
        GOOD.replace("sectors: [po]", "sectors: [po, hbo]").replace("at_least: 5", "at_least: vijf")
    )
    messages = {i.field: i.message for i in error.issues}
    assert "'hbo' is niet toegestaan" in messages["sectors[1]"]
    assert messages["steps[0].when.at_least"] == "'vijf' is geen getal"
