"""Property tests (hypothesis): whatever the bytes or rows, a parser returns a plan or raises
ImportFout with a message; it never raises anything else and never writes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_hulp import codes, snapshot, zip_bytes
from web_hulp import D, World

from leerrecht.web.importeren.parsers import formaat
from leerrecht.web.importeren.plan import ImportFout, ImportPlan
from leerrecht.web.registratie.models import Registratie

PUPIL_COLUMNS = [
    "pupil_id",
    "birth_date",
    "enrolled_from",
    "enrolled_until",
    "municipality",
    "group",
    "startkwalificatie",
    "vo_start",
    "exit_reason",
    "next_enrolment_from",
    "first_name",
    "last_name",
]
ABSENCE_COLUMNS = ["pupil_id", "date", "kind", "reason", "hours", "note", "code", "moment"]

#: cells that are often valid, sometimes almost valid, sometimes nonsense
CELLS = st.one_of(
    st.sampled_from(["a1", "a2", "b1", "n1", "x1", "", " ", "5a", "7c"]),
    st.sampled_from(
        [
            "2026-03-02",
            "2026-03-04",
            "2026-03-07",
            "2026-02-16",
            "2026-02-30",
            "2015-03-01",
            "2025-08-18",
            "0001-01-01",
            "9999-12-31",
            "2026-W10-1",
            "02-03-2026",
        ]
    ),
    st.sampled_from(["absent", "late", "ABSENT", "ziek", "ongeoorloofd", "schorsing", "luxe"]),
    st.sampled_from(["", "0", "1", "1,5", "3.75", "6", "-1", "nan", "inf", "1e308", "ja"]),
    st.sampled_from(["dag", "ochtend", "middag", "1", "8", "9", "Z", "TL", "nieuwe_school"]),
    st.text(max_size=12),
    st.text(alphabet=",;\t\"'\n\r\x00 aZ", max_size=6),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from([PUPIL_COLUMNS, ABSENCE_COLUMNS]))
    required = kind[:2] if kind is PUPIL_COLUMNS else kind[:5]
    optional = draw(st.lists(st.sampled_from(kind), unique=True, max_size=4))
    header = list(dict.fromkeys(required + optional))
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 9)) == 0:
        header.append(draw(st.sampled_from(["uren", "pupil_id", ""])))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(
        st.lists(
            st.lists(CELLS, min_size=max(0, len(header) - 1), max_size=len(header) + 1),
            max_size=6,
        )
    )
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


#: per column a value that is usually right; one cell in twenty is replaced by any cell
GOED: dict[str, st.SearchStrategy[str]] = {
    "pupil_id": st.sampled_from(["a1", "a2", "b1", "n1", "n2"]),
    "birth_date": st.sampled_from(["2015-03-01", "2016-05-10"]),
    "enrolled_from": st.sampled_from(["2019-08-01", "2025-08-18"]),
    "enrolled_until": st.sampled_from(["", "2026-07-31", "2026-03-03"]),
    "group": st.sampled_from(["5a", "6b", "7c", ""]),
    "first_name": st.sampled_from(["Noa", ""]),
    "date": st.sampled_from(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]),
    "kind": st.sampled_from(["absent", "late"]),
    "reason": st.sampled_from(["ziek", "ongeoorloofd", "schorsing", "arts"]),
    "hours": st.sampled_from(["", "", "0.5", "1", "2,5"]),
    "note": st.sampled_from(["", "bus"]),
    "moment": st.sampled_from(["", "dag", "ochtend", "middag", "1", "2", "3"]),
}


@st.composite
def bijna_geldig(draw: st.DrawFn) -> bytes:
    pupils = "pupil_id,birth_date,enrolled_from,enrolled_until,group,first_name"
    absences = "pupil_id,date,kind,reason,hours,note,moment"
    header = draw(st.sampled_from([pupils, absences])).split(",")

    def cell(column: str) -> str:
        if draw(st.integers(0, 19)) == 0:
            return draw(CELLS)
        if column == "pupil_id" and "date" in header:
            return draw(st.sampled_from(["a1", "a2", "b1"]))
        return draw(GOED[column])

    rows = [",".join(cell(c) for c in header) for _ in range(draw(st.integers(1, 6)))]
    return "\n".join([",".join(header), *rows]).encode()


@pytest.fixture
def met_codes(world: World) -> World:
    codes(world.school)
    return world


@pytest.fixture
def met_registraties(world: World) -> World:
    """Stored registrations, so random files also update or leave some unchanged."""
    for leerling, day, moment, soort, reden in [
        (world.a1, D(2026, 3, 2), "dag", "absent", "ziek"),
        (world.a2, D(2026, 3, 3), "1", "absent", "ongeoorloofd"),
        (world.b1, D(2026, 3, 4), "ochtend", "late", "ongeoorloofd"),
    ]:
        Registratie.objects.create(
            leerling=leerling, datum=day, moment=moment, soort=soort, reden=reden
        )
    return world


def plan_of_fout(world: World, naam: str, data: bytes, bestand: str = "upload.csv") -> None:
    try:
        plan = formaat(naam).parse(data, world.school, bestandsnaam=bestand)
    except ImportFout as exc:
        assert exc.message and str(exc)
    else:
        assert isinstance(plan, ImportPlan)
        assert plan.totaal <= plan.rijen


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600))
def test_willekeurige_bytes(world: World, data: bytes) -> None:
    plan_of_fout(world, "leerrecht", data)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=csv_files())
def test_willekeurige_regels_leerrecht(world: World, data: bytes) -> None:
    before = snapshot()
    plan_of_fout(world, "leerrecht", data)
    assert snapshot() == before


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=bijna_geldig())
def test_bijna_geldige_bestanden(met_registraties: World, data: bytes) -> None:
    before = snapshot()
    plan_of_fout(met_registraties, "leerrecht", data)
    assert snapshot() == before


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pupils=csv_files(), absences=csv_files(), junk=st.binary(max_size=40))
def test_willekeurige_zip(world: World, pupils: bytes, absences: bytes, junk: bytes) -> None:
    data = zip_bytes(
        {
            "pupils.csv": pupils.decode("latin-1"),
            "absences.csv": absences.decode("latin-1"),
            "school.toml": junk.decode("latin-1"),
        }
    )
    plan_of_fout(world, "leerrecht", data, "data.zip")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    naam=st.sampled_from(["magister", "somtoday", "parnassys"]),
    header=st.permutations(["Stamnummer", "Leerling", "Datum", "Lesuur", "Dagdeel", "Reden"]),
    extra=st.sampled_from(["Absentiecode", "Waarnemingscode", "Code", "Omschrijving"]),
    rows=st.lists(st.lists(CELLS, min_size=6, max_size=8), max_size=5),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_willekeurige_las_exports(
    met_codes: World,
    naam: str,
    header: list[str],
    extra: str,
    rows: list[list[str]],
    delimiter: str,
) -> None:
    lines = [delimiter.join([*header, extra]), *(delimiter.join(r) for r in rows)]
    plan_of_fout(met_codes, naam, "\n".join(lines).encode("cp1252", errors="replace"))
