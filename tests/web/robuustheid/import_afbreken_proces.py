"""The child processes of test_import_kill_9.py (run as a script, with DATABASE_URL set).

``python import_afbreken_proces.py opzet``        a school with 100 pupils, a user, and an
                                                   uploaded, previewed and confirmed import of
                                                   20,000 registrations (as the web app makes
                                                   it); prints the import's id
``python import_afbreken_proces.py importeer ID``  runs it as the web app does
                                                   (``uitvoeren.voer_uit``) and prints every
                                                   progress report (``voortgang N``)
``python import_afbreken_proces.py vingerafdruk``  prints every table's rows, sorted and hashed
``python import_afbreken_proces.py status ID``     the status page of the import, as HTML
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402

LEERLINGEN = 100
LESUREN = ("1", "2", "3", "4", "5")


def _schooldagen(aantal: int) -> list[dt.date]:
    from leerrecht.web import evaluatie
    from leerrecht.web.scholen.models import School

    kalender = evaluatie.calendar_for(School.objects.get(naam="De Linde"))
    dag, dagen = dt.date(2025, 9, 1), []
    while len(dagen) < aantal:
        if dag.weekday() != 2 and not kalender.why_not_school_day(dag):  # Wednesday: 3.75 h
            dagen.append(dag)
        dag += dt.timedelta(days=1)
    return dagen


def opzet() -> int:
    from leerrecht.web.importeren import uitvoeren
    from leerrecht.web.importeren.models import ImportOpdracht
    from leerrecht.web.importeren.parsers import formaat
    from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

    school = School.objects.create(
        bestuur=Bestuur.objects.create(naam="Stichting Kill"),
        naam="De Linde",
        sector="po",
        regio="zuid",
    )
    groep = Groep.objects.create(school=school, naam="5a")
    Leerling.objects.bulk_create(
        Leerling(
            school=school,
            groep=groep,
            leerlingnummer=f"k{n:03d}",
            voornaam="Leerling",
            achternaam=f"{n}",
            geboortedatum=dt.date(2015, 3, 1),
            ingeschreven_vanaf=dt.date(2019, 8, 1),
        )
        for n in range(LEERLINGEN)
    )
    gebruiker = User.objects.create_user("importeur", password="een-lang-wachtwoord-42")
    Rol.objects.create(gebruiker=gebruiker, school=school, soort=RolSoort.COORDINATOR)
    dagen = _schooldagen(20_000 // (LEERLINGEN * len(LESUREN)))
    regels = ["pupil_id,date,kind,reason,hours,moment"] + [
        f"k{n:03d},{dag.isoformat()},absent,ongeoorloofd,,{uur}"
        for n in range(LEERLINGEN)
        for dag in dagen
        for uur in LESUREN
    ]
    data = ("\n".join(regels) + "\n").encode()
    plan = formaat("leerrecht").parse(data, school, bestandsnaam="absences.csv")
    assert plan.totaal == 20_000, plan.totaal
    opdracht = ImportOpdracht.objects.create(
        school=school,
        gebruiker=gebruiker,
        formaat="leerrecht",
        bestandsnaam="absences.csv",
        bestand=data,
        grootte=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        vingerafdruk=plan.vingerafdruk(),
        aantallen=plan.aantallen(),
        totaal=plan.totaal,
    )
    assert uitvoeren.claim(opdracht, plan.vingerafdruk())  # "Importeren" clicked: bezig
    return opdracht.pk


def importeer(opdracht_id: int) -> str:
    from leerrecht.web.importeren import uitvoeren

    melden = uitvoeren.Voortgang.__call__

    def melden_en_zeggen(
        self: uitvoeren.Voortgang, verwerkt: int, totaal: int | None = None
    ) -> None:
        melden(self, verwerkt, totaal)
        print(f"voortgang {verwerkt}", flush=True)

    uitvoeren.Voortgang.__call__ = melden_en_zeggen  # type: ignore[method-assign]
    return uitvoeren.voer_uit(opdracht_id)


def vingerafdruk() -> dict[str, str]:
    """Every table: its rows as text, sorted, hashed (a change anywhere changes a hash)."""
    uit: dict[str, str] = {}
    with connection.cursor() as cursor:
        for tabel in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")
            rijen = sorted(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r))
                           for r in cursor.fetchall())  # fmt: skip
            uit[tabel] = hashlib.sha256("\n".join(rijen).encode()).hexdigest()
    return uit


def opdracht_rij(opdracht_id: int) -> dict[str, object]:
    from leerrecht.web.importeren.models import ImportOpdracht

    rij = ImportOpdracht.objects.filter(pk=opdracht_id).values().get()
    return {k: str(bytes(v) if isinstance(v, memoryview) else v) for k, v in rij.items()}


def status(opdracht_id: int) -> str:
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host 'testserver'
    client = Client()
    client.force_login(User.objects.get(username="importeur"))
    return client.get(f"/importeren/{opdracht_id}/status/").content.decode()


if __name__ == "__main__":
    opdracht, *rest = sys.argv[1:]
    if opdracht == "opzet":
        print(json.dumps({"opdracht": opzet()}), flush=True)
    elif opdracht == "importeer":
        print(f"klaar {importeer(int(rest[0]))}", flush=True)
    elif opdracht == "vingerafdruk":
        print(json.dumps({"tabellen": vingerafdruk(), "opdracht": opdracht_rij(int(rest[0]))}))
    elif opdracht == "status":
        print(status(int(rest[0])))
