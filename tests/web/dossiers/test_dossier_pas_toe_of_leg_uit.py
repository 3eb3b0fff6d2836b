"""'Pas toe of leg uit' (seed 003 §7): an action, route or status change that deviates from the
MAS is refused without a motivation, with the reason from the seeds; with a motivation it is
recorded, and the motivation is shown in the history of the dossier."""

from __future__ import annotations

import pytest
from dossiers_hulp import VANDAAG, Kantoor, login, melding, open_dossier

from leerrecht.web.dossiers import diensten, mas
from leerrecht.web.dossiers.models import (
    Actie,
    ActieSoort,
    Dossier,
    Route,
    Status,
    WijzigingSoort,
)
from leerrecht.web.dossiers.statussen import MotiveringNodig, wijzig_status

pytestmark = pytest.mark.django_db

MOTIVERING = "Ouders weigeren elk gesprek; direct doorpakken is nodig."


def _met_gesprek(kantoor: Kantoor, dossier: Dossier | None = None) -> Dossier:
    dossier = dossier or open_dossier(kantoor, kantoor.melding)
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(gesprek, VANDAAG, "Afspraken over op tijd komen.", kantoor.lpa)
    dossier.refresh_from_db()
    return dossier


# -- the rules, directly ------------------------------------------------------------------------


def test_proces_verbaal_zonder_waarschuwing_wijkt_af_en_noemt_de_seed(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    diensten.kies_route(dossier, Route.STRAF, kantoor.lpa, VANDAAG)
    redenen = mas.afwijkingen_actie(mas.stand(dossier), ActieSoort.PROCES_VERBAAL, VANDAAG)
    assert len(redenen) == 1
    assert "nog geen schriftelijke waarschuwing" in redenen[0]
    assert "seed 003 §7" in redenen[0]


def test_proces_verbaal_na_waarschuwing_in_de_strafrechtelijke_route_volgt_de_mas(
    kantoor: Kantoor,
) -> None:
    dossier = _met_gesprek(kantoor)
    diensten.kies_route(dossier, Route.STRAF, kantoor.lpa, VANDAAG)
    diensten.leg_actie_vast(
        dossier, ActieSoort.WAARSCHUWING, kantoor.lpa, VANDAAG, gedaan_op=VANDAAG
    )
    assert mas.afwijkingen_actie(mas.stand(dossier), ActieSoort.PROCES_VERBAAL, VANDAAG) == []
    assert mas.volgende_stap(mas.stand(dossier)).soort == ActieSoort.PROCES_VERBAAL


@pytest.mark.parametrize(
    ("jaar", "afwijkend"), [(2015, True), (2014, False), (2009, False), (2008, True)]
)
def test_halt_alleen_van_12_tot_18_jaar(kantoor: Kantoor, jaar: int, afwijkend: bool) -> None:
    """Seed 001 'Te laat komen': Halt vanaf 12 jaar; the Halt-afdoening ends at 18."""
    kantoor.jeugdige.geboortedatum = VANDAAG.replace(year=jaar)
    kantoor.jeugdige.save()
    dossier = _met_gesprek(kantoor)
    redenen = mas.afwijkingen_route(mas.stand(dossier), Route.HALT, VANDAAG)
    assert any("Halt is er voor jongeren vanaf 12 jaar" in r for r in redenen) is afwijkend


def test_halt_bij_luxe_verzuim_wijkt_af(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, melding(kantoor.jongere, soort="luxe"))
    redenen = mas.afwijkingen_route(mas.stand(_met_gesprek(kantoor, dossier)), Route.HALT, VANDAAG)
    assert any("luxe verzuim" in r for r in redenen)


def test_strafrechtelijk_terwijl_de_zorgroute_loopt_wijkt_af(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    diensten.kies_route(dossier, Route.VOORLIGGEND, kantoor.lpa, VANDAAG)
    wijzig_status(dossier, Status.IN_UITVOERING, kantoor.lpa)
    redenen = mas.afwijkingen_route(mas.stand(dossier), Route.STRAF, VANDAAG)
    assert len(redenen) == 1 and "De zorgroute loopt nog" in redenen[0]
    assert "duaal traject" in redenen[0]


def test_civielrechtelijk_zonder_zorg_wijkt_af_na_een_zorgmelding_niet(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    assert mas.afwijkingen_route(mas.stand(dossier), Route.CIVIEL, VANDAAG)
    diensten.leg_actie_vast(
        dossier, ActieSoort.ZORGMELDING, kantoor.lpa, VANDAAG, gedaan_op=VANDAAG
    )
    assert mas.afwijkingen_route(mas.stand(dossier), Route.CIVIEL, VANDAAG) == []


def test_route_zonder_verzuimgesprek_wijkt_af(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    wijzig_status(dossier, Status.ONDERZOEK, kantoor.lpa)
    redenen = mas.afwijkingen_route(mas.stand(dossier), Route.VOORLIGGEND, VANDAAG)
    assert any("nog geen verzuimgesprek" in r for r in redenen)


def test_afsluiten_zonder_terugkoppeling_aan_de_school_wijkt_af(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    with pytest.raises(MotiveringNodig, match="terugkoppeling aan de school"):
        wijzig_status(dossier, Status.AFGESLOTEN, kantoor.lpa)
    terug = dossier.acties.get(soort=ActieSoort.TERUGKOPPELING)
    diensten.rond_actie_af(terug, VANDAAG, "School gebeld.", kantoor.lpa)
    assert mas.afwijkingen_status(mas.stand(dossier), Status.AFGESLOTEN) == []
    wijzig_status(dossier, Status.AFGESLOTEN, kantoor.lpa)
    assert dossier.status == Status.AFGESLOTEN


# -- through the service -----------------------------------------------------------------------


def test_dienst_weigert_proces_verbaal_zonder_motivering_en_legt_het_met_motivering_vast(
    kantoor: Kantoor,
) -> None:
    dossier = _met_gesprek(kantoor)
    with pytest.raises(MotiveringNodig) as fout:
        diensten.leg_actie_vast(dossier, ActieSoort.PROCES_VERBAAL, kantoor.lpa, VANDAAG)
    assert "Pas toe of leg uit" in str(fout.value)
    assert not Actie.objects.filter(soort=ActieSoort.PROCES_VERBAAL).exists()
    actie = diensten.leg_actie_vast(
        dossier, ActieSoort.PROCES_VERBAAL, kantoor.lpa, VANDAAG, motivering=MOTIVERING
    )
    assert actie.motivering == MOTIVERING and "waarschuwing" in actie.afwijking
    regel = dossier.geschiedenis.filter(soort=WijzigingSoort.ACTIE).last()
    assert regel is not None and regel.naar == ActieSoort.PROCES_VERBAAL
    assert regel.motivering == MOTIVERING and "seed 003 §7" in regel.afwijking


def test_te_korte_motivering_telt_niet(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    with pytest.raises(MotiveringNodig):
        diensten.leg_actie_vast(
            dossier, ActieSoort.PROCES_VERBAAL, kantoor.lpa, VANDAAG, motivering="omdat"
        )


# -- through the pages -------------------------------------------------------------------------


def test_formulier_weigert_proces_verbaal_zonder_motivering_met_uitleg(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    client = login(kantoor.lpa)
    url = f"/dossiers/{dossier.pk}/acties/nieuw/"
    response = client.post(url, {"soort": ActieSoort.PROCES_VERBAAL, "gepland_op": "2026-03-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wijkt af van de MAS en kan alleen met een motivering" in html
    assert "nog geen schriftelijke waarschuwing" in html
    assert not Actie.objects.filter(soort=ActieSoort.PROCES_VERBAAL).exists()

    response = client.post(
        url,
        {"soort": ActieSoort.PROCES_VERBAAL, "gepland_op": "2026-03-30", "motivering": MOTIVERING},
    )
    assert response.status_code == 302
    html = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert MOTIVERING in html  # the history shows the motivation
    assert "Afwijking van de MAS en motivering" in html


def test_routeformulier_halt_voor_een_11_jarige_vraagt_motivering(kantoor: Kantoor) -> None:
    m = melding(kantoor.jongere)
    dossier = _met_gesprek(kantoor, open_dossier(kantoor, m))
    client = login(kantoor.lpa)
    url = f"/dossiers/{dossier.pk}/route/"
    html = client.get(url).content.decode()
    assert "De jongere is 11 jaar" in html  # shown before choosing
    response = client.post(url, {"route": Route.HALT})
    assert "Dit wijkt af van de MAS" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.route == ""
    client.post(
        url, {"route": Route.HALT, "motivering": "Afspraak met Halt: pilot voor 11-jarigen."}
    )
    dossier.refresh_from_db()
    assert dossier.route == Route.HALT
    assert "pilot voor 11-jarigen" in client.get(f"/dossiers/{dossier.pk}/").content.decode()


def test_halt_route_voor_een_13_jarige_na_verzuimgesprek_zonder_motivering(
    kantoor: Kantoor,
) -> None:
    dossier = _met_gesprek(kantoor)
    client = login(kantoor.lpa)
    response = client.post(f"/dossiers/{dossier.pk}/route/", {"route": Route.HALT})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.route, dossier.status) == (Route.HALT, Status.ROUTE_BEPAALD)


def test_statusknop_afsluiten_vraagt_motivering_en_noemt_de_reden(kantoor: Kantoor) -> None:
    dossier = _met_gesprek(kantoor)
    client = login(kantoor.lpa)
    html = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Er is nog geen terugkoppeling aan de school vastgelegd" in html
    response = client.post(
        f"/dossiers/{dossier.pk}/status/", {"naar": Status.AFGESLOTEN}, follow=True
    )
    assert "Pas toe of leg uit" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK
    client.post(
        f"/dossiers/{dossier.pk}/status/",
        {"naar": Status.AFGESLOTEN, "motivering": "School is telefonisch geïnformeerd."},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.AFGESLOTEN
