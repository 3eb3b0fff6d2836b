"""Pages for schorsing and verwijdering.

The directeur of the pupil's school registers and changes; the verzuimcoördinator and the
teamleider may look; everyone else (docent, mentor, administratie, schoolbeheerder, another
school) gets a 404, as if the pupil did not exist. Pupils always come through
:func:`leerrecht.web.scholen.scope.leerlingen`.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leerrecht.web.leerlingzaken import schorsingen, stappen, tijd
from leerrecht.web.leerlingzaken.forms import (
    GegevensForm,
    IntrekkenForm,
    SchorsingForm,
    StapForm,
    VerstuurdForm,
    VerwijderingStartForm,
)
from leerrecht.web.leerlingzaken.models import (
    Kennisgeving,
    Schorsing,
    Stap,
    Verwijdering,
)
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import Leerling, RolSoort, School, Sector

#: who may see these pages; only the directeur changes anything
LEZERS = (RolSoort.DIRECTEUR, RolSoort.COORDINATOR, RolSoort.TEAMLEIDER)
AFGEROND = [Stap.DEFINITIEF, Stap.AFGEZIEN]


def _scholen(request: HttpRequest) -> QuerySet[School]:
    return School.objects.filter(
        rollen__in=scope.rollen(request.user).filter(soort__in=list(LEZERS))
    ).distinct()


def _school(request: HttpRequest) -> School:
    mine = _scholen(request)
    wanted = request.GET.get("school")
    school = mine.filter(pk=wanted).first() if wanted and wanted.isdigit() else mine.first()
    if school is None:
        raise Http404(_("U heeft geen rol die schorsingen en verwijderingen mag zien."))
    return school


def _mag_zien(request: HttpRequest, school: School) -> bool:
    return scope.heeft_rol(request.user, school, *LEZERS)


def _is_directeur(request: HttpRequest, school: School) -> bool:
    return scope.heeft_rol(request.user, school, RolSoort.DIRECTEUR)


def _vereis_directeur(request: HttpRequest, school: School) -> None:
    if not _is_directeur(request, school):
        raise PermissionDenied(_("Alleen de directeur registreert schorsingen en verwijderingen."))


def _leerling(request: HttpRequest, leerling_id: int) -> Leerling:
    leerling = get_object_or_404(
        scope.leerlingen(request.user).select_related("school", "groep"), pk=leerling_id
    )
    if not _mag_zien(request, leerling.school):
        raise Http404(_("Deze leerling hoort niet bij uw rollen."))
    return leerling


def _schorsing(request: HttpRequest, pk: int) -> Schorsing:
    schorsing = get_object_or_404(
        Schorsing.objects.filter(leerling__in=scope.leerlingen(request.user)).select_related(
            "leerling",
            "leerling__school",
            "leerling__groep",
            "geregistreerd_door",
            "ingetrokken_door",
        ),
        pk=pk,
    )
    if not _mag_zien(request, schorsing.leerling.school):
        raise Http404(_("Deze schorsing hoort niet bij uw rollen."))
    return schorsing


def _verwijdering(request: HttpRequest, pk: int) -> Verwijdering:
    verwijdering = get_object_or_404(
        Verwijdering.objects.filter(leerling__in=scope.leerlingen(request.user)).select_related(
            "leerling", "leerling__school", "leerling__groep", "aangemaakt_door"
        ),
        pk=pk,
    )
    if not _mag_zien(request, verwijdering.leerling.school):
        raise Http404(_("Deze procedure hoort niet bij uw rollen."))
    return verwijdering


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def overzicht(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    leerlingen = scope.leerlingen(request.user, school)
    te_melden = (
        Kennisgeving.objects.filter(
            schorsing__leerling__in=leerlingen,
            schorsing__ingetrokken_op__isnull=True,
            verstuurd_op__isnull=True,
        )
        .select_related("schorsing", "schorsing__leerling", "schorsing__leerling__groep")
        .order_by("schorsing__besluit_op", "schorsing__pk", "pk")
    )
    lijst = (
        Schorsing.objects.filter(leerling__in=leerlingen)
        .select_related("leerling", "leerling__groep")
        .annotate(
            schooldagen=Count("dagen", distinct=True),
            kopieen=Count("kennisgevingen", distinct=True),
            verstuurd=Count(
                "kennisgevingen",
                filter=Q(kennisgevingen__verstuurd_op__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-eerste_dag", "-pk")[:100]
    )
    procedures = Verwijdering.objects.filter(leerling__in=leerlingen).select_related(
        "leerling", "leerling__groep", "leerling__school"
    )
    lopend = [
        {"verwijdering": v, "volgende": stappen.volgende(v)}
        for v in procedures.exclude(status__in=AFGEROND).order_by("aangemaakt_op", "pk")
    ]
    zoek = request.GET.get("q", "").strip()
    gevonden: list[Leerling] = []
    if zoek:
        gevonden = list(
            leerlingen.filter(
                Q(voornaam__icontains=zoek)
                | Q(achternaam__icontains=zoek)
                | Q(leerlingnummer__iexact=zoek)
            )
            .select_related("groep")
            .order_by("achternaam", "voornaam")[:50]
        )
    return render(
        request,
        "leerlingzaken/overzicht.html",
        {
            "school": school,
            "scholen": _scholen(request),
            "te_melden": te_melden,
            "schorsingen": lijst,
            "lopend": lopend,
            "afgerond": procedures.filter(status__in=AFGEROND).order_by("-aangemaakt_op")[:50],
            "zoek": zoek,
            "gevonden": gevonden,
            "directeur": _is_directeur(request, school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schorsing_nieuw(request: HttpRequest, leerling_id: int) -> HttpResponse:
    leerling = _leerling(request, leerling_id)
    _vereis_directeur(request, leerling.school)
    form = SchorsingForm(request.POST if request.method == "POST" else None, leerling=leerling)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            schorsing = schorsingen.registreer(
                leerling,
                eerste_dag=data["eerste_dag"],
                laatste_dag=data["laatste_dag"],
                reden=data["reden"],
                besluit_op=data["besluit_op"],
                ouders_geinformeerd_op=data["ouders_geinformeerd_op"],
                door=_gebruiker(request),
            )
        except schorsingen.SchorsingFout as fout:
            form.add_error(fout.veld, fout.bericht)
        else:
            _meld_geregistreerd(request, schorsing)
            return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
    eerdere = Schorsing.objects.filter(leerling=leerling).order_by("-eerste_dag")[:20]
    return render(
        request,
        "leerlingzaken/schorsing_nieuw.html",
        {"leerling": leerling, "form": form, "eerdere": eerdere, "bronnen": schorsingen.BRONNEN},
    )


def _meld_geregistreerd(request: HttpRequest, schorsing: Schorsing) -> None:
    dagen = list(schorsing.dagen.all())
    messages.success(
        request,
        _("Schorsing geregistreerd op %(n)d schooldag(en).") % {"n": len(dagen)},
    )
    vervangen = sum(len(d.vervangen) for d in dagen)
    if vervangen:
        messages.info(
            request,
            _(
                "%(n)d eerdere registratie(s) vervangen door de schorsing; de oude waarden staan "
                "bij de correcties van de leerling."
            )
            % {"n": vervangen},
        )
    ontvangers = [k.get_ontvanger_display() for k in schorsing.kennisgevingen.all()]
    if ontvangers:
        messages.warning(
            request,
            _("Stuur een kopie van het schorsingsbesluit naar: %(wie)s.")
            % {"wie": ", ".join(str(o) for o in ontvangers)},
        )
    else:
        messages.info(request, _("Een schorsing van 1 dag hoeft niet gemeld te worden."))


@login_required
@require_http_methods(["GET", "POST"])
def schorsing(request: HttpRequest, pk: int) -> HttpResponse:
    schorsing = _schorsing(request, pk)
    school = schorsing.leerling.school
    directeur = _is_directeur(request, school)
    kennisgevingen = list(schorsing.kennisgevingen.select_related("verstuurd_door"))
    post = request.POST if request.method == "POST" else None
    actie = request.POST.get("actie", "") if post is not None else ""
    if post is not None:
        _vereis_directeur(request, school)
        if schorsing.ingetrokken:
            messages.error(request, _("Deze schorsing is ingetrokken; er kan niets meer bij."))
            return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
    formulieren: dict[int, VerstuurdForm] = {}
    intrekken: IntrekkenForm | None = None
    gekozen = request.POST.get("kennisgeving", "") if actie == "verstuurd" else ""
    if directeur and not schorsing.ingetrokken:
        for k in kennisgevingen:
            if k.verstuurd:
                continue
            formulieren[k.pk] = VerstuurdForm(
                post if gekozen == str(k.pk) else None, kennisgeving=k
            )
        intrekken = IntrekkenForm(post if actie == "intrekken" else None, prefix="intrekken")
    if actie == "verstuurd":
        gekozen_form = formulieren.get(int(gekozen)) if gekozen.isdigit() else None
        if gekozen_form is None:
            messages.error(request, _("Deze kopie is al vastgelegd als verstuurd."))
            return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
        if gekozen_form.is_valid():
            try:
                k = schorsingen.markeer_verstuurd(
                    gekozen_form.kennisgeving.pk,
                    gekozen_form.cleaned_data["verstuurd_op"],
                    _gebruiker(request),
                )
            except schorsingen.SchorsingFout as fout:
                messages.error(request, fout.bericht)
            else:
                messages.success(
                    request,
                    _("Kopie aan %(wie)s vastgelegd als verstuurd op %(dag)s.")
                    % {
                        "wie": k.aan,
                        "dag": schorsingen.datum_tekst(gekozen_form.cleaned_data["verstuurd_op"]),
                    },
                )
            return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
    elif actie == "intrekken" and intrekken is not None and intrekken.is_valid():
        try:
            uitkomst = schorsingen.trek_in(
                schorsing.pk, intrekken.cleaned_data["reden"], _gebruiker(request)
            )
        except schorsingen.SchorsingFout as fout:
            messages.error(request, fout.bericht)
        else:
            _meld_ingetrokken(request, uitkomst)
        return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
    elif post is not None and actie not in ("verstuurd", "intrekken"):
        return redirect("leerlingzaken:schorsing", pk=schorsing.pk)
    rijen = [{"kennisgeving": k, "form": formulieren.get(k.pk)} for k in kennisgevingen]
    return render(
        request,
        "leerlingzaken/schorsing.html",
        {
            "schorsing": schorsing,
            "leerling": schorsing.leerling,
            "dagen": schorsing.dagen.all(),
            "kennisgevingen": rijen,
            "nog_te_melden": [k for k in kennisgevingen if not k.verstuurd],
            "intrekken": intrekken,
            "directeur": directeur,
            "bronnen": schorsingen.BRONNEN,
        },
    )


def _meld_ingetrokken(request: HttpRequest, uitkomst: schorsingen.Intrekking) -> None:
    messages.success(request, _("De schorsing is ingetrokken."))
    if uitkomst.hersteld:
        messages.info(
            request,
            _("Op %(n)d dag(en) staat de eerdere registratie weer terug.")
            % {"n": len(uitkomst.hersteld)},
        )
    if uitkomst.aanwezig:
        messages.info(
            request,
            _("Op %(n)d dag(en) staat de leerling nu als aanwezig.")
            % {"n": len(uitkomst.aanwezig)},
        )
    for dag in uitkomst.ongemoeid:
        messages.warning(
            request,
            _(
                "%(dag)s: de registratie was na de schorsing al gewijzigd en is niet aangeraakt; "
                "controleer het register."
            )
            % {"dag": schorsingen.datum_tekst(dag).capitalize()},
        )


@login_required
@require_http_methods(["GET", "POST"])
def verwijdering_leerling(request: HttpRequest, leerling_id: int) -> HttpResponse:
    """The pupil's running procedure, or the form to start one (with earlier procedures)."""
    leerling = _leerling(request, leerling_id)
    lopend = Verwijdering.objects.filter(leerling=leerling).exclude(status__in=AFGEROND).first()
    if lopend is not None:
        return redirect("leerlingzaken:verwijdering", pk=lopend.pk)
    directeur = _is_directeur(request, leerling.school)
    form: VerwijderingStartForm | None = None
    if request.method == "POST":
        _vereis_directeur(request, leerling.school)
    if directeur:
        form = VerwijderingStartForm(
            request.POST if request.method == "POST" else None,
            leerling=leerling,
            initial={"datum": tijd.vandaag()},
        )
        if form.is_bound and form.is_valid():
            try:
                verwijdering = stappen.start(
                    leerling,
                    form.cleaned_data["datum"],
                    form.cleaned_data["notitie"],
                    form.cleaned_data.get("cluster"),
                    _gebruiker(request),
                )
            except stappen.StapFout as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, _("Het voornemen tot verwijdering is vastgelegd."))
                return redirect("leerlingzaken:verwijdering", pk=verwijdering.pk)
    return render(
        request,
        "leerlingzaken/verwijdering_start.html",
        {
            "leerling": leerling,
            "form": form,
            "directeur": directeur,
            "eerdere": Verwijdering.objects.filter(leerling=leerling).order_by("-aangemaakt_op"),
            "uitleg": stappen.UITLEG[Stap.VOORNEMEN],
            "bronnen": stappen.BRONNEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verwijdering(request: HttpRequest, pk: int) -> HttpResponse:
    verwijdering = _verwijdering(request, pk)
    leerling = verwijdering.leerling
    directeur = _is_directeur(request, leerling.school)
    post = request.POST if request.method == "POST" else None
    actie = request.POST.get("actie", "") if post is not None else ""
    if post is not None:
        _vereis_directeur(request, leerling.school)
    stand = stappen.stand(verwijdering)
    gekozen = request.POST.get("stap", "") if actie == "stap" else ""
    formulieren: dict[str, StapForm] = {}
    gegevens: GegevensForm | None = None
    if directeur and not verwijdering.afgerond:
        for rij in stand:
            if rij.stand == "mogelijk":
                formulieren[rij.stap.value] = StapForm(
                    post if gekozen == rij.stap.value else None, stap=rij.stap
                )
        formulieren[Stap.AFGEZIEN.value] = StapForm(
            post if gekozen == Stap.AFGEZIEN.value else None, stap=Stap.AFGEZIEN
        )
        gegevens = GegevensForm(
            post if actie == "gegevens" else None,
            leerling=leerling,
            initial={"cluster": verwijdering.cluster, "zoeken_vanaf": verwijdering.zoeken_vanaf},
        )
    if actie == "stap":
        form = formulieren.get(gekozen)
        if form is None:
            messages.error(
                request,
                _("Deze stap kan nu niet worden vastgelegd.")
                if not verwijdering.afgerond
                else _("De procedure is afgerond."),
            )
            return redirect("leerlingzaken:verwijdering", pk=verwijdering.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                verwijdering = stappen.leg_stap_vast(
                    verwijdering.pk,
                    gekozen,
                    data["datum"],
                    data["notitie"],
                    _gebruiker(request),
                    nieuwe_school=data.get("nieuwe_school") or "",
                    nieuwe_inschrijving_vanaf=data.get("nieuwe_inschrijving_vanaf"),
                )
            except stappen.StapFout as fout:
                form.add_error(None, str(fout))
            else:
                _meld_stap(request, verwijdering)
                return redirect("leerlingzaken:verwijdering", pk=verwijdering.pk)
    elif actie == "gegevens" and gegevens is not None:
        if gegevens.is_valid():
            try:
                stappen.wijzig_gegevens(
                    verwijdering.pk,
                    gegevens.cleaned_data.get("cluster"),
                    gegevens.cleaned_data.get("zoeken_vanaf"),
                )
            except stappen.StapFout as fout:
                gegevens.add_error(None, str(fout))
            else:
                messages.success(request, _("De gegevens van de procedure zijn opgeslagen."))
                return redirect("leerlingzaken:verwijdering", pk=verwijdering.pk)
    elif post is not None and actie not in ("stap", "gegevens"):
        return redirect("leerlingzaken:verwijdering", pk=verwijdering.pk)
    rijen: list[dict[str, Any]] = [
        {"rij": rij, "form": formulieren.get(rij.stap.value)} for rij in stand
    ]
    zonder_school = ""
    if leerling.school.sector == Sector.SO and verwijdering.status == Stap.BESLUIT:
        zonder_school = stappen.zonder_nieuwe_school(verwijdering, tijd.vandaag())
    return render(
        request,
        "leerlingzaken/verwijdering.html",
        {
            "verwijdering": verwijdering,
            "leerling": leerling,
            "rijen": rijen,
            "volgende": stappen.volgende(verwijdering),
            "afzien": formulieren.get(Stap.AFGEZIEN.value),
            "gegevens": gegevens,
            "so": leerling.school.sector == Sector.SO,
            "zonder_school": zonder_school,
            "zonder_school_vanaf": stappen.zonder_nieuwe_school_vanaf(verwijdering),
            "afgezien": verwijdering.stappen.filter(stap=Stap.AFGEZIEN).first(),
            "directeur": directeur,
            "bronnen": stappen.BRONNEN,
        },
    )


def _meld_stap(request: HttpRequest, verwijdering: Verwijdering) -> None:
    messages.success(
        request,
        _("Vastgelegd: %(stap)s.") % {"stap": verwijdering.get_status_display()},
    )
    if verwijdering.status == Stap.DEFINITIEF:
        leerling = verwijdering.leerling
        if verwijdering.nieuwe_inschrijving_vanaf is not None:
            messages.info(
                request,
                _(
                    "%(naam)s is uitgeschreven per %(tot)s (nieuwe school: %(school)s vanaf "
                    "%(vanaf)s). Meld de uitschrijving binnen 7 dagen bij DUO."
                )
                % {
                    "naam": leerling,
                    "tot": schorsingen.datum_tekst(leerling.ingeschreven_tot)
                    if leerling.ingeschreven_tot
                    else "-",
                    "school": verwijdering.nieuwe_school,
                    "vanaf": schorsingen.datum_tekst(verwijdering.nieuwe_inschrijving_vanaf),
                },
            )
        else:
            messages.warning(
                request,
                _(
                    "%(naam)s is uitgeschreven zonder inschrijving op een andere school. De "
                    "leerling is leerplichtig en staat nergens ingeschreven: informeer de "
                    "leerplichtambtenaar en het samenwerkingsverband."
                )
                % {"naam": leerling},
            )
    elif verwijdering.status == Stap.BESLUIT:
        messages.info(
            request,
            _(
                "Informeer leerling en ouders schriftelijk (met de reden en hoe zij bezwaar kunnen "
                "maken) en stuur een kopie naar de inspectie, de leerplichtambtenaar en het "
                "samenwerkingsverband."
            ),
        )
