"""Every read and write of a dossier is in the audit log, with who, what, which pupil and why
(AVG art. 5 lid 2; issue 5: 'Everything audited')."""

from __future__ import annotations

import pytest
from dossiers_hulp import VANDAAG, Kantoor, World, login, open_dossier

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.dossiers.models import ActieSoort, Dossier, Status

pytestmark = pytest.mark.django_db


def _regels(dossier: Dossier) -> list[tuple[str, str]]:
    return list(
        AuditRegel.objects.filter(wat=f"dossiers.dossier #{dossier.pk}")
        .order_by("pk")
        .values_list("actie", "doel")
    )


def test_openen_lezen_en_wijzigen_worden_vastgelegd(kantoor: Kantoor, world: World) -> None:
    client = login(kantoor.lpa)
    client.post(
        "/dossiers/nieuw/",
        {
            "melding": kantoor.melding.pk,
            "behandelaar": kantoor.lpa.pk,
            "meldingen": [kantoor.melding.pk],
        },
    )
    dossier = Dossier.objects.get()
    client.get(f"/dossiers/{dossier.pk}/")
    client.post(f"/dossiers/{dossier.pk}/status/", {"naar": Status.ONDERZOEK})
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    client.post(
        f"/dossiers/{dossier.pk}/acties/{gesprek.pk}/",
        {"gedaan_op": VANDAAG.isoformat(), "uitkomst": "Afspraken gemaakt."},
    )
    client.post(f"/dossiers/{dossier.pk}/route/", {"route": "voorliggend"})
    client.post(f"/dossiers/{dossier.pk}/notities/nieuw/", {"tekst": "Moeder belde terug."})
    client.post(f"/dossiers/{dossier.pk}/acties/nieuw/", {"soort": ActieSoort.ZORGMELDING})
    assert _regels(dossier) == [
        ("aanmaken", "dossier openen (MAS)"),
        ("lezen", "dossier inzien (behandeling volgens de MAS)"),
        ("wijzigen", "status van een dossier wijzigen"),
        ("wijzigen", "actie in een dossier afronden"),
        ("wijzigen", "route van een dossier kiezen (MAS)"),
        ("aanmaken", "notitie in een dossier vastleggen"),
        ("aanmaken", "actie in een dossier vastleggen (MAS)"),
    ]
    regels = AuditRegel.objects.filter(wat=f"dossiers.dossier #{dossier.pk}")
    assert {r.wie for r in regels} == {kantoor.lpa}
    assert {r.leerling_id for r in regels} == {world.a1.pk}


def test_de_lijst_en_het_openen_worden_vastgelegd(kantoor: Kantoor) -> None:
    open_dossier(kantoor, kantoor.melding)
    client = login(kantoor.administratie)
    client.get("/dossiers/")
    regel = AuditRegel.objects.filter(wie=kantoor.administratie).get()
    assert regel.actie == "lezen" and regel.doel == "dossiers van het leerplichtbureau bekijken"
    assert regel.omschrijving.startswith("1 dossiers")
    login(kantoor.lpa).get(f"/dossiers/nieuw/?jeugdige={kantoor.jongere.pk}")
    assert AuditRegel.objects.filter(
        wie=kantoor.lpa, doel="dossier openen: jeugdige en meldingen bekijken"
    ).exists()


def test_een_geweigerde_inzage_geeft_geen_auditregel_voor_het_dossier(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    login(kantoor.andere_lpa).get(f"/dossiers/{dossier.pk}/")
    assert _regels(dossier) == []
