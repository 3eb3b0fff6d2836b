"""Forms: registering a vrijstelling, the statement received, a status step, and the decision on
verlof of more than 10 school days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.web.vrijstellingen import tijd
from leerrecht.web.vrijstellingen.models import Grond, Status, Verzoeker, Vrijstelling
from leerrecht.web.vrijstellingen.verlofbesluit import AFWIJZEN, TOEKENNEN

MOTIVERING_MAX = 4000


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een leerling of jeugdige (naam)"), max_length=100, required=False
    )


class VrijstellingForm(forms.ModelForm[Vrijstelling]):
    class Meta:
        model = Vrijstelling
        fields = [
            "grond",
            "verzoek_door",
            "aangevraagd_op",
            "ingangsdatum",
            "einddatum",
            "verklaring_ontvangen_op",
            "verklaring_van",
        ]
        widgets = {
            "grond": forms.RadioSelect,
            "verzoek_door": forms.RadioSelect,
            "aangevraagd_op": DatumInput(),
            "ingangsdatum": DatumInput(),
            "einddatum": DatumInput(),
            "verklaring_ontvangen_op": DatumInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for naam, keuzes in (("grond", Grond.choices), ("verzoek_door", Verzoeker.choices)):
            veld = self.fields[naam]
            assert isinstance(veld, forms.ChoiceField)
            veld.choices = keuzes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        aangevraagd: dt.date | None = data.get("aangevraagd_op")
        begin: dt.date | None = data.get("ingangsdatum")
        einde: dt.date | None = data.get("einddatum")
        if aangevraagd is not None and aangevraagd > tijd.vandaag():
            self.add_error("aangevraagd_op", _("Deze datum ligt in de toekomst."))
        if begin is not None and einde is not None and einde < begin:
            self.add_error("einddatum", _("De einddatum ligt voor de ingangsdatum."))
        ontvangen = data.get("verklaring_ontvangen_op")
        van = (data.get("verklaring_van") or "").strip()
        if (ontvangen is None) != (not van):
            self.add_error(
                "verklaring_van" if ontvangen is not None else "verklaring_ontvangen_op",
                _("Vul in wanneer de verklaring is ontvangen én van wie, of laat beide leeg."),
            )
        if ontvangen is not None and ontvangen > tijd.vandaag():
            self.add_error("verklaring_ontvangen_op", _("Deze datum ligt in de toekomst."))
        return data


class VerklaringForm(forms.ModelForm[Vrijstelling]):
    class Meta:
        model = Vrijstelling
        fields = ["verklaring_ontvangen_op", "verklaring_van"]
        widgets = {"verklaring_ontvangen_op": DatumInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verklaring_ontvangen_op"].required = True
        self.fields["verklaring_van"].required = True

    def clean_verklaring_ontvangen_op(self) -> dt.date:
        dag: dt.date = self.cleaned_data["verklaring_ontvangen_op"]
        if dag > tijd.vandaag():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return dag


class StatusForm(forms.Form):
    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=MOTIVERING_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    notitie = forms.CharField(label=_("Notitie (optioneel)"), required=False, max_length=500)


BESLUIT_LABELS = {TOEKENNEN: _("Toekennen"), AFWIJZEN: _("Afwijzen")}


class VerlofBesluitForm(forms.Form):
    besluit = forms.ChoiceField(label=_("Besluit"), widget=forms.RadioSelect)
    motivering = forms.CharField(
        label=_("Motivering"),
        max_length=MOTIVERING_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Komt in de besluitbrief aan de ouders; de school ziet het besluit ook."),
    )

    def __init__(self, *args: Any, mogelijk: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["besluit"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [(b, BESLUIT_LABELS[b]) for b in mogelijk]
