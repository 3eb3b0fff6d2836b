"""The protocol metrics and window options, on small hand-written protocols (docs/protocollen.md)."""

from __future__ import annotations

import datetime as dt

from leerrecht.core.absence import Reason
from leerrecht.core.evaluate import evaluate_pupil
from leerrecht.core.protocols.loader import parse_protocol
from scenario_hulp import D, Scenario, absent

HEAD = """\
id: proef
name: Proefprotocol
region: Proefregio
sectors: [po, vo]
source: "proefbron"
steps:
  - id: stap
    title: De stap
    actions: {school: [Doe iets]}
    source: "rij in de bron"
    when:
"""


def reached(scenario: Scenario, when: str, as_of: dt.date) -> list[dt.date]:
    protocol = parse_protocol(HEAD + when, "proef.yaml")
    result = evaluate_pupil(
        scenario.school, scenario.who, scenario.registrations, (), as_of, protocol
    )
    return [s.on for s in result.signals]


def test_een_ziekmelding_telt_op_haar_eerste_dag(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 6), Reason.ZIEK)
    when = "      {metric: ziekmeldingen, window: keer, at_least: 1}\n"
    assert reached(scenario, when, D(2026, 3, 31)) == [D(2026, 3, 2)]


def test_een_ziekmelding_van_voor_het_venster_telt_niet_mee(scenario: Scenario) -> None:
    """'4 ziekmeldingen in 12 lesweken' telt meldingen die in het venster begonnen zijn."""
    scenario.absent_days(D(2026, 1, 5), D(2026, 1, 16), Reason.ZIEK)  # begint ruim voor het venster
    for day in (D(2026, 3, 9), D(2026, 3, 23), D(2026, 4, 13)):
        scenario.registrations.append(absent(day, Reason.ZIEK))
    when = "      {metric: ziekmeldingen, window: {lesweken: 8}, at_least: 4}\n"
    assert reached(scenario, when, D(2026, 5, 29)) == []


def test_meten_in_lesweken_slaat_de_vakantie_over(scenario: Scenario) -> None:
    scenario.absent_days(D(2026, 2, 9), D(2026, 3, 13), Reason.ZIEK)
    when = "      {metric: ziek_aaneengesloten, meet: lesweken, more_than: 2}\n"
    # lesweken: 9 feb, (vakantie), 23 feb, 2 mrt: de derde lesweek begint op maandag 2 maart
    assert reached(scenario, when, D(2026, 3, 13)) == [D(2026, 3, 2)]
    calendar = "      {metric: ziek_aaneengesloten, meet: kalenderdagen, more_than: 14}\n"
    assert reached(scenario, calendar, D(2026, 3, 13)) == [D(2026, 2, 23)]


def test_herhalen_met_keer_geeft_elke_keer_vanaf_de_drempel(scenario: Scenario) -> None:
    days = [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9), D(2026, 3, 11), D(2026, 3, 16)]
    scenario.registrations += [absent(d, hours=1) for d in days]
    when = (
        "      all:\n"
        "        - {metric: ongeoorloofd_keren, window: keer, at_least: 1}\n"
        "        - {metric: ongeoorloofd_keren, window: schooljaar, at_least: 3, herhalen: true}\n"
    )
    assert reached(scenario, when, D(2026, 3, 31)) == days[2:]


def test_zonder_herhalen_een_keer_per_schooljaar(scenario: Scenario) -> None:
    days = [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9), D(2026, 3, 11), D(2026, 3, 16)]
    scenario.registrations += [absent(d, hours=1) for d in days]
    when = "      {metric: ongeoorloofd_keren, window: schooljaar, at_least: 3}\n"
    assert reached(scenario, when, D(2026, 3, 31)) == [days[2]]


def test_aandeel_lestijd_pas_met_een_heel_venster(scenario: Scenario) -> None:
    """Na een signaal wordt het aandeel pas weer beoordeeld over een heel nieuw venster."""
    scenario.absent_days(D(2026, 3, 2), D(2026, 3, 27))
    scenario.registrations.append(absent(D(2026, 4, 22)))
    when = "      {metric: aandeel_lestijd, window: {lesweken: 4}, reasons: [ongeoorloofd], at_least: 0.9}\n"
    assert reached(scenario, when, D(2026, 6, 30)) == [D(2026, 3, 26)]


# -- the O(1) window value equals the straightforward count -------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from leerrecht.core.absence import Kind, Registration  # noqa: E402
from leerrecht.core.protocols.metrics import PupilFacts, count_metric, window_value  # noqa: E402
from leerrecht.core.protocols.schema import MetricCondition  # noqa: E402
from leerrecht.core.timeline import PupilTimeline  # noqa: E402

_S = Scenario()
_DAYS = _S.days(D(2025, 9, 1), D(2026, 6, 30))
_CONDITIONS = [
    MetricCondition(metric="te_laat", at_least=1),
    MetricCondition(metric="te_laat", at_least=1, count_by="registratie"),
    MetricCondition(metric="ongeoorloofd_keren", at_least=1, kinds=(Kind.ABSENT, Kind.LATE)),
    MetricCondition(metric="ongeoorloofd_uren", at_least=1),
    MetricCondition(metric="ziekmeldingen", at_least=1),
    MetricCondition(metric="geoorloofd_lesblokken", at_least=1, block_minutes=45),
    MetricCondition(metric="geschorste_dagen", at_least=1),
    MetricCondition(metric="aandeel_lestijd", at_least=0.1, window={"lesweken": 4}),  # type: ignore[arg-type]
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    regs=st.lists(
        st.tuples(
            st.sampled_from(_DAYS),
            st.sampled_from(list(Kind)),
            st.sampled_from(list(Reason)),
            st.sampled_from([None, 0.5, 2.0]),
        ),
        max_size=40,
    ),
    bounds=st.tuples(st.integers(0, len(_DAYS) - 1), st.integers(0, len(_DAYS) - 1)),
)
def test_snelle_vensterwaarde_is_gelijk_aan_de_telling(
    regs: list[tuple[dt.date, Kind, Reason, float | None]], bounds: tuple[int, int]
) -> None:
    registrations = [Registration("p1", d, k, r, h) for d, k, r, h in regs]
    lo, hi = sorted(bounds)
    facts = PupilFacts(PupilTimeline(_S.calendar, _DAYS[-1], registrations), _DAYS[0])
    for cond in _CONDITIONS:
        fast = window_value(facts, cond, _DAYS[lo], _DAYS[hi])
        slow = count_metric(facts, cond, _DAYS[lo], _DAYS[hi]).value
        assert abs(fast - slow) < 1e-9, cond.metric
