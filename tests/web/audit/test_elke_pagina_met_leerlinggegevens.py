"""Every page of the URLconf, opened by every role that may read it, in the world of the
authorisation matrix (``tests/web/toegang``): a page with pupil data that answers writes at least
one audit row, never a second generic one next to the view's own, with the purpose of the
registry, the reader as ``wie`` and, for the school's own people, the school; a page without
pupil data and a redirect write none (issue 7)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from pytest_django import DjangoDbBlocker

sys.path.insert(0, str(Path(__file__).parent.parent / "toegang"))
from toegang_hulp import Kant, Wereld, bouw_wereld, ouder_client
from toegang_matrix import MATRIX, Regel, mag_lezen, mag_schrijven

from leerrecht.web.audit.doelen import DOELEN
from leerrecht.web.audit.models import Actie, AuditRegel

#: the roles whose rows belong to school A (the parent: of the pupil a1 of school A)
SCHOOL_A = {"docent", "mentor", "coordinator", "teamleider", "administratie", "directeur"}
SCHOOL_A |= {"beheerder", "privacy", "ouder"}

GEVALLEN = [
    (naam, rol)
    for naam, regel in MATRIX.items()
    if not regel.openbaar
    for rol in sorted(regel.lezen)
    if rol != "anoniem" and mag_lezen(regel, rol)
]

SCHRIJF_GEVALLEN = [
    (naam, rol)
    for naam, regel in MATRIX.items()
    if not regel.openbaar and regel.schrijven is not None and DOELEN[naam].leerlinggegevens
    for rol in sorted(regel.schrijven)
    if rol != "anoniem" and mag_schrijven(regel, rol)
]


@pytest.fixture(scope="module")
def wereld(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Wereld]:
    snel = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(PASSWORD_HASHERS=snel, DATA_DIR=tmp_path_factory.mktemp("audit")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield bouw_wereld()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def email_ingesteld() -> Iterator[None]:
    """Letters can be e-mailed (else brieven:email is a 404 for everyone)."""
    with override_settings(LEERRECHT_EMAIL=True):
        yield


@pytest.fixture(scope="module")
def sessies(wereld: Wereld, django_db_blocker: DjangoDbBlocker) -> dict[str, dict[str, str]]:
    koekjes: dict[str, dict[str, str]] = {}
    with django_db_blocker.unblock():
        for rol, pk in [*wereld.gebruikers.items(), ("superuser", wereld.superuser)]:
            client = Client()
            client.force_login(User.objects.get(pk=pk))
            koekjes[rol] = {k: v.value for k, v in client.cookies.items()}
        koekjes["ouder"] = {k: v.value for k, v in ouder_client(wereld.ouder_code).cookies.items()}
    return koekjes


_CLIENT = Client()  # one client: a new one loads the middleware (and WhiteNoise) again


def _url(regel: Regel, kant: Kant) -> str:
    pad = reverse(regel.naam, kwargs=regel.kwargs(kant) or None)
    query = regel.query(kant)
    return f"{pad}?{urlencode(query)}" if query else pad


def _als(sessies: dict[str, dict[str, str]], rol: str) -> Client:
    _CLIENT.cookies = SimpleCookie()
    for sleutel, waarde in sessies[rol].items():
        _CLIENT.cookies[sleutel] = waarde
    return _CLIENT


def _laatste() -> int:
    return AuditRegel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize(("naam", "rol"), GEVALLEN, ids=[f"{n}-{r}" for n, r in GEVALLEN])
def test_elke_pagina_legt_vast_wie_wat_en_waarom(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None, naam: str, rol: str
) -> None:
    regel, doel = MATRIX[naam], DOELEN[naam]
    voor = _laatste()
    response = _als(sessies, rol).get(_url(regel, wereld.a))
    nieuw = list(AuditRegel.objects.filter(pk__gt=voor).order_by("pk"))
    generiek = [r for r in nieuw if r.wat.split(" ")[0] == naam]  # the middleware's rows
    wie = None if rol == "ouder" else wereld.gebruikers.get(rol, wereld.superuser)

    if not doel.leerlinggegevens or response.status_code != 200:
        assert generiek == [], f"{naam} ({response.status_code}) schreef {generiek}"
        return
    assert nieuw, f"{naam} als {rol}: leerlinggegevens gelezen zonder auditregel"
    assert len(generiek) <= 1 and (not generiek or len(nieuw) == 1), [r.wat for r in nieuw]
    for r in nieuw:
        assert r.wie_id == wie, (naam, rol, r)
        if rol in SCHOOL_A:
            assert r.school_id == wereld.a.school, (naam, rol, r)
    for r in generiek:
        assert r.doel == doel.tekst and r.actie in (Actie.LEZEN, Actie.EXPORTEREN)


@pytest.mark.parametrize(
    ("naam", "rol"), SCHRIJF_GEVALLEN, ids=[f"{n}-{r}" for n, r in SCHRIJF_GEVALLEN]
)
def test_elke_schrijfactie_legt_vast(
    wereld: Wereld, sessies: dict[str, dict[str, str]], db: None, naam: str, rol: str
) -> None:
    """A POST with the matrix's data that is accepted (a 2xx or a redirect) is recorded."""
    regel, doel = MATRIX[naam], DOELEN[naam]
    data = {k: str(v) for k, v in regel.post(wereld.a).items()}
    voor = _laatste()
    response = _als(sessies, rol).post(_url(regel, wereld.a), data)
    assert response.status_code < 400, (naam, rol, response.status_code)
    nieuw = list(AuditRegel.objects.filter(pk__gt=voor).order_by("pk"))
    generiek = [r for r in nieuw if r.wat.split(" ")[0] == naam]
    assert nieuw, f"{naam} als {rol}: POST zonder auditregel"
    assert len(generiek) <= 1 and (not generiek or len(nieuw) == 1), [r.wat for r in nieuw]
    for r in generiek:
        assert r.doel == doel.tekst
        assert r.actie in (Actie.WIJZIGEN, Actie.AANMAKEN, Actie.EXPORTEREN, Actie.LEZEN)
    wie = None if rol == "ouder" else wereld.gebruikers.get(rol, wereld.superuser)
    assert all(r.wie_id == wie for r in nieuw), [(r.wie_id, r.wat) for r in nieuw]
