"""Sick leave becomes ongeoorloofd only after the parents were told, and that is audited.

Sources: seed 000 §1.1.1 "Ziekte" (twijfelachtig ziekteverzuim: after the JGZ advice, or when
the parents do not cooperate, "U meldt het verzuim voortaan als ongeoorloofd verzuim via DUO");
seed 003 §6 (schematische weergave: ziekte of artsbezoek niet volgens de afspraken gemeld is
ongeoorloofd) and its M@ZL paragraph ("Afwezigheid door ziekte valt niet onder het ongeoorloofde
verzuim"); Lpw art. 11 onder d. The rule in leerrecht: leerrecht.web.registratie.ziekteverzuim.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from web_hulp import D, World
from ziekte_hulp import post_register, stand, ziek

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.meldingen.services import sync_concepten
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.registratie.ziekteverzuim import HERCLASSIFICATIE_DOEL

MAANDAG = D(2026, 3, 2)
#: 5.5 + 5.5 + 5.5 lesson hours (Mon, Tue, Thu at a PO school): 16 uur in 4 lesweken
DAGEN_16_UUR = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]


def _rijen(world: World, a1: dict[str, str]) -> list[dict[str, str]]:
    """The register of 5a: a1 as given, a2 present."""
    return [
        {"leerling": str(world.a1.pk), **a1},
        {"leerling": str(world.a2.pk), "status": "aanwezig"},
    ]


@pytest.mark.parametrize(
    ("oud", "nieuw"),
    [
        ("ziek", "ongeoorloofd"),
        ("ziek", "ziek_niet_gemeld"),
        ("arts", "luxe"),
        ("arts", "ongeoorloofd"),
    ],
)
def test_ziek_ongeoorloofd_maken_zonder_datum_wordt_geweigerd_en_slaat_niets_op(
    client: Client, world: World, oud: str, nieuw: str
) -> None:
    ziek(world.a1, MAANDAG, reden=oud)
    client.force_login(world.coordinator)
    before = stand()
    response = post_register(
        client, world, MAANDAG, _rijen(world, {"status": "absent", "reden": nieuw})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het register is niet opgeslagen" in html
    assert "vul de datum in waarop zij zijn geïnformeerd" in html
    assert stand() == before  # registration, history and audit log unchanged


def test_te_laat_op_een_ziekgemelde_dag_is_ook_ongeoorloofd_en_vraagt_de_datum(
    client: Client, world: World
) -> None:
    """'te laat' without a reason is ongeoorloofd (the register's default)."""
    ziek(world.a1, MAANDAG)
    client.force_login(world.coordinator)
    before = stand()
    rows = _rijen(world, {"status": "late", "minuten": "20", "reden": ""})
    response = post_register(client, world, MAANDAG, rows)
    assert "vul de datum in waarop zij zijn geïnformeerd" in response.content.decode()
    assert stand() == before


@pytest.mark.parametrize(
    ("datum", "fout"),
    [
        (dt.date.today() + dt.timedelta(days=1), "ligt in de toekomst"),
        (D(2026, 2, 27), "voor de dag van het verzuim"),
        ("1-3-2026x", "geldige datum"),
    ],
)
def test_een_onmogelijke_datum_van_informeren_wordt_geweigerd(
    client: Client, world: World, datum: dt.date | str, fout: str
) -> None:
    ziek(world.a1, MAANDAG)
    client.force_login(world.coordinator)
    before = stand()
    op = datum.isoformat() if isinstance(datum, dt.date) else datum
    rows = _rijen(
        world, {"status": "absent", "reden": "ongeoorloofd", "ouders_geinformeerd_op": op}
    )
    response = post_register(client, world, MAANDAG, rows)
    assert fout in response.content.decode()
    assert stand() == before


def test_met_de_datum_wordt_het_ongeoorloofd_en_staat_het_in_geschiedenis_en_audit_log(
    client: Client, world: World
) -> None:
    ziek(world.a1, MAANDAG)
    client.force_login(world.coordinator)
    rows = _rijen(
        world,
        {"status": "absent", "reden": "ongeoorloofd", "ouders_geinformeerd_op": "2026-03-04"},
    )
    response = post_register(client, world, MAANDAG, rows)
    assert response.status_code == 302
    reg = Registratie.objects.get(leerling=world.a1, datum=MAANDAG)
    assert reg.reden == "ongeoorloofd"
    (wijziging,) = RegistratieWijziging.objects.filter(leerling=world.a1)
    assert wijziging.ouders_geinformeerd_op == D(2026, 3, 4)
    assert wijziging.oude_waarde == "afwezig (ziek)"
    assert wijziging.nieuwe_waarde == "afwezig (ongeoorloofd)"
    assert wijziging.gewijzigd_door == world.coordinator
    (regel,) = AuditRegel.objects.filter(doel=HERCLASSIFICATIE_DOEL)
    assert regel.wie == world.coordinator and regel.actie == Actie.WIJZIGEN
    assert regel.leerling_id == world.a1.pk
    assert regel.wat == f"registratie.registratie #{reg.pk}"
    assert "2026-03-02" in regel.omschrijving and "ouders geïnformeerd op 2026-03-04" in (
        regel.omschrijving
    )
    # the pupil page shows the correction
    html = client.get(f"/leerlingen/{world.a1.pk}/").content.decode()
    assert "afwezig (ongeoorloofd)" in html


def test_ziek_naar_een_andere_geoorloofde_reden_vraagt_geen_datum_en_bewaart_er_geen(
    client: Client, world: World
) -> None:
    ziek(world.a1, MAANDAG)
    client.force_login(world.coordinator)
    rows = _rijen(
        world, {"status": "absent", "reden": "verlof", "ouders_geinformeerd_op": "2026-03-04"}
    )
    assert post_register(client, world, MAANDAG, rows).status_code == 302
    (wijziging,) = RegistratieWijziging.objects.filter(leerling=world.a1)
    assert wijziging.ouders_geinformeerd_op is None
    assert not AuditRegel.objects.filter(doel=HERCLASSIFICATIE_DOEL).exists()


def test_een_nieuwe_ongeoorloofde_registratie_vraagt_geen_datum(
    client: Client, world: World
) -> None:
    """Only a stored sick registration is reclassified; a new absence is simply registered."""
    client.force_login(world.docent_a)
    rows = _rijen(world, {"status": "absent", "reden": "ongeoorloofd"})
    assert post_register(client, world, MAANDAG, rows).status_code == 302
    assert Registratie.objects.get(leerling=world.a1).reden == "ongeoorloofd"
    assert not RegistratieWijziging.objects.exists()


def test_alleen_de_rijen_met_een_ziekgemelde_registratie_tonen_het_datumveld(
    client: Client, world: World
) -> None:
    ziek(world.a1, MAANDAG)
    client.force_login(world.docent_a)
    html = client.get(
        f"/registreren/{world.groep_a.pk}/?datum={MAANDAG.isoformat()}&moment=dag"
    ).content.decode()
    assert 'name="form-0-ouders_geinformeerd_op"' in html
    assert 'name="form-1-ouders_geinformeerd_op"' not in html
    assert "Ongeoorloofd maken: ouders geïnformeerd op" in html


def test_alleen_geherclassificeerde_ziektedagen_tellen_voor_een_melding(
    client: Client, world: World
) -> None:
    """Three sick days of 5.5 hours are no melding; made ongeoorloofd after the parents were
    told, they are 16.5 hours ongeoorloofd verzuim in 4 lesweken (Lpw art. 21a)."""
    for day in DAGEN_16_UUR:
        ziek(world.a1, day)
    peildatum = D(2026, 3, 6)
    assert sync_concepten(world.school, peildatum) == 0
    client.force_login(world.coordinator)
    for day in DAGEN_16_UUR[:2]:  # two days reclassified: 11 hours, still no melding
        rows = _rijen(
            world,
            {"status": "absent", "reden": "ongeoorloofd", "ouders_geinformeerd_op": "2026-03-06"},
        )
        assert post_register(client, world, day, rows).status_code == 302
    assert sync_concepten(world.school, peildatum) == 0
    rows = _rijen(world, {"status": "absent", "reden": "ongeoorloofd"})  # no date: refused
    post_register(client, world, DAGEN_16_UUR[2], rows)
    assert sync_concepten(world.school, peildatum) == 0
    rows[0]["ouders_geinformeerd_op"] = "2026-03-06"
    assert post_register(client, world, DAGEN_16_UUR[2], rows).status_code == 302
    assert sync_concepten(world.school, peildatum) == 1
    melding = DuoMelding.objects.get(leerling=world.a1)
    assert (melding.soort, melding.begin) == ("16_uur", D(2026, 3, 2))
    assert AuditRegel.objects.filter(doel=HERCLASSIFICATIE_DOEL).count() == 3


# -- notes next to sick leave --------------------------------------------------------------


def test_een_notitie_bij_ziek_of_artsbezoek_wordt_geweigerd(client: Client, world: World) -> None:
    client.force_login(world.docent_a)
    for reden in ("ziek", "arts"):
        rows = _rijen(world, {"status": "absent", "reden": reden, "notitie": "griep, koorts"})
        response = post_register(client, world, MAANDAG, rows)
        assert response.status_code == 200
        assert "Geen notitie bij ziekte of artsbezoek" in response.content.decode()
        assert not Registratie.objects.exists()


def test_een_opgeslagen_notitie_van_leerrecht_zelf_blokkeert_het_register_niet(
    client: Client, world: World
) -> None:
    """The parent's sick report stores 'ziekgemeld door ouder (code ...)': saving the register
    unchanged, or with another pupil absent, keeps working."""
    ziek(world.a1, MAANDAG, notitie="ziekgemeld door ouder (code AB12…)")
    client.force_login(world.docent_a)
    rows = [
        {
            "leerling": str(world.a1.pk),
            "status": "absent",
            "reden": "ziek",
            "notitie": "ziekgemeld door ouder (code AB12…)",
        },
        {"leerling": str(world.a2.pk), "status": "absent", "reden": "ongeoorloofd"},
    ]
    assert post_register(client, world, MAANDAG, rows).status_code == 302
    assert Registratie.objects.get(leerling=world.a2).reden == "ongeoorloofd"
    # changing the stored note is refused
    rows[0]["notitie"] = "buikgriep"
    response = post_register(client, world, MAANDAG, rows)
    assert "Geen notitie bij ziekte of artsbezoek" in response.content.decode()
    assert Registratie.objects.get(leerling=world.a1).notitie.startswith("ziekgemeld door ouder")


def test_een_notitie_bij_ongeoorloofd_verzuim_mag_wel(client: Client, world: World) -> None:
    client.force_login(world.docent_a)
    rows = _rijen(world, {"status": "absent", "reden": "ongeoorloofd", "notitie": "niet gebeld"})
    assert post_register(client, world, MAANDAG, rows).status_code == 302
    assert Registratie.objects.get(leerling=world.a1).notitie == "niet gebeld"
