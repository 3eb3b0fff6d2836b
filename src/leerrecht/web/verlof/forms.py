"""Forms for parents (code, sick report, verlof request) and for the directeur (decision)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.core.calendar import CalendarError, SchoolCalendar
from leerrecht.web import evaluatie
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import GewichtigeReden, Soort, VerlofAanvraag

MAX_ZIEK_DAGEN = 14  # calendar days in one sick report; longer illness goes through the school
MAX_BIJLAGE_BYTES = 5 * 1024 * 1024


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _kalender_fout(exc: CalendarError) -> str:
    return str(
        _(
            "Voor deze datum zijn de schoolvakanties nog niet bekend, dus we kunnen niet "
            "nagaan welke dagen schooldagen zijn. Kies een datum in het huidige schooljaar of "
            "neem contact op met de school. (%(detail)s)"
        )
    ) % {"detail": exc}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de school"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class ZiekmeldingForm(forms.Form):
    van = forms.DateField(label=_("Ziek vanaf"), widget=DatumInput())
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DatumInput(),
        help_text=_("Leeg laten als uw kind één dag ziek is."),
    )

    def __init__(self, *args: Any, leerling: Leerling, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leerling = leerling

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van: dt.date | None = data.get("van")
        if van is None:
            return data
        tot: dt.date = data.get("tot") or van
        data["tot"] = tot
        if tot < van:
            self.add_error("tot", _("De laatste dag ligt voor de eerste dag."))
            return data
        if van < toetsing.vandaag():
            self.add_error(
                "van",
                _(
                    "Ziekmelden kan vanaf vandaag. Voor eerdere dagen neemt u contact op met de school."
                ),
            )
            return data
        if (tot - van).days >= MAX_ZIEK_DAGEN:
            self.add_error(
                "tot",
                _(
                    "Meld ten hoogste %(n)d dagen tegelijk ziek. Is uw kind langer ziek, neem "
                    "dan contact op met de school."
                )
                % {"n": MAX_ZIEK_DAGEN},
            )
            return data
        calendar = evaluatie.calendar_for(self.leerling.school)
        try:
            calendar.require(van)
            calendar.require(tot)
        except CalendarError as exc:
            raise forms.ValidationError(_kalender_fout(exc)) from exc
        return data


class VerlofForm(forms.ModelForm[VerlofAanvraag]):
    class Meta:
        model = VerlofAanvraag
        fields = ["soort", "start", "end", "reden", "toelichting", "werkgeversverklaring"]
        labels = {
            "soort": _("Soort verlof"),
            "start": _("Eerste dag van het verlof"),
            "end": _("Laatste dag van het verlof"),
            "reden": _("Reden (alleen bij gewichtige omstandigheden)"),
            "toelichting": _("Toelichting"),
            "werkgeversverklaring": _("Werkgeversverklaring (alleen bij vakantieverlof)"),
        }
        help_texts = {
            "toelichting": _(
                "Kort, ten hoogste 500 tekens. Vermeld geen medische gegevens of diagnoses."
            ),
            "werkgeversverklaring": _(
                "Een verklaring van de werkgever dat u door de aard van uw beroep niet in de "
                "schoolvakanties op vakantie kunt. Pdf, jpg of png, ten hoogste 5 MB."
            ),
        }
        widgets = {
            "soort": forms.RadioSelect,
            "start": DatumInput(),
            "end": DatumInput(),
            "toelichting": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "werkgeversverklaring": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png"}
            ),
        }

    def __init__(self, *args: Any, leerling: Leerling, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leerling = leerling
        self.instance.leerling = leerling
        soort = self.fields["soort"]
        assert isinstance(soort, forms.ChoiceField)
        soort.choices = Soort.choices
        reden = self.fields["reden"]
        assert isinstance(reden, forms.ChoiceField)
        reden.choices = [("", _("kies een reden")), *GewichtigeReden.choices]

    def clean_werkgeversverklaring(self) -> Any:
        bestand = self.cleaned_data.get("werkgeversverklaring")
        if bestand and getattr(bestand, "size", 0) > MAX_BIJLAGE_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return bestand

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        soort = data.get("soort")
        start: dt.date | None = data.get("start")
        end: dt.date | None = data.get("end")
        if soort == Soort.GEWICHTIG:
            if not data.get("reden"):
                self.add_error("reden", _("Kies de reden van het verlof."))
            if data.get("werkgeversverklaring"):
                self.add_error(
                    "werkgeversverklaring",
                    _("Een werkgeversverklaring hoort alleen bij vakantieverlof."),
                )
        elif soort == Soort.VAKANTIE:
            data["reden"] = ""
        if start is None or end is None:
            return data
        if end < start:
            self.add_error("end", _("De laatste dag ligt voor de eerste dag."))
            return data
        if soort == Soort.VAKANTIE and start < toetsing.vandaag():
            self.add_error("start", _("Vakantieverlof vraagt u van tevoren aan."))
            return data
        calendar: SchoolCalendar = evaluatie.calendar_for(self.leerling.school)
        try:
            calendar.require(start)
            calendar.require(end)
        except CalendarError as exc:
            raise forms.ValidationError(_kalender_fout(exc)) from exc
        if not calendar.school_days_between(start, end):
            raise forms.ValidationError(
                _("In deze periode zijn geen schooldagen: u hoeft geen verlof aan te vragen.")
            )
        return data


BESLUIT_LABELS = {
    toetsing.TOEKENNEN: _("Toekennen"),
    toetsing.AFWIJZEN: _("Afwijzen"),
    toetsing.DOORSTUREN: _("Doorsturen naar de leerplichtambtenaar"),
}


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(label=_("Besluit"), widget=forms.RadioSelect)
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Verplicht bij toekennen en afwijzen; komt in de besluitbrief aan de ouders."),
    )

    def __init__(self, *args: Any, mogelijk: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        besluit = self.fields["besluit"]
        assert isinstance(besluit, forms.ChoiceField)
        besluit.choices = [(b, BESLUIT_LABELS[b]) for b in mogelijk]
        if len(mogelijk) == 1:
            besluit.initial = mogelijk[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        besluit = data.get("besluit")
        if (
            besluit in (toetsing.TOEKENNEN, toetsing.AFWIJZEN)
            and not data.get("motivering", "").strip()
        ):
            self.add_error("motivering", _("Motiveer het besluit: dit is verplicht."))
        return data
