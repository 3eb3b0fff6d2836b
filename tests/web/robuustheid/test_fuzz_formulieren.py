"""Fuzzing every form of the web app: bound with generated data, ``is_valid()`` never raises,
and an invalid form says why in words.

The forms are found, not listed: every subclass of ``Form`` and ``ModelForm`` in
``leerrecht.web`` (forms modules and forms defined in views), so a new form is fuzzed too. A
form whose constructor needs a keyword this file does not know fails
:func:`test_elk_formulier_wordt_gevonden_en_kan_worden_gemaakt` until it is added to
:func:`_argumenten`.

Generated data per field: valid values, wrong choices, random unicode with control characters,
huge texts, numbers far out of range, dates that do not exist or lie in year 1 or 9999, a
missing key, lists where one value is expected, and files of random bytes for file fields.

The fuzz suite (tests/web/robuustheid) generates 101,750 inputs: the ``max_examples`` of its
tests, summed (hypothesis runs exactly that many unless a test fails; pytest prints the count
per test at the end of the run, robuust_hulp.TELLING):

=============================================  =========  ===============================
what                                            inputs     file
=============================================  =========  ===============================
batch DATA_DIR (load_data_dir)                     1,500  test_fuzz_batch_en_protocollen
leerrecht evaluate (cli)                             200  test_fuzz_batch_en_protocollen
batch pupils.csv                                  12,000  test_fuzz_batch_en_protocollen
batch absences.csv                                12,000  test_fuzz_batch_en_protocollen
protocol files (parse_protocol)                    2,500  test_fuzz_batch_en_protocollen
leerrecht protocols check (cli)                      500  test_fuzz_batch_en_protocollen
importer CSV reader (no database)                 30,000  test_fuzz_csv_lezer
importeren leerrecht (CSV, ZIP)                    4,000  test_fuzz_importeren
importeren Magister, SOMtoday, ParnasSys           1,500  test_fuzz_importeren
verzuimloket import (leerplicht)                   4,000  test_fuzz_importeren
forms: 61 classes x 550                           33,550  test_fuzz_formulieren
total                                            101,750
=============================================  =========  ===============================
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import random
from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robuust_hulp import BIJNA, beschrijving_ok, cel, tekst, tel
from web_hulp import D, World

import leerrecht.web

PER_FORMULIER = 550


def formulieren() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(leerrecht.web.__path__, "leerrecht.web."):
        laatste = module.name.rsplit(".", 1)[-1]
        if laatste in ("forms", "views") or laatste.endswith("_views"):
            importlib.import_module(module.name)
    gevonden: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("leerrecht.web.") and sub.base_fields:
                gevonden.append(sub)
    return sorted(set(gevonden), key=lambda f: f"{f.__module__}.{f.__qualname__}")


FORMULIEREN = formulieren()


def _argumenten(cls: type[forms.BaseForm], world: World) -> dict[str, Any]:
    """The keyword arguments each form's constructor asks for, by name."""
    from leerrecht.web.dossiers import mas
    from leerrecht.web.jgz.models import JgzOrganisatie, Verwijzing
    from leerrecht.web.leerlingzaken.models import Kennisgeving, Schorsing, Stap
    from leerrecht.web.leerplicht.models import Bureau, InboxMelding, Jeugdige
    from leerrecht.web.meldingen.models import Status as MeldingStatus
    from leerrecht.web.scholen.models import School

    module = importlib.import_module(cls.__module__)
    schorsing = Schorsing(
        leerling=world.a1,
        eerste_dag=D(2026, 3, 2),
        laatste_dag=D(2026, 3, 4),
        besluit_op=D(2026, 3, 1),
        ouders_geinformeerd_op=D(2026, 3, 1),
    )
    bekend: dict[str, Any] = {
        "school": world.school,
        "scholen": School.objects.all(),
        "organisaties": JgzOrganisatie.objects.all(),
        "verwijzing": Verwijzing(leerling=world.a1, aangemeld_op=D(2026, 3, 2)),
        "leerling": world.a1,
        "leerlingen": world.school.leerlingen.all(),
        "registratiedatum": D(2026, 3, 10),
        "jeugdigen": Jeugdige.objects.all(),
        "behandelaars": User.objects.all(),
        "meldingen": InboxMelding.objects.all(),
        "vandaag": D(2026, 3, 10),
        "kennisgeving": Kennisgeving(schorsing=schorsing, ontvanger="inspectie"),
        "stap": Stap.OUDERS_GEHOORD,
        "aantallen": {"gemeld": 2},
        "gemeenten": [("1", "Heerlen")],
        "statussen": list(MeldingStatus),
        "consulenten": list(User.objects.all()),
        "keuzes": [("parkstad-po", "Parkstad PO")],
        "bureau": Bureau.objects.first() or Bureau.objects.create(naam="Bureau"),
        "mogelijk": list(getattr(module, "BESLUIT_LABELS", {"toekennen": ""})),
        "stand": mas.Stand(
            route="voorliggend",
            status="open",
            geboortedatum=D(2012, 5, 1),
            gedaan=frozenset(),
            open=frozenset(),
            verzuimsoorten=frozenset({"16_uur"}),
            routes_gehad=frozenset(),
            heeft_meldingen=True,
        ),
        "datum": D(2026, 3, 2),
    }
    if cls.__name__ == "InboxFilter":
        bekend["scholen"] = ["De Linde"]
    # model forms that the views always bind to an object
    if cls.__name__ == "UitschrijvenForm":
        bekend["instance"] = world.a1
    if cls.__name__ == "MeldingForm":
        from leerrecht.web.meldingen.models import DuoMelding

        bekend["instance"] = DuoMelding(
            school=world.school,
            leerling=world.a1,
            soort="16_uur",
            begin=D(2026, 3, 2),
            uren=16,
            uiterlijk=D(2026, 3, 12),
            bereikt=D(2026, 3, 5),
        )
    argumenten: dict[str, Any] = {"instance": bekend["instance"]} if "instance" in bekend else {}
    for naam, param in inspect.signature(cls.__init__).parameters.items():
        if param.kind is not param.KEYWORD_ONLY:
            continue
        if naam in bekend:
            argumenten[naam] = bekend[naam]
        elif param.default is param.empty:
            raise AssertionError(f"{cls.__qualname__}: onbekend argument {naam!r}; voeg het toe")
    return argumenten


def _waarde(rnd: random.Random, veld: forms.Field) -> Any:
    """A value for one field: often valid-looking for its kind, often not."""
    keuze = rnd.randrange(12)
    if keuze == 0:
        return cel(rnd)
    if keuze == 1:
        return tekst(rnd)
    if keuze == 2:
        return str(rnd.choice([-1, 0, 1, 10**30, -(10**30), 2**63, 65536]))
    if keuze == 3:
        return rnd.choice(["0001-01-01", "9999-12-31", "2026-02-30", "10000-01-01", "-1-01-01"])
    if keuze == 4:
        return rnd.choice(BIJNA)
    if keuze == 5:
        return [tekst(rnd), tekst(rnd)]  # several values where one is expected
    choices = list(getattr(veld, "choices", []) or [])
    if choices and keuze <= 9:
        waarde = rnd.choice(choices)[0]
        return str(getattr(waarde, "value", waarde))
    if isinstance(veld, forms.DateField | forms.DateTimeField):
        dag = D(2026, 3, 10) + dt.timedelta(days=rnd.randrange(-400, 400))
        return dag.isoformat() if rnd.randrange(3) else dag.strftime("%d-%m-%Y")
    if isinstance(veld, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return str(rnd.choice([0, 1, 3, 12, 600, 601, -5, "1,5", "1.5", "1e5"]))
    if isinstance(veld, forms.BooleanField):
        return rnd.choice(["on", "true", "", "False"])
    if isinstance(veld, forms.EmailField):
        return rnd.choice(["ouder@example.nl", "geen-adres", "a@b", "x" * 300 + "@example.nl"])
    return rnd.choice(["Noa", "a1", "VM-2026-0001", "x" * 5, "Ouders gebeld, afspraak"])


def _bind(cls: type[forms.BaseForm], rnd: random.Random, world: World) -> forms.BaseForm:
    argumenten = _argumenten(cls, world)
    leeg = cls(**argumenten)
    data = MultiValueDict()
    bestanden = MultiValueDict()
    for naam, veld in leeg.fields.items():
        sleutel = leeg.add_prefix(naam)
        if rnd.randrange(8) == 0:
            continue  # a missing key
        if isinstance(veld, forms.FileField):
            inhoud = rnd.randbytes(rnd.choice([0, 1, 50, 2000]))
            bestandsnaam = rnd.choice(["a.pdf", "a.csv", "../../etc/passwd", "x" * 300, "a.exe"])
            bestanden.setlist(sleutel, [SimpleUploadedFile(bestandsnaam, inhoud)])
            continue
        waarde = _waarde(rnd, veld)
        data.setlist(sleutel, waarde if isinstance(waarde, list) else [waarde])
    return cls(data, bestanden, **argumenten)


def _controleer(form: forms.BaseForm) -> None:
    if form.is_valid():
        return
    assert form.errors, f"{type(form).__name__}: ongeldig zonder fout"
    for veld, fouten in form.errors.items():
        for fout in fouten:
            assert isinstance(fout, str) and beschrijving_ok(fout), (type(form).__name__, veld)


def test_elk_formulier_wordt_gevonden_en_kan_worden_gemaakt(world: World) -> None:
    namen = {f.__name__ for f in FORMULIEREN}
    assert {"RegelForm", "UploadForm", "ZiekmeldingForm", "ImportForm", "SchorsingForm"} <= namen
    assert len(FORMULIEREN) >= 55
    for cls in FORMULIEREN:
        cls(**_argumenten(cls, world))


@pytest.mark.parametrize("cls", FORMULIEREN, ids=lambda c: f"{c.__module__[14:]}.{c.__name__}")
def test_formulier_met_gegenereerde_invoer_geeft_nooit_een_uitzondering(
    world: World, cls: type[forms.BaseForm]
) -> None:
    @settings(
        max_examples=PER_FORMULIER,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(zaad=st.integers(0, 2**64))
    def fuzz(zaad: int) -> None:
        tel(f"formulieren ({len(FORMULIEREN)} klassen)")
        _controleer(_bind(cls, random.Random(zaad), world))

    fuzz()


#: inputs that crashed a form before it was fixed (found by this test): form, field, value
GEVONDEN = [
    ("RolForm", "groepen", ["1" + "0" * 30]),  # OverflowError from SQLite in pk__in
    ("NieuwAccountForm", "groepen", ["99999999999999999999"]),
    ("NieuwForm", "meldingen", ["-99999999999999999999"]),
    ("VakantieForm", "eerste_dag", "0001-01-01"),  # school year 0: ValueError
    ("VerlofForm", "start", "0001-01-01"),
    ("UitschrijvenForm", "ingeschreven_tot", "9999-12-31"),  # the day after: OverflowError
    ("RegistratieForm", "sinds", "9999-12-31"),  # plus three months: ValueError
]


@pytest.mark.parametrize(("naam", "veld", "waarde"), GEVONDEN, ids=[g[0] for g in GEVONDEN])
def test_gevonden_fouten_geven_een_foutmelding(
    world: World, naam: str, veld: str, waarde: str | list[str]
) -> None:
    (cls,) = [f for f in FORMULIEREN if f.__name__ == naam and "leerplicht" not in f.__module__]
    argumenten = _argumenten(cls, world)
    leeg = cls(**argumenten)
    data = MultiValueDict({leeg.add_prefix(n): ["2026-03-02"] for n in leeg.fields})
    data.setlist(leeg.add_prefix(veld), waarde if isinstance(waarde, list) else [waarde])
    form = cls(data, **argumenten)
    assert not form.is_valid()
    _controleer(form)


def test_uitschrijven_met_een_nieuwe_school_op_1_januari_van_het_jaar_1(world: World) -> None:
    """Found by fuzzing: the message named the day before 0001-01-01 (OverflowError)."""
    (cls,) = [f for f in FORMULIEREN if f.__name__ == "UitschrijvenForm"]
    data = {
        "ingeschreven_tot": "2026-03-02",
        "uitschrijfreden": "nieuwe_school",
        "nieuwe_inschrijving_vanaf": "0001-01-01",
    }
    form = cls(data, **_argumenten(cls, world))
    assert not form.is_valid()
    assert "nieuwe_inschrijving_vanaf" in form.errors
    _controleer(form)
