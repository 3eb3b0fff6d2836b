"""The menu's roles are read with one query per request (leerrecht.web.menu), equal to what the
four scopes give, and never older than the request: a role given or taken shows on the next page.
The register's access check asks one query (scope.mag_groep), with the same answer as
scope.groepen."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from web_hulp import PASSWORD, World, make_user

from leerrecht.web import menu
from leerrecht.web.jgz import scope as jgz_scope
from leerrecht.web.jgz.models import JgzOrganisatie, JgzRol, JgzRolSoort
from leerrecht.web.leerplicht import scope as leerplicht_scope
from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import Groep, Rol, RolSoort
from leerrecht.web.thuiszitters import scope as swv_scope
from leerrecht.web.thuiszitters.models import Samenwerkingsverband, SwvRol

ROL_TABELLEN = ("scholen_rol", "leerplicht_bureaurol", "thuiszitters_swvrol", "jgz_jgzrol")


def _via_scopes(user: User) -> menu.MenuRollen:
    return menu.MenuRollen(
        school=frozenset(scope.rollen(user).values_list("soort", flat=True)),
        bureau=frozenset(leerplicht_scope.rollen(user).values_list("soort", flat=True)),
        swv=frozenset(swv_scope.swvs(user).values_list("pk", flat=True)),
        jgz=frozenset(jgz_scope.jgz_rollen(user).values_list("soort", flat=True)),
    )


def test_een_query_en_dezelfde_rollen_als_de_scopes(world: World) -> None:
    bureau = Bureau.objects.create(naam="Leerplicht Parkstad")
    swv = Samenwerkingsverband.objects.create(naam="SWV Parkstad PO", sector="po")
    ggd = JgzOrganisatie.objects.create(naam="GGD Zuid-Limburg")
    veel = make_user("veel", world.school, RolSoort.MENTOR, [world.groep_a])
    Rol.objects.create(gebruiker=veel, school=world.other_school, soort=RolSoort.PRIVACY)
    BureauRol.objects.create(gebruiker=veel, bureau=bureau, soort=BureauRolSoort.ADMINISTRATIE)
    SwvRol.objects.create(gebruiker=veel, swv=swv)
    JgzRol.objects.create(gebruiker=veel, organisatie=ggd, soort=JgzRolSoort.JEUGDARTS)
    niemand = User.objects.create_user(username="niemand", password=PASSWORD)
    for user in (veel, niemand, world.docent_a, world.coordinator):
        with CaptureQueriesContext(connection) as queries:
            rollen = menu.lees(user.pk)
        assert len(queries) == 1
        assert rollen == _via_scopes(user)
    assert menu.lees(veel.pk) == menu.MenuRollen(
        school=frozenset({"mentor", "privacy"}),
        bureau=frozenset({"administratie"}),
        swv=frozenset({swv.pk}),
        jgz=frozenset({"jeugdarts"}),
    )


def _rol_queries(client: Client, url: str) -> tuple[int, dict[str, object]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    n = sum(
        1
        for q in queries.captured_queries
        if any(t in q["sql"] for t in ROL_TABELLEN[1:])  # the tables only the menu reads
    )
    return n, response.context


def test_een_query_voor_het_menu_per_verzoek_en_een_nieuwe_rol_staat_er_meteen(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.docent_a)
    url = f"/registreren/{world.groep_a.pk}/"
    n, context = _rol_queries(client, url)
    assert n == 1
    assert context["mijn_rollen"] == frozenset({"docent"})
    assert context["bureau_rollen"] == frozenset()
    assert not context["schoolbreed_ergens"]

    # a role given: the next page shows it (nothing kept between requests)
    rol = Rol.objects.create(gebruiker=world.docent_a, school=world.school, soort="coordinator")
    bureau = Bureau.objects.create(naam="Leerplicht Parkstad")
    BureauRol.objects.create(
        gebruiker=world.docent_a, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    n, context = _rol_queries(client, url)
    assert n == 1
    assert context["mijn_rollen"] == frozenset({"docent", "coordinator"})
    assert context["schoolbreed_ergens"]
    assert context["bureau_rollen"] == frozenset({"leerplichtambtenaar"})

    # and taken: gone on the next page
    rol.delete()
    BureauRol.objects.filter(gebruiker=world.docent_a).delete()
    n, context = _rol_queries(client, url)
    assert context["mijn_rollen"] == frozenset({"docent"})
    assert not context["schoolbreed_ergens"]
    assert context["bureau_rollen"] == frozenset()


def test_een_andere_gebruiker_in_hetzelfde_verzoek_leest_opnieuw(
    world: World, rf: RequestFactory
) -> None:
    request = rf.get("/")
    request.user = world.docent_a
    assert menu.menu_rollen(request).school == frozenset({"docent"})
    request.user = world.coordinator
    assert menu.menu_rollen(request).school == frozenset({"coordinator"})
    request.user = User.objects.create_user(username="leeg", password=PASSWORD)
    assert menu.menu_rollen(request) == menu.MenuRollen(
        frozenset(), frozenset(), frozenset(), frozenset()
    )


def test_mag_groep_is_gelijk_aan_groepen_van_de_school(world: World) -> None:
    privacy = make_user("privacy", world.school, RolSoort.PRIVACY)
    mentor_beide = make_user(
        "mentor", world.school, RolSoort.MENTOR, [world.groep_a, world.groep_b]
    )
    elders = make_user(
        "elders",
        world.other_school,
        RolSoort.DOCENT,
        list(Groep.objects.filter(school=world.other_school)),
    )
    Rol.objects.create(gebruiker=elders, school=world.school, soort=RolSoort.DOCENT)  # no groups
    users = [
        world.docent_a,
        world.coordinator,
        world.other_coordinator,
        privacy,
        mentor_beide,
        elders,
    ]
    for user in users:
        for groep in Groep.objects.select_related("school"):
            verwacht = scope.groepen(user, groep.school).filter(pk=groep.pk).exists()
            with CaptureQueriesContext(connection) as queries:
                assert scope.mag_groep(user, groep) is verwacht, (user, groep)
            assert len(queries) == 1
    assert scope.mag_groep(world.docent_a, world.groep_a)
    assert not scope.mag_groep(world.docent_a, world.groep_b)
    assert scope.mag_groep(world.coordinator, world.groep_b)
    assert not scope.mag_groep(world.other_coordinator, world.groep_a)
