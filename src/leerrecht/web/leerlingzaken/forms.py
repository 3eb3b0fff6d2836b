"""Forms for the directeur: registering a schorsing, a copy sent, withdrawing; the steps of a
verwijdering. The legal checks live in :mod:`.schorsingen` and :mod:`.stappen`; the forms show
their messages at the field they concern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.web.leerlingzaken import schorsingen, tijd
from leerrecht.web.leerlingzaken.models import (
    NOTITIE_MAX,
    REDEN_MAX,
    Cluster,
    Kennisgeving,
    Schorsing,
    Stap,
)
from leerrecht.web.scholen.models import Leerling, Sector


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SchorsingForm(forms.ModelForm[Schorsing]):
    class Meta:
        model = Schorsing
        fields = ["eerste_dag", "laatste_dag", "reden", "besluit_op", "ouders_geinformeerd_op"]
        labels = {
            "eerste_dag": _("Eerste dag van de schorsing"),
            "laatste_dag": _("Laatste dag van de schorsing"),
            "reden": _("Reden"),
            "besluit_op": _("Datum van het besluit"),
            "ouders_geinformeerd_op": _("Ouders schriftelijk geïnformeerd op"),
        }
        help_texts = {
            "laatste_dag": _(
                "Ten hoogste 5 schooldagen; eerste en laatste dag zijn schooldagen. Bij één dag "
                "vult u twee keer dezelfde dag in."
            ),
            "reden": _(
                "Kort, ten hoogste 200 tekens, zoals in de brief aan de ouders. Vermeld geen "
                "medische gegevens of diagnoses."
            ),
            "ouders_geinformeerd_op": _(
                "De brief aan de ouders noemt de redenen van de schorsing en hoe zij bezwaar "
                "kunnen maken."
            ),
        }
        widgets = {
            "eerste_dag": DatumInput(),
            "laatste_dag": DatumInput(),
            "reden": forms.Textarea(attrs={"rows": 2, "maxlength": REDEN_MAX}),
            "besluit_op": DatumInput(),
            "ouders_geinformeerd_op": DatumInput(),
        }

    def __init__(self, *args: Any, leerling: Leerling, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leerling = leerling
        self.instance.leerling = leerling
        self.dagen: list[dt.date] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nodig = ["eerste_dag", "laatste_dag", "besluit_op", "ouders_geinformeerd_op"]
        if any(data.get(veld) is None for veld in nodig):
            return data
        if not str(data.get("reden", "")).strip():
            return data
        try:
            self.dagen = schorsingen.controleer(
                self.leerling,
                data["eerste_dag"],
                data["laatste_dag"],
                data["besluit_op"],
                data["ouders_geinformeerd_op"],
            )
        except schorsingen.SchorsingFout as fout:
            self.add_error(fout.veld, fout.bericht)
        return data


class VerstuurdForm(forms.Form):
    verstuurd_op = forms.DateField(label=_("Verstuurd op"), widget=DatumInput())

    def __init__(self, *args: Any, kennisgeving: Kennisgeving, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"k{kennisgeving.pk}")
        kwargs.setdefault("initial", {"verstuurd_op": tijd.vandaag()})
        super().__init__(*args, **kwargs)
        self.kennisgeving = kennisgeving

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        verstuurd_op = data.get("verstuurd_op")
        if verstuurd_op is not None:
            try:
                schorsingen.controleer_verstuurd(self.kennisgeving, verstuurd_op)
            except schorsingen.SchorsingFout as fout:
                self.add_error(fout.veld, fout.bericht)
        return data


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van intrekken"),
        max_length=REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REDEN_MAX}),
        help_text=_(
            "Bijvoorbeeld: bezwaar gegrond verklaard, of per vergissing geregistreerd. De "
            "registraties van de schorsing verdwijnen; wat ze vervingen komt terug."
        ),
    )


def _cluster_veld() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Cluster (speciaal onderwijs)"),
        choices=[("", _("geen cluster")), *Cluster.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Alleen een leerling uit cluster 1 of 2 kan na 8 weken zoeken zonder andere school "
            "verwijderd worden."
        ),
    )


class VerwijderingStartForm(forms.Form):
    datum = forms.DateField(label=_("Datum van het voornemen"), widget=DatumInput())
    notitie = forms.CharField(
        label=_("Notitie"),
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTITIE_MAX}),
        help_text=_(
            "Kort: de reden van het voornemen en hoe leerling en ouders zijn geïnformeerd. Geen "
            "medische gegevens."
        ),
    )

    def __init__(self, *args: Any, leerling: Leerling, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if leerling.school.sector == Sector.SO:
            self.fields["cluster"] = _cluster_veld()


class GegevensForm(forms.Form):
    zoeken_vanaf = forms.DateField(
        label=_("Zoektocht naar een andere school gestart op"),
        required=False,
        widget=DatumInput(),
    )

    def __init__(self, *args: Any, leerling: Leerling, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "gegevens")
        super().__init__(*args, **kwargs)
        if leerling.school.sector == Sector.SO:
            self.fields["cluster"] = _cluster_veld()


class StapForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DatumInput())
    notitie = forms.CharField(
        label=_("Notitie"),
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTITIE_MAX}),
        help_text=_("Kort: wie, wat is besproken of besloten. Geen medische gegevens."),
    )

    def __init__(self, *args: Any, stap: Stap, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", stap.value)
        kwargs.setdefault("initial", {"datum": tijd.vandaag()})
        super().__init__(*args, **kwargs)
        self.stap = stap
        if stap is Stap.DEFINITIEF:
            self.fields["nieuwe_school"] = forms.CharField(
                label=_("Nieuwe school"),
                max_length=200,
                required=False,
                help_text=_("De school waar de leerling nu staat ingeschreven."),
            )
            self.fields["nieuwe_inschrijving_vanaf"] = forms.DateField(
                label=_("Ingeschreven op de nieuwe school vanaf"),
                required=False,
                widget=DatumInput(),
                help_text=_("De leerling wordt de dag ervoor hier uitgeschreven."),
            )
