"""An import is all or nothing: an error halfway leaves the database exactly as it was."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from import_hulp import PUPILS_CSV, laatste, snapshot, upload, zip_bytes
from web_hulp import D, World

from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.models import ImportOpdracht, Status
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling

#: three lesson rows per school day for a1, a2 and b1 in the first two weeks of March 2026
VEEL = "pupil_id,date,kind,reason,hours,moment\n" + "".join(
    f"{p},2026-03-{d:02d},absent,ongeoorloofd,,{m}\n"
    for p in ("a1", "a2", "b1")
    for d in (2, 3, 5, 6, 9, 10)
    for m in (1, 2, 3)
)


def _bestaande_gegevens(world: World) -> None:
    """Data the failed import would change: a registration it updates, a pupil it edits."""
    Registratie.objects.create(
        leerling=world.a1, datum=D(2026, 3, 2), moment="1", soort="absent", reden="verlof"
    )


def _bevestig(client: Client) -> ImportOpdracht:
    opdracht = laatste()
    client.post(f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk})
    opdracht.refresh_from_db()
    return opdracht


def test_fout_halverwege_de_registraties_draait_alles_terug(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bestaande_gegevens(world)
    data = zip_bytes({"pupils.csv": PUPILS_CSV, "absences.csv": VEEL})
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", data, "alles.zip")
    assert laatste().totaal == 4 + 54  # group + pupils, then 53 new and 1 changed registration
    before = snapshot()

    monkeypatch.setattr(uitvoeren, "BATCH", 10)
    original = Registratie.objects.bulk_create
    calls: list[int] = []

    def bulk_create_then_fail(objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(objs))
        if len(calls) == 3:  # after 20 of the 53 new registrations were written
            raise RuntimeError("schijf vol")
        return original(objs, *args, **kwargs)

    monkeypatch.setattr(Registratie.objects, "bulk_create", bulk_create_then_fail)
    opdracht = _bevestig(client)
    assert calls == [10, 10, 10]
    assert opdracht.status == Status.MISLUKT
    assert "Onverwachte fout (RuntimeError)" in opdracht.fout
    assert "Er is niets opgeslagen" in opdracht.fout
    assert snapshot() == before  # groups, pupils, registrations, history: exactly as before
    html = client.get(f"/importeren/{opdracht.pk}/status/").content.decode()
    assert "De import is mislukt" in html and 'role="alert"' in html


def test_fout_na_de_leerlingen_draait_ook_de_leerlingen_terug(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", PUPILS_CSV, "pupils.csv")
    before = snapshot()
    saves: list[str] = []
    original = Leerling.save

    def save_then_fail(self: Leerling, *args: Any, **kwargs: Any) -> None:
        saves.append(self.leerlingnummer)
        if len(saves) == 2:  # the second of three pupils
            raise ValueError("kapot")
        original(self, *args, **kwargs)

    monkeypatch.setattr(Leerling, "save", save_then_fail)
    opdracht = _bevestig(client)
    assert saves == ["n1", "n2"] and opdracht.status == Status.MISLUKT
    assert snapshot() == before
    assert not Leerling.objects.filter(leerlingnummer__in=["n1", "n2"]).exists()


def test_gegevens_veranderd_na_het_voorbeeld_dan_niets_opslaan(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    # meanwhile a teacher registers one of the same lessons differently
    Registratie.objects.create(
        leerling=world.b1, datum=D(2026, 3, 10), moment="3", soort="absent", reden="verlof"
    )
    before = snapshot()
    opdracht = _bevestig(client)
    assert opdracht.status == Status.VOORBEELD and "veranderd sinds het voorbeeld" in opdracht.fout
    assert snapshot() == before
    html = client.get(f"/importeren/{opdracht.pk}/").content.decode()
    assert "veranderd sinds het voorbeeld" in html and "Gewijzigd: 1" in html
    # confirming the new preview imports it
    start = html.index('name="vingerafdruk" value="') + len('name="vingerafdruk" value="')
    client.post(
        f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": html[start : start + 64]}
    )
    opdracht.refresh_from_db()
    assert opdracht.status == Status.KLAAR and Registratie.objects.count() == 54


def test_twee_keer_bevestigen_importeert_een_keer(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    opdracht = _bevestig(client)
    assert opdracht.status == Status.KLAAR
    response = client.post(
        f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk}
    )
    assert response["Location"] == f"/importeren/{opdracht.pk}/status/"
    assert Registratie.objects.count() == 54


def test_een_rij_die_tijdens_het_schrijven_botst_draait_alles_terug(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate that only the database sees (unique constraint) also rolls back all."""
    from django.db import IntegrityError, transaction

    from leerrecht.web.importeren.parsers import formaat

    plan = formaat("leerrecht").parse(VEEL.encode(), world.school)
    Registratie.objects.create(
        leerling=world.a2, datum=D(2026, 3, 9), moment="2", soort="absent", reden="arts"
    )
    before = snapshot()
    with pytest.raises(IntegrityError), transaction.atomic():
        uitvoeren.pas_toe(plan, world.school, world.coordinator)
    assert snapshot() == before


def test_gelijktijdige_registratie_botst_en_dan_is_er_niets_opgeslagen(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone registers a lesson of the file while the import runs: nothing is saved."""
    client.force_login(world.coordinator)
    upload(client, world.school, "leerrecht", VEEL)
    before = snapshot()
    original = uitvoeren.pas_toe

    def concurrent_then_apply(*args: Any, **kwargs: Any) -> Any:
        Registratie.objects.create(
            leerling=world.a2, datum=D(2026, 3, 9), moment="2", soort="absent", reden="arts"
        )
        return original(*args, **kwargs)

    monkeypatch.setattr(uitvoeren, "pas_toe", concurrent_then_apply)
    opdracht = _bevestig(client)
    assert opdracht.status == Status.MISLUKT and "iemand anders" in opdracht.fout
    assert snapshot() == before
