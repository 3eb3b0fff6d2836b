"""One audit row for every request to a page with pupil data (issue 7).

Which pages hold pupil data, and why they exist, is in :mod:`leerrecht.web.audit.doelen`. After
the view has answered, the middleware writes one :class:`~leerrecht.web.audit.models.AuditRegel`:

- who: the user; a parent with a code has no account, so ``wie`` stays empty and the
  description says "ouder via code" with the access and the pupil;
- what: the URL name and its arguments; the pupil from the ``leerling_id`` argument, from the
  object the ``pk`` points at (a subquery in the same INSERT) or from the parent's session;
- the action: GET/HEAD read (``lezen``), a CSV or PDF download or other attachment
  ``exporteren``, POST and the other methods the page's write action (``wijzigen`` or
  ``aanmaken``); with ``LEERRECHT_AUDIT_GEWEIGERD=1`` a refused request (403, 404) of a signed
  in user or parent is recorded too, as ``geweigerd``, with the school of the pupil it asked for;
- nothing when the view wrote its own row (:func:`leerrecht.web.audit.log.vastleggen`), for an
  anonymous visitor, a redirect in answer to a read (the page it leads to is recorded) or to a
  sign-in page (password, second factor, the parent's code), or another error (400, 405, 500: nothing was read or changed).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db.models import Subquery
from django.db.models.expressions import Combinable
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from leerrecht.web.audit import log
from leerrecht.web.audit.doelen import Doel, doel_van
from leerrecht.web.audit.models import Actie
from leerrecht.web.scholen.models import Leerling

#: session keys of the parent pages (leerrecht.web.verlof.ouder_views)
SESSIE_TOEGANG = "verlof_ouder_toegang"
SESSIE_LEERLING = "verlof_ouder_leerling"

EXPORT_SOORTEN = ("text/csv", "application/pdf", "application/vnd.", "application/zip")
#: redirects to these pages mean "sign in first": nothing was read or changed
INLOGPAGINAS = frozenset({"login", "ouders:code", "admin:login"})
ONBEKEND_DOEL = "onbekend: pagina staat niet in het doelenregister"


@cache
def _object_velden(model_label: str) -> tuple[str | None, str | None]:
    """For a model: the lookup of its pupil and of its school (either may be None)."""
    model = apps.get_model(model_label)
    if model is Leerling:
        return "pk", "school_id"
    namen = {f.name for f in model._meta.get_fields()}
    if "leerling" in namen:
        return "leerling_id", "leerling__school_id"
    if "school" in namen:
        return None, "school_id"
    raise LookupError(f"{model_label} heeft geen leerling of school: pas het doelenregister aan.")


def _actie(request: HttpRequest, response: HttpResponseBase, doel: Doel) -> Actie:
    if response.status_code in (403, 404):
        return Actie.GEWEIGERD
    soort = response.get("Content-Type", "")
    if response.has_header("Content-Disposition") or soort.startswith(EXPORT_SOORTEN):
        return Actie.EXPORTEREN
    if request.method in ("GET", "HEAD"):
        return Actie.LEZEN
    return doel.schrijven


def _naar_inloggen(response: HttpResponseBase) -> bool:
    """A redirect to a page that signs in (password, second factor, the parent's code)."""
    pad = urlsplit(response.get("Location", "")).path
    try:
        naam = resolve(pad).view_name
    except Resolver404:
        return False
    return naam in INLOGPAGINAS or naam.startswith("tweestaps:")


def _vast_te_leggen(request: HttpRequest, response: HttpResponseBase) -> bool:
    status = response.status_code
    if status in (403, 404):
        return bool(getattr(settings, "LEERRECHT_AUDIT_GEWEIGERD", False))
    if status >= 400:
        return False
    if 300 <= status < 400:
        # a redirect answering a read shows nothing; one answering a write did the write,
        # unless it sends the visitor to sign in first
        return request.method not in ("GET", "HEAD") and not _naar_inloggen(response)
    return True


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        verzoek = log.Verzoek(request=request)
        token = log.huidig_verzoek.set(verzoek)
        try:
            response = self.get_response(request)
        finally:
            log.huidig_verzoek.reset(token)
        if not verzoek.vastgelegd:
            self.vastleggen(request, response, verzoek)
        return response

    def vastleggen(
        self, request: HttpRequest, response: HttpResponseBase, verzoek: log.Verzoek
    ) -> None:
        match = request.resolver_match
        if match is None:
            return
        doel = doel_van(match.view_name)
        if doel is None:
            doel = Doel(ONBEKEND_DOEL)  # the registry test keeps this from happening
        if not doel.leerlinggegevens or not _vast_te_leggen(request, response):
            return
        user = request.user
        leerling: int | Combinable | None = None
        school: Combinable | None = None
        omschrijving = ""
        if not user.is_authenticated:
            ouder_leerling = request.session.get(SESSIE_LEERLING)
            if ouder_leerling is None:
                return  # anonymous: sent to the login page, nothing shown
            leerling = int(ouder_leerling)
            omschrijving = (
                f"ouder via code (toegang #{request.session.get(SESSIE_TOEGANG)}), "
                f"leerling #{leerling}"
            )
        kwargs = match.kwargs
        if "leerling_id" in kwargs:
            leerling = int(kwargs["leerling_id"])
        elif doel.object_model and doel.object_kwarg in kwargs:
            object_id = int(kwargs[doel.object_kwarg])
            model = apps.get_model(doel.object_model)
            via_leerling, via_school = _object_velden(doel.object_model)
            rij = model._default_manager.filter(pk=object_id)
            if via_leerling is not None and leerling is None:
                leerling = Subquery(rij.values(via_leerling)[:1])
            if via_school is not None:
                school = Subquery(rij.values(via_school)[:1])
        if school is None:
            school = log.school_expressie(leerling, verzoek)
        if response.status_code in (403, 404):
            omschrijving = f"geweigerd (HTTP {response.status_code}) {omschrijving}".strip()
        wat = " ".join([match.view_name, *(f"{k}={v}" for k, v in sorted(kwargs.items()))])
        log.invoegen(
            wie=user if user.is_authenticated else None,
            actie=_actie(request, response, doel),
            wat=wat,
            doel=doel.tekst,
            leerling_id=leerling,
            school_id=school,
            omschrijving=omschrijving,
        )
