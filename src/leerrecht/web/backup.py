"""Backup and restore of the whole application: ``leerrecht backup BESTAND`` and
``leerrecht restore BESTAND`` (docs/beheer-bewaren-en-backup.md).

The archive is a tar.gz with

- ``manifest.json``: format version, leerrecht version, when it was made, the database vendor,
  the applied migrations per app, the number of rows per model, the sha256 of every other
  member, and the stored files that were missing;
- ``data.json``: every row of every model but the sessions, with its own primary key
  (Django's JSON serializer, as ``dumpdata --all``, datetimes to the microsecond), so a backup
  of SQLite restores into PostgreSQL and back; the content types and permissions too, which
  replace those the target's migrations made, so every reference keeps its key;
- ``bestanden/<app.Model.veld>/<naam>``: the stored files of every ``FileField`` (dossier
  documents, werkgeversverklaringen), under the name the database refers to.

By default the archive is encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the
``cryptography`` package) under the key in ``LEERRECHT_BACKUP_SLEUTEL``, in frames of 1 MiB; each
frame carries its number and whether it is the last, so frames cannot be dropped, reordered or
cut off unnoticed. ``--onversleuteld`` writes the plain tar.gz, only when asked for.

A restore reads and checks everything before it touches the database (the key, every member's
sha256, the migration state), refuses a database that holds data unless ``--overschrijven``
(which empties it first, in the same transaction), loads all rows (in batches, without
``save()`` or signals, as ``loaddata``), checks the foreign keys and the row counts, resets
the PostgreSQL sequences and writes the files, in one transaction: all or nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import struct
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from cryptography.fernet import Fernet, InvalidToken
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import ManyToManyField

FORMAAT = 1
MAGIC = b"LEERRECHT-BACKUP-FERNET-1\n"
FRAME = 1 << 20
SLEUTEL_VAR = "LEERRECHT_BACKUP_SLEUTEL"
#: rows these models may hold in an 'empty' database: made by migrations (or post_migrate)
MIGRATIEDATA = frozenset(
    {"contenttypes.ContentType", "auth.Permission", "sessions.Session", "leerplicht.Gemeente"}
)


class BackupFout(Exception):
    """A backup or restore that cannot go on; the message says why and what to do (Dutch)."""


# -- encryption ------------------------------------------------------------------------------


def nieuwe_sleutel() -> str:
    return Fernet.generate_key().decode("ascii")


def _fernet(sleutel: str | None) -> Fernet:
    sleutel = (sleutel if sleutel is not None else os.environ.get(SLEUTEL_VAR, "")).strip()
    if not sleutel:
        raise BackupFout(
            f"Geen sleutel: zet {SLEUTEL_VAR} (maak er een met 'leerrecht backup "
            "--nieuwe-sleutel' en bewaar die apart van de back-ups), of kies uitdrukkelijk "
            "voor --onversleuteld."
        )
    try:
        return Fernet(sleutel.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise BackupFout(
            f"{SLEUTEL_VAR} is geen geldige sleutel (44 tekens, url-safe base64); maak er een "
            "met 'leerrecht backup --nieuwe-sleutel'."
        ) from exc


class _Versleuteld(io.RawIOBase):
    """A write-only stream that encrypts in numbered frames."""

    def __init__(self, doel: BinaryIO, fernet: Fernet) -> None:
        self.doel = doel
        self.fernet = fernet
        self.buffer = bytearray()
        self.nummer = 0
        self.doel.write(MAGIC)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.buffer += data
        while len(self.buffer) > FRAME:
            self._frame(bytes(self.buffer[:FRAME]), laatste=False)
            del self.buffer[:FRAME]
        return len(data)

    def _frame(self, stuk: bytes, laatste: bool) -> None:
        kop = struct.pack(">QB", self.nummer, 1 if laatste else 0)
        # stored as raw bytes: the token's base64 would add a third to the size
        token = base64.urlsafe_b64decode(self.fernet.encrypt(kop + stuk))
        self.doel.write(struct.pack(">I", len(token)) + token)
        self.nummer += 1

    def sluit(self) -> None:
        self._frame(bytes(self.buffer), laatste=True)
        self.buffer.clear()


def _ontsleutel(bron: BinaryIO, doel: BinaryIO, fernet: Fernet) -> None:
    fout = BackupFout(
        "De back-up kan niet worden ontsleuteld: de sleutel past niet bij deze back-up, of het "
        "bestand is beschadigd of gewijzigd. Gebruik de sleutel waarmee de back-up is gemaakt."
    )
    nummer = 0
    while True:
        lengte = bron.read(4)
        if len(lengte) < 4:
            raise BackupFout(
                "De back-up is onvolledig (afgebroken of ingekort); er is niets hersteld."
            )
        (n,) = struct.unpack(">I", lengte)
        token = bron.read(n)
        try:
            platte = fernet.decrypt(base64.urlsafe_b64encode(token))
        except InvalidToken as exc:
            raise fout from exc
        volgnummer, laatste = struct.unpack(">QB", platte[:9])
        if volgnummer != nummer:
            raise fout
        doel.write(platte[9:])
        nummer += 1
        if laatste:
            if bron.read(1):
                raise fout
            return


# -- what is in the database ---------------------------------------------------------------


def _modellen() -> list[Any]:
    """Every model whose rows are in a backup (all but the sessions)."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.app_label != "sessions"
    ]


def _aantallen() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in _modellen()}


def migratiestand() -> dict[str, list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    stand: dict[str, list[str]] = {}
    for app, naam in MigrationRecorder(connection).applied_migrations():
        stand.setdefault(app, []).append(naam)
    return {app: sorted(namen) for app, namen in sorted(stand.items())}


def _bestandsvelden() -> Iterator[tuple[Any, Any]]:
    from django.db import models

    for m in _modellen():
        for f in m._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield m, f


def _opgeslagen_bestanden() -> Iterator[tuple[str, Any, str]]:
    """(``app.Model.veld``, storage, name) of every stored file the database refers to."""
    for m, f in _bestandsvelden():
        sleutel = f"{m._meta.label}.{f.name}"
        namen = m._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True)
        for naam in namen.order_by(f.name).distinct():
            if naam:
                yield sleutel, f.storage, naam


def _storage(sleutel: str) -> Any:
    for m, f in _bestandsvelden():
        if f"{m._meta.label}.{f.name}" == sleutel:
            return f.storage
    raise BackupFout(f"De back-up bevat bestanden van een onbekend veld ({sleutel}).")


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with pad.open("rb") as f:
        for stuk in iter(lambda: f.read(FRAME), b""):
            h.update(stuk)
    return h.hexdigest()


# -- backup ----------------------------------------------------------------------------------


@dataclass
class Resultaat:
    rijen: int
    bestanden: int
    grootte: int
    ontbrekend: list[str] = field(default_factory=list)
    versleuteld: bool = True


def maak_backup(doel: Path, *, versleuteld: bool = True, sleutel: str | None = None) -> Resultaat:
    """Write the archive to ``doel`` (through a temporary file next to it, renamed at the end)."""
    from django.db import connection, transaction

    from leerrecht import __version__
    from leerrecht.web.audit.log import vastleggen
    from leerrecht.web.audit.models import Actie

    fernet = _fernet(sleutel) if versleuteld else None
    doel = Path(doel)
    with tempfile.TemporaryDirectory(prefix="leerrecht-backup-") as werk:
        data = Path(werk) / "data.json"
        # one snapshot: the rows, the counts and the file list read in the same transaction
        buitenste = not connection.in_atomic_block
        with transaction.atomic():
            if buitenste and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            vastleggen(
                None,
                Actie.EXPORTEREN,
                "back-up van alle gegevens",
                doel="back-up",
                omschrijving=f"leerrecht backup {doel.name}",
            )
            _schrijf_data(data)
            aantallen = _aantallen()
            bestanden = list(_opgeslagen_bestanden())
        leden: dict[str, str] = {"data.json": _sha256(data)}
        paden: dict[str, Path] = {}
        ontbrekend: list[str] = []
        for sleutel_veld, storage, naam in bestanden:
            pad = Path(storage.path(naam))
            if not pad.is_file():
                ontbrekend.append(f"{sleutel_veld}/{naam}")
                continue
            lid = f"bestanden/{sleutel_veld}/{naam}"
            leden[lid] = _sha256(pad)
            paden[lid] = pad
        manifest = {
            "formaat": FORMAAT,
            "leerrecht": __version__,
            "gemaakt_op": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migraties": migratiestand(),
            "aantallen": aantallen,
            "leden": leden,
            "ontbrekende_bestanden": ontbrekend,
        }
        tijdelijk = doel.with_name(doel.name + ".bezig")
        with tijdelijk.open("wb") as uit:
            stroom: IO[bytes]
            if fernet is not None:
                versleuteling = _Versleuteld(uit, fernet)
                stroom = versleuteling  # type: ignore[assignment]
            else:
                stroom = uit
            with tarfile.open(fileobj=stroom, mode="w|gz") as tar:
                _voeg_toe(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
                tar.add(data, arcname="data.json")
                for lid, pad in paden.items():
                    tar.add(pad, arcname=lid)
            if fernet is not None:
                versleuteling.sluit()
        tijdelijk.replace(doel)
    return Resultaat(
        rijen=sum(aantallen.values()),
        bestanden=len(paden),
        grootte=doel.stat().st_size,
        ontbrekend=ontbrekend,
        versleuteld=fernet is not None,
    )


class _ExacteJSON(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds of a datetime or time (ECMA-262); a backup keeps the
    microseconds, so a restored row equals the original exactly."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            tekst = o.isoformat()
            return tekst.removesuffix("+00:00") + "Z" if tekst.endswith("+00:00") else tekst
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def _schrijf_data(pad: Path) -> None:
    """Every row of every model but the sessions, with its own primary key and plain keys in
    its references (content types and permissions included: the restore puts them back with
    the same keys), as ``dumpdata --all`` writes them, datetimes to the microsecond."""
    from django.core import serializers

    modellen = [m for m in _modellen() if not m._meta.auto_created]

    def rijen() -> Iterator[Any]:
        for m in modellen:
            yield from m._base_manager.order_by(m._meta.pk.name).iterator(chunk_size=2000)

    with pad.open("w", encoding="utf-8") as uit:
        serializers.serialize("json", rijen(), stream=uit, cls=_ExacteJSON)


def _laad_data(pad: Path) -> None:
    """Insert the rows of ``data.json`` as they are (like ``loaddata``: no ``save()``, no
    signals, no ``auto_now``), in batches per model; the foreign keys are checked at the end."""
    from django.core import serializers
    from django.db import IntegrityError, connection

    per_model: dict[Any, list[Any]] = {}
    koppelingen: dict[Any, list[Any]] = {}
    with pad.open(encoding="utf-8") as f:
        for obj in serializers.deserialize("json", f):
            model = type(obj.object)
            per_model.setdefault(model, []).append(obj.object)
            for naam, waarden in (obj.m2m_data or {}).items():
                veld = cast(ManyToManyField[Any, Any], model._meta.get_field(naam))
                through: Any = veld.remote_field.through
                van, naar = veld.m2m_field_name(), veld.m2m_reverse_field_name()
                koppelingen.setdefault(through, []).extend(
                    through(**{f"{van}_id": obj.object.pk, f"{naar}_id": w}) for w in waarden
                )
    for model, objecten in [*per_model.items(), *koppelingen.items()]:
        if model._meta.parents:  # multi-table inheritance: row by row, as loaddata
            for o in objecten:
                o.save_base(raw=True)
            continue
        velden = [
            f
            for f in model._meta.local_concrete_fields
            if not (model._meta.auto_created and f.primary_key)
        ]
        blok = connection.ops.bulk_batch_size(velden, objecten) or len(objecten) or 1
        for i in range(0, len(objecten), blok):
            model._base_manager._insert(objecten[i : i + blok], fields=velden, raw=True)
    try:
        connection.check_constraints()
    except IntegrityError as exc:
        raise BackupFout(
            f"De gegevens in de back-up verwijzen naar rijen die er niet zijn ({exc}); er is "
            "niets hersteld."
        ) from exc


def _voeg_toe(tar: tarfile.TarFile, naam: str, inhoud: bytes) -> None:
    info = tarfile.TarInfo(naam)
    info.size = len(inhoud)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(inhoud))


# -- restore ---------------------------------------------------------------------------------


def _lees_archief(bron: Path, werk: Path, sleutel: str | None) -> tuple[dict[str, Any], Path]:
    """Decrypt (when encrypted) and unpack into ``werk``, checking every member against the
    manifest. Returns the manifest and the directory with the members."""
    if not bron.is_file():
        raise BackupFout(f"{bron} bestaat niet of is geen bestand.")
    tarpad = werk / "archief.tar.gz"
    with bron.open("rb") as f:
        begin = f.read(len(MAGIC))
        if begin == MAGIC:
            with tarpad.open("wb") as uit:
                _ontsleutel(f, uit, _fernet(sleutel))
        elif begin[:2] == b"\x1f\x8b":
            f.seek(0)
            with tarpad.open("wb") as uit:
                for stuk in iter(lambda: f.read(FRAME), b""):
                    uit.write(stuk)
        else:
            raise BackupFout(f"{bron} is geen back-up van leerrecht.")
    leden = werk / "leden"
    leden.mkdir()
    try:
        with tarfile.open(tarpad, mode="r:gz") as tar:
            tar.extractall(leden, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupFout(
            f"De back-up is beschadigd en kan niet worden uitgepakt ({exc}); er is niets hersteld."
        ) from exc
    tarpad.unlink()
    manifest_pad = leden / "manifest.json"
    if not manifest_pad.is_file():
        raise BackupFout("De back-up heeft geen manifest.json; er is niets hersteld.")
    manifest = json.loads(manifest_pad.read_text())
    if manifest.get("formaat") != FORMAAT:
        raise BackupFout(
            f"Deze back-up heeft formaat {manifest.get('formaat')}; deze versie van leerrecht "
            f"leest formaat {FORMAAT}."
        )
    gevonden = {
        p.relative_to(leden).as_posix()
        for p in leden.rglob("*")
        if p.is_file() and p != manifest_pad
    }
    verwacht = set(manifest["leden"])
    if gevonden != verwacht:
        raise BackupFout(
            "De inhoud van de back-up klopt niet met het manifest (ontbrekend: "
            f"{sorted(verwacht - gevonden)[:5]}, onbekend: {sorted(gevonden - verwacht)[:5]}); "
            "er is niets hersteld."
        )
    for lid, sha in manifest["leden"].items():
        if _sha256(leden / lid) != sha:
            raise BackupFout(
                f"De controlesom van {lid} klopt niet: de back-up is gewijzigd of beschadigd; "
                "er is niets hersteld."
            )
    return manifest, leden


def _controleer_migraties(manifest: dict[str, Any]) -> None:
    hier = migratiestand()
    daar = manifest["migraties"]
    if hier != daar:
        verschil = sorted(app for app in set(hier) | set(daar) if hier.get(app) != daar.get(app))
        raise BackupFout(
            "De migraties van deze database verschillen van die van de back-up (apps: "
            f"{', '.join(verschil)}). Herstel in een database met dezelfde versie van "
            f"leerrecht ({manifest.get('leerrecht')}) en voer eerst 'leerrecht manage migrate' "
            "uit; er is niets hersteld."
        )


def gevulde_modellen() -> dict[str, int]:
    """Models holding rows that the migrations did not make (an empty database: none)."""
    return {label: n for label, n in _aantallen().items() if n and label not in MIGRATIEDATA}


@dataclass
class Herstel:
    rijen: int
    bestanden: int
    gemaakt_op: str


def herstel(bron: Path, *, sleutel: str | None = None, overschrijven: bool = False) -> Herstel:
    """Restore the archive ``bron`` into this (migrated) database; see the module docstring."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with tempfile.TemporaryDirectory(prefix="leerrecht-herstel-") as werk_naam:
        werk = Path(werk_naam)
        manifest, leden = _lees_archief(Path(bron), werk, sleutel)
        _controleer_migraties(manifest)
        gevuld = gevulde_modellen()
        if gevuld and not overschrijven:
            voorbeeld = ", ".join(f"{k} ({v})" for k, v in sorted(gevuld.items())[:5])
            raise BackupFout(
                "De database is niet leeg (onder andere " + voorbeeld + "). Herstel in een "
                "lege, gemigreerde database, of gebruik --overschrijven om alles in deze "
                "database eerst te wissen; er is niets hersteld."
            )
        bestanden = [lid for lid in manifest["leden"] if lid.startswith("bestanden/")]
        with transaction.atomic():
            if overschrijven:
                postgres = connection.vendor == "postgresql"
                if postgres:  # TRUNCATE refuses while deferred checks of earlier writes wait
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                call_command("flush", interactive=False, verbosity=0)
                if postgres:  # loaddata relies on deferred foreign key checks
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # made by the migrations; the backup has them with its own keys (the deletes
            # cascade to permissions and the groups' and users' permission links, still empty)
            from django.apps import apps

            for label in ("leerplicht.Gemeente", "auth.Permission", "contenttypes.ContentType"):
                if manifest["aantallen"].get(label):
                    apps.get_model(label)._base_manager.all().delete()
            _laad_data(leden / "data.json")
            from django.contrib.contenttypes.models import ContentType

            ContentType.objects.clear_cache()
            na = _aantallen()
            verschil = {
                label: (n, na.get(label, 0))
                for label, n in manifest["aantallen"].items()
                if na.get(label, 0) != n
            }
            if verschil:
                raise BackupFout(
                    "Na het laden kloppen de aantallen rijen niet met de back-up (model: "
                    f"verwacht, gevonden: {dict(sorted(verschil.items())[:5])}); er is niets "
                    "hersteld."
                )
            if connection.vendor == "postgresql":
                sql = connection.ops.sequence_reset_sql(no_style(), _modellen())
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
            for lid in bestanden:
                _, sleutel_veld, naam = lid.split("/", 2)
                storage = _storage(sleutel_veld)
                locatie = Path(storage.location).resolve()
                pad = Path(storage.path(naam)).resolve()
                if locatie not in pad.parents:
                    raise BackupFout(f"{lid} valt buiten de opslagmap; er is niets hersteld.")
                pad.parent.mkdir(parents=True, exist_ok=True)
                pad.write_bytes((leden / lid).read_bytes())
    return Herstel(
        rijen=sum(manifest["aantallen"].values()),
        bestanden=len(bestanden),
        gemaakt_op=str(manifest.get("gemaakt_op", "")),
    )


# -- command line (leerrecht backup / leerrecht restore) --------------------------------------


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")
    django.setup()


def backup_main(argv: list[str]) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="leerrecht backup",
        description="Maak een back-up van alle gegevens en opgeslagen bestanden (versleuteld "
        f"met de sleutel in {SLEUTEL_VAR}).",
    )
    parser.add_argument(
        "bestand", nargs="?", type=Path, help="het back-upbestand dat wordt gemaakt"
    )
    parser.add_argument(
        "--onversleuteld", action="store_true", help="niet versleutelen (alleen uitdrukkelijk)"
    )
    parser.add_argument(
        "--nieuwe-sleutel", action="store_true", help="toon een nieuwe sleutel en stop"
    )
    args = parser.parse_args(argv)
    if args.nieuwe_sleutel:
        print(nieuwe_sleutel())
        return 0
    if args.bestand is None:
        parser.error("geef het bestand op waarin de back-up komt, bv. leerrecht backup back-up.lrb")
    _django()
    try:
        r = maak_backup(args.bestand, versleuteld=not args.onversleuteld)
    except BackupFout as exc:
        sys.stderr.write(f"leerrecht backup: {exc}\n")
        return 1
    soort = "versleuteld" if r.versleuteld else "ONVERSLEUTELD"
    print(
        f"Back-up {args.bestand} gemaakt ({soort}): {r.rijen} rijen, {r.bestanden} bestanden, "
        f"{r.grootte / 1e6:.1f} MB."
    )
    if r.ontbrekend:
        sys.stderr.write(
            f"Let op: {len(r.ontbrekend)} bestanden waar de database naar verwijst ontbreken op "
            "schijf en zitten niet in de back-up (zie manifest.json).\n"
        )
    return 0


def restore_main(argv: list[str]) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="leerrecht restore",
        description="Zet een back-up terug in een lege, gemigreerde database (alles of niets).",
    )
    parser.add_argument("bestand", type=Path, help="het back-upbestand")
    parser.add_argument(
        "--overschrijven",
        action="store_true",
        help="wis eerst alle gegevens in deze database (in dezelfde transactie)",
    )
    args = parser.parse_args(argv)
    _django()
    try:
        r = herstel(args.bestand, overschrijven=args.overschrijven)
    except BackupFout as exc:
        sys.stderr.write(f"leerrecht restore: {exc}\n")
        return 1
    print(f"Back-up van {r.gemaakt_op} hersteld: {r.rijen} rijen, {r.bestanden} bestanden.")
    return 0
