"""Letters to parents: editing the school's templates, making a letter for a reached protocol
step, and the letters sent per pupil.

- Templates: only beheerder, directeur and verzuimcoördinator of the school.
- Letters: everybody who sees the pupil (:func:`leerrecht.web.scholen.scope.leerlingen`):
  schoolwide roles and the docent/mentor of the pupil's group. Anything else is a 404.
- A letter is only made for a protocol step the pupil really reached on that day (checked with
  the evaluation at that day), and only once per template and step occurrence: asking again
  returns the stored letter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerrecht.core.calendar import CalendarError
from leerrecht.core.model import Signal
from leerrecht.web import evaluatie, taken
from leerrecht.web.brieven import sjabloontaal
from leerrecht.web.brieven.forms import EmailForm, SjabloonForm, StapForm, stappen
from leerrecht.web.brieven.models import BriefEmail, BriefSjabloon, VerzondenBrief
from leerrecht.web.brieven.pdf import BriefInhoud, brief_pdf, inhoud
from leerrecht.web.scholen import scope
from leerrecht.web.scholen.models import Leerling, RolSoort, School

#: who may edit the letter templates of a school
BEHEER_ROLLEN = (RolSoort.BEHEERDER, RolSoort.DIRECTEUR, RolSoort.COORDINATOR)


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _afzender(request: HttpRequest) -> str:
    user = _gebruiker(request)
    return user.get_full_name() or user.get_username()


def _beheer_scholen(request: HttpRequest) -> QuerySet[School]:
    return School.objects.filter(
        rollen__in=scope.rollen(request.user).filter(soort__in=list(BEHEER_ROLLEN))
    ).distinct()


def _beheer_school(request: HttpRequest) -> School:
    mine = _beheer_scholen(request)
    wanted = request.GET.get("school", "")
    school = mine.filter(pk=wanted).first() if wanted.isdigit() else mine.first()
    if school is None:
        raise Http404(_("U heeft geen rol waarmee u briefsjablonen mag beheren."))
    return school


def _variabelen() -> list[tuple[str, str]]:
    return [(f"{{{{ {naam} }}}}", str(uitleg)) for naam, uitleg in sjabloontaal.VARIABELEN]


def _inhoud(gegevens: sjabloontaal.Gegevens, sjabloon: BriefSjabloon) -> BriefInhoud:
    """Template + values -> what the letter says (for the preview)."""
    return BriefInhoud(
        school=gegevens.school,
        leerling=f"{gegevens.voornaam} {gegevens.achternaam}",
        datum=timezone.localdate(),
        onderwerp=sjabloontaal.render(sjabloon.onderwerp, gegevens),
        tekst=sjabloontaal.render(sjabloon.tekst, gegevens),
        afzender=gegevens.afzender,
    )


# -- templates -----------------------------------------------------------------------------


@login_required
@require_GET
def sjablonen(request: HttpRequest) -> HttpResponse:
    school = _beheer_school(request)
    titels = dict(stappen(school))
    rijen = [
        {"sjabloon": s, "stap": titels.get(s.stap, s.stap) if s.protocol else ""}
        for s in BriefSjabloon.objects.filter(school=school).select_related("gewijzigd_door")
    ]
    recent = VerzondenBrief.objects.filter(leerling__school=school).select_related(
        "leerling", "aangemaakt_door"
    )[:25]
    return render(
        request,
        "brieven/sjablonen.html",
        {"school": school, "scholen": _beheer_scholen(request), "rijen": rijen, "recent": recent},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sjabloon_nieuw(request: HttpRequest) -> HttpResponse:
    return _sjabloon_pagina(request, _beheer_school(request), BriefSjabloon())


@login_required
@require_http_methods(["GET", "POST"])
def sjabloon_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    sjabloon = get_object_or_404(BriefSjabloon.objects.select_related("school"), pk=pk)
    if not scope.heeft_rol(request.user, sjabloon.school, *BEHEER_ROLLEN):
        raise Http404(_("Dit sjabloon hoort niet bij uw rollen."))
    return _sjabloon_pagina(request, sjabloon.school, sjabloon)


def _sjabloon_pagina(request: HttpRequest, school: School, sjabloon: BriefSjabloon) -> HttpResponse:
    nieuw = sjabloon.pk is None
    voorbeeld = None
    if request.method == "POST":
        form = SjabloonForm(request.POST, instance=sjabloon, school=school)
        if form.is_valid():
            gegevens = sjabloontaal.voorbeeld(school.naam, _afzender(request), form.stap_titel())
            if request.POST.get("actie") != "voorbeeld":
                saved = form.save(commit=False)
                saved.gewijzigd_door = _gebruiker(request)
                saved.save()
                messages.success(
                    request, _("Sjabloon '%(naam)s' opgeslagen.") % {"naam": saved.naam}
                )
                return redirect(f"{reverse('brieven:sjablonen')}?school={school.pk}")
            voorbeeld = _inhoud(gegevens, form.instance)
    else:
        form = SjabloonForm(instance=sjabloon, school=school)
        if not nieuw:
            titel = form.titels.get(str(form.fields["koppeling"].initial), "")
            gegevens = sjabloontaal.voorbeeld(school.naam, _afzender(request), titel)
            voorbeeld = _inhoud(gegevens, sjabloon)
    return render(
        request,
        "brieven/sjabloon_form.html",
        {
            "school": school,
            "sjabloon": sjabloon,
            "nieuw": nieuw,
            "form": form,
            "voorbeeld": voorbeeld,
            "variabelen": _variabelen(),
            "tags": ", ".join(
                f"{{% {t} %}}" for t in ("if", "elif", "else", "endif", "firstof", "comment")
            ),
            "filters": ", ".join(f"|{f}" for f in sjabloontaal.TOEGESTANE_FILTERS),
        },
    )


# -- making a letter -----------------------------------------------------------------------


def _bereikte_stap(pupil: Leerling, protocol: str, stap: str, op: dt.date) -> Signal | None:
    """The signal of this step on this day, if the evaluation at that day really has it."""
    try:
        evaluation = evaluatie.evaluate_pupils(pupil.school, [pupil], op)
    except CalendarError:
        return None
    return next(
        (s for s in evaluation.signals if s.protocol == protocol and s.step == stap and s.on == op),
        None,
    )


def _gegevens(request: HttpRequest, pupil: Leerling, signal: Signal) -> sjabloontaal.Gegevens:
    return sjabloontaal.Gegevens(
        voornaam=pupil.voornaam,
        achternaam=pupil.achternaam,
        groep=pupil.groep.naam if pupil.groep else "",
        school=pupil.school.naam,
        datum=sjabloontaal.datum_nl(timezone.localdate()),
        stap_titel=signal.title,
        stap_datum=sjabloontaal.datum_nl(signal.on),
        stap_uitleg=signal.explanation.text,
        afzender=_afzender(request),
    )


def _keuzes(pupil: Leerling, signal: Signal) -> list[BriefSjabloon]:
    """The school's active templates for this step; the ones linked to the step first."""
    found = [
        s
        for s in BriefSjabloon.objects.filter(school=pupil.school, actief=True)
        if s.past_bij(signal.protocol, signal.step)
    ]
    return sorted(found, key=lambda s: (not s.stap, not s.protocol, s.naam.lower()))


def pdf_response(brief: VerzondenBrief) -> HttpResponse:
    response = HttpResponse(brief_pdf(brief), content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{brief.bestandsnaam()}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def brief_maken_url(pupil_id: int, protocol: str, stap: str, stap_datum: dt.date) -> str:
    query = {
        "leerling": pupil_id,
        "protocol": protocol,
        "stap": stap,
        "stap_datum": stap_datum.isoformat(),
    }
    return f"{reverse('brieven:maken')}?{urlencode(query)}"


@login_required
@require_http_methods(["GET", "POST"])
def maken(request: HttpRequest) -> HttpResponse:
    """GET: choose a template and preview the letter. POST: make it (or get the stored one) as
    PDF. Fields: leerling, protocol, stap, stap_datum (YYYY-MM-DD) and, to make it, sjabloon."""
    form = StapForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("Onvolledige aanvraag: leerling, protocol, stap en stap_datum zijn nodig.")
        )
    data = form.cleaned_data
    pupil = get_object_or_404(
        scope.leerlingen(request.user).select_related("school", "groep"), pk=data["leerling"]
    )
    if request.method == "POST":
        # asked again: the stored letter, also when the template changed or was switched off
        bestaand = VerzondenBrief.objects.filter(
            leerling=pupil,
            sjabloon_id=data["sjabloon"],
            protocol=data["protocol"],
            stap=data["stap"],
            stap_datum=data["stap_datum"],
        ).first()
        if bestaand is not None:
            return pdf_response(bestaand)
    signal = _bereikte_stap(pupil, data["protocol"], data["stap"], data["stap_datum"])
    if signal is None:
        raise Http404(_("Deze stap is voor deze leerling op deze datum niet bereikt."))
    keuzes = _keuzes(pupil, signal)
    gekozen = next((s for s in keuzes if s.pk == data["sjabloon"]), None)
    if request.method == "POST":
        if gekozen is None:
            raise Http404(_("Dit sjabloon kan niet worden gebruikt voor deze stap."))
        gegevens = _gegevens(request, pupil, signal)
        brief, _nieuw = VerzondenBrief.objects.get_or_create(
            leerling=pupil,
            sjabloon=gekozen,
            protocol=signal.protocol,
            stap=signal.step,
            stap_datum=signal.on,
            defaults={
                "stap_titel": signal.title[:500],
                "school_naam": pupil.school.naam,
                "leerling_naam": str(pupil),
                "datum": timezone.localdate(),
                "onderwerp": sjabloontaal.render(gekozen.onderwerp, gegevens),
                "tekst": sjabloontaal.render(gekozen.tekst, gegevens),
                "afzender": gegevens.afzender,
                "aangemaakt_door": _gebruiker(request),
            },
        )
        return pdf_response(brief)
    gekozen = gekozen or (keuzes[0] if keuzes else None)
    bestaande = list(
        VerzondenBrief.objects.filter(
            leerling=pupil, protocol=signal.protocol, stap=signal.step, stap_datum=signal.on
        ).select_related("aangemaakt_door", "sjabloon")
    )
    al_gemaakt = next((b for b in bestaande if gekozen and b.sjabloon_id == gekozen.pk), None)
    voorbeeld = None
    if al_gemaakt is not None:
        voorbeeld = inhoud(al_gemaakt)
    elif gekozen is not None:
        voorbeeld = _inhoud(_gegevens(request, pupil, signal), gekozen)
    return render(
        request,
        "brieven/maken.html",
        {
            "leerling": pupil,
            "signaal": signal,
            "keuzes": keuzes,
            "gekozen": gekozen,
            "bestaande": bestaande,
            "al_gemaakt": al_gemaakt,
            "voorbeeld": voorbeeld,
            "beheer": scope.heeft_rol(request.user, pupil.school, *BEHEER_ROLLEN),
        },
    )


# -- letters per pupil ---------------------------------------------------------------------


@login_required
@require_GET
def leerling(request: HttpRequest, leerling_id: int) -> HttpResponse:
    pupil = get_object_or_404(
        scope.leerlingen(request.user).select_related("school", "groep"), pk=leerling_id
    )
    brieven = (
        VerzondenBrief.objects.filter(leerling=pupil)
        .select_related("aangemaakt_door", "sjabloon")
        .prefetch_related("emails")
    )
    rijen: list[dict[str, Any]] = []
    vandaag = timezone.localdate()
    try:
        evaluation = evaluatie.evaluate_pupils(pupil.school, [pupil], vandaag)
    except CalendarError as exc:
        messages.error(request, str(exc))
    else:
        gemaakt = {(b.protocol, b.stap, b.stap_datum) for b in brieven}
        for s in sorted(evaluation.signals, key=lambda s: s.on, reverse=True)[:20]:
            rijen.append(
                {
                    "signaal": s,
                    "url": brief_maken_url(pupil.pk, s.protocol, s.step, s.on),
                    "gemaakt": (s.protocol, s.step, s.on) in gemaakt,
                }
            )
    return render(
        request,
        "brieven/leerling.html",
        {
            "leerling": pupil,
            "brieven": brieven,
            "stappen": rijen,
            "vandaag": vandaag,
            "email": settings.LEERRECHT_EMAIL,
        },
    )


@login_required
@require_POST
def email(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a stored letter by e-mail, in the background (``leerrecht.mail_brief``)."""
    brief = get_object_or_404(
        VerzondenBrief.objects.filter(leerling__in=scope.leerlingen(request.user)), pk=pk
    )
    if not settings.LEERRECHT_EMAIL:
        raise Http404(_("Versturen per e-mail is niet ingesteld."))
    form = EmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Niet verstuurd: vul een geldig e-mailadres in."))
        return redirect("brieven:leerling", leerling_id=brief.leerling_id)
    verzending = BriefEmail.objects.create(
        brief=brief, aan=form.cleaned_data["aan"], gevraagd_door=_gebruiker(request)
    )
    # after the commit, so a worker always finds the row
    transaction.on_commit(lambda: taken.mail_brief.delay(verzending.pk))
    messages.success(
        request,
        _("De brief gaat per e-mail naar %(aan)s; de status staat bij de brief.")
        % {"aan": verzending.aan},
    )
    return redirect("brieven:leerling", leerling_id=brief.leerling_id)


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a stored letter again (the same letter as when it was made)."""
    brief = get_object_or_404(
        VerzondenBrief.objects.filter(leerling__in=scope.leerlingen(request.user)), pk=pk
    )
    return pdf_response(brief)
