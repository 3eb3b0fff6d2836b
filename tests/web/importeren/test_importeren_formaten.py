"""Every import format parses a sample into a plan; bad input gives a clear error with line and
column (issue: 'Bad input ... gets a clear message and loses or corrupts nothing')."""

from __future__ import annotations

from decimal import Decimal

import pytest
from import_hulp import (
    ABSENCES_CSV,
    MAGISTER_CSV,
    PARNASSYS_CSV,
    PUPILS_CSV,
    SOMTODAY_CSV,
    codes,
    snapshot,
    zip_bytes,
)
from web_hulp import D, World

from leerrecht.web.importeren.parsers import FORMATEN, formaat
from leerrecht.web.importeren.plan import ImportFout, ImportPlan
from leerrecht.web.registratie.models import Registratie


def parse(world: World, naam: str, inhoud: str | bytes, bestand: str = "bestand.csv") -> ImportPlan:
    data = inhoud.encode() if isinstance(inhoud, str) else inhoud
    return formaat(naam).parse(data, world.school, bestandsnaam=bestand)


def fout(world: World, naam: str, inhoud: str | bytes) -> ImportFout:
    before = snapshot()
    with pytest.raises(ImportFout) as info:
        parse(world, naam, inhoud)
    assert snapshot() == before  # parsing never writes
    return info.value


def test_de_vier_formaten_zijn_geregistreerd() -> None:
    assert list(FORMATEN) == ["leerrecht", "magister", "somtoday", "parnassys"]
    with pytest.raises(ImportFout, match="onbekend importformaat"):
        formaat("excel")


# -- leerrecht ----------------------------------------------------------------------------------


def test_leerrecht_pupils_maakt_groepen_en_leerlingen_en_toont_oud_en_nieuw(world: World) -> None:
    plan = parse(world, "leerrecht", PUPILS_CSV, "pupils.csv")
    assert plan.aantallen() == {
        "groepen": {"nieuw": 1, "gewijzigd": 0, "ongewijzigd": 1},
        "leerlingen": {"nieuw": 2, "gewijzigd": 1, "ongewijzigd": 0},
        "registraties": {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 0},
    }
    assert [g.naam for g in plan.groepen.nieuw] == ["7c"]
    (a1,) = plan.leerlingen.gewijzigd
    assert a1.leerlingnummer == "a1" and a1.regel == 2
    assert [(v.veld, v.oud, v.nieuw) for v in a1.veranderingen] == [
        ("woongemeente", "Heerlen", "Kerkrade")
    ]
    n1 = plan.leerlingen.nieuw[0]
    assert n1.waarden["groep"] == "7c" and n1.waarden["ingeschreven_vanaf"] == D(2025, 8, 18)
    assert plan.totaal == 4  # 1 group, 2 new pupils, 1 changed pupil


def test_leerrecht_absences_met_uren_volgens_het_batchformaat(world: World) -> None:
    plan = parse(world, "leerrecht", ABSENCES_CSV, "absences.csv")
    assert plan.registraties.aantallen() == {"nieuw": 3, "gewijzigd": 0, "ongewijzigd": 0}
    a1, a2, b1 = plan.registraties.nieuw
    assert (a1.soort, a1.reden, a1.uren, a1.moment) == ("absent", "ziek", None, "dag")
    assert (a2.soort, a2.uren, a2.notitie) == ("late", Decimal("0.25"), "bus te laat")
    assert (b1.reden, b1.uren) == ("ongeoorloofd", Decimal("2.00"))


def test_leerrecht_zip_kent_de_nieuwe_leerlingen_uit_pupils_csv(world: World) -> None:
    absences = "pupil_id,date,kind,reason,hours\nn1,2026-03-02,absent,ziek,\n"
    data = zip_bytes(
        {"data/pupils.csv": PUPILS_CSV, "data/absences.csv": absences, "data/school.toml": ""}
    )
    plan = parse(world, "leerrecht", data, "export.zip")
    assert len(plan.leerlingen.nieuw) == 2
    assert [r.leerlingnummer for r in plan.registraties.nieuw] == ["n1"]
    assert any("school.toml" in w for w in plan.waarschuwingen)


def test_leerrecht_code_kolom_gebruikt_de_codetabel_van_de_school(world: World) -> None:
    codes(world.school)
    text = "pupil_id,date,kind,reason,hours,code\na1,2026-03-02,,,,TL\n"
    (reg,) = parse(world, "leerrecht", text).registraties.nieuw
    assert (reg.soort, reg.reden) == ("late", "ongeoorloofd")


def test_leerrecht_moment_kolom_registreert_per_lesuur(world: World) -> None:
    text = (
        "pupil_id,date,kind,reason,hours,moment\n"
        "a1,2026-03-02,absent,ongeoorloofd,,1\n"
        "a1,2026-03-02,absent,ongeoorloofd,,2\n"
        "a1,2026-03-02,absent,ziek,,middag\n"
    )
    regs = parse(world, "leerrecht", text).registraties.nieuw
    assert [(r.moment, r.uren) for r in regs] == [
        ("1", Decimal("1.00")),
        ("2", Decimal("1.00")),
        ("middag", Decimal("2.75")),
    ]


def test_nieuwe_leerling_zonder_naam_krijgt_een_waarschuwing(world: World) -> None:
    text = "pupil_id,birth_date,enrolled_from\nn9,2016-01-01,2025-08-18\n"
    plan = parse(world, "leerrecht", text)
    assert plan.leerlingen.nieuw[0].waarden["achternaam"] == "n9"
    assert any("zonder naam" in w for w in plan.waarschuwingen)


def test_bestaande_registratie_gelijk_is_ongewijzigd_anders_gewijzigd(world: World) -> None:
    Registratie.objects.create(
        leerling=world.a1, datum=D(2026, 3, 2), moment="dag", soort="absent", reden="ziek"
    )
    Registratie.objects.create(
        leerling=world.a2, datum=D(2026, 3, 3), moment="dag", soort="absent", reden="verlof"
    )
    plan = parse(world, "leerrecht", ABSENCES_CSV)
    assert [r.leerlingnummer for r in plan.registraties.ongewijzigd] == ["a1"]
    (a2,) = plan.registraties.gewijzigd
    assert {(v.veld, v.oud, v.nieuw) for v in a2.veranderingen} == {
        ("soort", "absent", "late"),
        ("reden", "verlof", "ongeoorloofd"),
        ("uren", "—", "0.25"),
        ("notitie", "—", "bus te laat"),
    }
    assert a2.oud == "afwezig (verlof)"
    assert a2.nieuw == "te laat (ongeoorloofd), 0.25 uur, notitie: bus te laat"


# -- LAS exports --------------------------------------------------------------------------------


def test_magister_export_met_codetabel(world: World) -> None:
    codes(world.school)
    plan = parse(world, "magister", MAGISTER_CSV)
    regs = plan.registraties.nieuw
    assert [(r.leerlingnummer, r.datum, r.moment, r.reden, r.uren) for r in regs] == [
        ("a1", D(2026, 3, 2), "1", "ziek", Decimal("1.00")),
        ("a1", D(2026, 3, 2), "2", "ziek", Decimal("1.00")),
        ("a2", D(2026, 3, 3), "dag", "ongeoorloofd", None),
    ]
    assert all(r.notitie is None for r in regs)  # free text from the LAS is never imported


def test_somtoday_export_met_codetabel(world: World) -> None:
    codes(world.school)
    regs = parse(world, "somtoday", SOMTODAY_CSV).registraties.nieuw
    assert [(r.leerlingnummer, r.moment, r.soort, r.reden) for r in regs] == [
        ("a1", "3", "late", "ongeoorloofd"),
        ("b1", "dag", "absent", "ziek"),
    ]


def test_parnassys_export_met_dagdelen(world: World) -> None:
    codes(world.school)
    regs = parse(world, "parnassys", PARNASSYS_CSV).registraties.nieuw
    assert [(r.leerlingnummer, r.moment, r.uren) for r in regs] == [
        ("a1", "ochtend", Decimal("2.75")),
        ("a2", "middag", Decimal("2.75")),
        ("b1", "dag", None),
    ]


def test_las_export_in_windows_1252_wordt_gelezen_met_waarschuwing(world: World) -> None:
    codes(world.school)
    data = "Stamnummer;Datum;Absentiecode;Omschrijving\na1;02-03-2026;Z;Ziek (café)\n"
    plan = parse(world, "magister", data.encode("cp1252"))
    assert len(plan.registraties.nieuw) == 1
    assert any("Windows-1252" in w for w in plan.waarschuwingen)


# -- errors: a clear message with line and column, nothing written -----------------------------


def test_onbekende_code_noemt_code_en_regel(world: World) -> None:
    codes(world.school)
    text = MAGISTER_CSV + "b1;Cas;6b;04-03-2026;3;XX;Excursie\n"
    exc = fout(world, "magister", text)
    assert (exc.regel, exc.kolom) == (5, "Absentiecode")
    assert "onbekende LAS-code 'XX' (Excursie)" in exc.message
    assert "regel 5" in str(exc)


def test_las_zonder_codetabel_is_een_fout_en_nooit_stil_weggelaten(world: World) -> None:
    exc = fout(world, "parnassys", PARNASSYS_CSV)
    assert exc.regel == 2 and "onbekende LAS-code 'Ziek'" in exc.message


def test_weekend_is_geen_schooldag(world: World) -> None:
    text = (
        "pupil_id,date,kind,reason,hours\na1,2026-03-02,absent,ziek,\na1,2026-03-07,absent,ziek,\n"
    )
    exc = fout(world, "leerrecht", text)
    assert (exc.regel, exc.kolom) == (3, "date")
    assert "2026-03-07 is geen schooldag (weekend)" in exc.message


def test_vakantie_is_geen_schooldag(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-02-16,absent,ziek,\n")
    assert "voorjaarsvakantie" in exc.message


def test_onmogelijke_datum(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-02-30,absent,ziek,\n")
    assert (exc.regel, exc.kolom) == (2, "date") and "geen geldige datum" in exc.message
    codes(world.school)
    exc = fout(world, "magister", "Stamnummer;Datum;Absentiecode\na1;31-04-2026;Z\n")
    assert (exc.regel, exc.kolom) == (2, "Datum") and "bestaat niet" in exc.message


def test_datum_buiten_de_kalender(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2031-03-03,absent,ziek,\n")
    assert exc.kolom == "date" and "geen vakantiedata" in exc.message


def test_dubbele_regel_noemt_beide_regels(world: World) -> None:
    text = ABSENCES_CSV + "a1,2026-03-02,absent,ongeoorloofd,,\n"
    exc = fout(world, "leerrecht", text)
    assert exc.regel == 5 and "regel 2 en regel 5" in exc.message


def test_dubbele_leerling_in_pupils_csv(world: World) -> None:
    exc = fout(world, "leerrecht", PUPILS_CSV + "n1,2016-05-10,2025-08-18,,Heerlen,7c,Noa,J\n")
    assert exc.regel == 5 and "regel 3 en regel 5" in exc.message


def test_uren_meer_dan_de_lesdag(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-03-04,absent,ziek,6\n")
    assert (exc.regel, exc.kolom) == (2, "hours")
    assert "6 uur is meer dan de 3.75 lesuren" in exc.message


def test_uren_samen_meer_dan_de_lesdag_ook_met_wat_er_al_staat(world: World) -> None:
    Registratie.objects.create(
        leerling=world.a1,
        datum=D(2026, 3, 4),
        moment="1",
        soort="absent",
        reden="ongeoorloofd",
        uren=Decimal("3"),
    )
    text = "pupil_id,date,kind,reason,hours,moment\na1,2026-03-04,absent,ziek,1,2\n"
    exc = fout(world, "leerrecht", text)
    assert exc.regel == 2 and "samen 4 uur" in exc.message and "3.75" in exc.message
    # the same row replacing the stored lesson is fine
    text = "pupil_id,date,kind,reason,hours,moment\na1,2026-03-04,absent,ziek,1,1\n"
    assert len(parse(world, "leerrecht", text).registraties.gewijzigd) == 1


def test_misvormde_regel(world: World) -> None:
    exc = fout(world, "leerrecht", ABSENCES_CSV + "a1,2026-03-05,absent,ziek,,,extra\n")
    assert exc.regel == 5 and "7 velden" in exc.message
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-03-05\n")
    assert (exc.regel, exc.kolom) == (2, "kind") and "ontbreken" in exc.message


def test_leerling_onbekend_of_buiten_de_inschrijving(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\nx1,2026-03-02,absent,ziek,\n")
    assert exc.kolom == "pupil_id" and "niet bekend op De Linde" in exc.message
    world.a1.ingeschreven_tot = D(2026, 2, 27)
    world.a1.save()
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-03-02,absent,ziek,\n")
    assert "buiten de inschrijving" in exc.message


def test_onbekende_reden_en_kolommen(world: World) -> None:
    exc = fout(
        world, "leerrecht", "pupil_id,date,kind,reason,hours\na1,2026-03-02,absent,vakantie,\n"
    )
    assert exc.kolom == "reason" and "reden 'vakantie' is onbekend" in exc.message
    exc = fout(world, "leerrecht", "pupil_id,date,kind,reason,hours,uren\n")
    assert exc.regel == 1 and "onbekende kolom" in exc.message
    exc = fout(world, "magister", "Naam;Datum\nAnna;02-03-2026\n")
    assert exc.regel == 1 and "Stamnummer" in exc.message and "Absentiecode" in exc.message


def test_nieuwe_leerling_zonder_inschrijfdatum(world: World) -> None:
    exc = fout(world, "leerrecht", "pupil_id,birth_date,enrolled_from\nn9,2016-01-01,\n")
    assert (exc.regel, exc.kolom) == (2, "enrolled_from")


def test_geen_utf8_leeg_en_geen_zip(world: World) -> None:
    assert "geen UTF-8" in fout(world, "leerrecht", "pupil_id,date\n\xe9".encode("latin-1")).message
    assert "leeg" in fout(world, "leerrecht", b"").message
    assert "ZIP" in fout(world, "leerrecht", b"PK\x03\x04kapot").message


def test_regelnummers_tellen_lege_regels_en_regels_binnen_aanhalingstekens_mee(
    world: World,
) -> None:
    text = (
        "pupil_id,date,kind,reason,hours,note\n"
        "\n"
        'a1,2026-03-02,absent,ziek,,"twee\nregels"\n'
        "a2,2026-03-07,absent,ziek,,\n"
    )
    exc = fout(world, "leerrecht", text)
    assert (exc.regel, exc.kolom) == (5, "date")


def test_lege_naam_laat_de_bestaande_naam_staan(world: World) -> None:
    text = "pupil_id,birth_date,first_name,last_name,municipality\na1,2015-03-01,,,\n"
    (a1,) = parse(world, "leerrecht", text).leerlingen.gewijzigd
    assert [(v.veld, v.oud, v.nieuw) for v in a1.veranderingen] == [
        ("woongemeente", "Heerlen", "—")
    ]
