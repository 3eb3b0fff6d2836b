"""Sample files and helpers for the import tests (the world comes from web_hulp)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from leerrecht.web.importeren.models import CodeKoppeling, ImportOpdracht
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import Groep, Leerling, School

#: a1 moves to Kerkrade; n1 is new in a new group 7c; n2 is new in the existing group 5a
PUPILS_CSV = """\
pupil_id,birth_date,enrolled_from,enrolled_until,municipality,group,first_name,last_name
a1,2015-03-01,2019-08-01,,Kerkrade,5a,Leerlinga1,Test
n1,2016-05-10,2025-08-18,,Heerlen,7c,Noa,Jansen
n2,2016-06-11,2025-08-18,,Heerlen,5a,Sem,de Vries
"""

#: 2 March 2026 is a Monday, 4 March a Wednesday (3.75 lesson hours at a PO school)
ABSENCES_CSV = """\
pupil_id,date,kind,reason,hours,note
a1,2026-03-02,absent,ziek,,
a2,2026-03-03,late,ongeoorloofd,0.25,bus te laat
b1,2026-03-04,absent,ongeoorloofd,2,
"""

MAGISTER_CSV = """\
Stamnummer;Roepnaam;Klas;Datum;Lesuur;Absentiecode;Omschrijving
a1;Anna;5a;02-03-2026;1;Z;Ziek
a1;Anna;5a;02-03-2026;2;z;Ziek
a2;Bram;5a;03-03-2026;;O;Ongeoorloofd
"""

SOMTODAY_CSV = """\
Leerlingnummer;Datum;Lesuur;Waarnemingscode;Omschrijving;Opmerking
a1;2026-03-02;3;TL;Te laat;bus
b1;02-03-2026 08:30;;Z;Ziek;
"""

PARNASSYS_CSV = (
    "Leerling\tDatum\tDagdeel\tReden\n"
    "a1\t02-03-2026\tochtend\tZiek\n"
    "a2\t02-03-2026\tmiddag\tziek\n"
    "b1\t03-03-2026\t\tOngeoorloofd\n"
)


def codes(school: School) -> None:
    """The school's LAS code table for the samples."""
    for code, soort, reden in [
        ("Z", "absent", "ziek"),
        ("O", "absent", "ongeoorloofd"),
        ("TL", "late", "ongeoorloofd"),
        ("Ziek", "absent", "ziek"),
        ("Ongeoorloofd", "absent", "ongeoorloofd"),
    ]:
        CodeKoppeling.objects.create(school=school, code=code, soort=soort, reden=reden)


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def snapshot() -> dict[str, Any]:
    """Everything an import may touch, value by value."""
    return {
        "groepen": sorted(Groep.objects.values_list("pk", "school_id", "naam")),
        "leerlingen": sorted(
            Leerling.objects.values_list(
                "pk",
                "school_id",
                "groep_id",
                "leerlingnummer",
                "voornaam",
                "achternaam",
                "geboortedatum",
                "ingeschreven_vanaf",
                "ingeschreven_tot",
                "woongemeente",
                "startkwalificatie",
                "uitschrijfreden",
                "nieuwe_inschrijving_vanaf",
            )
        ),
        "registraties": sorted(
            Registratie.objects.values_list(
                "pk", "leerling_id", "datum", "moment", "soort", "reden", "uren", "notitie"
            )
        ),
        "wijzigingen": sorted(
            RegistratieWijziging.objects.values_list(
                "pk", "leerling_id", "datum", "moment", "oude_waarde", "nieuwe_waarde"
            )
        ),
    }


def upload(
    client: Client,
    school: School,
    formaat: str,
    inhoud: str | bytes,
    naam: str = "bestand.csv",
) -> Any:
    data = inhoud.encode() if isinstance(inhoud, str) else inhoud
    return client.post(
        "/importeren/",
        {"school": str(school.pk), "formaat": formaat, "bestand": SimpleUploadedFile(naam, data)},
    )


def laatste() -> ImportOpdracht:
    opdracht = ImportOpdracht.objects.order_by("-pk").first()
    assert opdracht is not None
    return opdracht
