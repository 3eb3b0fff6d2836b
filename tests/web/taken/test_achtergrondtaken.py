"""Background tasks (issue 6) in the embedded default: without a broker every task runs at once
in the calling process (eager), so the demo and these tests need no Redis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings
from web_hulp import World, absent_days

from leerrecht.cli import main as cli
from leerrecht.web import evaluatie, taken
from leerrecht.web.brieven.models import BriefEmail, BriefSjabloon, EmailStatus, VerzondenBrief
from leerrecht.web.demodata.bouw import bouw_demo, demo_school
from leerrecht.web.evaluaties import cache
from leerrecht.web.evaluaties.models import PupilEvaluatie
from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.models import ImportOpdracht, Status
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.registratie.models import Registratie

PEILDATUM = dt.date(2026, 3, 20)
D = dt.date


def test_zonder_broker_lopen_taken_direct_in_het_proces() -> None:
    assert taken.app.conf.task_always_eager is True
    assert taken.met_worker() is False


def test_de_nachtelijke_evaluatie_werkt_per_school_de_opslag_en_de_duo_concepten_bij(
    db: None,
) -> None:
    bouw_demo(PEILDATUM, 40, seed=3)
    school = demo_school()
    assert school is not None
    PupilEvaluatie.objects.all().delete()
    cache.GEHEUGEN.leeg()

    assert taken.nachtelijke_evaluatie(PEILDATUM.isoformat()) == 1

    leerlingen = list(school.leerlingen.select_related("groep"))
    assert PupilEvaluatie.objects.filter(peildatum=PEILDATUM).count() == len(leerlingen)
    volledig = evaluatie.evaluate_pupils(school, leerlingen, PEILDATUM)
    nodig = {
        (int(m.pupil_id), m.soort.value, m.begin)
        for m in volledig.meldingen
        if m.reached <= PEILDATUM
    }
    assert nodig  # the demo has meldingen
    assert nodig <= set(DuoMelding.objects.values_list("leerling_id", "soort", "begin"))
    # the worklist of that day reads everything from the store
    cache.GEHEUGEN.leeg()
    _ev, telling = cache.evalueer_met_telling(school, leerlingen, PEILDATUM)
    assert (telling.geevalueerd, telling.uit_opslag) == (0, len(leerlingen))


def test_de_taak_per_school_geeft_terug_wat_hij_deed(world: World) -> None:
    absent_days(world.a1, [D(2026, 3, d) for d in (2, 3, 4, 5)])
    resultaat = taken.evalueer_school(world.school.pk, "2026-03-20")
    assert resultaat["school"] == world.school.pk
    assert resultaat["geevalueerd"] == 3  # the pupils of the school, not the other school's
    assert resultaat["concepten_aangemaakt"] == 1
    assert taken.evalueer_school(world.school.pk, "2026-03-20")["geevalueerd"] == 0


def test_nachtelijke_evaluatie_als_beheercommando(world: World) -> None:
    call_command("nachtelijke_evaluatie", "--peildatum", "2026-03-20")
    assert PupilEvaluatie.objects.filter(peildatum=D(2026, 3, 20)).count() == 4  # both schools


IMPORT = "pupil_id,date,kind,reason,hours,moment\n" + "".join(
    f"{p},2026-03-{d:02d},absent,ongeoorloofd,,{m}\n"
    for p in ("a1", "a2")
    for d in (2, 3, 5)
    for m in (1, 2)
)


def test_een_grote_import_gaat_met_een_broker_naar_een_worker(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uitvoeren, "ACHTERGROND_VANAF", 5)
    wachtrij: list[tuple[Any, ...]] = []
    monkeypatch.setattr(taken, "met_worker", lambda: True)
    monkeypatch.setattr(taken.voer_import_uit, "delay", lambda *args: wachtrij.append(args))
    client.force_login(world.coordinator)
    bestand = SimpleUploadedFile("registraties.csv", IMPORT.encode(), "text/csv")
    response = client.post(
        "/importeren/",
        {"school": world.school.pk, "formaat": "leerrecht", "bestand": bestand},
    )
    assert response.status_code == 302
    opdracht = ImportOpdracht.objects.get()
    response = client.post(
        f"/importeren/{opdracht.pk}/bevestigen/", {"vingerafdruk": opdracht.vingerafdruk}
    )
    assert response.status_code == 302
    assert wachtrij == [(opdracht.pk,)]  # queued, not run in the request
    opdracht.refresh_from_db()
    assert opdracht.status == Status.BEZIG and not Registratie.objects.exists()
    assert "bezig" in client.get(f"/importeren/{opdracht.pk}/status/").content.decode().lower()
    # what the worker does
    assert taken.voer_import_uit(opdracht.pk) == Status.KLAAR
    assert Registratie.objects.count() == 12
    assert "klaar" in client.get(f"/importeren/{opdracht.pk}/status/").content.decode().lower()


# -- letters by e-mail --------------------------------------------------------------------------


def _brief(world: World) -> VerzondenBrief:
    sjabloon = BriefSjabloon.objects.create(
        school=world.school,
        naam="Waarschuwing",
        soort="waarschuwing",
        onderwerp="Verzuim van Leerlinga1",
        tekst="Beste ouders,\n\nUw kind was afwezig.",
    )
    return VerzondenBrief.objects.create(
        sjabloon=sjabloon,
        leerling=world.a1,
        protocol="parkstad-po",
        stap="gesprek",
        stap_datum=D(2026, 3, 5),
        stap_titel="Gesprek",
        school_naam=world.school.naam,
        leerling_naam=str(world.a1),
        datum=D(2026, 3, 6),
        onderwerp="Verzuim van Leerlinga1",
        tekst="Beste ouders,\n\nUw kind was afwezig.",
        afzender="I. Hermans",
        aangemaakt_door=world.coordinator,
    )


@pytest.fixture
def email_aan(settings: Settings) -> None:
    settings.LEERRECHT_EMAIL = True
    settings.DEFAULT_FROM_EMAIL = "school@de-linde.invalid"


def test_een_brief_per_email_versturen_met_de_pdf_als_bijlage(
    client: Client,
    world: World,
    email_aan: None,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    brief = _brief(world)
    client.force_login(world.coordinator)
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert f'action="/brieven/{brief.pk}/email/"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/brieven/{brief.pk}/email/", {"aan": "ouders@example.org"})
    assert response.status_code == 302
    (bericht,) = mail.outbox
    assert bericht.to == ["ouders@example.org"]
    assert bericht.subject == "Verzuim van Leerlinga1"
    assert bericht.from_email == "school@de-linde.invalid"
    assert "Uw kind was afwezig." in bericht.body
    ((naam, inhoud, soort),) = bericht.attachments
    assert naam == brief.bestandsnaam() and soort == "application/pdf"
    assert inhoud.startswith(b"%PDF")
    verzending = BriefEmail.objects.get()
    assert (verzending.status, verzending.gevraagd_door) == (
        EmailStatus.VERSTUURD,
        world.coordinator,
    )
    assert verzending.verstuurd_op is not None
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert "ouders@example.org: verstuurd" in html
    # the task runs once: asked again for the same row it sends nothing
    assert taken.mail_brief(verzending.pk) == EmailStatus.VERSTUURD
    assert len(mail.outbox) == 1


def test_een_mislukte_verzending_staat_bij_de_brief(
    client: Client,
    world: World,
    email_aan: None,
    settings: Settings,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    brief = _brief(world)
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/brieven/{brief.pk}/email/", {"aan": "ouders@example.org"})
    verzending = BriefEmail.objects.get()
    assert verzending.status == EmailStatus.MISLUKT and verzending.fout
    html = client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert "ouders@example.org: mislukt" in html


def test_een_ongeldig_adres_verstuurt_niets(client: Client, world: World, email_aan: None) -> None:
    brief = _brief(world)
    client.force_login(world.coordinator)
    response = client.post(f"/brieven/{brief.pk}/email/", {"aan": "geen adres"}, follow=True)
    assert "vul een geldig e-mailadres in" in response.content.decode()
    assert not BriefEmail.objects.exists() and not mail.outbox


def test_zonder_mailserver_of_voor_een_andere_school_bestaat_versturen_niet(
    client: Client, world: World, settings: Settings
) -> None:
    brief = _brief(world)
    settings.LEERRECHT_EMAIL = False
    client.force_login(world.coordinator)
    assert "/email/" not in client.get(f"/brieven/leerlingen/{world.a1.pk}/").content.decode()
    assert client.post(f"/brieven/{brief.pk}/email/", {"aan": "a@b.nl"}).status_code == 404
    settings.LEERRECHT_EMAIL = True
    client.force_login(world.other_coordinator)
    assert client.post(f"/brieven/{brief.pk}/email/", {"aan": "a@b.nl"}).status_code == 404
    assert not BriefEmail.objects.exists()


def test_leerrecht_worker_zonder_broker_geeft_een_duidelijke_fout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LEERRECHT_CELERY_BROKER", raising=False)
    assert cli(["worker", "--concurrency", "2"]) == 2
    assert "LEERRECHT_CELERY_BROKER" in capsys.readouterr().err
    assert cli(["worker", "--concurrency", "0"]) == 2
    assert "kies 1 of meer" in capsys.readouterr().err
