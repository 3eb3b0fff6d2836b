"""Import pages: upload, preview, confirm, progress/result, and the school's LAS code table.

Only the schoolwide roles beheerder, administratie, verzuimcoördinator and directeur may import,
and only into a school where they have that role (:func:`scope.heeft_rol`). For everyone else
an import, or a school they cannot import into, does not exist (404). The LAS code table may be
viewed by those roles and changed by the beheerder and the verzuimcoördinator.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import OperationalError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerrecht.web import taken
from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.forms import CodeForm, UploadForm
from leerrecht.web.importeren.models import CodeKoppeling, ImportOpdracht, Status
from leerrecht.web.importeren.parsers import FORMATEN, formaat
from leerrecht.web.importeren.plan import ImportFout, ImportPlan, Onderdeel
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import RolSoort, School

#: the roles that may import (schoolwide roles, without the teamleider)
IMPORT_ROLLEN = (
    RolSoort.BEHEERDER,
    RolSoort.ADMINISTRATIE,
    RolSoort.COORDINATOR,
    RolSoort.DIRECTEUR,
)
#: the roles that may change the LAS code table
CODE_ROLLEN = (RolSoort.BEHEERDER, RolSoort.COORDINATOR)
#: rows per list on the preview
MAX_RIJEN = 200
#: a preview that is not confirmed within this time is removed with its file
VOORBEELD_BEWAREN = dt.timedelta(days=1)
#: a running import older than this gets a hint that it may have stopped
VERDACHT_NA = dt.timedelta(minutes=30)


def _import_scholen(request: HttpRequest) -> QuerySet[School]:
    mine = scope.rollen(request.user).filter(soort__in=list(IMPORT_ROLLEN))
    return School.objects.filter(rollen__in=mine).distinct()


def _school(request: HttpRequest, wanted: str | None) -> School:
    mine = _import_scholen(request)
    school = mine.filter(pk=wanted).first() if wanted and wanted.isdigit() else mine.first()
    if school is None or not scope.heeft_rol(request.user, school, *IMPORT_ROLLEN):
        raise Http404(_("U mag op deze school niet importeren."))
    return school


def _opdracht(request: HttpRequest, pk: int) -> ImportOpdracht:
    opdracht = get_object_or_404(
        ImportOpdracht.objects.select_related("school", "gebruiker").defer("bestand"), pk=pk
    )
    if not scope.heeft_rol(request.user, opdracht.school, *IMPORT_ROLLEN):
        raise Http404(_("Deze import bestaat niet."))
    return opdracht


def _lijsten(onderdeel: Onderdeel[Any]) -> list[dict[str, Any]]:
    return [
        {
            "actie": actie,
            "rijen": rows[:MAX_RIJEN],
            "aantal": len(rows),
            "meer": max(0, len(rows) - MAX_RIJEN),
        }
        for actie, rows in (
            ("nieuw", onderdeel.nieuw),
            ("gewijzigd", onderdeel.gewijzigd),
            ("ongewijzigd", onderdeel.ongewijzigd),
        )
    ]


def _voorbeeld_context(plan: ImportPlan) -> dict[str, Any]:
    return {
        "plan": plan,
        "groepen": _lijsten(plan.groepen),
        "leerlingen": _lijsten(plan.leerlingen),
        "registraties": _lijsten(plan.registraties),
        "max_rijen": MAX_RIJEN,
    }


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The upload form and the recent imports of the user's schools."""
    scholen = _import_scholen(request)
    if not scholen.exists():
        raise Http404(_("U mag op geen enkele school importeren."))
    fout: ImportFout | None = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, scholen=scholen)
        if form.is_valid():
            school: School = form.cleaned_data["school"]
            if not scope.heeft_rol(request.user, school, *IMPORT_ROLLEN):
                raise Http404(_("U mag op deze school niet importeren."))
            upload = form.cleaned_data["bestand"]
            data = upload.read()
            naam = PurePath(upload.name or "upload.csv").name[:255]
            gekozen = form.cleaned_data["formaat"]
            try:
                plan = formaat(gekozen).parse(data, school, bestandsnaam=naam)
            except ImportFout as exc:
                fout = exc
            else:
                ImportOpdracht.objects.filter(
                    status=Status.VOORBEELD, aangemaakt_op__lt=timezone.now() - VOORBEELD_BEWAREN
                ).delete()
                opdracht = ImportOpdracht.objects.create(
                    school=school,
                    gebruiker=cast(User, request.user),
                    formaat=gekozen,
                    bestandsnaam=naam,
                    bestand=data,
                    grootte=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    vingerafdruk=plan.vingerafdruk(),
                    aantallen=plan.aantallen(),
                    totaal=plan.totaal,
                )
                return redirect("importeren:voorbeeld", pk=opdracht.pk)
    else:
        initial = {"formaat": "leerrecht"}
        wanted = request.GET.get("school")
        form = UploadForm(initial=initial, scholen=scholen)
        if wanted and wanted.isdigit() and scholen.filter(pk=wanted).exists():
            form.initial["school"] = int(wanted)
    recent = (
        ImportOpdracht.objects.filter(school__in=scholen)
        .select_related("school", "gebruiker")
        .defer("bestand")[:20]
    )
    return render(
        request,
        "importeren/start.html",
        {
            "form": form,
            "fout": fout,
            "recent": recent,
            "formaten": FORMATEN.values(),
            "een_school": scholen.count() == 1,
            "scholen": scholen,
        },
    )


@login_required
def voorbeeld(request: HttpRequest, pk: int) -> HttpResponse:
    """What the import will change; nothing is saved until the user confirms."""
    opdracht = _opdracht(request, pk)
    if opdracht.status != Status.VOORBEELD:
        return redirect("importeren:status", pk=opdracht.pk)
    context: dict[str, Any] = {"opdracht": opdracht, "formaat": FORMATEN.get(opdracht.formaat)}
    try:
        plan = formaat(opdracht.formaat).parse(
            opdracht.inhoud(), opdracht.school, bestandsnaam=opdracht.bestandsnaam
        )
    except ImportFout as exc:
        context["fout"] = exc
    else:
        context.update(_voorbeeld_context(plan))
        context["vingerafdruk"] = plan.vingerafdruk()
        context["achtergrond"] = plan.totaal >= uitvoeren.ACHTERGROND_VANAF
    return render(request, "importeren/voorbeeld.html", context)


@login_required
@require_POST
def bevestigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the previewed import: all or nothing."""
    opdracht = _opdracht(request, pk)
    if not uitvoeren.claim(opdracht, request.POST.get("vingerafdruk", "")):
        messages.info(request, _("Deze import is al gestart."))
        return redirect("importeren:status", pk=opdracht.pk)
    if opdracht.totaal >= uitvoeren.ACHTERGROND_VANAF:
        # on a Celery worker when there is a broker, else in a thread of this process
        taken.start_import(opdracht.pk)
        return redirect("importeren:status", pk=opdracht.pk)
    result = uitvoeren.voer_uit(opdracht.pk)
    if result == Status.VOORBEELD:
        return redirect("importeren:voorbeeld", pk=opdracht.pk)
    return redirect("importeren:status", pk=opdracht.pk)


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the import runs (refreshes itself every 2 s), then the result."""
    opdracht = _opdracht(request, pk)
    if opdracht.status == Status.VOORBEELD:
        return redirect("importeren:voorbeeld", pk=opdracht.pk)
    verwerkt, totaal = opdracht.verwerkt, opdracht.totaal
    in_memory = uitvoeren.voortgang_in_geheugen(opdracht.pk)
    if in_memory is not None:
        verwerkt, totaal = max(verwerkt, in_memory[0]), in_memory[1]
    if totaal:
        verwerkt = min(verwerkt, totaal)
    bezig = opdracht.status == Status.BEZIG
    vernieuwen = bezig and request.GET.get("vernieuwen") != "nee"
    verdacht = bool(
        bezig and opdracht.gestart_op and timezone.now() - opdracht.gestart_op > VERDACHT_NA
    )
    response = render(
        request,
        "importeren/status.html",
        {
            "opdracht": opdracht,
            "formaat": FORMATEN.get(opdracht.formaat),
            "verwerkt": verwerkt,
            "totaal": totaal,
            "procent": round(100 * verwerkt / totaal) if totaal else 0,
            "bezig": bezig,
            "vernieuwen": vernieuwen,
            "verdacht": verdacht,
        },
    )
    if vernieuwen:
        # The HTML spec treats a Refresh header like <meta http-equiv="refresh">: no JavaScript.
        response["Refresh"] = "2"
    return response


@login_required
@require_POST
def afbreken(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a preview (its file is removed) or mark a running import as failed."""
    opdracht = _opdracht(request, pk)
    if opdracht.status == Status.VOORBEELD:
        ImportOpdracht.objects.filter(pk=opdracht.pk, status=Status.VOORBEELD).delete()
        messages.success(request, _("Import geannuleerd; het bestand is verwijderd."))
        return redirect("importeren:start")
    if opdracht.status == Status.BEZIG:
        door = request.user.get_username()
        try:
            if uitvoeren.breek_af(opdracht, door):
                messages.success(request, _("De import is als mislukt gemarkeerd."))
        except OperationalError:  # SQLite: one writer at a time, and the import is writing
            messages.error(
                request,
                _(
                    "De database is nog bezig met deze import en kan hem nu niet afbreken. "
                    "Probeer het over een moment opnieuw."
                ),
            )
    return redirect("importeren:status", pk=opdracht.pk)


@login_required
def codes(request: HttpRequest) -> HttpResponse:
    """The school's own LAS absence codes and what they mean in leerrecht."""
    school = _school(request, request.POST.get("school") or request.GET.get("school"))
    mag_wijzigen = scope.heeft_rol(request.user, school, *CODE_ROLLEN)
    form = CodeForm()
    if request.method == "POST":
        if not mag_wijzigen:
            raise Http404(_("U mag de LAS-codes van deze school niet wijzigen."))
        if "verwijderen" in request.POST:
            wanted = request.POST.get("verwijderen", "")
            removed = CodeKoppeling.objects.filter(
                school=school, pk=int(wanted) if wanted.isdigit() else 0
            ).delete()[0]
            if removed:
                messages.success(request, _("Code verwijderd."))
            return redirect(f"{request.path}?school={school.pk}")
        form = CodeForm(request.POST)
        if form.is_valid():
            code, created = CodeKoppeling.objects.update_or_create(
                school=school,
                code=form.cleaned_data["code"],
                defaults={"soort": form.cleaned_data["soort"], "reden": form.cleaned_data["reden"]},
            )
            text = _("Code %(code)s toegevoegd.") if created else _("Code %(code)s gewijzigd.")
            messages.success(request, text % {"code": code.code})
            return redirect(f"{request.path}?school={school.pk}")
    return render(
        request,
        "importeren/codes.html",
        {
            "school": school,
            "scholen": _import_scholen(request),
            "codes": CodeKoppeling.objects.filter(school=school),
            "form": form,
            "mag_wijzigen": mag_wijzigen,
        },
    )
