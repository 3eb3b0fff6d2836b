"""JGZ pages: the jeugdarts' referrals (invite, appeared or not, advice, consent) and the school's
side (refer a pupil, follow the status, see the advice only with consent, report overig verzuim
after missed consults).

Access (:mod:`leerrecht.web.jgz.scope`): the jeugdarts only sees referrals to their own
organisation; school staff only the referrals of pupils they may refer. Everything else is a
404, as if the referral did not exist. Every read and write is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrPromise

from leerrecht.core.leerplicht import age_on
from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.jgz import scope, tijd
from leerrecht.web.jgz.forms import (
    IntrekkenForm,
    KiesLeerlingForm,
    StatusForm,
    ToestemmingForm,
    VerwijzingForm,
)
from leerrecht.web.jgz.melding import GeenMelding, maak_concept
from leerrecht.web.jgz.models import (
    JgzOrganisatie,
    Status,
    Toestemming,
    Verwijzing,
    VerwijzingWijziging,
)
from leerrecht.web.jgz.statussen import (
    StatusFout,
    drempel,
    mag_overig_verzuim_melden,
    toegestaan,
    wijzig_status,
)
from leerrecht.web.jgz.telling import tel

#: final statuses: nothing follows
AFGEROND = (Status.AFGESLOTEN, Status.INGETROKKEN)

KNOP: dict[str, StrPromise] = {
    Status.UITGENODIGD: gettext_lazy("Uitgenodigd"),
    Status.VERSCHENEN: gettext_lazy("Verschenen"),
    Status.NIET_VERSCHENEN: gettext_lazy("Niet verschenen"),
    Status.ADVIES_GEGEVEN: gettext_lazy("Advies vastleggen"),
    Status.AFGESLOTEN: gettext_lazy("Afsluiten"),
    Status.INGETROKKEN: gettext_lazy("Verwijzing intrekken"),
}
DATUM_LABEL: dict[str, StrPromise] = {
    Status.UITGENODIGD: gettext_lazy("Datum van de afspraak"),
    Status.VERSCHENEN: gettext_lazy("Datum van het consult"),
    Status.NIET_VERSCHENEN: gettext_lazy("Datum van het consult"),
    Status.ADVIES_GEGEVEN: gettext_lazy("Datum van het advies"),
    Status.AFGESLOTEN: gettext_lazy("Datum"),
}

# audit purposes (stored, so Dutch whatever the screen language)
DOEL_JGZ_LEZEN = "M@ZL-verwijzing behandelen (jeugdarts)"
DOEL_JGZ_WIJZIGEN = "M@ZL-verwijzing: status, advies of toestemming vastleggen (jeugdarts)"
DOEL_SCHOOL_LEZEN = "M@ZL-verwijzing volgen (school)"
DOEL_SCHOOL_AANMELDEN = "M@ZL-verwijzing naar de jeugdarts (school)"


def _gebruiker(request: HttpRequest) -> User:
    return cast(User, request.user)


def _met_geschiedenis(qs: QuerySet[Verwijzing]) -> QuerySet[Verwijzing]:
    return qs.select_related(
        "leerling", "leerling__groep", "school", "organisatie", "aangemeld_door", "advies_door"
    ).prefetch_related("geschiedenis__door", "toestemmingen")


def _log_lijst(request: HttpRequest, verwijzingen: list[Verwijzing], doel: str) -> None:
    for v in verwijzingen:
        vastleggen(request.user, Actie.LEZEN, v, doel=doel, omschrijving="in de lijst")


# -- the jeugdarts ---------------------------------------------------------------------------


def _jgz_verwijzing(request: HttpRequest, pk: int) -> Verwijzing:
    return get_object_or_404(_met_geschiedenis(scope.verwijzingen_jgz(request.user)), pk=pk)


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    if not scope.is_jgz(request.user):
        raise Http404(_("U heeft geen rol bij een JGZ-organisatie."))
    alle = _met_geschiedenis(scope.verwijzingen_jgz(request.user))
    lopend = list(alle.exclude(status__in=AFGEROND).order_by("aangemeld_op", "pk"))
    afgerond = list(alle.filter(status__in=AFGEROND).order_by("-gewijzigd_op", "-pk")[:100])
    _log_lijst(request, lopend + afgerond, DOEL_JGZ_LEZEN)
    return render(
        request,
        "jgz/lijst.html",
        {
            "organisaties": scope.organisaties(request.user),
            "lopend": lopend,
            "afgerond": afgerond,
        },
    )


def _overgangen(verwijzing: Verwijzing) -> list[dict[str, Any]]:
    vandaag = tijd.vandaag()
    rijen = []
    for s in toegestaan(verwijzing.status, school=False):
        if s in (Status.VERSCHENEN, Status.NIET_VERSCHENEN):
            datum = min(verwijzing.afspraak_op or vandaag, vandaag)
        elif s == Status.UITGENODIGD:
            datum = None
        else:
            datum = vandaag
        rijen.append(
            {
                "naar": s.value,
                "label": KNOP[s],
                "datum_label": DATUM_LABEL[s],
                "datum": datum,
                "advies": s == Status.ADVIES_GEGEVEN,
            }
        )
    return rijen


@login_required
def verwijzing(request: HttpRequest, pk: int) -> HttpResponse:
    v = _jgz_verwijzing(request, pk)
    vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_JGZ_LEZEN)
    vandaag = tijd.vandaag()
    toestemmingen = list(v.toestemmingen.all())
    return render(
        request,
        "jgz/verwijzing.html",
        {
            "v": v,
            "leerling": v.leerling,
            "leeftijd": age_on(v.leerling.geboortedatum, vandaag),
            "overgangen": _overgangen(v),
            "geschiedenis": v.geschiedenis.all(),
            "toestemmingen": toestemmingen,
            "actieve_toestemming": v.actieve_toestemming(),
            "toestemming_form": (
                ToestemmingForm(verwijzing=v, initial={"gegeven_op": vandaag})
                if v.status != Status.INGETROKKEN
                else None
            ),
            "intrekken_form": IntrekkenForm(),
            "drempel": drempel(v),
            "mag_melden": mag_overig_verzuim_melden(v),
        },
    )


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    v = _jgz_verwijzing(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        fouten = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("De status is niet gewijzigd: %(fouten)s") % {"fouten": fouten})
        return redirect("jgz:verwijzing", pk=v.pk)
    data = form.cleaned_data
    try:
        wijzig_status(
            v,
            data["naar"],
            _gebruiker(request),
            school=False,
            datum=data["datum"],
            advies=data["advies"],
        )
    except StatusFout as exc:
        messages.error(request, str(exc))
    else:
        vastleggen(
            request.user,
            Actie.WIJZIGEN,
            v,
            doel=DOEL_JGZ_WIJZIGEN,
            omschrijving=f"status {v.status}",
        )
        messages.success(
            request, _("De status is nu '%(status)s'.") % {"status": Status(v.status).label}
        )
    return redirect("jgz:verwijzing", pk=v.pk)


@login_required
@require_http_methods(["GET", "POST"])
def toestemming(request: HttpRequest, pk: int) -> HttpResponse:
    v = _jgz_verwijzing(request, pk)
    if v.status == Status.INGETROKKEN:
        messages.error(request, _("Deze verwijzing is ingetrokken."))
        return redirect("jgz:verwijzing", pk=v.pk)
    form = ToestemmingForm(request.POST or None, verwijzing=v)
    if request.method == "POST" and form.is_valid():
        nieuw = form.save(commit=False)
        nieuw.verwijzing = v
        nieuw.vastgelegd_door = _gebruiker(request)
        nieuw.save()
        vastleggen(
            request.user,
            Actie.AANMAKEN,
            nieuw,
            doel=DOEL_JGZ_WIJZIGEN,
            leerling_id=v.leerling_id,
            omschrijving="toestemming om het advies te delen",
        )
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("jgz:verwijzing", pk=v.pk)
    vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_JGZ_LEZEN)
    return render(request, "jgz/toestemming.html", {"v": v, "form": form})


@login_required
@require_POST
def toestemming_intrekken(request: HttpRequest, pk: int, toestemming_id: int) -> HttpResponse:
    v = _jgz_verwijzing(request, pk)
    form = IntrekkenForm(request.POST)
    with transaction.atomic():
        t = get_object_or_404(
            Toestemming.objects.select_for_update(),
            pk=toestemming_id,
            verwijzing=v,
            ingetrokken_op__isnull=True,
        )
        if not form.is_valid():
            messages.error(request, _("Vul een geldige datum in."))
            return redirect("jgz:verwijzing", pk=v.pk)
        dag = form.cleaned_data["ingetrokken_op"]
        if dag < t.gegeven_op or dag > tijd.vandaag():
            messages.error(
                request,
                _("De intrekking ligt tussen de dag van de toestemming en vandaag."),
            )
            return redirect("jgz:verwijzing", pk=v.pk)
        t.ingetrokken_op = dag
        t.intrekking_vastgelegd_door = _gebruiker(request)
        t.save(update_fields=["ingetrokken_op", "intrekking_vastgelegd_door"])
    vastleggen(
        request.user,
        Actie.WIJZIGEN,
        t,
        doel=DOEL_JGZ_WIJZIGEN,
        leerling_id=v.leerling_id,
        omschrijving="toestemming ingetrokken",
    )
    messages.success(request, _("De intrekking van de toestemming is vastgelegd."))
    return redirect("jgz:verwijzing", pk=v.pk)


# -- the school ------------------------------------------------------------------------------


def _school_verwijzing(request: HttpRequest, pk: int) -> Verwijzing:
    return get_object_or_404(_met_geschiedenis(scope.verwijzingen_school(request.user)), pk=pk)


@login_required
def school_lijst(request: HttpRequest) -> HttpResponse:
    if not scope.scholen(request.user).exists():
        raise Http404(_("U verwijst geen leerlingen naar de jeugdarts."))
    alle = _met_geschiedenis(scope.verwijzingen_school(request.user))
    lopend = list(alle.exclude(status__in=AFGEROND).order_by("-aangemeld_op", "-pk"))
    afgerond = list(alle.filter(status__in=AFGEROND).order_by("-gewijzigd_op", "-pk")[:100])
    _log_lijst(request, lopend + afgerond, DOEL_SCHOOL_LEZEN)
    return render(
        request,
        "jgz/school_lijst.html",
        {
            "lopend": [_school_rij(v) for v in lopend],
            "afgerond": [_school_rij(v) for v in afgerond],
            "kies_form": KiesLeerlingForm(leerlingen=scope.leerlingen(request.user)),
        },
    )


def _school_rij(v: Verwijzing) -> dict[str, Any]:
    return {"v": v, "mag_melden": mag_overig_verzuim_melden(v)}


@login_required
@require_http_methods(["GET", "POST"])
def school_nieuw(request: HttpRequest) -> HttpResponse:
    gekozen = request.POST.get("leerling") or request.GET.get("leerling") or ""
    if not gekozen.isdigit():
        return redirect("jgz:school_lijst")
    leerling = get_object_or_404(
        scope.leerlingen(request.user).select_related("school", "groep"), pk=int(gekozen)
    )
    lopend = Verwijzing.objects.filter(leerling=leerling).exclude(status__in=AFGEROND).first()
    if lopend is not None:
        messages.info(
            request,
            _("Deze leerling heeft al een lopende verwijzing naar de jeugdarts."),
        )
        return redirect("jgz:school_verwijzing", pk=lopend.pk)
    organisaties = JgzOrganisatie.objects.filter(scholen=leerling.school)
    vandaag = tijd.vandaag()
    form: VerwijzingForm | None = None
    telling = None
    if organisaties.exists():
        if request.method == "POST":
            form = VerwijzingForm(request.POST, organisaties=organisaties)
            if form.is_valid():
                v = _meld_aan(request, form, leerling)
                messages.success(
                    request,
                    _("%(leerling)s is aangemeld bij %(organisatie)s.")
                    % {"leerling": leerling, "organisatie": v.organisatie},
                )
                return redirect("jgz:school_verwijzing", pk=v.pk)
        else:
            telling = tel(leerling, vandaag)
            initial: dict[str, Any] = {"organisatie": organisaties.first()}
            if telling is not None:
                initial.update(
                    ziekmeldingen_12_weken=telling.ziekmeldingen_12_weken,
                    schooldagen_laatste_ziekmelding=telling.schooldagen_laatste_ziekmelding,
                    schooldagen_ziek_schooljaar=telling.schooldagen_ziek_schooljaar,
                )
            form = VerwijzingForm(organisaties=organisaties, initial=initial)
            vastleggen(
                request.user,
                Actie.LEZEN,
                leerling,
                doel=DOEL_SCHOOL_AANMELDEN,
                omschrijving="ziekmeldingen geteld voor de aanmelding",
            )
    return render(
        request,
        "jgz/school_nieuw.html",
        {"leerling": leerling, "form": form, "telling": telling, "vandaag": vandaag},
    )


def _meld_aan(request: HttpRequest, form: VerwijzingForm, leerling: Any) -> Verwijzing:
    with transaction.atomic():
        v = form.save(commit=False)
        v.school = leerling.school
        v.leerling = leerling
        v.aangemeld_door = _gebruiker(request)
        v.aangemeld_op = tijd.vandaag()
        v.status = Status.AANGEMELD
        v.save()
        VerwijzingWijziging.objects.create(
            verwijzing=v, van="", naar=Status.AANGEMELD, datum=v.aangemeld_op, door=v.aangemeld_door
        )
    vastleggen(request.user, Actie.AANMAKEN, v, doel=DOEL_SCHOOL_AANMELDEN)
    return v


@login_required
def school_verwijzing(request: HttpRequest, pk: int) -> HttpResponse:
    v = _school_verwijzing(request, pk)
    vastleggen(request.user, Actie.LEZEN, v, doel=DOEL_SCHOOL_LEZEN)
    return render(
        request,
        "jgz/school_verwijzing.html",
        {
            "v": v,
            "leerling": v.leerling,
            "geschiedenis": v.geschiedenis.all(),
            "advies": v.advies_voor_school(),
            "mag_melden": mag_overig_verzuim_melden(v),
            "drempel": drempel(v),
            "kan_melden": scope.schoolbreed(request.user, v.school),
            "kan_intrekken": Status.INGETROKKEN in toegestaan(v.status, school=True),
        },
    )


@login_required
@require_POST
def school_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    v = _school_verwijzing(request, pk)
    try:
        wijzig_status(v, Status.INGETROKKEN, _gebruiker(request), school=True)
    except StatusFout as exc:
        messages.error(request, str(exc))
    else:
        vastleggen(
            request.user,
            Actie.WIJZIGEN,
            v,
            doel=DOEL_SCHOOL_AANMELDEN,
            omschrijving="verwijzing ingetrokken",
        )
        messages.success(request, _("De verwijzing is ingetrokken."))
    return redirect("jgz:school_verwijzing", pk=v.pk)


@login_required
@require_POST
def school_overig_verzuim(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare the concept melding overig verzuim (the coördinator or directeur reports it)."""
    v = _school_verwijzing(request, pk)
    if not scope.schoolbreed(request.user, v.school):
        raise PermissionDenied(
            _("De verzuimcoördinator of de directeur maakt de melding overig verzuim.")
        )
    try:
        melding, nieuw = maak_concept(v, _gebruiker(request))
    except GeenMelding as exc:
        messages.error(request, str(exc))
        return redirect("jgz:school_verwijzing", pk=v.pk)
    if nieuw:
        vastleggen(
            request.user,
            Actie.AANMAKEN,
            melding,
            doel=DOEL_SCHOOL_AANMELDEN,
            omschrijving="concept melding overig verzuim na niet verschijnen bij de jeugdarts",
        )
        messages.success(
            request,
            _(
                "Een concept-melding overig verzuim staat klaar. Vul de toelichting aan en meld "
                "bij DUO."
            ),
        )
    else:
        messages.info(request, _("De melding overig verzuim bestaat al."))
    return redirect("meldingen:detail", pk=melding.pk)
