"""The user's kinds of role, for the menu: read with one query, once per request.

The menu shows only what the user may open (a courtesy; every view checks access itself). It
needs the user's roles at schools, leerplicht offices, samenwerkingsverbanden and JGZ
organisations; the four context processors (``scholen``, ``leerplicht``, ``thuiszitters`` and
``jgz``) used to ask one query each on every page. :func:`menu_rollen` asks them in one
``UNION ALL`` and keeps the answer on the request, so it is never older than the request: a
role given or taken shows on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.http import HttpRequest

from leerrecht.web.jgz.models import JgzRol
from leerrecht.web.leerplicht.models import BureauRol
from leerrecht.web.scholen.models import Rol
from leerrecht.web.thuiszitters.models import SwvRol
from leerrecht.web.vaste_query import VasteQuery

#: the attribute of the request that holds the answer, with the user's id
ATTRIBUUT = "_leerrecht_menu_rollen"


@dataclass(frozen=True, slots=True)
class MenuRollen:
    school: frozenset[str]  # the kinds of role at schools (scholen.scope.rollen)
    bureau: frozenset[str]  # the kinds of role at leerplicht offices (leerplicht.scope.rollen)
    swv: frozenset[int]  # the samenwerkingsverbanden (thuiszitters.scope.swvs)
    jgz: frozenset[str]  # the kinds of role at JGZ organisations (jgz.scope.jgz_rollen)


GEEN = MenuRollen(frozenset(), frozenset(), frozenset(), frozenset())


def _vraag(gebruiker: int) -> QuerySet[Any]:
    """The four kinds of role as (source, value) rows, one UNION ALL."""
    tekst = CharField()

    def deel(qs: QuerySet[Any], bron: str, waarde: Cast) -> QuerySet[Any]:
        gefilterd: QuerySet[Any] = qs.filter(gebruiker_id=gebruiker).order_by()
        paren: QuerySet[Any] = gefilterd.annotate(
            _bron=Value(bron, output_field=tekst), _waarde=waarde
        ).values_list("_bron", "_waarde")
        return paren

    return deel(Rol.objects.all(), "school", Cast(F("soort"), tekst)).union(
        deel(BureauRol.objects.all(), "bureau", Cast(F("soort"), tekst)),
        deel(SwvRol.objects.all(), "swv", Cast(F("swv_id"), tekst)),
        deel(JgzRol.objects.all(), "jgz", Cast(F("soort"), tekst)),
        all=True,
    )


#: the SQL written once per process (every page with the menu asks it)
_VRAAG = VasteQuery(_vraag, "gebruiker")


def lees(gebruiker_id: int) -> MenuRollen:
    """The kinds of role of this account, with one query."""
    vraag = _VRAAG.rijen(gebruiker=gebruiker_id)
    per_bron: dict[str, set[str]] = {"school": set(), "bureau": set(), "swv": set(), "jgz": set()}
    for bron, waarde in vraag:
        per_bron[bron].add(waarde)
    return MenuRollen(
        school=frozenset(per_bron["school"]),
        bureau=frozenset(per_bron["bureau"]),
        swv=frozenset(int(w) for w in per_bron["swv"]),
        jgz=frozenset(per_bron["jgz"]),
    )


def menu_rollen(request: HttpRequest) -> MenuRollen:
    """The kinds of role of the request's user (none for an anonymous visitor), read once per
    request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return GEEN
    klaar = getattr(request, ATTRIBUUT, None)
    if isinstance(klaar, tuple) and klaar[0] == user.pk:  # another user (a login): read anew
        return cast(MenuRollen, klaar[1])
    rollen = lees(user.pk)
    setattr(request, ATTRIBUUT, (user.pk, rollen))
    return rollen
