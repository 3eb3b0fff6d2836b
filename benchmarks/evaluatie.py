"""Benchmark of the batch evaluation on synthetic data (`leerrecht generate`).

One command, in one run on the same generated data per size:

    .venv/bin/python benchmarks/evaluatie.py --sizes 10000 100000 1000000

prints per size the time of the vectorised engine (``leerrecht.batch.vectorised``), of the
per-pupil reference (``leerrecht.batch.reference``; above the sample size measured on a random
sample and extrapolated linearly, labelled as such), of a bare DuckDB window query computing only
the 16-hours sums per pupil per 4 lesweken (the practical floor), the ratios, the peak memory of
each run, an equality check of vectorised against reference on the sample, and the targets of
issue 6 with PASS/FAIL. Every engine runs in a fresh subprocess, so its peak memory (RSS
high-water mark) is its own, and every engine process starts with the allocator settings for a
batch process (``leerrecht.batch.memory``; ``--geheugen standaard`` measures the system's
defaults). Needs the optional dependencies: pip install -e '.[bench]'.

Never run by pytest: timings are not asserted in unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: the environment this script was started with: Polars sets _RJEM_MALLOC_CONF in os.environ
#: when it is imported (this process imports it to print versions), so the children's
#: allocator settings are based on this copy
STARTED_ENV = dict(os.environ)
ROOT = Path(__file__).resolve().parent
DEFAULT_DATA = ROOT / "data"
SOURCE = "benchmarks/evaluatie.py"

ENGINES = ("vectorised", "reference", "duckdb")
TARGET_PUPILS = 1_000_000
TARGET_SECONDS = 30.0
TARGET_DUCKDB_FACTOR = 5.0
TARGET_REFERENCE_FACTOR = 50.0
TARGET_MEMORY_GB = 8.0


# -- child processes: one engine run each ------------------------------------------------------


def _peak_rss_mb() -> float:
    """This process's RSS high-water mark in MB.

    On Linux VmHWM of /proc/self/status: the high-water mark of this program's own memory
    (reset by exec). ru_maxrss is not used there because Linux carries it over from the parent
    across fork and exec, so a child of a large parent would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / 1024 / (1024 if sys.platform == "darwin" else 1)


def _read_sample(path: str | None) -> set[str] | None:
    if not path:
        return None
    return set(Path(path).read_text(encoding="utf-8").split())


def _write_outcome(outcome: Any, directory: str, sample: set[str] | None) -> None:
    import polars as pl

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in outcome.tables().items():
        if sample is not None:
            frame = frame.filter(pl.col("pupil_id").is_in(sorted(sample)))
        frame.write_parquet(out / f"{name}.parquet")


def _child(args: argparse.Namespace) -> int:
    """Run one engine on the data in ``args.data`` and print one JSON line with the figures."""
    import polars as pl

    from leerrecht.batch.generate import Generated, read

    result: dict[str, Any] = {"engine": args.engine}
    started = time.perf_counter()
    if args.engine == "geheugen":
        import numpy as np

        size = 2 * 2**30
        touched = np.ones(size // 8)  # a fresh process: new pages, written once
        result["eval_s"] = time.perf_counter() - started
        result["gb_per_s"] = size / 2**30 / result["eval_s"]
        result["check"] = float(touched[-1])
        print(json.dumps(result))
        return 0
    if args.engine == "generate":
        result.update(_generate_child(args))
        result["peak_rss_mb"] = _peak_rss_mb()
        print(json.dumps(result))
        return 0
    if args.engine == "duckdb":
        result.update(_duckdb(Path(args.data), args.as_of))
        result["total_s"] = time.perf_counter() - started
        result["peak_rss_mb"] = _peak_rss_mb()
        print(json.dumps(result))
        return 0

    g = read(Path(args.data))
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else g.as_of
    result["read_s"] = time.perf_counter() - started
    sample = _read_sample(args.sample_file)
    if args.engine == "vectorised":
        from leerrecht.batch.vectorised import evaluate_frames

        t0 = time.perf_counter()
        outcome = evaluate_frames(g, as_of, with_protocol=not args.no_protocol)
        result["eval_s"] = time.perf_counter() - t0
        result["pupils"] = g.pupils.height
    else:
        from leerrecht.batch.reference import evaluate_reference

        if sample is not None:
            # Select the sample first (data selection, not evaluation), then time the run.
            wanted = pl.Series("pupil_id", sorted(sample), dtype=pl.String)
            g = Generated(
                schools=g.schools,
                pupils=g.pupils.filter(pl.col("pupil_id").is_in(wanted)),
                absences=g.absences.filter(pl.col("pupil_id").is_in(wanted)),
                as_of=g.as_of,
                school_year=g.school_year,
            )
        t0 = time.perf_counter()
        outcome = evaluate_reference(g, as_of, with_protocol=not args.no_protocol)
        result["eval_s"] = time.perf_counter() - t0
        result["pupils"] = g.pupils.height
    result["total_s"] = time.perf_counter() - started
    result["summary"] = outcome.summary()
    if args.outcome:
        _write_outcome(outcome, args.outcome, sample)
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result))
    return 0


DUCKDB_QUERY = """
WITH weeks AS (
    SELECT a.pupil_id, l.week,
           SUM(COALESCE(a.hours, CASE WHEN a.kind = 'absent' THEN
               CASE isodow(a.date) WHEN 1 THEN s.hours_mon WHEN 2 THEN s.hours_tue
                    WHEN 3 THEN s.hours_wed WHEN 4 THEN s.hours_thu ELSE s.hours_fri END
               ELSE 0 END)) AS hours
    FROM read_parquet('{absences}') a
    JOIN read_parquet('{pupils}') p USING (pupil_id)
    JOIN read_parquet('{schools}') s USING (school_id)
    JOIN lesweken l ON l.region = s.region AND l.monday = date_trunc('week', a.date)::DATE
    WHERE a.reason IN ('ongeoorloofd', 'luxe', 'ziek_niet_gemeld') AND a.date <= DATE '{as_of}'
    GROUP BY ALL
),
windows AS (
    SELECT pupil_id, week,
           SUM(hours) OVER (PARTITION BY pupil_id ORDER BY week
                            RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) AS hours
    FROM weeks
)
SELECT pupil_id, week, hours FROM windows WHERE hours >= 16
"""


def _lesweken(schools_path: Path, school_year: int) -> list[tuple[str, dt.date, int]]:
    """The lesweek calendar per region: (region, Monday, lesweek number)."""
    import polars as pl

    from leerrecht.batch.generate import school_calendar
    from leerrecht.core.calendar import WEEKDAYS

    schools = pl.read_parquet(schools_path)
    rows: list[tuple[str, dt.date, int]] = []
    seen: set[str] = set()
    for school in schools.unique(["region"], keep="first").sort("region").iter_rows(named=True):
        if school["region"] in seen:
            continue
        seen.add(school["region"])
        calendar = school_calendar(school["region"], tuple(school[f"hours_{d}"] for d in WEEKDAYS))
        start, end = dt.date(school_year, 8, 1), dt.date(school_year + 1, 7, 31)
        mondays: dict[dt.date, int] = {}
        for day in calendar.school_days_between(start, end):
            monday = day - dt.timedelta(days=day.weekday())
            mondays.setdefault(monday, len(mondays))
        rows.extend((school["region"], monday, week) for monday, week in mondays.items())
    return rows


def _duckdb(data: Path, as_of: str | None = None) -> dict[str, Any]:
    import duckdb

    meta = json.loads((data / "generatie.json").read_text(encoding="utf-8"))
    # The lesweek calendar is an input of the query (like a calendar table in a database).
    lesweken = _lesweken(data / "schools.parquet", int(meta["school_year"]))
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("CREATE TABLE lesweken (region VARCHAR, monday DATE, week INTEGER)")
    con.executemany("INSERT INTO lesweken VALUES (?, ?, ?)", lesweken)
    query = DUCKDB_QUERY.format(
        as_of=as_of or meta["as_of"],
        absences=data / "absences.parquet",
        pupils=data / "pupils.parquet",
        schools=data / "schools.parquet",
    )
    t0 = time.perf_counter()
    rows = con.execute(query).fetchall()
    seconds = time.perf_counter() - t0
    return {
        "eval_s": seconds,
        "windows": len(rows),
        "pupils_16": len({r[0] for r in rows}),
        "threads": (con.execute("SELECT current_setting('threads')").fetchone() or ("?",))[0],
    }


# -- the parent: generate, run the children, compare, print ------------------------------------


@dataclass
class Row:
    size: int
    generate_s: float = 0.0
    generate_mb: float = float("nan")
    registrations: int = 0
    vectorised: dict[str, Any] | None = None
    vectorised_note: str = ""
    reference: dict[str, Any] | None = None
    reference_sample: int = 0
    duckdb: dict[str, Any] | None = None
    equality: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def reference_s(self) -> float | None:
        if self.reference is None:
            return None
        seconds = float(self.reference["eval_s"])
        if self.reference_sample and self.reference_sample < self.size:
            return seconds * self.size / self.reference_sample
        return seconds

    @property
    def extrapolated(self) -> bool:
        return self.reference is not None and 0 < self.reference_sample < self.size


ALLOCATOR_ENV: dict[str, str] | None = None  # set by _parent: the environment of every child


def _run_child(argv: list[str]) -> dict[str, Any]:
    command = [sys.executable, SOURCE if Path(SOURCE).exists() else __file__, "--child", *argv]
    proc = subprocess.run(
        command, capture_output=True, text=True, check=False, env=ALLOCATOR_ENV or None
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} faalde:\n{proc.stderr[-3000:]}")
    line = proc.stdout.strip().splitlines()[-1]
    result: dict[str, Any] = json.loads(line)
    return result


def _vectorised_available() -> str:
    try:
        from leerrecht.batch import vectorised  # noqa: F401
    except ImportError as exc:
        return f"gevectoriseerde engine nog niet beschikbaar ({exc}); kolom overgeslagen"
    return ""


def _prepare(
    size: int, seed: int, data_root: Path, per_school: int, fresh: bool
) -> tuple[Path, float, int, float]:
    """Generate the data in a subprocess (so this process stays small) unless it is there."""
    directory = data_root / f"n{size}-s{seed}-p{per_school}"
    if (directory / "absences.parquet").exists() and not fresh:
        import polars as pl

        rows = pl.scan_parquet(directory / "absences.parquet").select(pl.len()).collect().item()
        return directory, float("nan"), int(rows), float("nan")
    result = _run_child(
        [
            "--engine",
            "generate",
            "--data",
            str(directory),
            "--size",
            str(size),
            "--seed",
            str(seed),
            "--per-school",
            str(per_school),
        ]
    )
    return directory, float(result["eval_s"]), int(result["registrations"]), result["peak_rss_mb"]


def _generate_child(args: argparse.Namespace) -> dict[str, Any]:
    from leerrecht.batch.generate import generate, write

    started = time.perf_counter()
    generated = generate(args.size, args.seed, pupils_per_school=args.per_school)
    seconds = time.perf_counter() - started
    write(generated, Path(args.data))
    return {
        "eval_s": seconds,
        "write_s": time.perf_counter() - started - seconds,
        "registrations": generated.absences.height,
    }


def _sample(directory: Path, size: int, sample_size: int, seed: int, work: Path) -> Path | None:
    if size <= sample_size:
        return None
    import numpy as np
    import polars as pl

    ids = pl.read_parquet(directory / "pupils.parquet", columns=["pupil_id"])["pupil_id"]
    chosen = np.random.default_rng(seed).choice(ids.len(), sample_size, replace=False)
    path = work / f"sample-{size}.txt"
    path.write_text("\n".join(sorted(ids.gather(chosen).to_list())) + "\n", encoding="utf-8")
    return path


def _compare(vectorised_dir: Path, reference_dir: Path) -> str:
    import polars as pl

    from leerrecht.batch.outcome import Outcome

    def load(directory: Path) -> Outcome:
        tables = {p.stem: pl.read_parquet(p) for p in directory.glob("*.parquet")}
        return Outcome.build(**tables)

    left, right = load(vectorised_dir), load(reference_dir)
    if left.equals(right):
        summary = ", ".join(f"{k} {v}" for k, v in right.summary().items())
        return f"identiek ({summary})"
    return "VERSCHIL:\n" + left.diff(right)


def _fmt_s(value: float | None) -> str:
    if value is None or value != value:
        return "-"
    return f"{value:.2f}" if value < 100 else f"{value:,.0f}"


def _fmt_mb(result: dict[str, Any] | None) -> str:
    if result is None:
        return "-"
    return f"{result['peak_rss_mb'] / 1024:.2f} GB"


def _machine() -> str:
    import duckdb
    import polars as pl

    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.0f} GB"
    except ImportError:
        memory = "?"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    ).stdout.strip() or os.environ.get("LEERRECHT_COMMIT", "")
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {memory} RAM; Python {platform.python_version()}, "
        f"polars {pl.__version__}, duckdb {duckdb.__version__}; commit {commit or '?'}, "
        f"{dt.datetime.now().strftime('%Y-%m-%d %H:%M')}"
    )


def _print_table(rows: list[Row], sample_size: int, vectorised_note: str) -> None:
    header = (
        "| leerlingen | registraties | genereren (s) | gevectoriseerd (s) | waarvan rekenen (s) "
        "| referentie (s) | DuckDB-vloer (s) | gevect./DuckDB | referentie/gevect. "
        "| piekgeheugen gevect. | piekgeheugen ref. | piekgeheugen DuckDB |"
    )
    print(header)
    print("|" + "|".join(["---"] * 12) + "|")
    for row in rows:
        vec = row.vectorised
        vec_total = float(vec["total_s"]) if vec else None
        duck = float(row.duckdb["eval_s"]) if row.duckdb else None
        ref = row.reference_s
        ref_text = _fmt_s(ref)
        if row.extrapolated:
            ref_text += f" (geëxtrapoleerd uit {row.reference_sample:,})"
        ratio_duck = f"{vec_total / duck:.1f}x" if vec_total and duck else "-"
        ratio_ref = f"{ref / vec_total:.0f}x" if vec_total and ref else "-"
        print(
            f"| {row.size:,} | {row.registrations:,} "
            f"| {'cache' if row.generate_s != row.generate_s else _fmt_s(row.generate_s)} "
            f"| {_fmt_s(vec_total)} | {_fmt_s(float(vec['eval_s']) if vec else None)} "
            f"| {ref_text} | {_fmt_s(duck)} | {ratio_duck} | {ratio_ref} "
            f"| {_fmt_mb(vec)} | {_fmt_mb(row.reference)} | {_fmt_mb(row.duckdb)} |"
        )
    print()
    print(
        "Tijden in seconden, wandkloktijd, van parquet op schijf tot uitkomst in het geheugen; "
        "'waarvan rekenen' is alleen evaluate_frames. DuckDB: de query zelf, inclusief het lezen "
        "van de parquet-bestanden. Referentie: per leerling (core.evaluate); "
        f"boven {sample_size:,} leerlingen gemeten op een willekeurige steekproef van "
        f"{sample_size:,} en lineair geëxtrapoleerd. DuckDB: alleen de 16-uursommen per leerling "
        "per 4 lesweken. Piekgeheugen: RSS-hoogwaterstand van het eigen subproces."
    )
    if vectorised_note:
        print(f"Let op: {vectorised_note}")


def _print_targets(rows: list[Row]) -> None:
    print()
    print("Doelen (issue 6), gemeten bij 1.000.000 leerlingen:")
    target = next((r for r in rows if r.size == TARGET_PUPILS), None)
    if target is None:
        print("  n.v.t.: 1000000 staat niet in --sizes")
        return
    vec = target.vectorised
    if vec is None:
        print("  FAIL: geen gevectoriseerde meting")
        return
    vec_s = float(vec["total_s"])
    duck_s = float(target.duckdb["eval_s"]) if target.duckdb else None
    ref_s = target.reference_s
    checks: list[tuple[str, bool | None, str]] = [
        (
            f"1M leerlingen x schooljaar < {TARGET_SECONDS:.0f} s op {os.cpu_count()} cores",
            vec_s < TARGET_SECONDS,
            f"{vec_s:.2f} s",
        ),
        (
            f"hoogstens {TARGET_DUCKDB_FACTOR:.0f}x de DuckDB-vloer",
            None if duck_s is None else vec_s <= TARGET_DUCKDB_FACTOR * duck_s,
            "-" if duck_s is None else f"{vec_s / duck_s:.1f}x",
        ),
        (
            f"minstens {TARGET_REFERENCE_FACTOR:.0f}x sneller dan de referentie",
            None if ref_s is None else ref_s >= TARGET_REFERENCE_FACTOR * vec_s,
            "-"
            if ref_s is None
            else f"{ref_s / vec_s:.0f}x"
            + (" (referentie geëxtrapoleerd)" if target.extrapolated else ""),
        ),
        (
            f"piekgeheugen < {TARGET_MEMORY_GB:.0f} GB",
            vec["peak_rss_mb"] / 1024 < TARGET_MEMORY_GB,
            f"{vec['peak_rss_mb'] / 1024:.2f} GB",
        ),
    ]
    for label, ok, value in checks:
        verdict = "n.v.t." if ok is None else ("PASS" if ok else "FAIL")
        print(f"  {verdict:6} {label}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark: gevectoriseerde evaluatie, referentie en DuckDB-vloer."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=10_000, help="steekproef voor de referentie")
    parser.add_argument("--per-school", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="map voor de parquet-data")
    parser.add_argument("--no-protocol", action="store_true", help="zonder regionale protocollen")
    parser.add_argument(
        "--engines",
        nargs="+",
        choices=ENGINES,
        default=list(ENGINES),
        help="welke metingen (standaard alle drie)",
    )
    parser.add_argument(
        "--geheugen",
        choices=("batch", "standaard"),
        default="batch",
        help=(
            "allocatorinstellingen van elk meetproces: 'batch' (leerrecht.batch.memory, "
            "aanbevolen voor een batchproces) of 'standaard' (die van het systeem)"
        ),
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--engine", choices=(*ENGINES, "generate", "geheugen"), help=argparse.SUPPRESS
    )
    parser.add_argument("--outcome", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--as-of", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--peildata",
        nargs="+",
        default=[],
        metavar="JJJJ-MM-DD",
        help="meet bij de grootste omvang ook de groei met het aantal dagen: gevectoriseerd en "
        "DuckDB op deze peildata",
    )
    parser.add_argument("--sample-file", default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--opnieuw", action="store_true", help="genereer de data opnieuw, ook als hij er al is"
    )
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    return _parent(args)


def _parent(args: argparse.Namespace) -> int:
    if any(size < 1 for size in args.sizes) or args.sample < 1:
        print("evaluatie.py: --sizes en --sample moeten positief zijn", file=sys.stderr)
        return 2
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)
    vectorised_note = (
        _vectorised_available()
        if "vectorised" in args.engines
        else ("gevectoriseerde engine niet gevraagd (--engines)")
    )
    global ALLOCATOR_ENV
    if args.geheugen == "batch":
        from leerrecht.batch.memory import BATCH_ALLOCATOR_ENV, batch_environment

        ALLOCATOR_ENV = batch_environment(STARTED_ENV)
        allocator = ", ".join(f"{k}={ALLOCATOR_ENV[k]}" for k in BATCH_ALLOCATOR_ENV)
    else:
        ALLOCATOR_ENV = STARTED_ENV
        allocator = "standaard van het systeem"
    print(_machine())
    touch = _run_child(["--engine", "geheugen"])
    print(
        f"nieuw geheugen (2 GB voor het eerst beschrijven in een vers proces): "
        f"{touch['gb_per_s']:.1f} GB/s; op een net gestarte virtuele machine is dat vaak veel "
        "minder, tot het geheugen een keer is gebruikt (zie docs/performance.md)"
    )
    print(f"protocollen: {'nee' if args.no_protocol else 'ja'}; seed {args.seed}")
    print(f"allocator van elk meetproces (--geheugen {args.geheugen}): {allocator}")
    print()
    rows: list[Row] = []
    common = ["--no-protocol"] if args.no_protocol else []
    with tempfile.TemporaryDirectory(prefix="leerrecht-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            directory, gen_s, registrations, gen_mb = _prepare(
                size, args.seed, args.data, args.per_school, args.opnieuw
            )
            row = Row(size=size, generate_s=gen_s, registrations=registrations, generate_mb=gen_mb)
            print(f"[{size:,} leerlingen] data: {directory}", file=sys.stderr)
            sample = _sample(directory, size, args.sample, args.seed, work)
            sample_args = ["--sample-file", str(sample)] if sample else []
            row.reference_sample = args.sample if sample else 0
            vec_out = work / f"vec-{size}"
            ref_out = work / f"ref-{size}"
            if not vectorised_note:
                print("  gevectoriseerd ...", file=sys.stderr)
                row.vectorised = _run_child(
                    [
                        "--engine",
                        "vectorised",
                        "--data",
                        str(directory),
                        "--outcome",
                        str(vec_out),
                        *sample_args,
                        *common,
                    ]
                )
            if "reference" in args.engines:
                print("  referentie ...", file=sys.stderr)
                row.reference = _run_child(
                    [
                        "--engine",
                        "reference",
                        "--data",
                        str(directory),
                        "--outcome",
                        str(ref_out),
                        *sample_args,
                        *common,
                    ]
                )
            if "duckdb" in args.engines:
                print("  DuckDB ...", file=sys.stderr)
                row.duckdb = _run_child(["--engine", "duckdb", "--data", str(directory)])
            if row.vectorised is not None and row.reference is not None:
                row.equality = _compare(vec_out, ref_out)
            rows.append(row)
    _print_table(rows, args.sample, vectorised_note)
    print()
    for row in rows:
        label = (
            f"steekproef van {row.reference_sample:,}" if row.extrapolated else "alle leerlingen"
        )
        equality = row.equality or "niet vergeleken (geen gevectoriseerde uitkomst)"
        print(f"Gelijkheid gevectoriseerd = referentie bij {row.size:,} ({label}): {equality}")
        if row.generate_mb == row.generate_mb:
            print(
                f"  genereren: {row.generate_s:.2f} s, piekgeheugen {row.generate_mb / 1024:.2f} GB "
                "(met het schrijven van parquet)"
            )
        if row.duckdb:
            print(
                f"  DuckDB: {row.duckdb['windows']:,} vensters van 4 lesweken met >= 16 uur "
                f"bij {row.duckdb['pupils_16']:,} leerlingen ({row.duckdb['threads']} threads)"
            )
    _print_targets(rows)
    if args.peildata:
        _days(args, rows[-1].size, vectorised_note)
    return 0


def _days(args: argparse.Namespace, size: int, vectorised_note: str) -> None:
    """The same data evaluated at several peildata: how the cost grows with the school days."""
    import polars as pl

    directory = args.data / f"n{size}-s{args.seed}-p{args.per_school}"
    absences = pl.read_parquet(directory / "absences.parquet", columns=["date"])
    common = ["--no-protocol"] if args.no_protocol else []
    print()
    print(f"Groei met het aantal dagen ({size:,} leerlingen, dezelfde data, andere peildatum):")
    print()
    print(
        "| peildatum | registraties t/m peildatum | gevectoriseerd (s) | waarvan rekenen (s) "
        "| DuckDB-vloer (s) | piekgeheugen gevect. |"
    )
    print("|---|---|---|---|---|---|")
    for value in args.peildata:
        day = dt.date.fromisoformat(value)
        count = absences.filter(pl.col("date") <= day).height
        vec = None
        if not vectorised_note:
            vec = _run_child(
                ["--engine", "vectorised", "--data", str(directory), "--as-of", value, *common]
            )
        duck = _run_child(["--engine", "duckdb", "--data", str(directory), "--as-of", value])
        print(
            f"| {value} | {count:,} | {_fmt_s(float(vec['total_s']) if vec else None)} "
            f"| {_fmt_s(float(vec['eval_s']) if vec else None)} | {_fmt_s(float(duck['eval_s']))} "
            f"| {_fmt_mb(vec)} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
