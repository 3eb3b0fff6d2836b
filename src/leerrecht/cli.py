"""The ``leerrecht`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from leerrecht import __version__
from leerrecht.batch.errors import InputError
from leerrecht.batch.loader import check_manual_steps, load_data_dir
from leerrecht.batch.output import render_table, to_json
from leerrecht.core.calendar import CalendarError
from leerrecht.core.evaluate import evaluate
from leerrecht.core.model import VerlofSoort
from leerrecht.core.protocols.describe import describe, diff
from leerrecht.core.protocols.loader import (
    ProtocolError,
    load_protocol,
    load_protocol_file,
    shipped_protocol_files,
)
from leerrecht.core.protocols.schema import Protocol, manual_step_ids
from leerrecht.core.rules.verlof import check_verlof

EXIT_INPUT = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen datum; schrijf JJJJ-MM-DD") from None


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen geheel getal") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leerrecht",
        description="Schoolverzuim volgens de Leerplichtwet en de regionale verzuimkaarten.",
    )
    parser.add_argument("--version", action="version", version=f"leerrecht {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ev = sub.add_parser(
        "evaluate",
        help="Bereken meldingen, thuiszitters en aandachtspunten voor de gegevens van een school.",
    )
    ev.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    ev.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="JJJJ-MM-DD",
        help="peildatum: de stand aan het eind van deze dag (standaard: vandaag)",
    )
    ev.add_argument(
        "--protocol", default=None, metavar="ID", help="regionaal protocol (verzuimkaart)"
    )
    ev.add_argument("--format", choices=("json", "table"), default="json")
    ev.set_defaults(func=_cmd_evaluate)

    verlof = sub.add_parser("verlof", help="Verlofaanvragen toetsen aan de Leerplichtwet.")
    verlof_sub = verlof.add_subparsers(dest="verlof_command", required=True)
    check = verlof_sub.add_parser("check", help="Toets een verlofaanvraag (art. 13a en 14 Lpw).")
    check.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    check.add_argument("--pupil", required=True, metavar="ID")
    check.add_argument("--soort", required=True, choices=[s.value for s in VerlofSoort])
    check.add_argument("--start", required=True, type=_date, metavar="JJJJ-MM-DD")
    check.add_argument("--end", required=True, type=_date, metavar="JJJJ-MM-DD")
    check.add_argument(
        "--aangevraagd",
        type=_date,
        default=None,
        metavar="JJJJ-MM-DD",
        help="datum van de aanvraag (gewichtige omstandigheden: uiterlijk 2 dagen na de gebeurtenis)",
    )
    check.add_argument(
        "--werkgeversverklaring",
        action="store_true",
        help="vakantieverlof: een werkgeversverklaring toont aan dat vakantie in de schoolvakanties onmogelijk is",
    )
    check.set_defaults(func=_cmd_verlof_check)

    gen = sub.add_parser(
        "generate",
        help="Maak synthetische verzuimdata voor N leerlingen over een schooljaar (benchmarks).",
    )
    gen.add_argument("--pupils", required=True, type=_whole_number, metavar="N")
    gen.add_argument("--seed", required=True, type=_whole_number, metavar="S")
    gen.add_argument(
        "--school-year",
        type=_whole_number,
        default=2025,
        metavar="JJJJ",
        help="beginjaar van het schooljaar (2025 = 2025-2026)",
    )
    gen.add_argument(
        "--per-school", type=_whole_number, default=500, metavar="N", help="leerlingen per school"
    )
    gen.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="uitvoermap (standaard: synthetisch-N-sS)",
    )
    gen.add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="parquet (drie tabellen) of csv (een DATA_DIR per school voor 'leerrecht evaluate')",
    )
    gen.set_defaults(func=_cmd_generate)

    sub.add_parser("manage", help="Beheer van de webapplicatie (Django manage.py), bv. 'migrate'.")
    sub.add_parser(
        "demo", help="Start de webapplicatie met een demoschool op http://127.0.0.1:8000."
    )
    sub.add_parser(
        "worker", help="Start een Celery-worker voor achtergrondtaken (zie 'leerrecht worker -h')."
    )
    sub.add_parser("backup", help="Maak een (versleutelde) back-up van alle gegevens en bestanden.")
    sub.add_parser(
        "restore", help="Zet een back-up terug in een lege database (zie 'leerrecht restore -h')."
    )

    protocols = sub.add_parser("protocols", help="Regionale protocollen (verzuimkaarten).")
    protocols_sub = protocols.add_subparsers(dest="protocols_command", required=True)
    plist = protocols_sub.add_parser("list", help="Toon de meegeleverde protocollen.")
    plist.set_defaults(func=_cmd_protocols_list)
    pshow = protocols_sub.add_parser("show", help="Toon alle stappen van een protocol.")
    pshow.add_argument("protocol", metavar="ID")
    pshow.set_defaults(func=_cmd_protocols_show)
    pcheck = protocols_sub.add_parser("check", help="Controleer een protocolbestand.")
    pcheck.add_argument("file", type=Path, metavar="FILE")
    pcheck.set_defaults(func=_cmd_protocols_check)
    pdiff = protocols_sub.add_parser("diff", help="Vergelijk twee protocollen stap voor stap.")
    pdiff.add_argument("left", metavar="ID")
    pdiff.add_argument("right", metavar="ID")
    pdiff.set_defaults(func=_cmd_protocols_diff)
    return parser


def _protocol(ref: str) -> Protocol:
    try:
        return load_protocol(ref)
    except KeyError as exc:
        raise InputError("--protocol", str(exc.args[0])) from None
    except ProtocolError as exc:
        raise InputError(exc.path, "ongeldig protocol:\n" + str(exc)) from None


def _cmd_protocols_list(args: argparse.Namespace) -> int:
    console = Console(width=140, highlight=False, markup=False)
    table = Table(title="Regionale protocollen")
    for column in ("id", "naam", "regio", "sectoren", "stappen"):
        table.add_column(column, overflow="fold")
    for ref in sorted(shipped_protocol_files()):
        protocol = _protocol(ref)
        table.add_row(
            protocol.id,
            protocol.name,
            protocol.region,
            ", ".join(protocol.sectors),
            str(len(protocol.steps)),
        )
    console.print(table)
    return 0


def _cmd_protocols_show(args: argparse.Namespace) -> int:
    protocol = _protocol(args.protocol)
    console = Console(width=160, highlight=False, markup=False)
    console.print(
        f"{protocol.name} ({protocol.id}), {protocol.region}; sectoren: {', '.join(protocol.sectors)}"
    )
    console.print(f"Bron: {protocol.source}")
    if protocol.description:
        console.print(protocol.description)
    table = Table(show_lines=True)
    for column in ("stap", "wanneer", "melding", "acties", "bron"):
        table.add_column(column, overflow="fold")
    for step in protocol.steps:
        actions = "\n".join(
            f"{actor}: {text}" for actor, texts in step.actions.items() for text in texts
        )
        when = describe(step.when) + (
            f"\n[alleen {', '.join(step.sectors)}]" if step.sectors else ""
        )
        if step.keuze:
            when += f"\nKeuze: {step.keuze}"
        table.add_row(f"{step.id}\n{step.title}", when, step.melding or "", actions, step.source)
    console.print(table)
    return 0


def _cmd_protocols_check(args: argparse.Namespace) -> int:
    try:
        protocol = load_protocol_file(args.file)
    except ProtocolError as exc:
        sys.stderr.write(f"leerrecht: {args.file} is ongeldig:\n{exc}\n")
        return EXIT_INPUT
    sys.stdout.write(
        f"{args.file}: geldig protocol {protocol.id!r} met {len(protocol.steps)} stappen\n"
    )
    return 0


def _cmd_protocols_diff(args: argparse.Namespace) -> int:
    left = _protocol(args.left)
    right = _protocol(args.right)
    console = Console(width=180, highlight=False, markup=False)
    table = Table(title=f"{left.id} tegenover {right.id}", show_lines=True)
    table.add_column("onderwerp")
    table.add_column(left.id, overflow="fold")
    table.add_column(right.id, overflow="fold")
    table.add_column("verschil")
    for row in diff(left, right):
        table.add_row(
            row.topic, "\n".join(row.left) or "-", "\n".join(row.right) or "-", row.status
        )
    console.print(table)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    data = load_data_dir(args.data_dir)
    as_of: dt.date = args.as_of or dt.date.today()
    protocol = _protocol(args.protocol) if args.protocol is not None else None
    if protocol is not None and data.school.sector.value not in protocol.sectors:
        raise InputError(
            "--protocol",
            f"protocol {protocol.id!r} geldt voor {', '.join(protocol.sectors)}; "
            f"deze school is {data.school.sector.value}",
        )
    if data.manual:
        if protocol is None:
            raise InputError(
                data.manual_path or "handmatig.csv",
                "handmatig.csv gebruikt, maar er is geen --protocol gekozen",
                line=data.manual[0].line,
                column="step",
            )
        check_manual_steps(data, manual_step_ids(protocol))
    try:
        data.school.calendar.require(as_of)
        evaluation = evaluate(
            data.school,
            data.pupils,
            data.registrations,
            data.verloven,
            as_of,
            protocol,
            data.manual,
        )
    except CalendarError as exc:
        raise InputError(args.data_dir / "school.toml", str(exc)) from None
    if args.format == "json":
        sys.stdout.write(to_json(evaluation) + "\n")
    else:
        render_table(evaluation, sys.stdout)
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    import time

    from leerrecht.batch.generate import GenerateError, generate, write

    out: Path = args.out or Path(f"synthetisch-{args.pupils}-s{args.seed}")
    if out.exists() and not out.is_dir():
        raise InputError("--out", f"{out} is een bestand; geef een map")
    started = time.perf_counter()
    try:
        generated = generate(args.pupils, args.seed, args.school_year, args.per_school)
        write(generated, out, args.format)
    except GenerateError as exc:
        raise InputError(exc.argument, exc.message) from None
    seconds = time.perf_counter() - started
    sys.stdout.write(
        f"{generated.pupils.height} leerlingen op {generated.schools.height} scholen, "
        f"{generated.absences.height} registraties, schooljaar {generated.school_year}-"
        f"{generated.school_year + 1}, peildatum {generated.as_of}; geschreven naar {out} "
        f"({args.format}) in {seconds:.1f} s\n"
    )
    return 0


def _cmd_verlof_check(args: argparse.Namespace) -> int:
    data = load_data_dir(args.data_dir)
    if data.pupil(args.pupil) is None:
        raise InputError(args.data_dir / "pupils.csv", f"leerling {args.pupil!r} bestaat niet")
    if args.end < args.start:
        raise InputError("--end", f"einddatum {args.end} ligt voor begindatum {args.start}")
    try:
        result = check_verlof(
            data.school.calendar,
            args.pupil,
            VerlofSoort(args.soort),
            args.start,
            args.end,
            existing=data.verloven,
            requested_on=args.aangevraagd,
            werkgeversverklaring=args.werkgeversverklaring,
        )
    except CalendarError as exc:
        raise InputError(args.data_dir / "school.toml", str(exc)) from None
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["demo"]:
        from leerrecht.web.demo import main as demo

        return demo(arguments[1:])
    if arguments[:1] == ["worker"]:
        from leerrecht.web.worker import main as worker

        return worker(arguments[1:])
    if arguments[:1] == ["backup"]:
        from leerrecht.web.backup import backup_main

        return backup_main(arguments[1:])
    if arguments[:1] == ["restore"]:
        from leerrecht.web.backup import restore_main

        return restore_main(arguments[1:])
    if arguments[:1] == ["manage"]:
        # Django's management commands (migrate, createsuperuser, runserver, ...)
        from leerrecht.web.manage import main as manage

        return manage(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        code: int = args.func(args)
    except InputError as exc:
        sys.stderr.write(f"leerrecht: fout in invoer: {exc}\n")
        return EXIT_INPUT
    return code


if __name__ == "__main__":
    raise SystemExit(main())
