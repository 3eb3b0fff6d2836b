"""The school's privacy officer reads the school's audit log, filters it and exports it as CSV;
nobody else sees it, and the export is itself recorded (issue 7)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from audit_hulp import inloggen, laatste_pk, nieuwe_regels, privacyfunctionaris
from django.contrib.auth.models import User
from django.http import StreamingHttpResponse
from django.test import Client
from web_hulp import World, make_user

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie, AuditRegel
from leerrecht.web.audit.views import PER_PAGINA
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy(world: World) -> User:
    return privacyfunctionaris(world.school)


@pytest.fixture
def log(world: World) -> None:
    """Rows of both schools: the coordinator reads a1, the docent changes a2, a parent reads
    b1, the other school's coordinator reads the other pupil."""
    vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="verzuim van een leerling bekijken")
    vastleggen(world.docent_a, Actie.WIJZIGEN, world.a2, doel="verzuim registreren")
    vastleggen(
        None,
        Actie.LEZEN,
        "ouders:overzicht",
        doel="ouder bekijkt",
        leerling_id=world.b1.pk,
        omschrijving="ouder via code (toegang #1), leerling #1",
    )
    vastleggen(world.other_coordinator, Actie.LEZEN, world.other_pupil, doel="verzuim bekijken")


def _csv(response: StreamingHttpResponse) -> tuple[bytes, list[list[str]]]:
    inhoud = b"".join(response.streaming_content)  # type: ignore[arg-type]
    return inhoud, list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def test_privacyfunctionaris_ziet_alleen_de_eigen_school(
    client: Client, world: World, privacy: User, log: None
) -> None:
    inloggen(client, privacy)
    html = client.get("/privacy/").content.decode()
    assert "Leerlinga1 Test" in html and "Leerlinga2 Test" in html and "Leerlingb1 Test" in html
    assert "ouder via code" in html and "coordinator" in html
    assert "Leerlingx1" not in html and "anders" not in html


def test_privacyfunctionaris_van_andere_school_ziet_niets_van_deze_school(
    client: Client, world: World, log: None
) -> None:
    andere = privacyfunctionaris(world.other_school, "privacy-eik")
    inloggen(client, andere)
    html = client.get("/privacy/").content.decode()
    assert "Leerlingx1 Test" in html
    assert "Leerlinga1" not in html and "Leerlingb1" not in html
    # asking for this school explicitly does not help: it is not theirs
    assert client.get(f"/privacy/?school={world.school.pk}").status_code == 404
    assert client.get(f"/privacy/auditlog.csv?school={world.school.pk}").status_code == 404


@pytest.mark.parametrize(
    "soort",
    [RolSoort.COORDINATOR, RolSoort.DIRECTEUR, RolSoort.BEHEERDER, RolSoort.DOCENT],
)
def test_andere_rollen_krijgen_404(client: Client, world: World, soort: RolSoort) -> None:
    inloggen(client, make_user(f"rol-{soort}", world.school, soort))
    assert client.get("/privacy/").status_code == 404
    assert client.get("/privacy/auditlog.csv").status_code == 404


def test_anoniem_naar_de_inlogpagina(client: Client) -> None:
    response = client.get("/privacy/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_superuser_mag_elke_school_kiezen(client: Client, world: World, log: None) -> None:
    admin = User.objects.create_superuser("root", password="x")
    client.force_login(admin)
    html = client.get(f"/privacy/?school={world.other_school.pk}").content.decode()
    assert "Leerlingx1 Test" in html and "Leerlinga1" not in html


def test_privacyfunctionaris_heeft_geen_toegang_tot_leerlingpaginas(
    client: Client, world: World, privacy: User
) -> None:
    inloggen(client, privacy)
    assert client.get(f"/leerlingen/{world.a1.pk}/").status_code == 404
    assert client.get(f"/registreren/{world.groep_a.pk}/").status_code == 404


def test_privacyfunctionaris_begint_bij_het_auditlog(
    client: Client, world: World, privacy: User
) -> None:
    inloggen(client, privacy)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    assert 'href="/privacy/"' in client.get("/privacy/").content.decode()  # in the menu


@pytest.mark.parametrize(
    ("filters", "verwacht"),
    [
        ({"leerlingnummer": "a1"}, {"Leerlinga1"}),
        ({"medewerker": "DOCENT"}, {"Leerlinga2"}),
        ({"actie": "wijzigen"}, {"Leerlinga2"}),
        ({"doel": "ouder"}, {"Leerlingb1"}),
        ({"leerlingnummer": "x1"}, set()),  # the other school's pupil number
    ],
)
def test_filters(
    client: Client,
    world: World,
    privacy: User,
    log: None,
    filters: dict[str, str],
    verwacht: set[str],
) -> None:
    inloggen(client, privacy)
    html = client.get("/privacy/", filters).content.decode()
    gevonden = {n for n in ("Leerlinga1", "Leerlinga2", "Leerlingb1") if n in html}
    assert gevonden == verwacht


def test_periode_filter_en_fout_bij_omgekeerde_periode(
    client: Client, world: World, privacy: User, log: None
) -> None:
    inloggen(client, privacy)
    vandaag = dt.date.today()
    gisteren = (vandaag - dt.timedelta(days=1)).isoformat()
    html = client.get("/privacy/", {"van": gisteren, "tot": gisteren}).content.decode()
    assert "Leerlinga1" not in html and "Geen regels met deze filters" in html
    html = client.get("/privacy/", {"van": vandaag.isoformat()}).content.decode()
    assert "Leerlinga1" in html
    html = client.get("/privacy/", {"van": vandaag.isoformat(), "tot": gisteren}).content.decode()
    assert "De einddatum ligt voor de begindatum" in html and "Leerlinga1" not in html


def test_paginering(client: Client, world: World, privacy: User) -> None:
    for _ in range(PER_PAGINA + 5):
        vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="verzuim bekijken")
    inloggen(client, privacy)
    eerste = client.get("/privacy/").content.decode()
    assert eerste.count("<tr>") == PER_PAGINA + 1  # header row + one page
    assert "pagina 1 van 2" in eerste
    tweede = client.get("/privacy/", {"pagina": 2}).content.decode()
    # the second page: the rest, plus the row of reading the first page
    assert tweede.count("<tr>") == 5 + 1 + 1


def test_bekijken_van_het_log_wordt_zelf_vastgelegd(
    client: Client, world: World, privacy: User
) -> None:
    inloggen(client, privacy)
    voor = laatste_pk()
    client.get("/privacy/", {"leerlingnummer": "a1"})
    (regel,) = nieuwe_regels(voor)
    assert regel.wie == privacy and regel.actie == Actie.LEZEN
    assert regel.school_id == world.school.pk and regel.doel.startswith("toezicht")


def test_csv_export_met_filters_bom_en_eigen_auditregel(
    client: Client, world: World, privacy: User, log: None
) -> None:
    inloggen(client, privacy)
    voor = laatste_pk()
    response = client.get("/privacy/auditlog.csv", {"leerlingnummer": "a1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="auditlog-')
    inhoud, rijen = _csv(response)  # type: ignore[arg-type]
    assert inhoud.startswith(b"\xef\xbb\xbf")
    assert rijen[0] == [
        "wanneer",
        "wie",
        "actie",
        "wat",
        "leerlingnummer",
        "leerling",
        "doel",
        "omschrijving",
    ]
    assert len(rijen) == 2
    rij = rijen[1]
    assert rij[1] == "coordinator" and rij[2] == "lezen" and rij[4:6] == ["a1", "Leerlinga1 Test"]
    assert rij[6] == "verzuim van een leerling bekijken"
    (regel,) = nieuwe_regels(voor)
    assert regel.actie == Actie.EXPORTEREN and regel.wie == privacy
    assert regel.school_id == world.school.pk and "leerlingnummer=a1" in regel.omschrijving


def test_csv_export_zonder_filters_alle_regels_van_de_school(
    client: Client, world: World, privacy: User, log: None
) -> None:
    inloggen(client, privacy)
    _inhoud, rijen = _csv(client.get("/privacy/auditlog.csv"))  # type: ignore[arg-type]
    # three rows of this school plus the export's own row (written before the rows are read)
    assert len(rijen) == 1 + 4
    assert {r[4] for r in rijen[1:]} == {"a1", "a2", "b1", ""}
    assert AuditRegel.objects.filter(actie=Actie.EXPORTEREN, wie=privacy).count() == 1


def test_csv_export_schakelt_formules_uit(client: Client, world: World, privacy: User) -> None:
    vastleggen(
        world.coordinator, Actie.LEZEN, "=HYPERLINK(1)", doel="test", school_id=world.school.pk
    )
    inloggen(client, privacy)
    _inhoud, rijen = _csv(client.get("/privacy/auditlog.csv"))  # type: ignore[arg-type]
    assert "'=HYPERLINK(1)" in [r[3] for r in rijen]
