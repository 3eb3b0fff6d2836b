"""Record an access to pupil data: ``vastleggen(request.user, Actie.LEZEN, dossier, doel=...)``.

Every row also gets the school it belongs to (``school_id``): the pupil's school when the pupil
is known, otherwise the school the request works in (the ``?school=`` the page was opened with,
else the user's first school, as the school pages choose it). Both are subqueries inside the one
INSERT, so recording costs one statement and no extra round trips.

During a request, :class:`~leerrecht.web.audit.middleware.AuditMiddleware` keeps a
:class:`Verzoek` in a context variable. A call of :func:`vastleggen` marks it, so the middleware
does not add a second, less detailed row for the same request.

SQLite has one writer. A large import runs in a thread of the web process and holds that write
lock for its whole transaction (all or nothing), so a row recorded meanwhile cannot be written.
Such a row is never dropped and never turns the page into an error: it waits in this process
(:func:`uitgestelde_regels`) and is written, in order and with the time of the request in its
``omschrijving``, by the next row that can be written and when the import ends
(``importeren.uitvoeren``). PostgreSQL has no such lock; there every row is written at once.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import OperationalError, connection, models
from django.db.models import Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.scholen.models import Leerling, School


@dataclass
class Verzoek:
    """The request being handled: whose school context, and whether a row was written."""

    request: HttpRequest | None = None
    vastgelegd: bool = False

    @property
    def gebruiker_id(self) -> int | None:
        """The signed in user (already loaded by the time a view records anything)."""
        user = getattr(self.request, "user", None)
        return user.pk if user is not None and user.is_authenticated else None

    @property
    def gekozen_school(self) -> str | None:
        """The ``school`` the page was asked for: in the query string, or in a form the view
        has already read (never parsed here first: a view may still set upload handlers)."""
        if self.request is None:
            return None
        gekozen = self.request.GET.get("school")
        if not gekozen and self.request.method == "POST" and hasattr(self.request, "_post"):
            gekozen = self.request.POST.get("school")
        return gekozen


huidig_verzoek: contextvars.ContextVar[Verzoek | None] = contextvars.ContextVar(
    "audit_verzoek", default=None
)


def school_van_leerling(leerling_id: int | Combinable) -> Subquery:
    return Subquery(Leerling.objects.filter(pk=cast(Any, leerling_id)).values("school_id")[:1])


def school_van_verzoek(verzoek: Verzoek | None) -> Subquery | None:
    """The school the school pages would pick for this request (see ``registratie.views``)."""
    if verzoek is None or verzoek.gebruiker_id is None:
        return None
    scholen = School.objects.filter(rollen__gebruiker_id=verzoek.gebruiker_id)
    gekozen = verzoek.gekozen_school
    if gekozen and gekozen.isdigit():
        scholen = scholen.filter(pk=int(gekozen))
    return Subquery(scholen.order_by("naam", "pk").values("pk")[:1])


def school_expressie(
    leerling_id: int | Combinable | None, verzoek: Verzoek | None
) -> Combinable | None:
    """The pupil's school, else the request's school, as one SQL expression (or None)."""
    van_verzoek = school_van_verzoek(verzoek)
    if leerling_id is None:
        return van_verzoek
    van_leerling = school_van_leerling(leerling_id)
    if van_verzoek is None:
        return van_leerling
    return Coalesce(van_leerling, van_verzoek, output_field=models.BigIntegerField())


_UITGESTELD: list[dict[str, Any]] = []
_UITGESTELD_LOCK = threading.Lock()
#: Checks that say SQLite's write lock is held by work of this process (a running import), so a
#: row waits at once instead of after SQLite's busy timeout. Registered by the importer.
_SCHRIJFSLOT_BEZET: list[Callable[[], bool]] = []


def registreer_schrijfslot(bezet: Callable[[], bool]) -> None:
    _SCHRIJFSLOT_BEZET.append(bezet)


def uitgestelde_regels() -> int:
    """How many rows wait for SQLite's write lock in this process."""
    with _UITGESTELD_LOCK:
        return len(_UITGESTELD)


def _slot_bezet(fout: OperationalError | None = None) -> bool:
    if connection.vendor != "sqlite":
        return False
    if fout is not None:
        return "locked" in str(fout)
    return any(bezet() for bezet in _SCHRIJFSLOT_BEZET)


def _schrijf(waarden: dict[str, Any]) -> AuditRegel:
    # no savepoint needed: on SQLite a statement refused for the lock leaves a transaction usable
    return AuditRegel.objects.create(**waarden)


def schrijf_uitgestelde() -> int:
    """Write the rows that waited for SQLite's write lock; returns how many were written."""
    with _UITGESTELD_LOCK:
        wachtend = list(_UITGESTELD)
        _UITGESTELD.clear()
    geschreven = 0
    try:
        for waarden in wachtend:
            _schrijf(waarden)
            geschreven += 1
    except OperationalError as fout:
        if not _slot_bezet(fout):
            raise
    finally:
        if geschreven < len(wachtend):
            with _UITGESTELD_LOCK:
                _UITGESTELD[:0] = wachtend[geschreven:]
    return geschreven


def _uitstellen(waarden: dict[str, Any]) -> AuditRegel:
    gevraagd = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
    waarden = {
        **waarden,
        "omschrijving": f"gevraagd om {gevraagd}, vastgelegd na de import die de database "
        f"bezet hield; {waarden['omschrijving']}".rstrip("; ")[:500],
    }
    with _UITGESTELD_LOCK:
        _UITGESTELD.append(waarden)
    return AuditRegel(**waarden)  # not saved yet: no pk


def invoegen(
    *,
    wie: User | None,
    actie: Actie,
    wat: str,
    doel: str,
    leerling_id: int | Combinable | None,
    school_id: int | Combinable | None,
    omschrijving: str = "",
) -> AuditRegel:
    """One INSERT. Values given as SQL expressions are read back only when asked for."""
    waarden: dict[str, Any] = {
        "wie": wie,
        "actie": actie,
        "wat": wat[:200],
        "leerling_id": leerling_id,
        "school_id": school_id,
        "doel": doel[:200],
        "omschrijving": omschrijving[:500],
    }
    if _UITGESTELD or _slot_bezet():
        if _slot_bezet():
            return _uitstellen(waarden)
        schrijf_uitgestelde()
    try:
        regel = _schrijf(waarden)
    except OperationalError as fout:
        if not _slot_bezet(fout):
            raise
        return _uitstellen(waarden)
    for veld in ("leerling_id", "school_id"):
        if isinstance(regel.__dict__.get(veld), Combinable):
            del regel.__dict__[veld]  # deferred: loaded from the database on first access
    return regel


def vastleggen(
    wie: AbstractBaseUser | AnonymousUser | None,
    actie: Actie,
    wat: models.Model | str,
    *,
    doel: str,
    leerling_id: int | None = None,
    omschrijving: str = "",
    school_id: int | None = None,
) -> AuditRegel:
    """Append one row. ``wat`` is a model instance (recorded as 'label #pk') or a short text."""
    if isinstance(wat, models.Model):
        label = f"{wat._meta.label_lower} #{wat.pk}"
        if leerling_id is None:
            leerling_id = getattr(wat, "leerling_id", None)
        if leerling_id is None and isinstance(wat, Leerling):
            leerling_id = wat.pk
    else:
        label = wat
    verzoek = huidig_verzoek.get()
    if verzoek is not None:
        verzoek.vastgelegd = True
    school: int | Combinable | None = school_id
    if school is None:
        school = school_expressie(leerling_id, verzoek)
    user = wie if isinstance(wie, User) else None
    return invoegen(
        wie=user,
        actie=actie,
        wat=label,
        leerling_id=leerling_id,
        school_id=school,
        doel=doel,
        omschrijving=omschrijving,
    )
