"""Which documents a dossier accepts: pdf, docx, odt, jpg and png, at most 10 MB.

A file is accepted only when its extension, the content type the browser sent, and its first
bytes (the file's signature) all agree, so a renamed program or web page is refused. Files are
stored outside any public URL (:class:`~leerrecht.web.dossiers.models.DocumentOpslag`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def _begint_met(*signaturen: bytes) -> Callable[[UploadedFile[bytes]], bool]:
    def check(bestand: UploadedFile[bytes]) -> bool:
        bestand.seek(0)
        kop = bestand.read(16)
        bestand.seek(0)
        return any(kop.startswith(s) for s in signaturen)

    return check


def _zip_met(naam: str, inhoud: bytes | None = None) -> Callable[[UploadedFile[bytes]], bool]:
    """A zip archive (docx and odt are) holding ``naam`` (with ``inhoud``, when given)."""

    def check(bestand: UploadedFile[bytes]) -> bool:
        bestand.seek(0)
        try:
            with zipfile.ZipFile(bestand) as archief:
                if naam not in archief.namelist():
                    return False
                return inhoud is None or archief.read(naam).strip() == inhoud
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            bestand.seek(0)

    return check


@dataclass(frozen=True)
class Soort:
    content_types: frozenset[str]
    inhoud_klopt: Callable[[UploadedFile[bytes]], bool]
    omschrijving: str


_PDF = Soort(frozenset({"application/pdf"}), _begint_met(b"%PDF-"), "PDF")
_JPG = Soort(frozenset({"image/jpeg"}), _begint_met(b"\xff\xd8\xff"), "JPEG")

SOORTEN: dict[str, Soort] = {
    ".pdf": _PDF,
    ".docx": Soort(frozenset({DOCX}), _zip_met("word/document.xml"), "Word (docx)"),
    ".odt": Soort(frozenset({ODT}), _zip_met("mimetype", ODT.encode()), "OpenDocument (odt)"),
    ".jpg": _JPG,
    ".jpeg": _JPG,
    ".png": Soort(frozenset({"image/png"}), _begint_met(b"\x89PNG\r\n\x1a\n"), "PNG"),
}

#: for the file input's ``accept`` attribute
ACCEPT = ",".join([*SOORTEN, *sorted({t for s in SOORTEN.values() for t in s.content_types})])


class DocumentFout(ValueError):
    """The upload is refused; the message is for the user (Dutch)."""


def controleer(bestand: UploadedFile[bytes]) -> str:
    """The content type to store; raises :class:`DocumentFout` when the file is refused."""
    naam = bestand.name or ""
    extensie = PurePath(naam).suffix.lower()
    soort = SOORTEN.get(extensie)
    if soort is None:
        raise DocumentFout(
            _("Alleen pdf, docx, odt, jpg en png kunnen worden toegevoegd (niet '%(ext)s').")
            % {"ext": extensie or naam}
        )
    if (bestand.size or 0) > MAX_BYTES:
        raise DocumentFout(_("Het bestand is groter dan 10 MB."))
    if (bestand.size or 0) == 0:
        raise DocumentFout(_("Het bestand is leeg."))
    content_type = (bestand.content_type or "").split(";")[0].strip().lower()
    if content_type not in soort.content_types:
        raise DocumentFout(
            _(
                "Het bestand heet '%(naam)s' maar is volgens uw browser van de soort "
                "'%(soort)s'; naam en soort moeten bij elkaar passen."
            )
            % {"naam": naam, "soort": content_type or "?"}
        )
    if not soort.inhoud_klopt(bestand):
        raise DocumentFout(
            _("De inhoud van '%(naam)s' is geen geldig %(soort)s-bestand.")
            % {"naam": naam, "soort": soort.omschrijving}
        )
    return content_type


def veilige_naam(naam: str) -> str:
    """The original file name, cleaned for the download header and at most 200 characters."""
    pad = PurePath(naam.replace("\\", "/")).name
    try:
        schoon = get_valid_filename(pad)
    except Exception:  # Django raises SuspiciousFileOperation on names like '..'
        schoon = "document"
    stam, ext = PurePath(schoon).stem, PurePath(schoon).suffix
    return f"{stam[: 200 - len(ext)]}{ext}"
