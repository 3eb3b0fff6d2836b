"""Long imports run in a background thread: progress is visible while the import's own writes are
not, and it stays all or nothing. These tests commit for real (transaction=True)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from import_hulp import laatste, snapshot, upload
from web_hulp import World

from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.models import ImportOpdracht, Status
from leerrecht.web.importeren.parsers import formaat
from leerrecht.web.registratie.models import Registratie

pytestmark = pytest.mark.django_db(transaction=True)

VEEL = "pupil_id,date,kind,reason,hours,moment\n" + "".join(
    f"{p},2026-03-{d:02d},absent,ongeoorloofd,,{m}\n"
    for p in ("a1", "a2", "b1")
    for d in (2, 3, 5, 6, 9, 10)
    for m in (1, 2, 3)
)


@pytest.fixture
def klein(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every import runs in the background; progress after every 10 rows."""
    monkeypatch.setattr(uitvoeren, "ACHTERGROND_VANAF", 10)
    monkeypatch.setattr(uitvoeren, "BATCH", 10)
    yield


class Pauze:
    """Stops the background import once, after ``na`` rows, until the test lets it go."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, na: int) -> None:
        self.halverwege = threading.Event()
        self.verder = threading.Event()
        original = uitvoeren.Voortgang.__call__

        def call(voortgang: uitvoeren.Voortgang, verwerkt: int, totaal: int | None = None) -> None:
            original(voortgang, verwerkt, totaal)
            if verwerkt >= na and not self.halverwege.is_set():
                self.halverwege.set()
                self.verder.wait(timeout=30)

        monkeypatch.setattr(uitvoeren.Voortgang, "__call__", call)


def _bevestig(client: Client) -> ImportOpdracht:
    opdracht = laatste()
    response = client.post(
        f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk}
    )
    assert response["Location"] == f"/importeren/{opdracht.pk}/status/"
    return opdracht


def test_grote_import_toont_voortgang_en_is_pas_na_afloop_zichtbaar(
    client: Client, world: World, klein: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pauze = Pauze(monkeypatch, na=20)
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    opdracht = _bevestig(client)
    try:
        assert pauze.halverwege.wait(timeout=30)
        response = client.get(f"/importeren/{opdracht.pk}/status/")
        assert response["Refresh"] == "2"
        assert "20 van 54 rijen verwerkt (37%)" in response.content.decode()
        if connection.vendor == "postgresql":
            # the counter comes through the second connection, from the database itself ...
            row = ImportOpdracht.objects.values("status", "verwerkt", "totaal").get(pk=opdracht.pk)
            assert row == {"status": Status.BEZIG, "verwerkt": 20, "totaal": 54}
            # ... while not one of the 20 registrations written so far is visible
            assert Registratie.objects.count() == 0
    finally:
        pauze.verder.set()
        uitvoeren.wacht_op(opdracht.pk, timeout=30)
    opdracht.refresh_from_db()
    assert (opdracht.status, opdracht.verwerkt, opdracht.totaal) == (Status.KLAAR, 54, 54)
    assert Registratie.objects.count() == 54
    assert uitvoeren.voortgang_in_geheugen(opdracht.pk) is None
    assert "De import is klaar" in client.get(f"/importeren/{opdracht.pk}/status/").content.decode()


def test_fout_in_de_achtergrond_laat_alles_zoals_het_was(
    client: Client, world: World, klein: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    before = snapshot()
    original = Registratie.objects.bulk_create
    calls: list[int] = []

    def bulk_create_then_fail(objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(objs))
        if len(calls) == 3:
            raise RuntimeError("verbinding verbroken")
        return original(objs, *args, **kwargs)

    monkeypatch.setattr(Registratie.objects, "bulk_create", bulk_create_then_fail)
    opdracht = _bevestig(client)
    uitvoeren.wacht_op(opdracht.pk, timeout=30)
    opdracht.refresh_from_db()
    assert opdracht.status == Status.MISLUKT and "RuntimeError" in opdracht.fout
    assert calls == [10, 10, 10]
    assert snapshot() == before


def test_afbreken_tijdens_de_import_draait_hem_terug(
    client: Client, world: World, klein: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pauze = Pauze(monkeypatch, na=30)
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    before = snapshot()
    opdracht = _bevestig(client)
    try:
        assert pauze.halverwege.wait(timeout=30)
        response = client.post(f"/importeren/{opdracht.pk}/afbreken/", follow=True)
    finally:
        pauze.verder.set()
        uitvoeren.wacht_op(opdracht.pk, timeout=30)
    opdracht.refresh_from_db()
    if connection.vendor == "postgresql":
        assert opdracht.status == Status.MISLUKT and "Afgebroken door coordinator" in opdracht.fout
        assert snapshot() == before
    else:  # SQLite has one writer: the cancel is refused with a message, the import completes
        assert "kan hem nu niet afbreken" in response.content.decode()
        assert opdracht.status == Status.KLAAR and Registratie.objects.count() == 54


def test_pas_toe_buiten_een_transactie_weigert(world: World) -> None:
    plan = formaat("leerrecht").parse(VEEL.encode(), world.school)
    with pytest.raises(RuntimeError, match=r"transaction\.atomic"):
        uitvoeren.pas_toe(plan, world.school, world.coordinator)
    assert not Registratie.objects.exists()
