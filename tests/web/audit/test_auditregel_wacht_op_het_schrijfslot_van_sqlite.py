"""On SQLite a large import holds the only write lock for its whole transaction. A row recorded
meanwhile is never lost and never turns the page into an error: it waits in the process and is
written as soon as the lock is free, with the time of the request (issue 7: every read and write
is recorded; leerrecht.web.audit.log)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from leerrecht.web.audit import log
from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.scholen.models import Bestuur

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="alleen SQLite heeft één schrijver voor de hele database"
)


def _houd_schrijfslot_vast(bezet: threading.Event, los: threading.Event) -> None:
    try:
        with transaction.atomic():
            Bestuur.objects.create(naam="Import houdt de database bezet")
            bezet.set()
            assert los.wait(timeout=30)
            transaction.set_rollback(True)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_een_regel_tijdens_een_bezette_database_wacht_en_wordt_daarna_geschreven() -> None:
    bezet, los = threading.Event(), threading.Event()
    draad = threading.Thread(target=_houd_schrijfslot_vast, args=(bezet, los))
    draad.start()
    try:
        assert bezet.wait(timeout=30)
        regel = log.vastleggen(None, Actie.LEZEN, "werklijst", doel="verzuim signaleren")
        assert regel.pk is None
        assert log.uitgestelde_regels() == 1
        assert not AuditRegel.objects.filter(wat="werklijst").exists()
    finally:
        los.set()
        draad.join(timeout=30)
    assert log.schrijf_uitgestelde() == 1
    assert log.uitgestelde_regels() == 0
    geschreven = AuditRegel.objects.get(wat="werklijst")
    assert geschreven.doel == "verzuim signaleren"
    assert geschreven.omschrijving.startswith("gevraagd om ")


@pytest.mark.django_db(transaction=True)
def test_een_wachtende_regel_gaat_voor_de_volgende() -> None:
    bezet, los = threading.Event(), threading.Event()
    draad = threading.Thread(target=_houd_schrijfslot_vast, args=(bezet, los))
    draad.start()
    try:
        assert bezet.wait(timeout=30)
        log.vastleggen(None, Actie.LEZEN, "eerste", doel="d")
    finally:
        los.set()
        draad.join(timeout=30)
    log.vastleggen(None, Actie.LEZEN, "tweede", doel="d")
    assert log.uitgestelde_regels() == 0
    assert list(AuditRegel.objects.order_by("pk").values_list("wat", flat=True)) == [
        "eerste",
        "tweede",
    ]
