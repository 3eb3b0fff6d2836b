"""The core pupils and their fingerprints kept per process (leerrecht.web.evaluaties.cache.
LEERLINGEN): a change of a pupil or of the school always gives another key, so the stored
results stay equal to a full evaluation."""

from __future__ import annotations

import datetime as dt

import pytest

from leerrecht.web import evaluatie
from leerrecht.web.demodata.bouw import bouw_demo, demo_school
from leerrecht.web.evaluaties import cache
from leerrecht.web.scholen.models import Groep, Leerling, School

PEILDATUM = dt.date(2026, 3, 20)


@pytest.fixture
def school(db: None) -> School:
    bouw_demo(PEILDATUM, 40, seed=11)
    school = demo_school()
    assert school is not None
    cache.LEERLINGEN.leeg()
    return school


def rijen(school: School) -> list[evaluatie.LeerlingRij]:
    return evaluatie.leerling_rijen(school.leerlingen.order_by("pk"))


def evalueer_als_de_werklijst(school: School) -> cache.Telling:
    """As the worklist: pupils as plain rows; the result equals a full evaluation."""
    ev, telling = cache.evalueer_met_telling(school, rijen(school), PEILDATUM)
    volledig = evaluatie.evaluate_pupils(school, rijen(school), PEILDATUM)
    assert ev.to_dict() == volledig.to_dict()
    return telling


def test_een_gewijzigde_leerling_wordt_opnieuw_geevalueerd(school: School) -> None:
    evalueer_als_de_werklijst(school)
    assert evalueer_als_de_werklijst(school).geevalueerd == 0
    p = school.leerlingen.order_by("pk").first()
    assert p is not None
    p.geboortedatum -= dt.timedelta(days=365 * 3)  # another leerplicht
    p.save()
    assert evalueer_als_de_werklijst(school).geevalueerd == 1
    p.ingeschreven_tot = PEILDATUM - dt.timedelta(days=20)
    p.uitschrijfreden = "emigratie"
    p.save()
    assert evalueer_als_de_werklijst(school).geevalueerd == 1


def test_een_andere_groepsnaam_of_school_geeft_een_andere_vingerafdruk(school: School) -> None:
    evalueer_als_de_werklijst(school)
    groep = Groep.objects.filter(school=school).order_by("pk").first()
    assert groep is not None
    groep.naam = f"{groep.naam}-nieuw"
    groep.save()
    in_groep = school.leerlingen.filter(groep=groep).count()
    assert in_groep > 0
    assert evalueer_als_de_werklijst(school).geevalueerd == in_groep
    school.protocol = "twente-po" if school.protocol != "twente-po" else "parkstad-po"
    school.save()
    assert evalueer_als_de_werklijst(school).geevalueerd == school.leerlingen.count()


def test_modelinstanties_worden_niet_bewaard(school: School) -> None:
    """A Leerling equals another with the same pk, whatever its data: never a key."""
    pupils = list(Leerling.objects.filter(school=school).select_related("groep"))
    cache.evalueer_met_telling(school, pupils, PEILDATUM)
    assert cache.LEERLINGEN._data == {}
    cache.evalueer_met_telling(school, rijen(school), PEILDATUM)
    assert len(cache.LEERLINGEN._data) == len(pupils)


def test_vol_is_leeg_en_opnieuw_gevuld(school: School, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache.LEERLINGEN, "maximum", 10)
    evalueer_als_de_werklijst(school)
    assert 0 < len(cache.LEERLINGEN._data) <= 10


def test_een_ongewijzigde_rij_is_hetzelfde_object_een_gewijzigde_een_nieuwe(
    school: School,
) -> None:
    """leerling_rijen keeps the row per row of values (evaluatie.RIJEN): unchanged pupils give
    the same object, a change of the pupil or its group's name a new, equal-to-the-data row."""
    evaluatie.RIJEN.leeg()
    eerst = {r.pk: r for r in rijen(school)}
    weer = {r.pk: r for r in rijen(school)}
    assert all(weer[pk] is eerst[pk] for pk in eerst)
    p = school.leerlingen.order_by("pk").first()
    assert p is not None and p.groep is not None
    p.achternaam = "Anders"
    p.save()
    groep = p.groep
    groep.naam = f"{groep.naam}-nieuw"
    groep.save()
    nu = {r.pk: r for r in rijen(school)}
    assert nu[p.pk] is not eerst[p.pk]
    assert (nu[p.pk].achternaam, str(nu[p.pk].groep)) == ("Anders", groep.naam)
    for pk, rij in nu.items():
        leerling = Leerling.objects.select_related("groep").get(pk=pk)
        assert (rij.voornaam, rij.achternaam, rij.geboortedatum, rij.woongemeente) == (
            leerling.voornaam,
            leerling.achternaam,
            leerling.geboortedatum,
            leerling.woongemeente,
        )
        assert (rij.groep.naam if rij.groep else None) == (
            leerling.groep.naam if leerling.groep else None
        )
        if leerling.groep_id != groep.pk:
            assert rij is eerst[pk]
    # equal rows are equal with equal hashes, whether kept or built anew
    evaluatie.RIJEN.leeg()
    opnieuw = {r.pk: r for r in rijen(school)}
    assert all(opnieuw[pk] == nu[pk] and hash(opnieuw[pk]) == hash(nu[pk]) for pk in nu)
    assert opnieuw[p.pk] is not nu[p.pk]


def test_rijen_vol_is_leeg_en_opnieuw_gevuld(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluatie.RIJEN.leeg()
    monkeypatch.setattr(evaluatie.RIJEN, "maximum", 10)
    alle = rijen(school)
    assert 0 < len(evaluatie.RIJEN._data) <= 10
    assert [r.pk for r in alle] == list(
        school.leerlingen.order_by("pk").values_list("pk", flat=True)
    )
    evalueer_als_de_werklijst(school)
