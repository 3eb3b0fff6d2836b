"""DUO-meldingen pages: the list (with concepts from the rules), a melding, its status, export.

Only schoolwide roles (coördinator, teamleider, administratie, directeur, beheerder) of the
melding's school may use these pages; everyone else gets 404, as if the melding did not exist.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_stubs_ext import StrPromise

from leerrecht.core.calendar import CalendarError, add_werkdagen
from leerrecht.web.meldingen import kanalen, services
from leerrecht.web.meldingen.forms import MeldingForm, StatusForm
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.meldingen.statussen import (
    StatusFout,
    toegestaan,
    vereist_meldingsnummer,
    wijzig_status,
)
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN, School

PER_PAGINA = 50

#: the button text for moving a melding to a status
KNOP: dict[str, StrPromise] = {
    Status.GEMELD: gettext_lazy("Gemeld bij DUO"),
    Status.IN_BEHANDELING: gettext_lazy("In behandeling bij leerplicht"),
    Status.TER_KENNISGEVING: gettext_lazy("Ter kennisgeving aangenomen"),
    Status.AFGESLOTEN: gettext_lazy("Afsluiten"),
    Status.INGETROKKEN: gettext_lazy("Intrekken"),
}


def _scholen(request: HttpRequest) -> QuerySet[School]:
    """The schools where this user has a schoolwide role (scope.schoolbreed)."""
    wide = scope.rollen(request.user).filter(soort__in=list(SCHOOLBREDE_ROLLEN))
    return School.objects.filter(rollen__in=wide).distinct()


def _school(request: HttpRequest, wanted: str | None) -> School:
    mine = _scholen(request)
    if wanted:
        school = mine.filter(pk=wanted).first() if wanted.isdigit() else None
    else:
        school = mine.first()
    if school is None or not scope.schoolbreed(request.user, school):
        raise Http404(_("U heeft geen schoolbrede rol op deze school."))
    return school


def _melding(request: HttpRequest, pk: int) -> DuoMelding:
    melding = get_object_or_404(
        DuoMelding.objects.select_related(
            "school", "leerling", "leerling__groep", "locatie", "contactpersoon"
        ),
        pk=pk,
        school__in=_scholen(request),
    )
    if not scope.schoolbreed(request.user, melding.school):
        raise Http404(_("Deze melding hoort niet bij uw rollen."))
    return melding


def _peildatum(request: HttpRequest, vandaag: dt.date) -> dt.date:
    value = request.GET.get("peildatum")
    if not value:
        return vandaag
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        messages.error(request, _("Ongeldige datum: %(datum)s.") % {"datum": value})
        return vandaag


def _lijst_url(school: School) -> str:
    return f"{reverse('meldingen:lijst')}?school={school.pk}"


@lru_cache(maxsize=4096)
def _volgende_werkdag(day: dt.date) -> dt.date:
    return add_werkdagen(day, 1)


def werkdagen_tot(today: dt.date, due: dt.date) -> int:
    """Werkdagen left until ``due`` (negative when the deadline has passed): the smallest n with
    ``add_werkdagen(today, n) >= due``, or minus the smallest n with
    ``add_werkdagen(due, n) >= today``."""
    start, end, sign = (today, due, 1) if due >= today else (due, today, -1)
    n = 0
    day = start
    while day < end:
        day = _volgende_werkdag(day)
        n += 1
    return sign * n


def termijn(melding: DuoMelding, as_of: dt.date) -> dict[str, Any] | None:
    """The countdown to DUO's deadline, for a melding that is still a concept."""
    if not melding.is_concept:
        return None
    n = werkdagen_tot(as_of, melding.uiterlijk)
    if n < 0:
        tekst = ngettext("%(n)d werkdag te laat", "%(n)d werkdagen te laat", -n) % {"n": -n}
    elif n == 0:
        tekst = _("uiterlijk vandaag")
    else:
        tekst = ngettext("nog %(n)d werkdag", "nog %(n)d werkdagen", n) % {"n": n}
    klasse = "te-laat" if n < 0 else "dringend" if n <= 1 else ""
    return {"werkdagen": n, "tekst": tekst, "klasse": klasse}


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    school = _school(request, request.GET.get("school"))
    vandaag = timezone.localdate()
    as_of = _peildatum(request, vandaag)
    if as_of > vandaag:
        # a later date would count days whose register has not been taken as present
        messages.info(request, _("De stand kan niet later zijn dan vandaag; getoond per vandaag."))
        as_of = vandaag
    vervallen: set[int] = set()
    try:
        resultaat = services.synchroniseer(school, as_of)
    except CalendarError as exc:
        messages.error(request, str(exc))
        as_of = vandaag  # the deadlines below count from today
    else:
        vervallen = {m.pk for m in resultaat.vervallen}
        if resultaat.aangemaakt:
            messages.success(
                request,
                ngettext(
                    "%(n)d nieuwe melding klaargezet als concept.",
                    "%(n)d nieuwe meldingen klaargezet als concept.",
                    resultaat.aangemaakt,
                )
                % {"n": resultaat.aangemaakt},
            )
        if resultaat.einde_ingevuld:
            messages.info(
                request,
                ngettext(
                    "Bij %(n)d gemelde melding is de einddatum ingevuld: geef die door aan DUO.",
                    "Bij %(n)d gemelde meldingen is de einddatum ingevuld: geef die door aan DUO.",
                    resultaat.einde_ingevuld,
                )
                % {"n": resultaat.einde_ingevuld},
            )
    alle = DuoMelding.objects.filter(school=school)
    aantallen: dict[str, int] = {
        row["status"]: row["n"] for row in alle.order_by().values("status").annotate(n=Count("pk"))
    }
    gekozen = request.GET.get("status", "")
    if gekozen not in Status.values:
        gekozen = ""
    meldingen = alle.filter(status=gekozen) if gekozen else alle
    meldingen = (
        meldingen.select_related("leerling", "leerling__groep")
        # concepts first, the nearest deadline on top
        .annotate(
            volgorde=Case(
                When(status=Status.CONCEPT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("volgorde", "uiterlijk", "begin", "pk")
    )
    pagina = Paginator(meldingen, PER_PAGINA).get_page(request.GET.get("pagina"))
    rows = [
        {"melding": m, "termijn": termijn(m, as_of), "vervallen": m.pk in vervallen} for m in pagina
    ]
    kanaal_naam = kanalen.ingesteld_naam()
    try:
        kanaal: kanalen.Kanaal | None = kanalen.get(kanaal_naam)
    except KeyError as exc:
        messages.error(request, str(exc.args[0]))
        kanaal = None
    context: dict[str, Any] = {
        "school": school,
        "scholen": _scholen(request),
        "as_of": as_of,
        "rows": rows,
        "pagina": pagina,
        "gekozen": gekozen,
        "statussen": [(s.value, s.label, aantallen.get(s.value, 0)) for s in Status],
        "totaal": sum(aantallen.values()),
        "concepten": aantallen.get(Status.CONCEPT.value, 0),
        "kanaal": kanaal,
    }
    return render(request, "meldingen/lijst.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    melding = _melding(request, pk)
    if request.method == "POST":
        if not melding.is_concept:
            messages.error(
                request,
                _("Een melding die niet meer in concept is, kan niet meer worden gewijzigd."),
            )
            return redirect("meldingen:detail", pk=melding.pk)
        form = MeldingForm(request.POST, instance=melding)
        if form.is_valid():
            form.save()
            messages.success(request, _("De melding is opgeslagen."))
            return redirect("meldingen:detail", pk=melding.pk)
        messages.error(request, _("De melding is niet opgeslagen: controleer de velden."))
    else:
        initial = {} if melding.contactpersoon_id else {"contactpersoon": request.user.pk}
        form = MeldingForm(instance=melding, initial=initial)
    overgangen = [
        {
            "naar": s.value,
            "label": KNOP[s.value],
            "meldingsnummer": vereist_meldingsnummer(melding.status, s),
        }
        for s in toegestaan(melding.status)
    ]
    vandaag = timezone.localdate()
    context: dict[str, Any] = {
        "melding": melding,
        "leerling": melding.leerling,
        "form": form,
        "overgangen": overgangen,
        "termijn": termijn(melding, vandaag),
        "geschiedenis": melding.geschiedenis.select_related("door"),
        "lijst_url": _lijst_url(melding.school),
    }
    return render(request, "meldingen/detail.html", context)


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    melding = _melding(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        fouten = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("De status is niet gewijzigd: %(fouten)s") % {"fouten": fouten})
        return redirect("meldingen:detail", pk=melding.pk)
    data = form.cleaned_data
    try:
        wijzig_status(
            melding,
            data["naar"],
            cast(User, request.user),
            meldingsnummer=data["meldingsnummer"],
            notitie=data["notitie"],
        )
    except StatusFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("De status is nu '%(status)s'.") % {"status": Status(melding.status).label},
        )
    return redirect("meldingen:detail", pk=melding.pk)


def _download(resultaat: kanalen.KanaalResultaat) -> HttpResponse:
    response = HttpResponse(resultaat.bestand or b"", content_type=resultaat.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{resultaat.bestandsnaam}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept in a cache
    return response


@login_required
def export(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The 'bestand' CSV of the school's concept meldingen, or of one melding."""
    if pk is not None:
        meldingen = [_melding(request, pk)]
    else:
        school = _school(request, request.GET.get("school"))
        meldingen = list(
            DuoMelding.objects.filter(school=school, status=Status.CONCEPT)
            .select_related("school", "leerling", "locatie", "contactpersoon")
            .order_by("uiterlijk", "begin", "pk")
        )
        if not meldingen:
            messages.info(request, _("Er zijn geen concepten om te exporteren."))
            return redirect(_lijst_url(school))
    return _download(kanalen.get(kanalen.STANDAARD_KANAAL).versturen(meldingen))


@login_required
@require_POST
def versturen(request: HttpRequest) -> HttpResponse:
    """Send the school's concept meldingen through the configured channel."""
    school = _school(request, request.POST.get("school"))
    try:
        kanaal = kanalen.ingesteld()
    except KeyError as exc:
        messages.error(request, str(exc.args[0]))
        return redirect(_lijst_url(school))
    meldingen = list(
        DuoMelding.objects.filter(school=school, status=Status.CONCEPT)
        .select_related("school", "leerling", "locatie", "contactpersoon")
        .order_by("uiterlijk", "begin", "pk")
    )
    if not meldingen:
        messages.info(request, _("Er zijn geen concepten om te versturen."))
        return redirect(_lijst_url(school))
    try:
        resultaat = kanaal.versturen(meldingen)
    except kanalen.KanaalFout as exc:
        messages.error(request, _("Versturen is mislukt: %(fout)s") % {"fout": exc})
        return redirect(_lijst_url(school))
    gemeld = 0
    for melding in meldingen:
        nummer = resultaat.meldingsnummers.get(melding.pk)
        if not nummer:
            continue
        try:
            wijzig_status(
                melding,
                Status.GEMELD,
                cast(User, request.user),
                meldingsnummer=nummer,
                notitie=_("Verstuurd via kanaal '%(kanaal)s'.") % {"kanaal": kanaal.naam},
            )
        except StatusFout as exc:
            messages.error(request, f"{melding.leerling}: {exc}")
        else:
            gemeld += 1
    for bericht in resultaat.berichten:
        messages.info(request, bericht)
    if resultaat.bestand is not None:
        return _download(resultaat)
    messages.success(
        request,
        ngettext("%(n)d melding gemeld bij DUO.", "%(n)d meldingen gemeld bij DUO.", gemeld)
        % {"n": gemeld},
    )
    return redirect(_lijst_url(school))
