"""An import never makes sick leave ongeoorloofd, and never brings a note next to sick leave:
the register does that, with the date the parents were told (leerrecht.web.registratie.
ziekteverzuim; seed 000 §1.1.1, seed 003 §6)."""

from __future__ import annotations

import pytest
from web_hulp import D, World
from ziekte_hulp import stand, ziek

from leerrecht.web.importeren.models import CodeKoppeling
from leerrecht.web.importeren.parsers import formaat
from leerrecht.web.importeren.plan import ImportFout

KOP = "pupil_id,date,kind,reason,hours,note\n"


@pytest.mark.parametrize(("oud", "nieuw"), [("ziek", "ongeoorloofd"), ("arts", "luxe")])
def test_import_over_ziek_met_ongeoorloofd_wordt_geweigerd_met_de_regel(
    world: World, oud: str, nieuw: str
) -> None:
    ziek(world.a1, D(2026, 3, 2), reden=oud)
    before = stand()
    data = f"{KOP}a2,2026-03-02,absent,ongeoorloofd,,\na1,2026-03-02,absent,{nieuw},,\n"
    with pytest.raises(ImportFout) as fout:
        formaat("leerrecht").parse(data.encode(), world.school, bestandsnaam="absences.csv")
    assert fout.value.line == 3
    assert f"staat op 2026-03-02 als {oud} (geoorloofd)" in fout.value.message
    assert "alleen ongeoorloofd in het register" in fout.value.message
    assert stand() == before


def test_las_export_over_ziek_met_ongeoorloofd_wordt_geweigerd(world: World) -> None:
    CodeKoppeling.objects.create(
        school=world.school, code="O", soort="absent", reden="ongeoorloofd"
    )
    ziek(world.a1, D(2026, 3, 2))
    data = b"Stamnummer;Datum;Lesuur;Absentiecode\na1;02-03-2026;;O\n"
    with pytest.raises(ImportFout, match="als ziek"):
        formaat("magister").parse(data, world.school, bestandsnaam="magister.csv")


def test_import_over_ziek_met_een_geoorloofde_reden_mag(world: World) -> None:
    ziek(world.a1, D(2026, 3, 2))
    data = f"{KOP}a1,2026-03-02,absent,verlof,,\n".encode()
    plan = formaat("leerrecht").parse(data, world.school, bestandsnaam="absences.csv")
    assert [r.reden for r in plan.registraties.gewijzigd] == ["verlof"]


def test_import_met_een_notitie_bij_ziek_wordt_geweigerd(world: World) -> None:
    data = f"{KOP}a1,2026-03-02,absent,ziek,,griep\n".encode()
    with pytest.raises(ImportFout, match="noteer nooit de aard van een ziekte") as fout:
        formaat("leerrecht").parse(data, world.school, bestandsnaam="absences.csv")
    assert (fout.value.line, fout.value.column) == (2, "note")
    data = f"{KOP}a1,2026-03-02,absent,ongeoorloofd,,bus gemist\n".encode()
    assert formaat("leerrecht").parse(data, world.school, bestandsnaam="a.csv").registraties.nieuw
