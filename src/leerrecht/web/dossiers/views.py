"""Dossier pages of the leerplicht office: the list, a new dossier, the dossier with its timeline,
status and route, actions, notes and documents, and the office's deadlines.

Access (see :mod:`leerrecht.web.dossiers.toegang`): leerplichtambtenaren of the dossier's office
do everything, its administratie reads and adds documents (403 on other changes), everyone else
gets 404. Every page that shows or changes a dossier writes an audit row with its purpose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Min, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrPromise

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie as AuditActie
from leerrecht.web.dossiers import diensten, mas, tijd, toegang
from leerrecht.web.dossiers.documenten import veilige_naam
from leerrecht.web.dossiers.forms import (
    ActieForm,
    AfrondenForm,
    BehandelaarForm,
    DocumentForm,
    InstellingForm,
    KiesJeugdigeForm,
    NieuwForm,
    NotitieForm,
    RouteForm,
    StatusForm,
    verzuimsoort,
)
from leerrecht.web.dossiers.models import (
    Actie,
    ActieSoort,
    Document,
    Dossier,
    DossierInstelling,
    Route,
    Status,
    WijzigingSoort,
)
from leerrecht.web.dossiers.statussen import StatusFout, toegestaan, wijzig_status
from leerrecht.web.leerplicht import scope
from leerrecht.web.leerplicht.models import Bureau, BureauRolSoort, InboxMelding, Jeugdige

PER_PAGINA = 50

#: the button text for moving a dossier to a status
KNOP: dict[str, StrPromise] = {
    Status.ONDERZOEK: gettext_lazy("Onderzoek starten"),
    Status.IN_UITVOERING: gettext_lazy("Route in uitvoering"),
    Status.AFGESLOTEN: gettext_lazy("Dossier afsluiten"),
}
HEROPENEN = gettext_lazy("Dossier heropenen")


def _gebruiker(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _audit(
    request: HttpRequest,
    actie: AuditActie,
    dossier: Dossier,
    doel: str,
    omschrijving: str = "",
) -> None:
    vastleggen(
        request.user,
        actie,
        dossier,
        doel=doel,
        leerling_id=toegang.leerling_id(dossier),
        omschrijving=omschrijving,
    )


# -- the list ----------------------------------------------------------------------------------


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    bureau = toegang.bureau(request.user, request.GET.get("bureau"))
    vandaag = tijd.vandaag()
    alle = toegang.dossiers(request.user).filter(bureau=bureau)
    behandelaars = toegang.behandelaars(bureau)

    behandelaar = request.GET.get("behandelaar", "")
    if behandelaar and behandelaar.isdigit() and behandelaars.filter(pk=behandelaar).exists():
        alle = alle.filter(behandelaar_id=int(behandelaar))
    else:
        behandelaar = ""
    status = request.GET.get("status", "open")
    if status == "open":
        dossiers = alle.exclude(status=Status.AFGESLOTEN)
    elif status in Status.values:
        dossiers = alle.filter(status=status)
    else:
        status = "alle"
        dossiers = alle
    route = request.GET.get("route", "")
    if route == "geen":
        dossiers = dossiers.filter(route="")
    elif route in Route.values:
        dossiers = dossiers.filter(route=route)
    else:
        route = ""
    te_laat_filter = request.GET.get("te_laat") == "1"

    open_acties = Q(acties__gedaan_op__isnull=True)
    dossiers = dossiers.annotate(
        te_laat=Count(
            "acties",
            filter=open_acties & Q(acties__uiterlijk__lt=vandaag) & ~Q(status=Status.AFGESLOTEN),
        ),
        eerste_termijn=Min("acties__uiterlijk", filter=open_acties),
    )
    if te_laat_filter:
        dossiers = dossiers.filter(te_laat__gt=0)
    dossiers = dossiers.select_related("jeugdige", "behandelaar").order_by(
        F("te_laat").desc(), F("eerste_termijn").asc(nulls_last=True), "-geopend_op", "pk"
    )
    pagina = Paginator(dossiers, PER_PAGINA).get_page(request.GET.get("pagina"))

    # overdue actions of open dossiers stand above everything (for the chosen behandelaar)
    over_termijn = (
        Actie.objects.filter(
            dossier__in=alle.exclude(status=Status.AFGESLOTEN),
            gedaan_op__isnull=True,
            uiterlijk__lt=vandaag,
        )
        .select_related("dossier", "dossier__jeugdige", "dossier__behandelaar")
        .order_by("uiterlijk", "pk")
    )
    vastleggen(
        request.user,
        AuditActie.LEZEN,
        f"dossierlijst bureau #{bureau.pk}",
        doel="dossiers van het leerplichtbureau bekijken",
        omschrijving=f"{pagina.paginator.count} dossiers, {len(pagina.object_list)} getoond",
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    context: dict[str, Any] = {
        "bureau": bureau,
        "bureaus": scope.bureaus(request.user).order_by("naam"),
        "pagina": pagina,
        "over_termijn": over_termijn,
        "vandaag": vandaag,
        "behandelaars": behandelaars,
        "behandelaar": behandelaar,
        "statussen": Status.choices,
        "status": status,
        "routes": Route.choices,
        "route": route,
        "te_laat_filter": te_laat_filter,
        "query": query.urlencode(),
        "mag_wijzigen": toegang.is_leerplichtambtenaar(request.user, bureau),
    }
    return render(request, "dossiers/lijst.html", context)


# -- a new dossier -----------------------------------------------------------------------------


def _lpa_bureaus(request: HttpRequest) -> QuerySet[Bureau]:
    return scope.bureaus(request.user).filter(
        rollen__gebruiker_id=request.user.pk,
        rollen__soort=BureauRolSoort.LEERPLICHTAMBTENAAR,
    )


def _melding(request: HttpRequest, pk: str) -> InboxMelding:
    if not pk.isdigit():
        raise Http404(_("Onbekende melding."))
    return get_object_or_404(
        InboxMelding.objects.select_related("jeugdige", "bureau"),
        pk=pk,
        bureau__in=scope.bureaus(request.user),
        jeugdige__in=scope.jeugdigen(request.user),
    )


def _jeugdige(request: HttpRequest, pk: str) -> Jeugdige:
    if not pk.isdigit():
        raise Http404(_("Onbekende jeugdige."))
    return get_object_or_404(scope.jeugdigen(request.user).select_related("bureau"), pk=pk)


@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """A new dossier from an inbox melding (``?melding=``) or for a jeugdige (``?jeugdige=``)."""
    bron = request.POST if request.method == "POST" else request.GET
    melding_pk = bron.get("melding", "")
    jeugdige_pk = bron.get("jeugdige", "")
    melding: InboxMelding | None = None
    if melding_pk:
        melding = _melding(request, melding_pk)
        jeugdige = melding.jeugdige
    elif jeugdige_pk:
        jeugdige = _jeugdige(request, jeugdige_pk)
    else:
        return _kies_jeugdige(request)
    bureau = jeugdige.bureau
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, bureau)
    vandaag = tijd.vandaag()

    bestaand = Dossier.objects.filter(jeugdige=jeugdige).exclude(status=Status.AFGESLOTEN).first()
    if bestaand is not None:
        if request.method == "POST" and request.POST.get("koppel") and melding is not None:
            try:
                diensten.koppel_melding(bestaand, melding, gebruiker)
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                _audit(
                    request,
                    AuditActie.WIJZIGEN,
                    bestaand,
                    "melding aan een dossier koppelen",
                    f"inbox #{melding.pk}",
                )
                messages.success(request, _("De melding is aan het dossier gekoppeld."))
            return redirect("dossiers:detail", pk=bestaand.pk)
        vastleggen(
            request.user,
            AuditActie.LEZEN,
            jeugdige,
            doel="dossier openen: bestaand dossier van de jeugdige bekijken",
            leerling_id=toegang.leerling_id(bestaand),
        )
        return render(
            request,
            "dossiers/nieuw.html",
            {
                "jeugdige": jeugdige,
                "melding": melding,
                "bestaand": bestaand,
                "al_gekoppeld": melding is not None
                and bestaand.meldingen.filter(pk=melding.pk).exists(),
            },
        )

    meldingen = InboxMelding.objects.filter(bureau=bureau, jeugdige=jeugdige).order_by(
        "-ontvangen_op", "-pk"
    )
    form_kwargs: dict[str, Any] = {
        "behandelaars": toegang.behandelaars(bureau),
        "meldingen": meldingen,
    }
    if request.method == "POST":
        form = NieuwForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                dossier = diensten.open_dossier(
                    bureau,
                    jeugdige,
                    form.cleaned_data["behandelaar"],
                    form.cleaned_data["meldingen"],
                    gebruiker,
                    vandaag,
                )
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                _audit(request, AuditActie.AANMAKEN, dossier, "dossier openen (MAS)")
                messages.success(
                    request,
                    _("Het dossier is geopend; het verzuimgesprek staat gepland met een termijn."),
                )
                return redirect("dossiers:detail", pk=dossier.pk)
    else:
        initial: dict[str, Any] = {"meldingen": [melding.pk] if melding else []}
        if toegang.behandelaars(bureau).filter(pk=gebruiker.pk).exists():
            initial["behandelaar"] = gebruiker.pk
        form = NieuwForm(initial=initial, **form_kwargs)
    vastleggen(
        request.user,
        AuditActie.LEZEN,
        jeugdige,
        doel="dossier openen: jeugdige en meldingen bekijken",
        leerling_id=jeugdige.leerlingen.order_by("pk").values_list("pk", flat=True).first(),
    )
    return render(
        request,
        "dossiers/nieuw.html",
        {"jeugdige": jeugdige, "melding": melding, "form": form, "bureau": bureau},
    )


def _kies_jeugdige(request: HttpRequest) -> HttpResponse:
    bureaus = _lpa_bureaus(request)
    if not bureaus.exists():
        if scope.is_bureaumedewerker(request.user):
            raise PermissionDenied(_("Alleen een leerplichtambtenaar opent een dossier."))
        raise Http404(_("U heeft geen rol bij een leerplichtbureau."))
    jeugdigen = scope.jeugdigen(request.user).filter(bureau__in=bureaus)
    form = KiesJeugdigeForm(request.GET or None, jeugdigen=jeugdigen)
    vastleggen(
        request.user,
        AuditActie.LEZEN,
        "jeugdigen van het bureau (keuzelijst)",
        doel="dossier openen: jeugdige kiezen",
    )
    return render(request, "dossiers/kies_jeugdige.html", {"form": form})


# -- the dossier -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gebeurtenis:
    """One line of the timeline."""

    op: dt.datetime
    soort: str
    tekst: str
    url: str = ""


def _moment(dag: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(12)))


def _tijdlijn(dossier: Dossier) -> list[Gebeurtenis]:
    regels: list[Gebeurtenis] = []
    for m in dossier.meldingen.all():
        melding_url = ""
        try:
            melding_url = reverse("leerplicht:melding", args=[m.pk])
        except NoReverseMatch:  # the inbox pages are built separately
            melding_url = ""
        regels.append(
            Gebeurtenis(
                m.ontvangen_op,
                _("Melding ontvangen"),
                _("%(soort)s vanaf %(begin)s, %(school)s")
                % {
                    "soort": verzuimsoort(m.soort),
                    "begin": f"{m.begin:%d-%m-%Y}",
                    "school": m.school_naam,
                },
                melding_url,
            )
        )
    for a in dossier.acties.filter(gedaan_op__isnull=False):
        assert a.gedaan_op is not None
        regels.append(
            Gebeurtenis(
                _moment(a.gedaan_op),
                _("Actie gedaan"),
                f"{a.get_soort_display()}: {a.uitkomst}" if a.uitkomst else a.get_soort_display(),
            )
        )
    for n in dossier.notities.select_related("door"):
        regels.append(Gebeurtenis(n.op, _("Notitie"), n.tekst))
    for d in dossier.documenten.all():
        regels.append(
            Gebeurtenis(
                d.op,
                _("Document"),
                f"{d.omschrijving} ({d.naam})",
                reverse("dossiers:document", args=[dossier.pk, d.pk]),
            )
        )
    for w in dossier.geschiedenis.filter(
        soort__in=[WijzigingSoort.AANGEMAAKT, WijzigingSoort.STATUS, WijzigingSoort.ROUTE]
    ):
        if w.soort == WijzigingSoort.AANGEMAAKT:
            tekst = _("Dossier geopend")
        elif w.soort == WijzigingSoort.ROUTE:
            tekst = _("Route: %(naar)s") % {"naar": w.naar_label}
        else:
            tekst = _("Status: %(naar)s") % {"naar": w.naar_label}
        regels.append(Gebeurtenis(w.op, _("Wijziging"), tekst))
    return sorted(regels, key=lambda g: g.op, reverse=True)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    vandaag = tijd.vandaag()
    stand = mas.stand(dossier)
    mag_wijzigen = toegang.is_leerplichtambtenaar(request.user, dossier.bureau)
    acties = list(dossier.acties.select_related("aangemaakt_door", "afgerond_door"))
    open_acties = [a for a in acties if not a.is_gedaan]
    overgangen = []
    if mag_wijzigen:
        for s in toegestaan(dossier.status):
            if s == Status.ROUTE_BEPAALD:
                continue  # chosen on the route page
            label = HEROPENEN if dossier.status == Status.AFGESLOTEN else KNOP[s]
            redenen = mas.afwijkingen_status(stand, s)
            overgangen.append({"naar": s.value, "label": label, "redenen": redenen})
    _audit(request, AuditActie.LEZEN, dossier, "dossier inzien (behandeling volgens de MAS)")
    context: dict[str, Any] = {
        "dossier": dossier,
        "jeugdige": dossier.jeugdige,
        "leeftijd": mas.leeftijd(dossier.jeugdige.geboortedatum, vandaag),
        "vandaag": vandaag,
        "volgende": mas.volgende_stap(stand),
        "open_acties": [{"actie": a, "te_laat": a.te_laat(vandaag)} for a in open_acties],
        "gedane_acties": [a for a in acties if a.is_gedaan],
        "meldingen": [
            {"melding": m, "soort": verzuimsoort(m.soort)}
            for m in dossier.meldingen.order_by("ontvangen_op")
        ],
        "notities": dossier.notities.select_related("door"),
        "documenten": dossier.documenten.select_related("door"),
        "geschiedenis": dossier.geschiedenis.select_related("door"),
        "tijdlijn": _tijdlijn(dossier),
        "overgangen": overgangen,
        "mag_wijzigen": mag_wijzigen,
        "route_kiezen": mag_wijzigen and dossier.status in diensten.ROUTE_KIEZEN,
        "mag_documenten": toegang.mag_documenten_toevoegen(request.user, dossier.bureau),
        "behandelaar_form": BehandelaarForm(
            initial={"behandelaar": dossier.behandelaar_id},
            behandelaars=toegang.behandelaars(dossier.bureau),
        )
        if mag_wijzigen and dossier.is_open
        else None,
    }
    return render(request, "dossiers/detail.html", context)


@login_required
@require_POST
def behandelaar(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    form = BehandelaarForm(request.POST, behandelaars=toegang.behandelaars(dossier.bureau))
    if not form.is_valid():
        messages.error(request, _("Kies een leerplichtambtenaar van het bureau."))
        return redirect("dossiers:detail", pk=dossier.pk)
    diensten.wijzig_behandelaar(dossier, form.cleaned_data["behandelaar"], gebruiker)
    _audit(request, AuditActie.WIJZIGEN, dossier, "behandelaar van een dossier wijzigen")
    messages.success(request, _("De behandelaar is gewijzigd."))
    return redirect("dossiers:detail", pk=dossier.pk)


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De status is niet gewijzigd: ongeldige invoer."))
        return redirect("dossiers:detail", pk=dossier.pk)
    data = form.cleaned_data
    try:
        wijzig_status(
            dossier,
            data["naar"],
            gebruiker,
            toelichting=data["toelichting"],
            motivering=data["motivering"],
        )
    except StatusFout as exc:
        messages.error(request, _("De status is niet gewijzigd. %(fout)s") % {"fout": exc})
    else:
        _audit(
            request,
            AuditActie.WIJZIGEN,
            dossier,
            "status van een dossier wijzigen",
            f"naar {dossier.status}",
        )
        messages.success(
            request, _("De status is nu '%(status)s'.") % {"status": Status(dossier.status).label}
        )
    return redirect("dossiers:detail", pk=dossier.pk)


@login_required
def route(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    vandaag = tijd.vandaag()
    stand = mas.stand(dossier)
    if dossier.status not in diensten.ROUTE_KIEZEN:
        messages.error(
            request,
            _(
                "In de status '%(status)s' kan geen route worden gekozen: start eerst het "
                "onderzoek (of heropen het dossier)."
            )
            % {"status": dossier.get_status_display()},
        )
        return redirect("dossiers:detail", pk=dossier.pk)
    if request.method == "POST":
        form = RouteForm(request.POST, stand=stand, vandaag=vandaag)
        if form.is_valid():
            try:
                diensten.kies_route(
                    dossier,
                    form.cleaned_data["route"],
                    gebruiker,
                    vandaag,
                    toelichting=form.cleaned_data["toelichting"],
                    motivering=form.cleaned_data["motivering"],
                )
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                _audit(
                    request,
                    AuditActie.WIJZIGEN,
                    dossier,
                    "route van een dossier kiezen (MAS)",
                    f"route {dossier.route}",
                )
                messages.success(
                    request,
                    _("De route is nu '%(route)s'.") % {"route": Route(dossier.route).label},
                )
                return redirect("dossiers:detail", pk=dossier.pk)
    else:
        form = RouteForm(stand=stand, vandaag=vandaag)
    _audit(request, AuditActie.LEZEN, dossier, "route van een dossier kiezen (MAS)")
    routes = [
        {"route": r, "redenen": mas.afwijkingen_route(stand, r, vandaag)}
        for r in Route
        if r != dossier.route
    ]
    return render(
        request,
        "dossiers/route.html",
        {"dossier": dossier, "form": form, "routes": routes, "stand": stand},
    )


@login_required
def actie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    if not dossier.is_open:
        messages.error(request, _("Het dossier is afgesloten; heropen het eerst."))
        return redirect("dossiers:detail", pk=dossier.pk)
    vandaag = tijd.vandaag()
    stand = mas.stand(dossier)
    if request.method == "POST":
        form = ActieForm(request.POST, stand=stand, vandaag=vandaag)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actie = diensten.leg_actie_vast(
                    dossier,
                    data["soort"],
                    gebruiker,
                    vandaag,
                    gepland_op=data["gepland_op"],
                    uiterlijk=data["uiterlijk"],
                    gedaan_op=data["gedaan_op"],
                    uitkomst=data["uitkomst"],
                    motivering=data["motivering"],
                )
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                _audit(
                    request,
                    AuditActie.AANMAKEN,
                    dossier,
                    "actie in een dossier vastleggen (MAS)",
                    f"actie #{actie.pk} {actie.soort}",
                )
                messages.success(
                    request,
                    _("De actie '%(actie)s' is vastgelegd.") % {"actie": actie.get_soort_display()},
                )
                return redirect("dossiers:detail", pk=dossier.pk)
    else:
        soort = request.GET.get("soort", "")
        form = ActieForm(
            initial={"soort": soort} if soort in ActieSoort.values else {},
            stand=stand,
            vandaag=vandaag,
        )
    _audit(request, AuditActie.LEZEN, dossier, "actie in een dossier vastleggen (MAS)")
    afwijkend = [
        {"soort": s, "redenen": mas.afwijkingen_actie(stand, s, vandaag)} for s in ActieSoort
    ]
    return render(
        request,
        "dossiers/actie.html",
        {
            "dossier": dossier,
            "form": form,
            "volgende": mas.volgende_stap(stand),
            "afwijkend": [a for a in afwijkend if a["redenen"]],
        },
    )


@login_required
def actie_afronden(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    actie = get_object_or_404(Actie, pk=actie_pk, dossier=dossier)
    if actie.is_gedaan:
        messages.info(request, _("Deze actie is al afgerond."))
        return redirect("dossiers:detail", pk=dossier.pk)
    vandaag = tijd.vandaag()
    if request.method == "POST":
        form = AfrondenForm(request.POST, vandaag=vandaag)
        if form.is_valid():
            try:
                diensten.rond_actie_af(
                    actie, form.cleaned_data["gedaan_op"], form.cleaned_data["uitkomst"], gebruiker
                )
            except StatusFout as exc:
                messages.error(request, str(exc))
            else:
                _audit(
                    request,
                    AuditActie.WIJZIGEN,
                    dossier,
                    "actie in een dossier afronden",
                    f"actie #{actie.pk} {actie.soort}",
                )
                messages.success(
                    request,
                    _("'%(actie)s' is vastgelegd als gedaan.")
                    % {"actie": actie.get_soort_display()},
                )
                return redirect("dossiers:detail", pk=dossier.pk)
    else:
        form = AfrondenForm(initial={"gedaan_op": vandaag}, vandaag=vandaag)
    _audit(request, AuditActie.LEZEN, dossier, "actie in een dossier afronden")
    return render(
        request, "dossiers/actie_afronden.html", {"dossier": dossier, "actie": actie, "form": form}
    )


@login_required
def notitie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    gebruiker = toegang.vereis_leerplichtambtenaar(request.user, dossier.bureau)
    if request.method == "POST":
        form = NotitieForm(request.POST)
        if form.is_valid():
            notitie = diensten.voeg_notitie_toe(dossier, form.cleaned_data["tekst"], gebruiker)
            _audit(
                request,
                AuditActie.AANMAKEN,
                dossier,
                "notitie in een dossier vastleggen",
                f"notitie #{notitie.pk}",
            )
            messages.success(request, _("De notitie is toegevoegd."))
            return redirect("dossiers:detail", pk=dossier.pk)
    else:
        form = NotitieForm()
    _audit(request, AuditActie.LEZEN, dossier, "notitie in een dossier vastleggen")
    return render(request, "dossiers/notitie.html", {"dossier": dossier, "form": form})


@login_required
def document_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = toegang.dossier(request.user, pk)
    if not toegang.mag_documenten_toevoegen(request.user, dossier.bureau):
        raise PermissionDenied(_("U kunt geen documenten toevoegen aan dit dossier."))
    gebruiker = _gebruiker(request)
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            document = Document(
                dossier=dossier,
                naam=veilige_naam(bestand.name or "document"),
                omschrijving=form.cleaned_data["omschrijving"].strip(),
                content_type=form.content_type,
                grootte=bestand.size or 0,
                door=gebruiker,
            )
            document.bestand.save(bestand.name or "document", bestand, save=False)
            document.save()
            _audit(
                request,
                AuditActie.AANMAKEN,
                dossier,
                "document aan een dossier toevoegen",
                f"document #{document.pk}",
            )
            messages.success(request, _("Het document is toegevoegd."))
            return redirect("dossiers:detail", pk=dossier.pk)
    else:
        form = DocumentForm()
    _audit(request, AuditActie.LEZEN, dossier, "document aan een dossier toevoegen")
    return render(request, "dossiers/document.html", {"dossier": dossier, "form": form})


@login_required
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A document, only for the office's staff; every read is in the audit log."""
    dossier = toegang.dossier(request.user, pk)
    gevonden = get_object_or_404(Document, pk=document_pk, dossier=dossier)
    try:
        handle = gevonden.bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Het bestand is niet gevonden.")) from exc
    _audit(
        request,
        AuditActie.LEZEN,
        dossier,
        "document uit een dossier inzien",
        f"document #{gevonden.pk}",
    )
    response = FileResponse(
        handle, as_attachment=True, filename=gevonden.naam, content_type=gevonden.content_type
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# -- the office's deadlines --------------------------------------------------------------------


@login_required
def instellingen(request: HttpRequest) -> HttpResponse:
    bureau = toegang.bureau(
        request.user,
        request.GET.get("bureau") or request.POST.get("bureau"),
        BureauRolSoort.LEERPLICHTAMBTENAAR,
    )
    instelling = DossierInstelling.objects.filter(bureau=bureau).first() or DossierInstelling(
        bureau=bureau
    )
    if request.method == "POST":
        form = InstellingForm(request.POST, instance=instelling)
        if form.is_valid():
            form.save()
            vastleggen(
                request.user,
                AuditActie.WIJZIGEN,
                form.instance,
                doel="termijnen voor dossiers instellen",
            )
            messages.success(request, _("De termijnen zijn opgeslagen."))
            return redirect(f"{reverse('dossiers:instellingen')}?bureau={bureau.pk}")
    else:
        form = InstellingForm(instance=instelling)
    return render(request, "dossiers/instellingen.html", {"bureau": bureau, "form": form})
