"""Queries whose SQL the ORM writes once per process (leerrecht.web.vaste_query): the same rows
as the queryset they come from, for every value; used for the register's access check, the
schoolwide role and the menu."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from web_hulp import World, make_user

from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN, Groep, Rol, RolSoort, School
from leerrecht.web.vaste_query import VasteQuery


def _rollen(gebruiker: int, school: int) -> QuerySet[Any]:
    return (
        Rol.objects.filter(gebruiker_id=gebruiker, school_id=school)
        .order_by("soort")
        .values_list("soort", "school__naam")
    )


def test_dezelfde_rijen_als_de_queryset_en_een_keer_gecompileerd(world: World) -> None:
    gebouwd: list[dict[str, int]] = []

    def bouw(gebruiker: int, school: int) -> QuerySet[Any]:
        gebouwd.append({"gebruiker": gebruiker, "school": school})
        return _rollen(gebruiker, school)

    vast = VasteQuery(bouw, "gebruiker", "school")
    Rol.objects.create(gebruiker=world.docent_a, school=world.school, soort=RolSoort.MENTOR)
    for user in User.objects.all():
        for school in School.objects.all():
            with CaptureQueriesContext(connection) as queries:
                rijen = vast.rijen(gebruiker=user.pk, school=school.pk)
            assert rijen == list(_rollen(user.pk, school.pk))
            assert len(queries) == 1
    assert len(gebouwd) == 1  # written once, for the placeholders


def test_een_plaatshouder_die_niet_in_de_sql_staat_is_een_fout(db: None) -> None:
    vast = VasteQuery(lambda gebruiker, school: _rollen(gebruiker, 1), "gebruiker", "school")
    with pytest.raises(ValueError, match="plaatshouder"):
        vast.rijen(gebruiker=1, school=2)


def _schoolbreed_orm(user: User, school: School) -> bool:
    return (
        Rol.objects.filter(gebruiker_id=user.pk, school=school)
        .filter(soort__in=list(SCHOOLBREDE_ROLLEN))
        .exists()
    )


def _groepen_orm(user: User, school: School) -> set[int]:
    if _schoolbreed_orm(user, school):
        return set(school.groepen.values_list("pk", flat=True))
    return set(
        Groep.objects.filter(
            rollen__in=Rol.objects.filter(gebruiker_id=user.pk, school=school)
        ).values_list("pk", flat=True)
    )


def test_schoolbreed_en_mag_groep_zoals_de_orm(world: World) -> None:
    make_user("privacy", world.school, RolSoort.PRIVACY)
    make_user("mentor", world.school, RolSoort.MENTOR, [world.groep_a, world.groep_b])
    beide = make_user("beide", world.other_school, RolSoort.DOCENT)
    Rol.objects.create(gebruiker=beide, school=world.school, soort=RolSoort.TEAMLEIDER)
    for user in User.objects.all():
        for school in School.objects.all():
            assert scope.schoolbreed(user, school) is _schoolbreed_orm(user, school)
            mag = _groepen_orm(user, school)
            for groep in Groep.objects.select_related("school"):
                verwacht = groep.pk in mag and groep.school_id == school.pk
                if groep.school_id == school.pk:
                    assert scope.mag_groep(user, groep) is verwacht, (user, groep)
    assert not scope.schoolbreed(AnonymousUser(), world.school)
    assert not scope.mag_groep(AnonymousUser(), world.groep_a)


def test_de_leerlingen_van_de_werklijst_zoals_de_orm_ze_leest(world: World) -> None:
    """The worklist's pupils: the same values of the same types in the same order as
    values_list on scope.leerlingen (dates and booleans converted on SQLite too)."""
    from leerrecht.web import evaluatie
    from leerrecht.web.registratie import views

    world.a1.startkwalificatie = True
    world.a1.ingeschreven_tot = world.a1.ingeschreven_vanaf.replace(year=2030)
    world.a1.save()
    beide = make_user("beide", world.other_school, RolSoort.COORDINATOR)
    Rol.objects.create(gebruiker=beide, school=world.school, soort=RolSoort.DOCENT).groepen.set(
        [world.groep_b]
    )
    for user in User.objects.all():
        for school in School.objects.all():
            orm = list(scope.leerlingen(user, school).values_list(*evaluatie.RIJ_VELDEN))
            vast = views._LEERLINGEN.rijen(gebruiker=user.pk, school=school.pk)
            assert [[(type(v), v) for v in rij] for rij in vast] == [
                [(type(v), v) for v in rij] for rij in orm
            ]
            evaluatie.RIJEN.leeg()
            rijen = views._leerling_rijen(user, school)
            assert rijen == evaluatie.leerling_rijen(scope.leerlingen(user, school))
    assert any(
        r[10] is True
        for r in views._LEERLINGEN.rijen(gebruiker=world.coordinator.pk, school=world.school.pk)
    )
    assert views._leerling_rijen(AnonymousUser(), world.school) == []


def _velden(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_de_scholen_en_groepen_van_de_werklijst_zoals_de_orm_ze_leest(world: World) -> None:
    """The worklist's schools and groups: the same instances (every field, same types), in the
    same order, as scope.scholen and scope.groepen."""
    from leerrecht.web.registratie import views

    Groep.objects.create(school=world.school, naam="1a")
    beide = make_user("beide", world.other_school, RolSoort.COORDINATOR)
    Rol.objects.create(gebruiker=beide, school=world.school, soort=RolSoort.DOCENT).groepen.set(
        [world.groep_b, world.groep_a]
    )
    School.objects.filter(pk=world.school.pk).update(uren_wo="3.50")
    for user in User.objects.all():
        orm = list(scope.scholen(user))
        vast = views._scholen(user)
        assert [_velden(s) for s in vast] == [_velden(s) for s in orm]
        assert [[type(v) for v in _velden(s).values()] for s in vast] == [
            [type(v) for v in _velden(s).values()] for s in orm
        ]
        assert all(not s._state.adding for s in vast)
        for school in School.objects.all():
            for breed in (True, False):
                orm_g = list(scope.groepen(user, school, breed=breed))
                vast_g = views._groepen(user, school, breed)
                assert [_velden(g) for g in vast_g] == [_velden(g) for g in orm_g]
    assert [s.naam for s in views._scholen(beide)] == ["De Eik", "De Linde"]
    assert views._scholen(AnonymousUser()) == []
