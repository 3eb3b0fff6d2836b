"""Append only in the database itself: triggers refuse UPDATE and DELETE of audit rows, except
the DELETE of rows older than the retention period (AUDIT_BEWAARTERMIJN_JAREN), on SQLite and on
PostgreSQL alike (issue 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from web_hulp import World

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import AUDIT_BEWAARTERMIJN_JAREN, Actie, AuditRegel
from leerrecht.web.audit.triggers import audit_legen_toegestaan

pytestmark = pytest.mark.django_db


def _regel_van(wanneer: dt.datetime) -> int:
    """Insert a row with a chosen time (INSERT is allowed); returns its pk."""
    AuditRegel.objects.create(actie=Actie.LEZEN, wat="oud", doel="test")
    pk = AuditRegel.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert pk is not None
    # ``wanneer`` is auto_now_add: an old row is made by inserting it directly
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditregel (wanneer, actie, wat, doel, omschrijving) "
            "VALUES (%s, 'lezen', 'oud', 'test', '')",
            [wanneer if connection.vendor == "postgresql" else _sqlite_tekst(wanneer)],
        )
    nieuw = AuditRegel.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert nieuw is not None and nieuw != pk
    return nieuw


def _sqlite_tekst(wanneer: dt.datetime) -> str:
    return wanneer.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def test_raw_sql_update_wordt_geweigerd(world: World) -> None:
    regel = vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    with (
        pytest.raises(DatabaseError, match="alleen aan te vullen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditregel SET doel = 'anders' WHERE id = %s", [regel.pk])
    assert AuditRegel.objects.get(pk=regel.pk).doel == "inzage"


def test_update_via_de_orm_wordt_ook_geweigerd(world: World) -> None:
    vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    with pytest.raises(DatabaseError, match="wijzigen kan niet"), transaction.atomic():
        AuditRegel.objects.update(doel="weg")
    assert list(AuditRegel.objects.values_list("doel", flat=True)) == ["inzage"]


def test_recente_regel_verwijderen_wordt_geweigerd(world: World) -> None:
    regel = vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    with (
        pytest.raises(DatabaseError, match="bewaartermijn"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditregel WHERE id = %s", [regel.pk])
    with pytest.raises(DatabaseError, match="bewaartermijn"), transaction.atomic():
        AuditRegel.objects.all()._raw_delete(AuditRegel.objects.db)
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


def test_regel_net_binnen_de_bewaartermijn_blijft() -> None:
    bijna = timezone.now() - dt.timedelta(days=365 * AUDIT_BEWAARTERMIJN_JAREN - 2)
    pk = _regel_van(bijna)
    with pytest.raises(DatabaseError, match="bewaartermijn"), transaction.atomic():
        AuditRegel.objects.filter(pk=pk)._raw_delete(AuditRegel.objects.db)
    assert AuditRegel.objects.filter(pk=pk).exists()


def test_regel_ouder_dan_de_bewaartermijn_mag_weg() -> None:
    oud = timezone.now() - dt.timedelta(days=366 * AUDIT_BEWAARTERMIJN_JAREN + 2)
    pk = _regel_van(oud)
    recent = AuditRegel.objects.exclude(pk=pk).get().pk
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM audit_auditregel WHERE wanneer < %s",
            [
                oud + dt.timedelta(days=1)
                if connection.vendor == "postgresql"
                else _sqlite_tekst(oud + dt.timedelta(days=1))
            ],
        )
        assert cursor.rowcount == 1
    assert list(AuditRegel.objects.values_list("pk", flat=True)) == [recent]


def test_oude_regel_wordt_ook_niet_gewijzigd() -> None:
    pk = _regel_van(timezone.now() - dt.timedelta(days=366 * AUDIT_BEWAARTERMIJN_JAREN + 2))
    with pytest.raises(DatabaseError, match="wijzigen kan niet"), transaction.atomic():
        AuditRegel.objects.filter(pk=pk).update(doel="anders")


@pytest.mark.django_db(transaction=True)
def test_flush_leegt_ook_het_auditlog(world: World) -> None:
    """``manage.py flush`` (and the test teardown that uses it) empties every table."""
    vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditRegel.objects.exists()
    # and afterwards the triggers protect again
    vastleggen(None, Actie.LEZEN, "na flush", doel="inzage")
    with pytest.raises(DatabaseError, match="bewaartermijn"), transaction.atomic():
        AuditRegel.objects.all()._raw_delete(AuditRegel.objects.db)


def test_legen_alleen_binnen_het_blok(world: World) -> None:
    """The demo removes its accounts with their audit rows; around it the table is protected."""
    eerste = vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    tweede = vastleggen(world.coordinator, Actie.LEZEN, world.a2, doel="inzage")
    with transaction.atomic(), audit_legen_toegestaan(connection):
        AuditRegel.objects.filter(pk=eerste.pk)._raw_delete(AuditRegel.objects.db)
    assert list(AuditRegel.objects.values_list("pk", flat=True)) == [tweede.pk]
    with pytest.raises(DatabaseError, match="bewaartermijn"), transaction.atomic():
        AuditRegel.objects.filter(pk=tweede.pk)._raw_delete(AuditRegel.objects.db)
    assert AuditRegel.objects.filter(pk=tweede.pk).exists()
