"""Pages of the leerplicht office: start, inbox, a melding with the young person's history,
the jeugdige and a pupil record, contact persons per school, and the import from DUO.

Only staff of an office (:class:`~leerrecht.web.leerplicht.models.BureauRol`) may use them, and
only for their own offices: everything is fetched through :mod:`leerrecht.web.leerplicht.scope`,
and anything outside it does not exist (404). Status and terugkoppeling are the
leerplichtambtenaar's; the administratie reads the inbox, imports and keeps the contact persons.
Every page that shows or changes data about a young person writes an audit row.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht import duo_import, scope, statussen
from leerrecht.web.leerplicht.forms import (
    BehandelForm,
    ContactpersoonForm,
    ImportForm,
    InboxFilter,
)
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Contactpersoon,
    InboxMelding,
    Jeugdige,
)
from leerrecht.web.leerplicht.ontvangst import leerlingen_in_gebied, meldingen_van
from leerrecht.web.meldingen.models import Status
from leerrecht.web.scholen.models import School

PER_PAGINA = 50
ALLE_ROLLEN = (BureauRolSoort.LEERPLICHTAMBTENAAR, BureauRolSoort.ADMINISTRATIE)


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _bureaus(request: HttpRequest) -> QuerySet[Bureau]:
    mine = scope.bureaus(request.user)
    if not mine.exists():
        raise Http404(_("U heeft geen rol bij een leerplichtbureau."))
    return mine


def _bureau(request: HttpRequest, wanted: str | None) -> Bureau:
    """One of the user's offices (``?bureau=``), the first when none is asked for."""
    mine = _bureaus(request)
    bureau = mine.filter(pk=wanted).first() if wanted and wanted.isdigit() else mine.first()
    if bureau is None:
        raise Http404(_("Dit leerplichtbureau bestaat niet."))
    return bureau


def _inbox_melding(request: HttpRequest, pk: int) -> InboxMelding:
    return get_object_or_404(
        InboxMelding.objects.select_related(
            "bureau",
            "jeugdige",
            "jeugdige__gemeente",
            "behandelaar",
            "duo_melding",
            "duo_melding__school",
            "duo_melding__leerling",
        ),
        pk=pk,
        bureau__in=scope.bureaus(request.user),
    )


def _aantallen(meldingen: QuerySet[InboxMelding]) -> dict[str, int]:
    return {
        row["status"]: row["n"]
        for row in meldingen.order_by().values("status").annotate(n=Count("pk"))
    }


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The office's start page: the inbox counts per status and the links."""
    bureaus = list(_bureaus(request))
    user = _gebruiker(request)
    rijen = []
    for bureau in bureaus:
        inbox = InboxMelding.objects.filter(bureau=bureau)
        aantallen = _aantallen(inbox)
        rijen.append(
            {
                "bureau": bureau,
                "statussen": [
                    (s.value, s.label, aantallen.get(s.value, 0))
                    for s in Status
                    if s != Status.CONCEPT
                ],
                "nieuw": aantallen.get(Status.GEMELD.value, 0),
                "mijn": inbox.filter(behandelaar=user, status=Status.IN_BEHANDELING).count(),
                "gemeenten": [
                    w.gemeente.naam for w in bureau.werkgebied.select_related("gemeente")
                ],
                "rollen": [r.get_soort_display() for r in scope.rollen(user).filter(bureau=bureau)],
            }
        )
    return render(request, "leerplicht/start.html", {"rijen": rijen})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox of the user's offices: filters, newest first, counts per status."""
    bureaus = _bureaus(request)
    alle = InboxMelding.objects.filter(bureau__in=bureaus)
    gemeenten = [(str(g.pk), g.naam) for g in scope.gemeenten(request.user).order_by("naam")]
    scholen = sorted(set(alle.values_list("school_naam", flat=True)))
    filter_form = InboxFilter(
        request.GET or None, aantallen=_aantallen(alle), gemeenten=gemeenten, scholen=scholen
    )
    meldingen = alle
    gekozen: dict[str, str] = {}
    if filter_form.is_valid():
        gekozen = {k: v for k, v in filter_form.cleaned_data.items() if v}
        if "status" in gekozen:
            meldingen = meldingen.filter(status=gekozen["status"])
        if "gemeente" in gekozen:
            meldingen = meldingen.filter(jeugdige__gemeente_id=gekozen["gemeente"])
        if "school" in gekozen:
            meldingen = meldingen.filter(school_naam=gekozen["school"])
        if "soort" in gekozen:
            meldingen = meldingen.filter(soort=gekozen["soort"])
    meldingen = meldingen.select_related("jeugdige", "jeugdige__gemeente", "behandelaar", "bureau")
    pagina = Paginator(meldingen.order_by("-ontvangen_op", "-pk"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    vastleggen(
        request.user,
        Actie.LEZEN,
        "inbox leerplicht",
        doel="inbox van het leerplichtbureau bekijken",
        omschrijving=f"{len(pagina.object_list)} meldingen getoond",
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "leerplicht/inbox.html",
        {
            "filter": filter_form,
            "pagina": pagina,
            "meer_bureaus": bureaus.count() > 1,
            "query": query.urlencode(),
            "gefilterd": bool(gekozen),
        },
    )


def _behandel_form(
    melding: InboxMelding, data: Any = None, initial: dict[str, Any] | None = None
) -> BehandelForm:
    keuzes = [Status(melding.status), *statussen.toegestaan(melding.status)]
    return BehandelForm(
        data,
        initial=initial
        or {
            "status": melding.status,
            "behandelaar": str(melding.behandelaar_id or ""),
            "terugkoppeling": melding.terugkoppeling,
        },
        statussen=keuzes,
        behandelaars=statussen.behandelaars(melding),
    )


def _geschiedenis(jeugdige: Jeugdige) -> dict[str, Any]:
    """The young person's history across schools: meldingen and the linked pupil records."""
    return {
        "meldingen": list(meldingen_van(jeugdige)),
        "inschrijvingen": list(
            jeugdige.leerlingen.select_related("school").order_by("-ingeschreven_vanaf")
        ),
    }


def _mag_behandelen(request: HttpRequest, melding: InboxMelding) -> bool:
    return scope.heeft_rol(request.user, melding.bureau, BureauRolSoort.LEERPLICHTAMBTENAAR)


@login_required
def melding(request: HttpRequest, pk: int) -> HttpResponse:
    """One inbox melding: the school's explanation, the contact person, the young person's
    history across schools, the handling and its history."""
    item = _inbox_melding(request, pk)
    vastleggen(
        request.user,
        Actie.LEZEN,
        item,
        doel="melding in de inbox behandelen",
        leerling_id=item.duo_melding.leerling_id if item.duo_melding else None,
    )
    mag = _mag_behandelen(request, item)
    context: dict[str, Any] = {
        "melding": item,
        "jeugdige": item.jeugdige,
        "school_melding": item.duo_melding,
        "geschiedenis": item.geschiedenis.select_related("door"),
        "mag_behandelen": mag,
        "form": _behandel_form(item) if mag and item.status != Status.INGETROKKEN else None,
        **_geschiedenis(item.jeugdige),
    }
    return render(request, "leerplicht/melding.html", context)


@login_required
@require_POST
def behandelen(request: HttpRequest, pk: int) -> HttpResponse:
    item = _inbox_melding(request, pk)
    if not _mag_behandelen(request, item):
        raise PermissionDenied(_("Alleen de leerplichtambtenaar behandelt een melding."))
    form = _behandel_form(item, request.POST)
    if not form.is_valid():
        fouten = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("Niet opgeslagen: %(fouten)s") % {"fouten": fouten})
        return redirect("leerplicht:melding", pk=item.pk)
    data = form.cleaned_data
    behandelaar = (
        User.objects.filter(pk=data["behandelaar"]).first() if data["behandelaar"] else None
    )
    try:
        statussen.wijzig_status(
            item,
            data["status"],
            _gebruiker(request),
            terugkoppeling=data["terugkoppeling"],
            behandelaar=behandelaar,
        )
    except statussen.StatusFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Opgeslagen: de status is '%(status)s'; de school ziet de terugkoppeling.")
            % {"status": item.status_label},
        )
    return redirect("leerplicht:melding", pk=item.pk)


@login_required
def jeugdige(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's record of one young person: every melding and every school."""
    persoon = get_object_or_404(
        scope.jeugdigen(request.user).select_related("bureau", "gemeente"), pk=pk
    )
    vastleggen(
        request.user, Actie.LEZEN, persoon, doel="geschiedenis van een jeugdige over scholen heen"
    )
    return render(
        request, "leerplicht/jeugdige.html", {"jeugdige": persoon, **_geschiedenis(persoon)}
    )


@login_required
def leerling(request: HttpRequest, pk: int) -> HttpResponse:
    """A pupil record at a platform school, as the office sees it: only a pupil living in the
    office's area or linked to one of its jeugdigen (scope.leerlingen), else 404."""
    _bureaus(request)
    pupil = get_object_or_404(scope.leerlingen(request.user).select_related("school"), pk=pk)
    vastleggen(
        request.user,
        Actie.LEZEN,
        pupil,
        doel="inschrijving van een leerling in het werkgebied bekijken",
        leerling_id=pupil.pk,
    )
    mijn_jeugdigen = scope.jeugdigen(request.user).filter(leerlingen=pupil)
    meldingen = InboxMelding.objects.filter(
        bureau__in=scope.bureaus(request.user), duo_melding__leerling=pupil
    ).order_by("-begin")
    return render(
        request,
        "leerplicht/leerling.html",
        {"leerling": pupil, "jeugdigen": mijn_jeugdigen, "meldingen": meldingen},
    )


def _kandidaat_scholen(bureau: Bureau) -> QuerySet[School]:
    """Schools with pupils in the office's area, meldingen in its inbox or a contact person."""
    return (
        School.objects.filter(
            Q(leerlingen__in=leerlingen_in_gebied(bureau))
            | Q(duo_meldingen__ontvangst__bureau=bureau)
            | Q(contactpersonen__bureau=bureau)
        )
        .distinct()
        .order_by("naam")
    )


def _consulenten(bureau: Bureau) -> list[User]:
    ids = BureauRol.objects.filter(
        bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    ).values_list("gebruiker_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


@login_required
def contactpersonen(request: HttpRequest) -> HttpResponse:
    """Which consulent leerrecht handles which school (seed 000 bijlage 1)."""
    bureau = _bureau(request, request.POST.get("bureau") or request.GET.get("bureau"))
    if not scope.heeft_rol(request.user, bureau, *ALLE_ROLLEN):
        raise Http404(_("U heeft geen rol bij dit leerplichtbureau."))
    consulenten = _consulenten(bureau)
    if request.method == "POST":
        form = ContactpersoonForm(request.POST, consulenten=consulenten)
        gekozen = str(request.POST.get("school", ""))
        school = (
            _kandidaat_scholen(bureau).filter(pk=int(gekozen)).first()
            if gekozen.isdigit()
            else None
        )
        if school is None:
            raise Http404(_("Deze school hoort niet bij dit leerplichtbureau."))
        if form.is_valid():
            consulent_id = form.cleaned_data["consulent"]
            if consulent_id:
                Contactpersoon.objects.update_or_create(
                    bureau=bureau, school=school, defaults={"consulent_id": int(consulent_id)}
                )
                messages.success(
                    request,
                    _("De consulent leerrecht voor %(school)s is opgeslagen.")
                    % {"school": school.naam},
                )
            else:
                Contactpersoon.objects.filter(bureau=bureau, school=school).delete()
                messages.success(
                    request,
                    _("%(school)s heeft geen consulent leerrecht meer bij dit bureau.")
                    % {"school": school.naam},
                )
            vastleggen(
                request.user,
                Actie.WIJZIGEN,
                f"contactpersoon {bureau.naam} / {school.naam}",
                doel="consulent leerrecht per school instellen",
            )
        else:
            messages.error(request, _("Niet opgeslagen: kies een consulent uit de lijst."))
        return redirect(f"{reverse('leerplicht:contactpersonen')}?bureau={bureau.pk}")
    huidige = {
        c.school_id: c
        for c in Contactpersoon.objects.filter(bureau=bureau).select_related("consulent")
    }
    rijen = [
        {
            "school": school,
            "contact": huidige.get(school.pk),
            "form": ContactpersoonForm(
                initial={
                    "school": school.pk,
                    "consulent": str(huidige[school.pk].consulent_id)
                    if school.pk in huidige
                    else "",
                },
                consulenten=consulenten,
                auto_id=f"id_s{school.pk}_%s",
            ),
        }
        for school in _kandidaat_scholen(bureau)
    ]
    return render(
        request,
        "leerplicht/contactpersonen.html",
        {
            "bureau": bureau,
            "bureaus": _bureaus(request),
            "rijen": rijen,
            "consulenten": consulenten,
        },
    )


@login_required
def importeren(request: HttpRequest) -> HttpResponse:
    """Upload a CSV from DUO's verzuimloket, see what it holds, then import all or nothing."""
    bureau = _bureau(request, request.POST.get("bureau") or request.GET.get("bureau"))
    if not scope.heeft_rol(request.user, bureau, *ALLE_ROLLEN):
        raise Http404(_("U heeft geen rol bij dit leerplichtbureau."))
    context: dict[str, Any] = {"bureau": bureau, "bureaus": _bureaus(request)}
    if request.method != "POST":
        context["form"] = ImportForm()
        return render(request, "leerplicht/importeren.html", context)

    if "inhoud" in request.POST:  # step 2: confirm the previewed file
        try:
            tekst = base64.b64decode(request.POST["inhoud"], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            messages.error(request, _("Het bestand is onderweg veranderd; laad het opnieuw."))
            return redirect(f"{reverse('leerplicht:importeren')}?bureau={bureau.pk}")
        resultaat = duo_import.lees(tekst, bureau)
        if not resultaat.goed:
            context.update({"form": ImportForm(), "resultaat": resultaat})
            return render(request, "leerplicht/importeren.html", context)
        gemaakt = duo_import.voer_uit(bureau, resultaat.rijen, _gebruiker(request))
        messages.success(
            request,
            ngettext(
                "%(n)d melding geïmporteerd in de inbox.",
                "%(n)d meldingen geïmporteerd in de inbox.",
                len(gemaakt),
            )
            % {"n": len(gemaakt)},
        )
        for regel in resultaat.overgeslagen:
            messages.info(request, regel)
        return redirect(f"{reverse('leerplicht:inbox')}?status={Status.GEMELD.value}")

    form = ImportForm(request.POST, request.FILES)  # step 1: check the file
    context["form"] = form
    if not form.is_valid():
        return render(request, "leerplicht/importeren.html", context)
    bestand = form.cleaned_data["bestand"]
    if bestand.size > duo_import.MAX_BYTES:
        form.add_error("bestand", _("Het bestand is groter dan 2 MB."))
        return render(request, "leerplicht/importeren.html", context)
    tekst = duo_import.decodeer(bestand.read())
    resultaat = duo_import.lees(tekst, bureau)
    context.update(
        {
            "resultaat": resultaat,
            # the checked file goes along with the confirmation, unchanged (base64)
            "inhoud": base64.b64encode(tekst.encode("utf-8")).decode("ascii"),
        }
    )
    return render(request, "leerplicht/importeren.html", context)
