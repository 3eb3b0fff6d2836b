"""Who may manage which school.

The beheerder and the directeur manage the schools where they have that role, and nothing
else: every page takes its school from ``?school=`` (or from the object it shows) and checks
the role there (:func:`leerrecht.web.scholen.scope.heeft_rol`). For everyone else the school,
and everything in it, does not exist (404).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, cast
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import RolSoort, School

#: the roles that may use the school beheer screens
BEHEER_ROLLEN = (RolSoort.BEHEERDER, RolSoort.DIRECTEUR)


def beheer_scholen(request: HttpRequest) -> QuerySet[School]:
    """The schools where the user is beheerder or directeur."""
    mine = scope.rollen(request.user).filter(soort__in=list(BEHEER_ROLLEN))
    return School.objects.filter(rollen__in=mine).distinct()


def mag_beheren(request: HttpRequest, school: School) -> bool:
    return scope.heeft_rol(request.user, school, *BEHEER_ROLLEN)


def check_school(request: HttpRequest, school: School) -> School:
    """``school`` if the user manages it; a 404 otherwise (for objects found by their pk)."""
    if not mag_beheren(request, school):
        raise Http404(_("Dit hoort niet bij een school die u beheert."))
    return school


class KiesEerstEenSchool(Exception):
    """The user manages several schools and did not say which one."""


def gekozen_school(request: HttpRequest) -> School:
    """The school from ``?school=``; without it the only school the user manages.

    A school the user does not manage is a 404, also when it exists.
    """
    mine = beheer_scholen(request)
    wanted = request.GET.get("school", "")
    if wanted:
        school = mine.filter(pk=wanted).first() if wanted.isdigit() else None
        if school is None:
            raise Http404(_("U beheert deze school niet."))
        return school
    found = list(mine[:2])
    if not found:
        raise Http404(_("U heeft geen rol waarmee u een school mag beheren."))
    if len(found) > 1:
        raise KiesEerstEenSchool
    return found[0]


def url(name: str, school: School, *args: Any, **query: str) -> str:
    """The URL of a beheer page of ``school`` (the school always travels in the query)."""
    return f"{reverse(name, args=args)}?{urlencode({'school': school.pk, **query})}"


P = ParamSpec("P")


def met_school(
    view: Callable[Concatenate[HttpRequest, School, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Login required; the view gets the school the user chose and manages (else 404).

    A user who manages several schools and has not chosen one goes to the chooser on the start
    page first.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            school = gekozen_school(request)
        except KiesEerstEenSchool:
            return redirect("schoolbeheer:start")
        return view(request, school, *args, **kwargs)

    return cast(Callable[Concatenate[HttpRequest, P], HttpResponse], login_required(wrapper))
