"""Forms: editing a letter template, and the fields that identify a reached protocol step."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from leerrecht.core.protocols.loader import ProtocolError, load_protocol
from leerrecht.web.brieven.models import BriefSjabloon
from leerrecht.web.scholen.models import School

ELKE_STAP = ""


def _sleutel(protocol: str, stap: str) -> str:
    return f"{protocol}:{stap}" if protocol else ELKE_STAP


def stappen(school: School) -> list[tuple[str, str]]:
    """(step id, title) of the school's protocol; empty without a (loadable) protocol."""
    if not school.protocol:
        return []
    try:
        return [(step.id, step.title) for step in load_protocol(school.protocol).steps]
    except (KeyError, ProtocolError):
        return []


def _normaliseer(tekst: str) -> str:
    return "\n".join(regel.rstrip() for regel in tekst.replace("\r\n", "\n").split("\n")).strip()


class SjabloonForm(forms.ModelForm[BriefSjabloon]):
    koppeling = forms.ChoiceField(
        label=_("Hoort bij protocolstap"),
        required=False,
        help_text=_(
            "Bij 'brief maken' verschijnt een gekoppeld sjabloon alleen bij die stap; een "
            "sjabloon zonder koppeling kan bij elke stap worden gekozen."
        ),
    )

    class Meta:
        model = BriefSjabloon
        fields = ["naam", "soort", "onderwerp", "tekst", "actief"]
        widgets = {
            "onderwerp": forms.TextInput(attrs={"size": 80}),
            "tekst": forms.Textarea(attrs={"rows": 20, "cols": 90, "spellcheck": "true"}),
        }

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school
        choices: list[tuple[str, str]] = [(ELKE_STAP, str(_("Elke stap (niet gekoppeld)")))]
        choices += [(_sleutel(school.protocol, sid), title) for sid, title in stappen(school)]
        huidig = _sleutel(self.instance.protocol, self.instance.stap)
        if huidig not in dict(choices):
            choices.append((huidig, f"{self.instance.protocol}: {self.instance.stap or '*'}"))
        koppeling = cast(forms.ChoiceField, self.fields["koppeling"])
        koppeling.choices = choices
        koppeling.initial = huidig
        self.titels = {key: title for key, title in choices if key}

    def clean_naam(self) -> str:
        naam = str(self.cleaned_data["naam"]).strip()
        andere = BriefSjabloon.objects.filter(school=self.school, naam__iexact=naam)
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Deze school heeft al een sjabloon met deze naam."))
        return naam

    def clean_onderwerp(self) -> str:
        return " ".join(str(self.cleaned_data["onderwerp"]).split())

    def clean_tekst(self) -> str:
        return _normaliseer(str(self.cleaned_data["tekst"]))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        protocol, _sep, stap = str(data.get("koppeling") or "").partition(":")
        self.instance.protocol = protocol
        self.instance.stap = stap if protocol else ""
        return data

    def stap_titel(self) -> str:
        """The title of the linked step (for the preview), or empty."""
        return self.titels.get(str(self.cleaned_data.get("koppeling") or ""), "")


class StapForm(forms.Form):
    """One occurrence of a protocol step for one pupil; the template is needed to make it."""

    leerling = forms.IntegerField(min_value=1)
    protocol = forms.CharField(max_length=80)
    stap = forms.CharField(max_length=80)
    stap_datum = forms.DateField(input_formats=["%Y-%m-%d"])
    sjabloon = forms.IntegerField(min_value=1, required=False)


class EmailForm(forms.Form):
    """The address a stored letter is sent to by e-mail (the parents')."""

    aan = forms.EmailField(label=_("E-mailadres"), max_length=254)
