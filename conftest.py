"""Root conftest: the ``slow`` marker, hypothesis profiles and the doctest namespace
(``np``, ``co``)."""

from __future__ import annotations

import os

import matplotlib
import numpy as np
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# The suite is deterministic by default: hypothesis draws the same examples on
# every run (CI must not fail by chance). HYPOTHESIS_PROFILE=explore draws new
# examples each run, to look for failures.
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow", action="store_true", default=False, help="run slow tests"
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict) -> None:
    import coercion as co

    np.set_printoptions(precision=6, suppress=True, legacy=False)
    doctest_namespace["np"] = np
    doctest_namespace["co"] = co
