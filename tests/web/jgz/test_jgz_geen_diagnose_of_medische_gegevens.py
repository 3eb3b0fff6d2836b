"""No diagnosis, no nature of an illness, nothing medical anywhere (issue 5: "without any
diagnosis stored"; AVG art. 9; seed 002 §2a 'GGD': the GGD gives an advice about the schoolgang,
not about the illness). The models of the JGZ and vrijstellingen apps have no field for it, and
the only free text in the JGZ app is the advice for school (with a warning in its help text)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.apps import apps
from django.db import models

VERBODEN = re.compile(r"diagnos|ziekte|aandoening|medisch|medical|symptoom|klachten")
APPS = ("jgz", "vrijstellingen")
#: the free-text fields the JGZ app may have: names, and the advice for school
VRIJE_TEKST_JGZ = {"naam", "advies_aan_school"}


def velden(app: str) -> list[tuple[str, models.Field[object, object]]]:
    return [
        (f"{model.__name__}.{veld.name}", veld)
        for model in apps.get_app_config(app).get_models()
        for veld in model._meta.get_fields()
        if isinstance(veld, models.Field)
    ]


@pytest.mark.parametrize("app", APPS)
def test_geen_veld_voor_diagnose_ziekte_of_medische_gegevens(app: str) -> None:
    verkeerd = [naam for naam, _veld in velden(app) if VERBODEN.search(naam.lower())]
    assert verkeerd == [], f"velden voor medische gegevens: {verkeerd}"


def test_jgz_heeft_geen_vrij_tekstveld_behalve_het_advies_aan_school() -> None:
    vrij = {
        naam.split(".")[1]
        for naam, veld in velden("jgz")
        if isinstance(veld, models.CharField | models.TextField) and not veld.choices
    }
    assert vrij <= VRIJE_TEKST_JGZ, f"vrije tekstvelden: {vrij - VRIJE_TEKST_JGZ}"


def test_het_advies_waarschuwt_tegen_diagnose_en_medische_gegevens() -> None:
    from leerrecht.web.jgz.models import Verwijzing

    hulp = str(Verwijzing._meta.get_field("advies_aan_school").help_text)
    assert "Geen diagnose" in hulp and "geen medische gegevens" in hulp


def test_de_school_deelt_alleen_aantallen() -> None:
    """The referral form has no free text: the reason is a choice, the rest are numbers."""
    from leerrecht.web.jgz.forms import VerwijzingForm

    keuzes_en_datum = {"organisatie", "aanleiding", "ouders_geinformeerd_op"}
    for naam, veld in VerwijzingForm.base_fields.items():
        assert not isinstance(veld.widget, forms.Textarea), naam
        if naam not in keuzes_en_datum:
            assert isinstance(veld, forms.IntegerField), naam
