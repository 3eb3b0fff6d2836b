"""No diagnosis or nature of an illness is stored anywhere (issue 7; AVG art. 9; seed 002 §2a
'GGD': the jeugdarts advises about the schoolgang, not about the illness).

Every model of the project (``django.apps.get_models()``, so a new app cannot escape) and every
form is searched for a field whose name or label points at a diagnosis, an illness or medical
data. A field that matches must be on the allow-list below with the reason it holds no nature of
an illness (counts, dates and fixed codes), and may never be free text. The JGZ app's own rules
(only the advice for school is free text) stay in tests/web/jgz.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from django import forms
from django.apps import apps
from django.db import models

import leerrecht.web

#: words in a field's name or label that suggest a diagnosis or the nature of an illness
VERDACHT = re.compile(
    r"diagnos|ziek|aandoening|medisch|medical|symptoo?m|klacht|kwaal|beperking|handicap|"
    r"medicijn|medicatie|gezondheid|health|illness|sick|disease|\barts|jeugdarts"
)

#: fields that match but hold no nature of an illness, each with its reason
TOEGESTAAN = {
    # M@ZL referral (seed 003 M@ZL; issue 5): only counts of sick reports, never the illness
    "jgz.Verwijzing.ziekmeldingen_12_weken": "een aantal",
    "jgz.Verwijzing.schooldagen_laatste_ziekmelding": "een aantal",
    "jgz.Verwijzing.schooldagen_ziek_schooljaar": "een aantal",
    "jgz.Verwijzing.afspraak_op": "een datum",
}

#: form fields that match but hold no nature of an illness
TOEGESTAAN_IN_FORMULIEREN = {
    "ZiekmeldingForm.van": "een datum",
}


def _is_vrije_tekst(veld: models.Field[object, object]) -> bool:
    return isinstance(veld, models.CharField | models.TextField) and not veld.choices


def _modelvelden() -> list[tuple[str, models.Field[object, object]]]:
    return [
        (f"{model._meta.app_label}.{model.__name__}.{veld.name}", veld)
        for model in apps.get_models()
        for veld in model._meta.get_fields()
        if isinstance(veld, models.Field)
    ]


def _formulieren() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(leerrecht.web.__path__, "leerrecht.web."):
        if module.name.rsplit(".", 1)[-1] in ("forms", "views", "ouder_views"):
            importlib.import_module(module.name)
    gevonden: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("leerrecht.web."):
                gevonden.append(sub)
    return gevonden


def test_alle_modellen_worden_doorzocht() -> None:
    labels = {naam.split(".")[0] for naam, _veld in _modelvelden()}
    assert {"registratie", "jgz", "verlof", "meldingen", "leerplicht", "dossiers"} <= labels


def test_geen_modelveld_voor_diagnose_of_aard_van_een_ziekte() -> None:
    verdacht = {
        naam
        for naam, veld in _modelvelden()
        if VERDACHT.search(f"{veld.name} {veld.verbose_name}".lower())
    }
    assert verdacht - TOEGESTAAN.keys() == set(), "velden die op een ziekte wijzen"
    # the allow-list stays honest: every entry exists, and none of them is free text
    assert TOEGESTAAN.keys() <= verdacht, "verouderde regels in TOEGESTAAN"
    velden = dict(_modelvelden())
    assert [n for n in TOEGESTAAN if _is_vrije_tekst(velden[n])] == []


def test_de_reden_ziek_is_een_code_geen_vrije_tekst() -> None:
    """reden='ziek' is a code from a fixed list (Lpw art. 11), not the nature of the illness."""
    from leerrecht.web.importeren.models import CodeKoppeling
    from leerrecht.web.registratie.models import Registratie

    for model in (Registratie, CodeKoppeling):
        veld = model._meta.get_field("reden")
        assert isinstance(veld, models.CharField) and veld.choices
        assert "ziek" in {waarde for waarde, _label in veld.choices}


def test_geen_formulierveld_voor_diagnose_of_aard_van_een_ziekte() -> None:
    formulieren = _formulieren()
    assert len(formulieren) > 30  # every app's forms were found
    verdacht = {
        f"{form.__name__}.{naam}"
        for form in formulieren
        for naam, veld in form.base_fields.items()
        if VERDACHT.search(f"{naam} {veld.label or ''}".lower())
    }
    assert TOEGESTAAN_IN_FORMULIEREN.keys() <= verdacht, "verouderde regels"
    onbekend = verdacht - TOEGESTAAN_IN_FORMULIEREN.keys()
    # the JGZ referral form asks counts of sick reports (checked in tests/web/jgz)
    onbekend = {n for n in onbekend if not n.startswith("VerwijzingForm.")}
    assert onbekend == set()


def test_de_ziekmelding_van_ouders_heeft_alleen_datums() -> None:
    from leerrecht.web.verlof.forms import ZiekmeldingForm

    assert ZiekmeldingForm.base_fields.keys() == {"van", "tot"}
    assert all(isinstance(v, forms.DateField) for v in ZiekmeldingForm.base_fields.values())


def test_het_register_heeft_geen_vrij_veld_voor_de_ziekte() -> None:
    """The register's only free text is the note, which is refused next to ziek and arts
    (tests in test_ziekteverzuim_herclassificeren.py); the reason is a fixed choice."""
    from leerrecht.web.registratie.forms import RegelForm

    vrij = {
        naam
        for naam, veld in RegelForm.base_fields.items()
        if isinstance(veld, forms.CharField) and not isinstance(veld, forms.ChoiceField)
    }
    assert vrij == {"notitie"}
    assert isinstance(RegelForm.base_fields["reden"], forms.ChoiceField)
