"""Documents in a dossier: pdf, docx, odt, jpg and png up to 10 MB, checked on extension, content
type and content; stored outside any public URL and served only to the office's staff (404 for
anyone else), every read in the audit log."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from dossiers_hulp import Kantoor, World, login, open_dossier

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.dossiers.documenten import DOCX, MAX_BYTES, ODT
from leerrecht.web.dossiers.models import Document, Dossier

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(bestanden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


def _upload(client: Client, dossier: Dossier, naam: str, inhoud: bytes, soort: str) -> str:
    response = client.post(
        f"/dossiers/{dossier.pk}/documenten/nieuw/",
        {
            "bestand": SimpleUploadedFile(naam, inhoud, content_type=soort),
            "omschrijving": "uitnodiging verzuimgesprek",
        },
    )
    return "ok" if response.status_code == 302 else response.content.decode()


@pytest.mark.parametrize(
    ("naam", "inhoud", "soort"),
    [
        ("uitnodiging.pdf", PDF, "application/pdf"),
        ("brief.docx", _zip({"word/document.xml": b"<w:document/>"}), DOCX),
        ("brief.odt", _zip({"mimetype": ODT.encode(), "content.xml": b"<x/>"}), ODT),
        ("scan.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
    ],
)
def test_toegestane_documenten_worden_opgeslagen_buiten_de_publieke_map(
    kantoor: Kantoor, documenten_map: Path, naam: str, inhoud: bytes, soort: str
) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    assert _upload(login(kantoor.lpa), dossier, naam, inhoud, soort) == "ok"
    document = Document.objects.get()
    assert document.naam == naam and document.content_type == soort
    pad = Path(document.bestand.path)
    assert pad.is_relative_to(documenten_map / "dossier-documenten")
    assert naam not in pad.name  # a random name on disk
    assert pad.read_bytes() == inhoud


@pytest.mark.parametrize(
    ("naam", "inhoud", "soort", "fout"),
    [
        ("programma.exe", b"MZ\x90\x00", "application/octet-stream", "Alleen pdf, docx, odt"),
        ("pagina.html", b"<html>", "text/html", "Alleen pdf, docx, odt"),
        ("brief.pdf", PDF, "text/html", "naam en soort moeten bij elkaar passen"),
        ("nep.pdf", b"<script>alert(1)</script>", "application/pdf", "geen geldig PDF-bestand"),
        ("nep.docx", b"PK\x03\x04 niet echt", DOCX, "geen geldig Word (docx)-bestand"),
        ("nep.odt", _zip({"mimetype": b"application/zip"}), ODT, "geen geldig OpenDocument"),
        ("nep.png", PDF, "image/png", "geen geldig PNG-bestand"),
        ("leeg.pdf", b"", "application/pdf", "leeg"),
    ],
)
def test_andere_of_vervalste_bestanden_worden_geweigerd(
    kantoor: Kantoor, naam: str, inhoud: bytes, soort: str, fout: str
) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    html = _upload(login(kantoor.lpa), dossier, naam, inhoud, soort)
    assert fout in html
    assert not Document.objects.exists()


def test_meer_dan_10_mb_wordt_geweigerd(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    groot = PDF + b"0" * (MAX_BYTES - len(PDF) + 1)
    assert "groter dan 10 MB" in _upload(
        login(kantoor.lpa), dossier, "groot.pdf", groot, "application/pdf"
    )
    precies = PDF + b"0" * (MAX_BYTES - len(PDF))
    assert _upload(login(kantoor.lpa), dossier, "precies.pdf", precies, "application/pdf") == "ok"


def _met_document(kantoor: Kantoor) -> tuple[Dossier, Document]:
    dossier = open_dossier(kantoor, kantoor.melding)
    assert _upload(login(kantoor.lpa), dossier, "uitnodiging.pdf", PDF, "application/pdf") == "ok"
    return dossier, Document.objects.get()


def test_document_alleen_voor_het_bureau_en_elke_inzage_in_het_audit_log(
    kantoor: Kantoor, world: World
) -> None:
    dossier, document = _met_document(kantoor)
    url = f"/dossiers/{dossier.pk}/documenten/{document.pk}/"
    response = login(kantoor.lpa2).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment")
    regel = AuditRegel.objects.filter(wie=kantoor.lpa2, wat=f"dossiers.dossier #{dossier.pk}").get()
    assert regel.actie == "lezen" and regel.doel == "document uit een dossier inzien"
    assert regel.leerling_id == world.a1.pk
    assert regel.omschrijving == f"document #{document.pk}"

    for buiten in (kantoor.andere_lpa, world.coordinator, world.docent_a):
        assert login(buiten).get(url).status_code == 404
    assert not AuditRegel.objects.filter(wie=kantoor.andere_lpa).exists()
    # the document of one dossier cannot be fetched through another dossier
    ander = open_dossier(kantoor, jeugdige=kantoor.jongere)
    assert (
        login(kantoor.lpa).get(f"/dossiers/{ander.pk}/documenten/{document.pk}/").status_code == 404
    )


def test_administratie_mag_documenten_toevoegen_en_inzien(kantoor: Kantoor) -> None:
    dossier, document = _met_document(kantoor)
    client = login(kantoor.administratie)
    assert _upload(client, dossier, "scan.png", PNG, "image/png") == "ok"
    assert client.get(f"/dossiers/{dossier.pk}/documenten/{document.pk}/").status_code == 200


def test_geen_document_url_onder_media_of_static(kantoor: Kantoor) -> None:
    _, document = _met_document(kantoor)
    assert document.bestand.storage.base_url == ""
    assert not document.bestand.name.startswith(("static", "media"))
