"""Hours in the outcome are rounded like Python's round(x, 2), also vectorised."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from leerrecht.batch.outcome import round2, round2_array


def test_afronden_op_honderdsten_is_gelijk_aan_python_ook_op_een_halve_honderdste() -> None:
    rng = np.random.default_rng(5)
    halves = (np.arange(-20000, 20000) + 0.5) / 100  # x.xx5 and its float neighbours
    sums = np.cumsum(rng.choice([5 / 60, 0.005, 1.005, 3.75, 0.25, 10 / 60], size=20000))
    values = np.concatenate(
        [
            halves,
            np.nextafter(halves, np.inf),
            np.nextafter(halves, -np.inf),
            sums,
            rng.uniform(-1e6, 1e6, 20000),
            [1e300, 2.0**60 + 0.5, 5e-324, -0.004],
        ]
    )
    assert round2_array(values).tolist() == round2(values.tolist())


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=50))
def test_afronden_van_willekeurige_getallen_is_gelijk_aan_python(values: list[float]) -> None:
    assert round2_array(np.asarray(values, dtype=np.float64)).tolist() == round2(values)
