"""Who sees what (issue 5, 'Roles'): an office only its own register; a samenwerkingsverband only
the overview of its own SWV, never the register, a melding or a dossier; school staff only their
own school's figures. Out of scope is a 404, as if it did not exist."""

from __future__ import annotations

import pytest
from django.test import Client
from thuiszitters_hulp import SINDS, Regio, bureau_gebruiker, login, registratie
from web_hulp import make_user

from leerrecht.web.scholen.models import RolSoort
from leerrecht.web.thuiszitters.models import ThuiszitterRegistratie

KANTOORPAGINAS = (
    "/thuiszitters/",
    "/thuiszitters/nieuw/",
    "/thuiszitters/suggesties/",
    "/thuiszitters/termijnen/",
    "/thuiszitters/analyse/",
    "/thuiszitters/analyse/analyse.csv",
    "/thuiszitters/jaarcijfers/",
)


@pytest.fixture
def reg(regio: Regio) -> ThuiszitterRegistratie:
    return registratie(regio.bureau, "Sam", SINDS, school=regio.world.school, swv=regio.swv_po)


def _registratiepaginas(reg: ThuiszitterRegistratie) -> tuple[str, ...]:
    return (f"/thuiszitters/{reg.pk}/", f"/thuiszitters/{reg.pk}/wijzigen/")


def test_swv_ziet_nooit_het_register_of_een_dossier(
    client: Client, regio: Regio, reg: ThuiszitterRegistratie
) -> None:
    login(client, regio.swv_po_user)
    for url in (*KANTOORPAGINAS, *_registratiepaginas(reg), "/thuiszitters/jaarcijfers/school/"):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/thuiszitters/{reg.pk}/overleg/",
        f"/thuiszitters/{reg.pk}/status/",
        "/thuiszitters/suggesties/opnemen/",
    ):
        assert (
            client.post(
                url, {"overleg-soort": "knooppunt", "overleg-datum": "2026-03-10"}
            ).status_code
            == 404
        ), url
    # de pagina's van het bureau (inbox, dossiers) evenmin
    for url in ("/leerplicht/", "/dossiers/"):
        assert client.get(url).status_code == 404, url
    # wel: het eigen maandoverzicht
    assert client.get("/thuiszitters/swv/?maand=2026-03").status_code == 200


def test_menu_per_rol(client: Client, regio: Regio) -> None:
    login(client, regio.swv_po_user)
    html = client.get("/thuiszitters/swv/").content.decode()
    assert 'href="/thuiszitters/swv/"' in html and 'href="/thuiszitters/">' not in html
    login(client, regio.lpa)
    html = client.get("/thuiszitters/").content.decode()
    assert 'href="/thuiszitters/">Thuiszitters<' in html


def test_bureau_buiten_het_werkgebied_krijgt_404(
    client: Client, regio: Regio, reg: ThuiszitterRegistratie
) -> None:
    login(client, regio.ander_lpa)
    for url in _registratiepaginas(reg):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/thuiszitters/{reg.pk}/overleg/",
            {"overleg-soort": "knooppunt", "overleg-datum": "2026-03-10"},
        ).status_code
        == 404
    )
    assert client.post(f"/thuiszitters/{reg.pk}/status/", {"naar": "opgelost"}).status_code == 404
    # het register van het andere bureau is niet te kiezen
    assert client.get(f"/thuiszitters/?bureau={regio.bureau.pk}").status_code == 404
    html = client.get("/thuiszitters/?status=alle").content.decode()
    assert "Sam Test" not in html
    reg.refresh_from_db()
    assert reg.knooppunt_op is None


def test_administratie_van_het_bureau_werkt_mee(
    client: Client, regio: Regio, reg: ThuiszitterRegistratie
) -> None:
    admin = bureau_gebruiker("admin-lp", regio.bureau, "administratie")
    login(client, admin)
    assert client.get(f"/thuiszitters/{reg.pk}/").status_code == 200


def test_schoolpersoneel_krijgt_geen_kantoorpaginas(
    client: Client, regio: Regio, reg: ThuiszitterRegistratie
) -> None:
    login(client, regio.world.coordinator)
    for url in (
        *KANTOORPAGINAS,
        *_registratiepaginas(reg),
        "/thuiszitters/swv/",
        "/thuiszitters/swv/overzicht.csv",
    ):
        assert client.get(url).status_code == 404, url


def test_school_ziet_alleen_de_eigen_jaarcijfers(client: Client, regio: Regio) -> None:
    w = regio.world
    login(client, w.coordinator)
    response = client.get("/thuiszitters/jaarcijfers/school/")
    assert response.status_code == 200 and response.context["school"] == w.school
    assert (
        client.get(f"/thuiszitters/jaarcijfers/school/?school={w.other_school.pk}").status_code
        == 404
    )
    directeur = make_user("directeur", w.school, RolSoort.DIRECTEUR)
    login(client, directeur)
    assert client.get("/thuiszitters/jaarcijfers/school/").status_code == 200
    login(client, w.docent_a)
    assert client.get("/thuiszitters/jaarcijfers/school/").status_code == 404
    login(client, regio.lpa)
    assert client.get("/thuiszitters/jaarcijfers/school/").status_code == 404


def test_zonder_inloggen_naar_de_inlogpagina(client: Client, reg: ThuiszitterRegistratie) -> None:
    for url in (*KANTOORPAGINAS, f"/thuiszitters/{reg.pk}/", "/thuiszitters/swv/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/"), url
