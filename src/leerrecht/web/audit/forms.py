"""The privacy officer's filters on the audit log (the same for the page and the export)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.scholen.models import Leerling, School


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=DatumInput)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DatumInput)
    leerlingnummer = forms.CharField(label=_("Leerlingnummer"), required=False, max_length=40)
    medewerker = forms.CharField(
        label=_("Medewerker (gebruikersnaam)"), required=False, max_length=150
    )
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("alle acties")), *Actie.choices]
    )
    doel = forms.CharField(label=_("Doel bevat"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            raise forms.ValidationError(
                _("De einddatum ligt voor de begindatum: kies een einddatum op of na %(van)s.")
                % {"van": van.isoformat()}
            )
        return data

    def toepassen(self, regels: QuerySet[AuditRegel], school: School) -> QuerySet[AuditRegel]:
        """The rows that match the (valid) filters."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        if data.get("van"):
            begin = dt.datetime.combine(data["van"], dt.time.min, tzinfo=zone)
            regels = regels.filter(wanneer__gte=begin)
        if data.get("tot"):
            einde = dt.datetime.combine(
                data["tot"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone
            )
            regels = regels.filter(wanneer__lt=einde)
        if data.get("leerlingnummer"):
            leerlingen = Leerling.objects.filter(
                school=school, leerlingnummer=data["leerlingnummer"].strip()
            ).values("pk")
            regels = regels.filter(leerling_id__in=leerlingen)
        if data.get("medewerker"):
            regels = regels.filter(wie__username__iexact=data["medewerker"].strip())
        if data.get("actie"):
            regels = regels.filter(actie=data["actie"])
        if data.get("doel"):
            regels = regels.filter(Q(doel__icontains=data["doel"].strip()))
        return regels
