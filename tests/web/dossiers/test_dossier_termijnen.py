"""Deadlines of actions: from the seeds where they give one (first knooppunt within 4 weeks of
thuiszitten, seed 000 §3; breed overleg after 8 weeks, seed 002 §3a), otherwise the office's
setting with its documented default (verzuimgesprek 10 werkdagen after the melding, terugkoppeling
5 werkdagen after the verzuimgesprek). Overdue actions stand on top of the office's list."""

from __future__ import annotations

import datetime as dt

import pytest
from dossiers_hulp import VANDAAG, D, Kantoor, login, melding, open_dossier

from leerrecht.core.calendar import add_werkdagen
from leerrecht.web.dossiers import diensten
from leerrecht.web.dossiers.models import (
    STANDAARD_TERMIJN_TERUGKOPPELING,
    STANDAARD_TERMIJN_VERZUIMGESPREK,
    ActieSoort,
    DossierInstelling,
    Status,
)
from leerrecht.web.dossiers.statussen import wijzig_status

pytestmark = pytest.mark.django_db


def test_verzuimgesprek_gepland_binnen_de_termijn_van_het_bureau(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)  # melding received 16 March 2026
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    assert STANDAARD_TERMIJN_VERZUIMGESPREK == 10
    assert gesprek.uiterlijk == add_werkdagen(D(2026, 3, 16), 10) == D(2026, 3, 30)
    assert "instelling van het bureau" in gesprek.termijn_bron
    assert "de seeds noemen geen termijn" in gesprek.termijn_bron
    assert not gesprek.te_laat(VANDAAG)


def test_een_eigen_termijn_van_het_bureau_geldt_voor_nieuwe_dossiers(kantoor: Kantoor) -> None:
    DossierInstelling.objects.create(bureau=kantoor.bureau, termijn_verzuimgesprek=3)
    dossier = open_dossier(kantoor, kantoor.melding)
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    assert gesprek.uiterlijk == D(2026, 3, 19)
    assert gesprek.te_laat(VANDAAG)


def test_instellingen_pagina_slaat_de_termijnen_op(kantoor: Kantoor) -> None:
    client = login(kantoor.lpa)
    url = f"/dossiers/termijnen/?bureau={kantoor.bureau.pk}"
    assert "10" in client.get(url).content.decode()
    response = client.post(
        "/dossiers/termijnen/",
        {"bureau": kantoor.bureau.pk, "termijn_verzuimgesprek": 7, "termijn_terugkoppeling": 4},
    )
    assert response.status_code == 302
    instelling = DossierInstelling.objects.get(bureau=kantoor.bureau)
    assert (instelling.termijn_verzuimgesprek, instelling.termijn_terugkoppeling) == (7, 4)
    response = client.post(
        "/dossiers/termijnen/",
        {"bureau": kantoor.bureau.pk, "termijn_verzuimgesprek": 0, "termijn_terugkoppeling": 4},
    )
    assert response.status_code == 200  # 0 werkdagen is refused
    assert login(kantoor.administratie).get(url).status_code == 404


def test_langdurig_relatief_verzuim_plant_het_eerste_knooppunt_binnen_4_weken(
    kantoor: Kantoor,
) -> None:
    lrv = melding(kantoor.jongere, soort="lrv", begin=D(2026, 3, 9), ontvangen=D(2026, 3, 20))
    dossier = open_dossier(kantoor, lrv)
    knooppunt = dossier.acties.get(soort=ActieSoort.KNOOPPUNT)
    assert knooppunt.uiterlijk == D(2026, 3, 9) + dt.timedelta(weeks=4)
    assert knooppunt.termijn_bron.startswith("seed 000 §3")
    breed = diensten.leg_actie_vast(dossier, ActieSoort.BREED_OVERLEG, kantoor.lpa, VANDAAG)
    assert breed.uiterlijk == D(2026, 3, 9) + dt.timedelta(weeks=8)
    assert breed.termijn_bron.startswith("seed 002 §3a")


def test_zonder_thuiszitten_geen_knooppunt_en_geen_termijn(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    assert not dossier.acties.filter(soort=ActieSoort.KNOOPPUNT).exists()
    knooppunt = diensten.leg_actie_vast(dossier, ActieSoort.KNOOPPUNT, kantoor.lpa, VANDAAG)
    assert knooppunt.uiterlijk is None


def test_na_het_verzuimgesprek_staat_de_terugkoppeling_gepland(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(gesprek, D(2026, 3, 23), "Afspraken gemaakt.", kantoor.lpa)
    terug = dossier.acties.get(soort=ActieSoort.TERUGKOPPELING)
    assert terug.uiterlijk == add_werkdagen(D(2026, 3, 23), STANDAARD_TERMIJN_TERUGKOPPELING)
    assert terug.gedaan_op is None


def test_eigen_termijn_bij_een_actie_gaat_voor(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    actie = diensten.leg_actie_vast(
        dossier, ActieSoort.TERUGKOPPELING, kantoor.lpa, VANDAAG, uiterlijk=D(2026, 4, 1)
    )
    assert actie.uiterlijk == D(2026, 4, 1) and actie.termijn_bron == ""


def _te_laat_dossier(kantoor: Kantoor) -> object:
    DossierInstelling.objects.create(bureau=kantoor.bureau, termijn_verzuimgesprek=2)
    return open_dossier(kantoor, kantoor.melding)  # verzuimgesprek uiterlijk 18 March


def test_acties_over_de_termijn_staan_bovenaan_de_lijst(kantoor: Kantoor) -> None:
    te_laat = _te_laat_dossier(kantoor)
    op_tijd = open_dossier(kantoor, melding(kantoor.jongere, ontvangen=VANDAAG))
    html = login(kantoor.lpa).get("/dossiers/").content.decode()
    kop = html.index("Acties over de termijn")
    assert "1 actie is niet op tijd gedaan" in html
    assert html.index(str(kantoor.jeugdige), kop) < html.index('id="kop-lijst"')
    assert "1 actie te laat" in html
    # in the list, the overdue dossier comes first
    lijst = html[html.index('id="kop-lijst"') :]
    assert lijst.index(f"/dossiers/{te_laat.pk}/") < lijst.index(f"/dossiers/{op_tijd.pk}/")  # type: ignore[attr-defined]


def test_filter_alleen_te_laat(kantoor: Kantoor) -> None:
    _te_laat_dossier(kantoor)
    open_dossier(kantoor, melding(kantoor.jongere, ontvangen=VANDAAG))
    html = login(kantoor.lpa).get("/dossiers/?te_laat=1").content.decode()
    lijst = html[html.index('id="kop-lijst"') :]
    assert str(kantoor.jeugdige) in lijst and str(kantoor.jongere) not in lijst


def test_afgesloten_dossier_telt_niet_meer_als_te_laat(kantoor: Kantoor) -> None:
    dossier = _te_laat_dossier(kantoor)
    wijzig_status(
        dossier,  # type: ignore[arg-type]
        Status.AFGESLOTEN,
        kantoor.lpa,
        motivering="Onterechte melding: de leerling was met verlof.",
    )
    html = login(kantoor.lpa).get("/dossiers/?status=alle").content.decode()
    assert "Geen acties over de termijn." in html


def test_filters_op_behandelaar_status_en_route(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    client = login(kantoor.lpa)
    assert (
        str(kantoor.jeugdige)
        in client.get(f"/dossiers/?behandelaar={kantoor.lpa.pk}").content.decode()
    )
    lijst = client.get(f"/dossiers/?behandelaar={kantoor.lpa2.pk}").content.decode()
    assert f"/dossiers/{dossier.pk}/" not in lijst
    assert f"/dossiers/{dossier.pk}/" in client.get("/dossiers/?status=aangemaakt").content.decode()
    assert (
        f"/dossiers/{dossier.pk}/" not in client.get("/dossiers/?status=onderzoek").content.decode()
    )
    assert f"/dossiers/{dossier.pk}/" in client.get("/dossiers/?route=geen").content.decode()
    assert f"/dossiers/{dossier.pk}/" not in client.get("/dossiers/?route=halt").content.decode()


def test_gedane_terugkoppeling_gaat_als_signaal_naar_de_inbox(kantoor: Kantoor) -> None:
    """Seed 002 §2: the school hears what was done with its melding; the inbox listens."""
    from leerrecht.web.dossiers.signalen import terugkoppeling_gedaan

    ontvangen: list[dict[str, object]] = []

    def luister(sender: object, **kwargs: object) -> None:
        ontvangen.append(kwargs)

    terugkoppeling_gedaan.connect(luister)
    try:
        dossier = open_dossier(kantoor, kantoor.melding)
        gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
        diensten.rond_actie_af(gesprek, VANDAAG, "Afspraken gemaakt.", kantoor.lpa)
        assert ontvangen == []
        terug = dossier.acties.get(soort=ActieSoort.TERUGKOPPELING)
        diensten.rond_actie_af(terug, VANDAAG, "School gebeld over de afspraken.", kantoor.lpa)
    finally:
        terugkoppeling_gedaan.disconnect(luister)
    assert len(ontvangen) == 1
    assert ontvangen[0]["meldingen"] == [kantoor.melding]
    assert ontvangen[0]["actie"].uitkomst == "School gebeld over de afspraken."  # type: ignore[attr-defined]
