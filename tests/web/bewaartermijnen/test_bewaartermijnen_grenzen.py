"""Each category exactly on its boundary day: one day before the period ends the data stays,
on the day it ends the data goes (5 years after uitschrijving for verzuim, 2 years after closing
for dossier data, audit rows older than 5 years)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bewaar_hulp import (
    D,
    afgesloten_verwijzing,
    auditregel,
    gesloten_dossier,
    leerling_met_verzuim,
    opgeloste_thuiszitter,
    toegekende_vrijstelling,
)
from web_hulp import World

from leerrecht.web.bewaartermijnen.plan import (
    ANONIMISEREN,
    AUDIT,
    DOSSIER,
    VERWIJDEREN,
    VERZUIM,
    Plan,
    bepaal,
    jaren_terug,
)

UIT = D(2020, 7, 31)
GESLOTEN = D(2023, 9, 14)


def pks(plan: Plan, categorie: str, label: str, actie: str = VERWIJDEREN) -> set[int]:
    return {
        pk for lijst in plan.onderdelen.get((categorie, label, actie), {}).values() for pk in lijst
    }


def test_jaren_terug_houdt_de_dag_en_maakt_van_29_februari_28_februari() -> None:
    assert jaren_terug(D(2025, 7, 31), 5) == D(2020, 7, 31)
    assert jaren_terug(D(2028, 2, 29), 2) == D(2026, 2, 28)


def test_verzuim_blijft_tot_de_dag_voor_5_jaar_na_uitschrijving_en_gaat_op_die_dag(
    world: World,
) -> None:
    leerling_met_verzuim(world.a1, UIT)
    dag_ervoor = bepaal(D(2025, 7, 30))
    assert world.a1.pk not in pks(dag_ervoor, VERZUIM, "scholen.Leerling", ANONIMISEREN)
    assert not pks(dag_ervoor, VERZUIM, "registratie.Registratie")

    op_de_dag = bepaal(D(2025, 7, 31))
    assert pks(op_de_dag, VERZUIM, "scholen.Leerling", ANONIMISEREN) == {world.a1.pk}
    for label in (
        "registratie.Registratie",
        "registratie.RegistratieWijziging",
        "registratie.ActieAfgehandeld",
        "verlof.VerlofAanvraag",
        "verlof.OuderToegang",
        "leerlingzaken.Schorsing",
        "leerlingzaken.SchorsingDag",
        "leerlingzaken.Kennisgeving",
        "leerlingzaken.Verwijdering",
        "leerlingzaken.VerwijderingStap",
        "brieven.VerzondenBrief",
        "brieven.BriefEmail",
        "evaluaties.PupilEvaluatie",
        "evaluaties.LeerlingInvoer",
        "meldingen.StatusWijziging",
    ):
        assert len(pks(op_de_dag, VERZUIM, label)) == 1, label
    assert len(pks(op_de_dag, VERZUIM, "meldingen.DuoMelding", ANONIMISEREN)) == 1
    assert [b for b in op_de_dag.bestanden if b[0] == "verlof.VerlofAanvraag"]


@pytest.mark.parametrize(
    ("soort", "label"),
    [
        ("dossier", "dossiers.Dossier"),
        ("thuiszitter", "thuiszitters.ThuiszitterRegistratie"),
        ("verwijzing", "jgz.Verwijzing"),
        ("vrijstelling", "vrijstellingen.Vrijstelling"),
        ("inbox", "leerplicht.InboxMelding"),
    ],
)
def test_dossiergegevens_blijven_tot_de_dag_voor_2_jaar_na_afsluiten_en_gaan_op_die_dag(
    world: World, soort: str, label: str
) -> None:
    kantoor = gesloten_dossier(
        world.a1, GESLOTEN if soort in ("dossier", "inbox") else D(2020, 2, 1)
    )
    if soort == "thuiszitter":
        doel = opgeloste_thuiszitter(kantoor.jeugdige, GESLOTEN).pk
    elif soort == "verwijzing":
        doel = afgesloten_verwijzing(world.a1, GESLOTEN).pk
    elif soort == "vrijstelling":
        doel = toegekende_vrijstelling(kantoor.jeugdige, GESLOTEN).pk
    elif soort == "inbox":
        doel = kantoor.melding.pk
    else:
        doel = kantoor.dossier.pk
    assert doel not in pks(bepaal(D(2025, 9, 13)), DOSSIER, label)
    assert doel in pks(bepaal(D(2025, 9, 14)), DOSSIER, label)


def test_een_gesloten_dossier_gaat_met_notities_acties_geschiedenis_en_document(
    world: World, data_map: Path
) -> None:
    kantoor = gesloten_dossier(world.a1, GESLOTEN)
    plan = bepaal(D(2025, 9, 14))
    for label in ("dossiers.Notitie", "dossiers.Actie", "dossiers.Wijziging", "dossiers.Document"):
        assert len(pks(plan, DOSSIER, label)) == {"dossiers.Wijziging": 2}.get(label, 1), label
    assert plan.bestanden == [("dossiers.Document", kantoor.document.bestand.name)]
    assert (data_map / "dossier-documenten" / kantoor.document.bestand.name).exists()


def test_een_inbox_melding_in_een_dossier_dat_blijft_blijft_ook(world: World) -> None:
    kantoor = gesloten_dossier(world.a1, GESLOTEN)
    # the dossier is closed later than the melding: it stays, and holds the melding
    from leerrecht.web.leerplicht.models import InboxStatusWijziging

    InboxStatusWijziging.objects.filter(melding=kantoor.melding).exclude(naar="gemeld").update(
        op=InboxStatusWijziging.objects.get(melding=kantoor.melding, naar="gemeld").op
    )
    from leerrecht.web.dossiers.models import Wijziging

    Wijziging.objects.filter(dossier=kantoor.dossier, naar="afgesloten").update(
        op=Wijziging.objects.get(dossier=kantoor.dossier, naar="afgesloten").op.replace(year=2024)
    )
    plan = bepaal(D(2025, 9, 14))
    assert not pks(plan, DOSSIER, "dossiers.Dossier")
    assert not pks(plan, DOSSIER, "leerplicht.InboxMelding")


def test_auditregels_ouder_dan_5_jaar_gaan_jongere_blijven(world: World) -> None:
    oud = auditregel(D(2020, 3, 1), world.a1)
    grens = auditregel(D(2020, 3, 2), world.a1)
    plan = bepaal(D(2025, 3, 2))
    assert pks(plan, AUDIT, "audit.AuditRegel") == {oud.pk}
    assert grens.pk not in pks(bepaal(D(2025, 3, 2)), AUDIT, "audit.AuditRegel")


def test_een_jeugdige_zonder_gegevens_gaat_pas_als_alles_over_hem_weg_is(world: World) -> None:
    kantoor = gesloten_dossier(world.a1, GESLOTEN)
    # the pupil is still enrolled: the link to the pupil keeps the jeugdige
    plan = bepaal(D(2025, 9, 14))
    assert not pks(plan, DOSSIER, "leerplicht.Jeugdige")
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    plan = bepaal(D(2025, 9, 14))
    assert pks(plan, DOSSIER, "leerplicht.Jeugdige") == {kantoor.jeugdige.pk}
