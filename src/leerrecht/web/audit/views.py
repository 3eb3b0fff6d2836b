"""The privacy officer's view of the school's audit log, and its CSV export (issue 7).

Only a user with the role ``privacy`` at a school sees that school's rows (and a superuser);
everyone else gets a 404, as for any page outside their scope. The privacy officer reads the
log, never the pupil pages themselves. The export is itself recorded (actie ``exporteren``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from leerrecht.web.audit.doelen import DOELEN
from leerrecht.web.audit.forms import FilterForm
from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import AUDIT_BEWAARTERMIJN_JAREN, Actie, AuditRegel
from leerrecht.web.scholen.models import Leerling, RolSoort, School

PER_PAGINA = 50
EXPORT_PER_BLOK = 2000
#: formula characters a spreadsheet would execute at the start of a cell (CSV injection)
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
DOEL_TOEZICHT = DOELEN["privacy:export"].tekst


def privacy_scholen(user: AbstractBaseUser | AnonymousUser) -> QuerySet[School]:
    """The schools whose audit log this user may read."""
    if not user.is_authenticated:
        return School.objects.none()
    if getattr(user, "is_superuser", False):
        return School.objects.all()
    return School.objects.filter(
        rollen__gebruiker_id=user.pk, rollen__soort=RolSoort.PRIVACY
    ).distinct()


def _school(request: HttpRequest) -> tuple[School, QuerySet[School]]:
    scholen = privacy_scholen(request.user).order_by("naam", "pk")
    gekozen = request.GET.get("school", "")
    school = scholen.filter(pk=int(gekozen)).first() if gekozen.isdigit() else scholen.first()
    if school is None:
        raise Http404(_("U bent geen privacyfunctionaris van deze school."))
    return school, scholen


def _gefilterd(request: HttpRequest, school: School) -> tuple[FilterForm, QuerySet[AuditRegel]]:
    form = FilterForm(request.GET)
    regels = AuditRegel.objects.filter(school_id=school.pk).select_related("wie")
    regels = form.toepassen(regels, school) if form.is_valid() else regels.none()
    return form, regels.order_by("-wanneer", "-pk")


def _leerlingen(school: School, regels: Iterable[AuditRegel]) -> dict[int, Leerling]:
    """The school's pupils the rows are about, in one query (another school's never)."""
    ids = {r.leerling_id for r in regels if r.leerling_id is not None}
    if not ids:
        return {}
    return {p.pk: p for p in Leerling.objects.filter(school=school, pk__in=ids)}


def _wie(regel: AuditRegel) -> str:
    if regel.wie is not None:
        naam = regel.wie.get_full_name()
        return f"{naam} ({regel.wie.username})" if naam else regel.wie.username
    if regel.omschrijving.startswith("ouder via code"):
        return _("ouder via code")
    return _("systeem")


def _leerling(regel: AuditRegel, leerlingen: dict[int, Leerling]) -> tuple[str, str]:
    """Leerlingnummer and name, or the bare id of a pupil no longer in the school's records."""
    if regel.leerling_id is None:
        return "", ""
    leerling = leerlingen.get(regel.leerling_id)
    if leerling is None:
        return f"#{regel.leerling_id}", _("niet (meer) in de administratie")
    return leerling.leerlingnummer, str(leerling)


def _zonder_pagina(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@login_required
def overzicht(request: HttpRequest) -> HttpResponse:
    school, scholen = _school(request)
    form, regels = _gefilterd(request, school)
    pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    leerlingen = _leerlingen(school, pagina.object_list)
    rijen = [
        {
            "regel": r,
            "wie": _wie(r),
            "leerling": _leerling(r, leerlingen),
        }
        for r in pagina.object_list
    ]
    context: dict[str, Any] = {
        "school": school,
        "scholen": scholen,
        "form": form,
        "pagina": pagina,
        "rijen": rijen,
        "query": _zonder_pagina(request),
        "bewaartermijn": AUDIT_BEWAARTERMIJN_JAREN,
    }
    return render(request, "audit/overzicht.html", context)


def _veilig(waarde: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{waarde}" if waarde.startswith(FORMULETEKENS) else waarde


def _csv_regels(school: School, regels: QuerySet[AuditRegel]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")

    def uit() -> bytes:
        tekst = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return tekst.encode("utf-8")

    buffer.write("\ufeff")  # byte order mark: Excel opens the file as UTF-8
    writer.writerow(
        [
            _("wanneer"),
            _("wie"),
            _("actie"),
            _("wat"),
            _("leerlingnummer"),
            _("leerling"),
            _("doel"),
            _("omschrijving"),
        ]
    )
    yield uit()
    alle = regels.iterator(chunk_size=EXPORT_PER_BLOK)
    while blok := list(islice(alle, EXPORT_PER_BLOK)):
        leerlingen = _leerlingen(school, blok)
        for r in blok:
            nummer, naam = _leerling(r, leerlingen)
            writer.writerow(
                [
                    timezone.localtime(r.wanneer).isoformat(timespec="seconds"),
                    _veilig(_wie(r)),
                    r.get_actie_display(),
                    _veilig(r.wat),
                    _veilig(nummer),
                    _veilig(naam),
                    _veilig(r.doel),
                    _veilig(r.omschrijving),
                ]
            )
        yield uit()


@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    school, _scholen = _school(request)
    form, regels = _gefilterd(request, school)
    filters = ", ".join(
        f"{naam}={waarde}"
        for naam, waarde in (form.cleaned_data if form.is_valid() else {}).items()
        if waarde
    )
    vastleggen(
        request.user,
        Actie.EXPORTEREN,
        f"auditlog school #{school.pk}",
        doel=DOEL_TOEZICHT,
        omschrijving=f"CSV-export; filters: {filters or 'geen'}",
        school_id=school.pk,
    )
    response = StreamingHttpResponse(
        _csv_regels(school, regels), content_type="text/csv; charset=utf-8"
    )
    datum = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="auditlog-{school.pk}-{datum}.csv"'
    return response
