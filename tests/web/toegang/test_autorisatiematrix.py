"""The authorisation matrix (issue 7): for every role and every URL of the URLconf, who may read
it, who may change through it, and that nothing outside the role's scope is ever shown.

The URLs come from ``django.urls.get_resolver()`` (every include), so a new endpoint cannot
escape: a URL name the expected matrix (``toegang_matrix.REGELS``) does not know fails, and so
does a name in the matrix that no longer exists. The Django admin (``/beheer/``) is enumerated
the same way and is for superusers only.

Per URL and role (``test_matrix``): a GET, and a POST (the minimal data of the matrix, or
nothing). Allowed is 200 or a redirect that is not to a login page; denied is 403, 404, 405 or
a redirect to a login page (``/inloggen/``, the parent's code page ``/ouders/``, the admin's
login). A denied POST changes nothing: the content of every table (not the audit log, the
sessions, the login attempts and the stored evaluations, which are records of the request or
derived data) is the same before and after. Every response, allowed or not, is searched for
the name and the leerlingnummer of every pupil and jeugdige outside the role's scope
(``toegang_hulp.SCOPE``): HTML, CSV and the text of a PDF (page streams decompressed).

Cross-tenant (``test_ander_tenant``): the same URL with the object of tenant B (the other
school, office, SWV, GGD) is denied to every role of tenant A. Within the school
(``test_andere_groep``): a docent and a mentor of group 1a (also one who is coördinator at the
other school) are denied group 2b and its pupils; a parent gets nothing of another child.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from pytest_django import DjangoDbBlocker
from toegang_hulp import (
    PERSONEN,
    ROLLEN,
    SCOPE,
    Kant,
    Patroon,
    Wereld,
    alle_patronen,
    pdf_tekst,
)
from toegang_matrix import (
    BEHEER_NAMESPACE,
    MATRIX,
    Regel,
    mag_lezen,
    mag_schrijven,
    omgeleid,
)

from leerrecht.web.scholen.models import Leerling

TOEGESTAAN = {200, 302, 303}
GEWEIGERD = {403, 404, 405}
#: a redirect to one of these pages is a denial: the login page, the parent's code page, the
#: admin's login page
LOGIN_PAGINAS = ("/inloggen/", "/ouders/", "/beheer/login/")
#: records of the request itself or derived data, not what a POST may change
NIET_IN_VINGERAFDRUK = ("audit_", "django_session", "axes_", "evaluaties_")
#: the roles of tenant B (their own pages are not cross-tenant for them), and the user who is
#: also coördinator at school B
TENANT_B = ("coordinator_b", "leerplichtambtenaar_b", "docent_en_coordinator_b")


@pytest.fixture(scope="module")
def basis(sessies: dict[str, dict[str, str]], django_db_blocker: DjangoDbBlocker) -> str:
    """The fingerprint of the world as every test starts with it (each runs in a savepoint)."""
    with django_db_blocker.unblock():
        return vingerafdruk()


@pytest.fixture(autouse=True)
def email_ingesteld() -> Iterator[None]:
    """Letters can be e-mailed (else brieven:email is a 404 for everyone)."""
    with override_settings(LEERRECHT_EMAIL=True):
        yield


#: one test client for the whole module: a new Client loads the middleware again, and
#: WhiteNoise's middleware reads every static file when it starts (most of the time otherwise)
_CLIENT = Client()


def client_voor(sessies: dict[str, dict[str, str]], rol: str) -> Client:
    """The module's client with only the cookies of ``rol``'s session (nothing of the last
    test, not even its messages)."""
    _CLIENT.cookies = SimpleCookie()
    for naam, waarde in sessies[rol].items():
        _CLIENT.cookies[naam] = waarde
    return _CLIENT


# -- URLs ---------------------------------------------------------------------------------


def url(regel: Regel, kant: Kant) -> str:
    pad = reverse(regel.naam, kwargs=regel.kwargs(kant) or None)
    query = regel.query(kant)
    return f"{pad}?{urlencode(query)}" if query else pad


def post_data(regel: Regel, kant: Kant) -> dict[str, Any]:
    return {k: str(v) for k, v in regel.post(kant).items()}


def is_beheer(p: Patroon) -> bool:
    return p.naam.startswith(f"{BEHEER_NAMESPACE}:") or p.route.startswith("/beheer/")


PATRONEN = alle_patronen()
BEHEER_PATRONEN = [p for p in PATRONEN if is_beheer(p)]
#: every admin URL without arguments, and of those with an object id the change page of each
#: model (history, delete and the bare id go through the same admin_view check)
BEHEER_STEEKPROEF = [
    p
    for p in BEHEER_PATRONEN
    if not p.kwargs
    or p.naam.endswith("_change")
    or "object_id" not in p.kwargs
    or p.naam == "admin:view_on_site"
]


# -- what a response shows ------------------------------------------------------------------


def inhoud(response: HttpResponse) -> str:
    """The body as text: HTML and CSV decoded, a PDF's page text next to its raw bytes."""
    if getattr(response, "streaming", False):
        ruw = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        ruw = response.content
    if ruw.startswith(b"%PDF"):
        return pdf_tekst(ruw) + "\n" + ruw.decode("latin-1")
    return ruw.decode("utf-8", errors="replace")


def lekken(rol: str, tekst: str) -> list[str]:
    """Names and leerlingnummers in ``tekst`` of people outside the role's scope."""
    laag = tekst.lower()
    return [
        f"{p.code} ({kenmerk})"
        for p in PERSONEN.values()
        if p.code not in SCOPE[rol]
        for kenmerk in p.kenmerken()
        if kenmerk.lower() in laag
    ]


def doel(response: HttpResponse) -> str:
    return urlsplit(response.get("Location", "")).path


def naar_login(response: HttpResponse) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    pad = doel(response)
    return pad in LOGIN_PAGINAS or pad.startswith(("/inloggen/", "/beheer/login/"))


def beschrijf(response: HttpResponse) -> str:
    if response.status_code in (301, 302, 303):
        return f"{response.status_code} naar {response.get('Location')}"
    return str(response.status_code)


def eigen_startpagina(response: HttpResponse) -> bool:
    """A redirect to the user's own start page (not a login page)."""
    return response.status_code == 302 and not naar_login(response)


def toegestaan(response: HttpResponse, openbaar: bool = False) -> bool:
    return response.status_code in TOEGESTAAN and (openbaar or not naar_login(response))


def geweigerd(response: HttpResponse) -> bool:
    return response.status_code in GEWEIGERD or naar_login(response)


# -- a fingerprint of the database ----------------------------------------------------------


@functools.cache
def _tabellen() -> tuple[str, ...]:
    return tuple(
        sorted(
            t
            for t in connection.introspection.table_names()
            if not t.startswith(NIET_IN_VINGERAFDRUK)
        )
    )


def vingerafdruk() -> str:
    """Every row of every table (but the request records), as one hash."""
    h = hashlib.sha256()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # one round trip: a hash per table of its rows as text, in a stable order
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))"
                    f' FROM "{t}" x'
                    for t in _tabellen()
                )
            )
            # sorted: PostgreSQL may run the UNION ALL's parts in parallel workers, which return
            # them in any order (seen in CI as a denied request that "changed" the database)
            h.update(repr(sorted(cursor.fetchall())).encode())
        else:
            for t in _tabellen():
                cursor.execute(f'SELECT * FROM "{t}"')
                h.update(t.encode())
                h.update(repr(sorted(map(repr, cursor.fetchall()))).encode())
    return h.hexdigest()


# -- the checks -----------------------------------------------------------------------------


def controleer(
    client: Client,
    regel: Regel,
    rol: str,
    kant: Kant,
    basis: str,
    *,
    mag_get: bool,
    mag_post: bool,
    omleiding: bool = False,
) -> list[str]:
    """GET and POST ``regel`` for ``kant`` as ``rol``; the problems found (empty: as expected).

    ``basis`` is the fingerprint of the world as every test starts with it: a denied request
    must leave it exactly so.
    """
    adres = url(regel, kant)
    fouten: list[str] = []
    response = client.get(adres)
    if mag_get:
        if not toegestaan(response, regel.openbaar):
            fouten.append(f"GET {adres}: toegestaan verwacht, kreeg {beschrijf(response)}")
    elif not (geweigerd(response) or (omleiding and eigen_startpagina(response))):
        fouten.append(f"GET {adres}: geweigerd verwacht, kreeg {beschrijf(response)}")
    if lek := lekken(rol, inhoud(response)):
        fouten.append(f"GET {adres} ({response.status_code}) toont buiten bereik: {lek}")

    # a denied GET changed nothing; before a denied POST after an allowed GET, take the state
    voor = basis if not mag_get else ("" if mag_post else vingerafdruk())
    if not mag_get and not mag_post and vingerafdruk() != basis:
        fouten.append(f"GET {adres} veranderde de database")
    response = client.post(adres, post_data(regel, kant))
    if mag_post:
        extra = {405} if regel.schrijven is None else set()
        if not (toegestaan(response, regel.openbaar) or response.status_code in extra):
            fouten.append(f"POST {adres}: toegestaan verwacht, kreeg {beschrijf(response)}")
    else:
        if not (geweigerd(response) or (omleiding and eigen_startpagina(response))):
            fouten.append(f"POST {adres}: geweigerd verwacht, kreeg {beschrijf(response)}")
        if vingerafdruk() != voor:
            fouten.append(f"POST {adres} ({beschrijf(response)}) veranderde de database")
    if lek := lekken(rol, inhoud(response)):
        fouten.append(f"POST {adres} ({response.status_code}) toont buiten bereik: {lek}")
    return fouten


MATRIX_GEVALLEN = [(naam, rol) for naam in MATRIX for rol in ROLLEN]


@pytest.mark.parametrize(
    ("naam", "rol"), MATRIX_GEVALLEN, ids=[f"{n}-{r}" for n, r in MATRIX_GEVALLEN]
)
def test_matrix(
    wereld: Wereld,
    sessies: dict[str, dict[str, str]],
    basis: str,
    db: None,
    naam: str,
    rol: str,
) -> None:
    regel = MATRIX[naam]
    fouten = controleer(
        client_voor(sessies, rol),
        regel,
        rol,
        wereld.a,
        basis,
        mag_get=mag_lezen(regel, rol),
        mag_post=mag_schrijven(regel, rol),
        omleiding=omgeleid(regel, rol),
    )
    assert not fouten, f"{naam} als {rol}:\n" + "\n".join(fouten)


KRUIS_GEVALLEN = [
    (naam, rol)
    for naam, regel in MATRIX.items()
    if regel.kruis
    for rol in ROLLEN
    if rol not in TENANT_B
]


@pytest.mark.parametrize(
    ("naam", "rol"), KRUIS_GEVALLEN, ids=[f"{n}-{r}" for n, r in KRUIS_GEVALLEN]
)
def test_ander_tenant(
    wereld: Wereld,
    sessies: dict[str, dict[str, str]],
    basis: str,
    db: None,
    naam: str,
    rol: str,
) -> None:
    """The object of the other school, office, SWV or GGD: denied to every role of tenant A."""
    regel = MATRIX[naam]
    fouten = controleer(
        client_voor(sessies, rol),
        regel,
        rol,
        wereld.b,
        basis,
        mag_get=False,
        mag_post=False,
        omleiding=omgeleid(regel, rol),
    )
    assert not fouten, f"{naam} als {rol} met een object van de andere tenant:\n" + "\n".join(
        fouten
    )


GROEP_GEVALLEN = [
    (naam, rol)
    for naam, regel in MATRIX.items()
    if regel.groep2
    for rol in ("docent", "mentor", "docent_en_coordinator_b")
]


@pytest.mark.parametrize(
    ("naam", "rol"), GROEP_GEVALLEN, ids=[f"{n}-{r}" for n, r in GROEP_GEVALLEN]
)
def test_andere_groep(
    wereld: Wereld,
    sessies: dict[str, dict[str, str]],
    basis: str,
    db: None,
    naam: str,
    rol: str,
) -> None:
    """A docent or mentor of group 1a gets nothing of group 2b or a pupil in it."""
    regel = MATRIX[naam]
    kant = replace(wereld.a, leerling=wereld.a.leerling_groep2, groep=wereld.a.groep2)
    fouten = controleer(
        client_voor(sessies, rol),
        regel,
        rol,
        kant,
        basis,
        mag_get=False,
        mag_post=False,
        omleiding=omgeleid(regel, rol),
    )
    assert not fouten, f"{naam} als {rol} voor een leerling van groep 2b:\n" + "\n".join(fouten)


# -- the URLconf and the matrix agree ---------------------------------------------------------


def test_elke_url_staat_in_de_matrix() -> None:
    """A new endpoint cannot escape: every URL name of the URLconf (but the admin, which is
    checked as a whole below) has a row in the matrix, and every row still exists."""
    namen = {p.naam for p in PATRONEN if not is_beheer(p)}
    onbekend = sorted(namen - set(MATRIX))
    verdwenen = sorted(set(MATRIX) - namen)
    assert not onbekend, (
        "Deze URL's staan niet in de autorisatiematrix (tests/web/toegang/toegang_matrix.py): "
        f"{onbekend}. Voeg per URL een Regel toe met wie hem mag lezen en wijzigen."
    )
    assert not verdwenen, (
        f"Deze URL's uit de autorisatiematrix bestaan niet meer: {verdwenen}. "
        "Haal ze uit tests/web/toegang/toegang_matrix.py."
    )


def test_de_matrix_dekt_elke_rol_en_elke_url() -> None:
    """The parametrisation really walks every URL for every role (no URL silently left out)."""
    assert {n for n, _r in MATRIX_GEVALLEN} == set(MATRIX)
    assert len(MATRIX_GEVALLEN) == len(MATRIX) * len(ROLLEN)
    assert all(r in ROLLEN for r in SCOPE) and set(SCOPE) == set(ROLLEN)


# -- the Django admin: superusers only ---------------------------------------------------------

#: the admin's own login page (and the logout, which sends a non-staff user to it) show no data
BEHEER_OPENBAAR = {"admin:login", "admin:logout"}


def beheer_url(p: Patroon) -> str:
    """A concrete URL for an admin pattern (route converters and regex groups filled in)."""
    pad = re.sub(r"<path:object_id>|<path:content_type_id>", "1", p.route)
    pad = re.sub(r"\(\?P<app_label>([a-z_]+)[^)]*\)", r"\1", pad)
    pad = pad.replace("(?P<url>.*)", "onbekend/")
    return pad.replace("^", "").replace("$", "")


@pytest.mark.parametrize("rol", ROLLEN)
def test_beheer_alleen_voor_de_applicatiebeheerder(
    wereld: Wereld, sessies: dict[str, dict[str, str]], basis: str, db: None, rol: str
) -> None:
    """Every admin URL without an object, and every model's change page (generated: a new model
    admin is included at once)."""
    client = client_voor(sessies, rol)
    fouten = []
    for p in BEHEER_STEEKPROEF:
        if p.naam in BEHEER_OPENBAAR:
            continue
        adres = beheer_url(p)
        for methode in (client.get, client.post):
            response = methode(adres)
            if not geweigerd(response):
                fouten.append(f"{methode.__name__.upper()} {adres}: {beschrijf(response)}")
            if lek := lekken(rol, inhoud(response)):
                fouten.append(f"{adres} toont {lek}")
    assert vingerafdruk() == basis, f"{rol} veranderde iets via /beheer/"
    assert len(BEHEER_PATRONEN) > 100  # every model admin of every app
    assert not fouten, f"/beheer/ als {rol}:\n" + "\n".join(fouten)


def test_beheer_werkt_wel_voor_de_applicatiebeheerder(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None
) -> None:
    """The control of the test above: the superuser does get the admin (so a denial there is a
    denial, not a broken page)."""
    client = client_voor(sessies, "superuser")
    for adres in (
        "/beheer/",
        "/beheer/scholen/",
        "/beheer/scholen/leerling/",
        f"/beheer/scholen/leerling/{wereld.a.leerling}/change/",
        f"/beheer/leerplicht/bureau/{wereld.a.bureau}/change/",
    ):
        assert client.get(adres).status_code == 200, adres


# -- scope details the matrix's tenants do not show ----------------------------------------------


def test_bureau_ziet_geen_leerling_van_de_eigen_school_buiten_het_werkgebied(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None
) -> None:
    """Pupil a4 goes to school A but lives in Maastricht: office B sees her, office A does not
    (leerplicht.scope: the woongemeente decides, not the school)."""
    a4 = wereld.a.leerling_buiten_gebied
    assert Leerling.objects.get(pk=a4).voornaam == PERSONEN["a4"].voornaam
    adres = reverse("leerplicht:leerling", kwargs={"pk": a4})
    for rol in ("leerplichtambtenaar", "lp_administratie"):
        assert client_voor(sessies, rol).get(adres).status_code == 404, rol
    assert client_voor(sessies, "leerplichtambtenaar_b").get(adres).status_code == 200


# -- the controls: the checks above can fail ---------------------------------------------------

#: lists that must show these people to this role: the pages the leak check searches do list
#: people, so finding nobody outside the scope means something
LIJSTEN = [
    ("meldingen:lijst", "coordinator", {"a1"}),
    ("verlof:toegang_lijst", "administratie", {"a1", "a2", "a3", "a4"}),
    ("schoolbeheer:leerlingen", "beheerder", {"a1", "a2", "a3", "a4"}),
    ("leerlingzaken:overzicht", "teamleider", {"a1", "a2"}),
    ("vrijstellingen:school_lijst", "directeur", {"a1"}),
    ("jgz:school_lijst", "mentor", {"a1"}),
    ("leerplicht:inbox", "lp_administratie", {"a1"}),
    ("thuiszitters:register", "leerplichtambtenaar", {"a3", "ja"}),
    ("thuiszitters:swv_overzicht", "swv", {"a3", "ja"}),
    ("thuiszitters:swv_overzicht_csv", "swv", {"a3", "ja"}),
    ("vrijstellingen:lijst", "leerplichtambtenaar", {"a1"}),
    ("dossiers:lijst", "lp_administratie", {"a1"}),
    ("jgz:lijst", "jeugdarts", {"a1"}),
    ("ouders:overzicht", "ouder", {"a1"}),
    ("privacy:overzicht", "privacy", {"a1"}),
    ("privacy:export", "privacy", {"a1"}),
]


@pytest.mark.parametrize(("naam", "rol", "wie"), LIJSTEN, ids=[f"{n}-{r}" for n, r, _w in LIJSTEN])
def test_lijsten_tonen_wie_binnen_bereik_is(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None, naam: str, rol: str, wie: set[str]
) -> None:
    response = client_voor(sessies, rol).get(url(MATRIX[naam], wereld.a))
    assert response.status_code == 200
    tekst = inhoud(response).lower()
    for code in wie:
        kenmerken = PERSONEN[code].kenmerken()
        assert any(k.lower() in tekst for k in kenmerken), f"{naam} toont {code} niet aan {rol}"


def test_vingerafdruk_ziet_elke_wijziging(wereld: Wereld, basis: str, db: None) -> None:
    """A changed status or name, not only a new row, changes the fingerprint."""
    from leerrecht.web.meldingen.models import DuoMelding

    assert vingerafdruk() == basis
    DuoMelding.objects.filter(pk=wereld.a.melding).update(toelichting="anders")
    assert vingerafdruk() != basis
    DuoMelding.objects.filter(pk=wereld.a.melding).update(
        toelichting="Drie dagen zonder bericht afwezig."
    )
    assert vingerafdruk() == basis
    Leerling.objects.filter(pk=wereld.a.leerling).update(voornaam="Anders")
    assert vingerafdruk() != basis


def test_ouder_ziet_alleen_het_eigen_kind(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None
) -> None:
    """The parent of a1 gets nothing of a2, a pupil of the same group at the same school (the
    cross-tenant test only shows another school's pupil)."""
    from leerrecht.web.verlof.models import Soort, Status, VerlofAanvraag
    from leerrecht.web.vrijstellingen.models import VerlofBesluit

    a2 = Leerling.objects.get(leerlingnummer=PERSONEN["a2"].nummer)
    eigen = VerlofAanvraag.objects.get(pk=wereld.a.verlof_doorgestuurd)
    aanvraag = VerlofAanvraag.objects.create(
        leerling=a2,
        soort=Soort.VAKANTIE,
        start=eigen.start,
        end=eigen.end,
        status=Status.DOORGESTUURD,
    )
    besluit = VerlofBesluit.objects.get(aanvraag=eigen)
    besluit.pk, besluit.aanvraag = None, aanvraag
    besluit.save()
    client = client_voor(sessies, "ouder")
    for naam in ("ouders:aanvraag", "ouders:besluit_pdf", "vrijstellingen:ouder_verlof_brief"):
        adres = reverse(naam, kwargs={"pk": aanvraag.pk})
        response = client.get(adres)
        assert response.status_code == 404, adres
        assert not lekken("ouder", inhoud(response)), adres
    # the same pages of the own child do answer (the control)
    assert client.get(reverse("ouders:aanvraag", kwargs={"pk": eigen.pk})).status_code == 200
