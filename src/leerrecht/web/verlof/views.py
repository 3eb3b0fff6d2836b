"""Staff pages: verlof requests of the school, the legal check, the directeur's decision, the
decision letter, and issuing access codes for parents.

Only schoolwide roles see these pages (docent and mentor get a 404, like another school's
staff); only the directeur decides.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leerrecht.core.calendar import CalendarError
from leerrecht.core.rules.verlof import VerlofCheck
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN, Leerling, RolSoort, School
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.forms import BesluitForm
from leerrecht.web.verlof.models import BESLOTEN, OuderToegang, Status, VerlofAanvraag
from leerrecht.web.verlof.ouder_views import pdf_response


def _scholen(request: HttpRequest) -> QuerySet[School]:
    """The schools where the user has a schoolwide role."""
    return School.objects.filter(
        rollen__in=scope.rollen(request.user).filter(soort__in=list(SCHOOLBREDE_ROLLEN))
    ).distinct()


def _school(request: HttpRequest) -> School:
    mine = _scholen(request)
    wanted = request.GET.get("school")
    school = mine.filter(pk=wanted).first() if wanted and wanted.isdigit() else mine.first()
    if school is None:
        raise Http404(_("U heeft geen schoolbrede rol."))
    return school


def _aanvraag(request: HttpRequest, pk: int) -> VerlofAanvraag:
    aanvraag = get_object_or_404(
        VerlofAanvraag.objects.select_related(
            "leerling", "leerling__school", "leerling__groep", "besloten_door"
        ),
        pk=pk,
    )
    if not scope.schoolbreed(request.user, aanvraag.leerling.school):
        raise Http404(_("Deze aanvraag hoort niet bij uw rollen."))
    return aanvraag


def _is_directeur(request: HttpRequest, school: School) -> bool:
    return scope.heeft_rol(request.user, school, RolSoort.DIRECTEUR)


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    alle = VerlofAanvraag.objects.filter(leerling__school=school).select_related(
        "leerling", "leerling__groep"
    )
    return render(
        request,
        "verlof/lijst.html",
        {
            "school": school,
            "scholen": _scholen(request),
            "open": alle.filter(status=Status.AANGEVRAAGD).order_by("start", "pk"),
            "besloten": alle.exclude(status=Status.AANGEVRAAGD).order_by("-besloten_op", "-pk")[
                :100
            ],
            "directeur": _is_directeur(request, school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag(request, pk)
    school = aanvraag.leerling.school
    directeur = _is_directeur(request, school)
    open_ = aanvraag.status == Status.AANGEVRAAGD
    check: VerlofCheck | None = None
    kalender_fout = ""
    if open_ or not aanvraag.toetsing:
        try:
            check = toetsing.toets(aanvraag)
        except CalendarError as exc:
            kalender_fout = str(exc)
    if request.method == "POST":
        if not directeur:
            raise PermissionDenied(_("Alleen de directeur beslist over verlof."))
        if not open_ or check is None:
            messages.error(
                request,
                _("Over deze aanvraag is al besloten.")
                if not open_
                else _("Er kan geen besluit worden genomen: %(fout)s") % {"fout": kalender_fout},
            )
            return redirect("verlof:detail", pk=aanvraag.pk)
    form: BesluitForm | None = None
    if open_ and directeur and check is not None:
        form = BesluitForm(
            request.POST if request.method == "POST" else None,
            mogelijk=toetsing.mogelijke_besluiten(check),
        )
        if form.is_bound and form.is_valid():
            try:
                aanvraag, dagen = toetsing.beslis(
                    aanvraag.pk,
                    form.cleaned_data["besluit"],
                    form.cleaned_data["motivering"],
                    request.user,
                )
            except toetsing.AlBesloten:
                messages.error(request, _("Over deze aanvraag is intussen al besloten."))
            except (CalendarError, ValueError):
                messages.error(request, _("Dit besluit is niet mogelijk; bekijk de toets opnieuw."))
            else:
                _meld_besluit(request, aanvraag, dagen)
            return redirect("verlof:detail", pk=aanvraag.pk)
    andere = (
        VerlofAanvraag.objects.filter(leerling=aanvraag.leerling)
        .exclude(pk=aanvraag.pk)
        .order_by("-start")[:20]
    )
    return render(
        request,
        "verlof/detail.html",
        {
            "aanvraag": aanvraag,
            "leerling": aanvraag.leerling,
            "check": check,
            "toets_bij_besluit": None if open_ else aanvraag.toetsing,
            "kalender_fout": kalender_fout,
            "form": form,
            "directeur": directeur,
            "andere": andere,
        },
    )


def _meld_besluit(
    request: HttpRequest, aanvraag: VerlofAanvraag, dagen: list[toetsing.Dag]
) -> None:
    messages.success(
        request,
        _("Besluit vastgelegd: %(status)s.") % {"status": aanvraag.get_status_display()},
    )
    if aanvraag.status == Status.TOEGEKEND:
        geregistreerd = [d for d in dagen if d.geregistreerd]
        messages.success(
            request,
            _("Verlof geregistreerd op %(n)d schooldag(en).") % {"n": len(geregistreerd)},
        )
        overgeslagen = [d for d in dagen if d.schooldag and not d.geregistreerd]
        for dag in overgeslagen:
            messages.info(
                request,
                _("%(datum)s niet geregistreerd: %(waarom)s")
                % {"datum": dag.datum.isoformat(), "waarom": dag.waarom_niet},
            )


@login_required
def besluit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag(request, pk)
    if aanvraag.status not in BESLOTEN:
        raise Http404(_("Over deze aanvraag is nog niet besloten."))
    return pdf_response(aanvraag)


@login_required
def werkgeversverklaring(request: HttpRequest, pk: int) -> FileResponse:
    aanvraag = _aanvraag(request, pk)
    bestand = aanvraag.werkgeversverklaring
    if not bestand:
        raise Http404(_("Bij deze aanvraag zit geen werkgeversverklaring."))
    try:
        handle = bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Het bestand is niet gevonden.")) from exc
    suffix = PurePath(bestand.name or "").suffix
    response = FileResponse(
        handle, as_attachment=True, filename=f"werkgeversverklaring-{aanvraag.pk}{suffix}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def toegang_lijst(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    zoek = request.GET.get("q", "").strip()
    leerlingen = scope.leerlingen(request.user, school).select_related("groep")
    if zoek:
        leerlingen = leerlingen.filter(
            Q(voornaam__icontains=zoek)
            | Q(achternaam__icontains=zoek)
            | Q(leerlingnummer__iexact=zoek)
        )
    leerlingen = leerlingen.annotate(
        actieve_codes=Count("oudertoegang", filter=Q(oudertoegang__actief=True))
    ).order_by("groep__naam", "achternaam", "voornaam")
    return render(
        request,
        "verlof/toegang_lijst.html",
        {
            "school": school,
            "scholen": _scholen(request),
            "zoek": zoek,
            "leerlingen": leerlingen[:500],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def toegang(request: HttpRequest, leerling_id: int) -> HttpResponse:
    leerling: Leerling = get_object_or_404(
        scope.leerlingen(request.user).select_related("school", "groep"), pk=leerling_id
    )
    if not scope.schoolbreed(request.user, leerling.school):
        raise Http404(_("Deze leerling hoort niet bij uw rollen."))
    nieuwe_code = ""
    link = ""
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "uitgeven":
            _nieuw, nieuwe_code = OuderToegang.uitgeven(leerling, request.user)
            link = request.build_absolute_uri(reverse("ouders:code")) + f"?code={nieuwe_code}"
        elif actie == "intrekken":
            gekozen = request.POST.get("toegang", "")
            ingetrokken = OuderToegang.objects.filter(
                leerling=leerling, pk=int(gekozen) if gekozen.isdigit() else 0, actief=True
            ).update(actief=False)
            if ingetrokken:
                messages.success(request, _("De code is ingetrokken."))
            return redirect("verlof:toegang", leerling_id=leerling.pk)
        else:
            return redirect("verlof:toegang", leerling_id=leerling.pk)
    response = render(
        request,
        "verlof/toegang.html",
        {
            "leerling": leerling,
            "codes": leerling.oudertoegang.select_related("aangemaakt_door"),
            "nieuwe_code": nieuwe_code,
            "link": link,
        },
    )
    response.headers["Cache-Control"] = "no-store"
    return response
