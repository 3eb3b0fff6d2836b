"""Forms of the office pages: inbox filters, handling a melding, contact persons, DUO import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from leerrecht.web.leerplicht.statussen import TERUGKOPPELING_MAX
from leerrecht.web.meldingen.models import Status, Verzuimsoort


def _naam(user: User) -> str:
    return user.get_full_name() or user.username


def _keuzes(form: forms.Form, naam: str, keuzes: list[tuple[str, Any]]) -> None:
    veld = form.fields[naam]
    assert isinstance(veld, forms.ChoiceField)
    veld.choices = keuzes


class InboxFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    gemeente = forms.ChoiceField(label=_("Woongemeente"), required=False)
    school = forms.ChoiceField(label=_("School"), required=False)
    soort = forms.ChoiceField(label=_("Verzuimsoort"), required=False)

    def __init__(
        self,
        *args: Any,
        aantallen: dict[str, int],
        gemeenten: list[tuple[str, str]],
        scholen: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        totaal = sum(aantallen.values())
        _keuzes(
            self,
            "status",
            [("", _("alle statussen (%(n)d)") % {"n": totaal})]
            + [
                (s.value, f"{s.label} ({aantallen.get(s.value, 0)})")
                for s in Status
                if s != Status.CONCEPT
            ],
        )
        _keuzes(self, "gemeente", [("", _("alle gemeenten")), *gemeenten])
        _keuzes(self, "school", [("", _("alle scholen"))] + [(s, s) for s in scholen])
        _keuzes(self, "soort", [("", _("alle verzuimsoorten")), *Verzuimsoort.choices])


class BehandelForm(forms.Form):
    """Status, behandelaar and terugkoppeling of one inbox melding."""

    status = forms.ChoiceField(label=_("Status"))
    behandelaar = forms.ChoiceField(label=_("Behandelaar"), required=False)
    terugkoppeling = forms.CharField(
        label=_("Terugkoppeling aan de school"),
        required=False,
        max_length=TERUGKOPPELING_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_(
            "Wat er met de melding is of wordt gedaan. De school ziet dit bij de melding; geen "
            "medische gegevens."
        ),
    )

    def __init__(
        self, *args: Any, statussen: list[Status], behandelaars: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "status", [(s.value, s.label) for s in statussen])
        _keuzes(
            self,
            "behandelaar",
            [("", _("(niemand)"))] + [(str(u.pk), _naam(u)) for u in behandelaars],
        )


class ContactpersoonForm(forms.Form):
    school = forms.IntegerField(widget=forms.HiddenInput)
    consulent = forms.ChoiceField(label=_("Consulent leerrecht"), required=False)

    def __init__(self, *args: Any, consulenten: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(
            self, "consulent", [("", _("(geen)"))] + [(str(u.pk), _naam(u)) for u in consulenten]
        )


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand uit het DUO-verzuimloket"),
        help_text=_("Kolommen zoals beschreven in de handleiding; UTF-8 of Windows-tekens."),
    )
