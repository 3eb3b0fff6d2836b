"""The ``leerrecht`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from leerrecht import __version__
from leerrecht.batch.errors import InputError
from leerrecht.batch.loader import load_data_dir
from leerrecht.batch.output import render_table, to_json
from leerrecht.core.calendar import CalendarError
from leerrecht.core.evaluate import evaluate
from leerrecht.core.model import VerlofSoort
from leerrecht.core.rules.verlof import check_verlof

EXIT_INPUT = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen datum; schrijf JJJJ-MM-DD") from None


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
    return parser


def _cmd_evaluate(args: argparse.Namespace) -> int:
    data = load_data_dir(args.data_dir)
    as_of: dt.date = args.as_of or dt.date.today()
    if args.protocol is not None:
        raise InputError(
            "--protocol",
            f"onbekend protocol {args.protocol!r}; er zijn nog geen regionale protocollen geladen",
        )
    try:
        data.school.calendar.require(as_of)
        evaluation = evaluate(data.school, data.pupils, data.registrations, data.verloven, as_of)
    except CalendarError as exc:
        raise InputError(args.data_dir / "school.toml", str(exc)) from None
    if args.format == "json":
        sys.stdout.write(to_json(evaluation) + "\n")
    else:
        render_table(evaluation, sys.stdout)
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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except InputError as exc:
        sys.stderr.write(f"leerrecht: fout in invoer: {exc}\n")
        return EXIT_INPUT
    return code


if __name__ == "__main__":
    raise SystemExit(main())
