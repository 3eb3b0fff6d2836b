"""The pupil's timeline chart: absence per school day by category, vacations shaded, meldingen
and protocol steps marked. Rendered on the server as SVG (matplotlib): no JavaScript, no CDN."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from leerrecht.core.calendar import SchoolCalendar
from leerrecht.core.model import Melding, Signal
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.tweestaps.svg import svg_zonder_inline_stijl

# colour-blind safe (Okabe-Ito)
CATEGORIES = (
    ("ongeoorloofd", "ongeoorloofd", "#D55E00"),
    ("te_laat", "te laat", "#E69F00"),
    ("ziek", "ziek", "#0072B2"),
    ("geoorloofd", "overig geoorloofd", "#999999"),
)


def _category(reg: Registratie) -> str | None:
    if reg.reden == "schorsing":
        return None
    if reg.soort == "late":
        return "te_laat"
    if reg.reden == "ziek":
        return "ziek"
    if reg.reden in ("ongeoorloofd", "luxe", "ziek_niet_gemeld"):
        return "ongeoorloofd"
    return "geoorloofd"


def _x(day: dt.date) -> float:
    """Matplotlib's date number for a day."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def day_totals(
    calendar: SchoolCalendar, registraties: Iterable[Registratie]
) -> dict[dt.date, dict[str, float]]:
    """Hours per school day and category (whole-day absences count the scheduled hours)."""
    totals: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for reg in registraties:
        category = _category(reg)
        if category is None or not calendar.covers(reg.datum):
            continue
        hours = float(reg.uren) if reg.uren is not None else calendar.scheduled_hours(reg.datum)
        totals[reg.datum][category] += hours
    return totals


def tijdlijn_svg(
    calendar: SchoolCalendar,
    registraties: Sequence[Registratie],
    meldingen: Sequence[Melding],
    signals: Sequence[Signal],
    start: dt.date,
    end: dt.date,
) -> str:
    totals = day_totals(calendar, [r for r in registraties if start <= r.datum <= end])
    fig, ax = plt.subplots(figsize=(11, 2.8), dpi=72)
    days = sorted(totals)
    bottom = [0.0] * len(days)
    for key, label, colour in CATEGORIES:
        values = [totals[d].get(key, 0.0) for d in days]
        if any(values):
            ax.bar(
                [_x(d) for d in days], values, bottom=bottom, width=0.9, color=colour, label=label
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for vacation in calendar.vacations:
        if vacation.end >= start and vacation.start <= end:
            ax.axvspan(
                _x(max(vacation.start, start)),
                _x(min(vacation.end, end)),
                color="#dddddd",
                zorder=0,
            )
    for melding in meldingen:
        if start <= melding.reached <= end:
            ax.axvline(_x(melding.reached), color="#000000", linewidth=1.2, linestyle="--")
            ax.annotate(
                melding.soort.value,
                (_x(melding.reached), 0),
                xytext=(2, 2),
                textcoords="offset points",
                fontsize=8,
                rotation=90,
                va="bottom",
            )
    step_days = [s.on for s in signals if start <= s.on <= end]
    if step_days:
        ax.plot(
            [_x(d) for d in step_days],
            [-0.4] * len(step_days),
            linestyle="none",
            marker="^",
            color="#009E73",
            label="protocolstap",
        )
    ax.set_xlim(_x(start), _x(end))
    ax.set_ylim(-0.8, max(6.0, max(bottom, default=0.0) + 0.5))
    ax.set_ylabel("uren")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d-%m"))  # type: ignore[no-untyped-call]
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", fontsize=8, ncols=5, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    # inline in the page: presentation attributes instead of CSS (Content-Security-Policy)
    return svg_zonder_inline_stijl(svg[svg.index("<svg") :])
