"""The analysis commands of the command line: ``coercion thresholds`` and ``sweep``.

They run on a scenario's compiled model (:func:`coercion.build.case_model`):
parameters are its weights (``pain_tolerance.sender``, ``pain_tolerance.target``,
``stake.sender``, ``stake.target``) and the scenario's key parameters by their
scenario names.

Examples
--------
>>> from coercion.analysis.commands import parse_axis
>>> parse_axis("pain_tolerance.target=0.5:4:8", "grid")
('pain_tolerance.target', [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError

__all__ = ["parse_axis", "parse_draw", "scenario_range", "run_thresholds", "run_sweep"]


def _numbers(parts: list[str], field: str, text: str) -> list[float]:
    try:
        return [float(x) for x in parts]
    except ValueError:
        raise InvalidParameterError(
            f"{text!r} holds a value that is not a number", field=field
        ) from None


def parse_axis(text: str, field: str = "grid") -> tuple[str, list[float]]:
    """``NAME=lo:hi:n`` (n evenly spaced points) or ``NAME=v1,v2,...``.

    Raises
    ------
    InvalidParameterError
        A malformed axis, naming it.
    """
    name, sep, spec = text.partition("=")
    if not sep or not name or not spec:
        raise InvalidParameterError(
            f"{text!r} is not NAME=lo:hi:n or NAME=v1,v2,...", field=field
        )
    if ":" in spec:
        parts = spec.split(":")
        if len(parts) != 3:
            raise InvalidParameterError(f"{text!r}: expected lo:hi:n", field=field)
        lo, hi, n = _numbers(parts, field, text)
        if n != int(n) or n < 1:
            raise InvalidParameterError(
                f"{text!r}: n must be a positive integer", field=field
            )
        return name, [float(v) for v in np.linspace(lo, hi, int(n))]
    return name, _numbers(spec.split(","), field, text)


def parse_draw(text: str) -> tuple[str, tuple[Any, ...]]:
    """``NAME=dist:a:b[:c]``, e.g. ``pain_tolerance.target=loguniform:0.25:1``."""
    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or not name or len(parts) < 2:
        raise InvalidParameterError(f"{text!r} is not NAME=dist:a:b", field="draws")
    return name, (parts[0], *_numbers(parts[1:], "draws", text))


def scenario_range(sc: Any, model: Any, name: str) -> tuple[float, float]:
    """The search range of a model parameter, from the scenario."""
    role, _, who = name.partition(".")
    if role in ("pain_tolerance", "stake") and who in ("sender", "target"):
        econ = sc.senders[0] if who == "sender" else sc.targets[0]
        return sc.param_range(f"players.{econ}.{role}")
    return sc.param_range(name)


def run_thresholds(
    scenario: str,
    param: str,
    lo_hi: list[float] | None,
    *,
    regime: str = "leader-follower",
    as_json: bool = False,
) -> str:
    """What ``coercion thresholds`` prints."""
    import coercion as co
    from coercion.analysis.thresholds import describe

    sc = co.load_scenario(scenario)
    model = co.build.case_model(sc)
    if param not in model.parameters:
        raise InvalidParameterError(
            f"{param!r} is not a parameter of {sc.id}; parameters are "
            f"{', '.join(model.parameters)}",
            field="--param",
        )
    over = tuple(lo_hi) if lo_hi else scenario_range(sc, model, param)
    res = co.thresholds(model, param, over=over, regime=regime)
    if as_json:
        return json.dumps(
            {
                "scenario": sc.id,
                "param": param,
                "over": list(res.over),
                "method": res.method,
                "regime": regime,
                "thresholds": [
                    {
                        "value": t.value,
                        "exact": None if t.exact is None else str(t.exact),
                        "below": describe(t.below),
                        "above": describe(t.above),
                    }
                    for t in res
                ],
            }
        )
    lines = [
        f"{sc.id}: thresholds in {param} over [{res.over[0]:g}, {res.over[1]:g}] "
        f"({res.method}, regime {regime})"
    ]
    if not len(res):
        lines.append("  none: one regime over the whole range")
    for t in res:
        lines.append(f"  {param} = {t.value:.10g}")
        lines.append(f"    below: {describe(t.below)}")
        lines.append(f"    above: {describe(t.above)}")
    return "\n".join(lines)


def run_sweep(
    scenario: str,
    grid: list[str],
    draws: list[str],
    *,
    n: int | None,
    seed: int | None,
    out: str,
    resume: bool,
    scheduler: str | None,
    chunk_size: int,
    progress: bool,
) -> str:
    """What ``coercion sweep`` prints (the rows go to Parquet files in ``out``)."""
    import coercion as co

    sc = co.load_scenario(scenario)
    model = co.build.case_model(sc)
    g = dict(parse_axis(x, "--grid") for x in grid)
    d = dict(parse_draw(x) for x in draws)
    for name in [*g, *d]:
        if name not in model.parameters:
            raise InvalidParameterError(
                f"{name!r} is not a parameter of {sc.id}; parameters are "
                f"{', '.join(model.parameters)}",
                field="--grid" if name in g else "--draws",
            )
    res = co.sweep(
        model,
        grid=g or None,
        draws=d or None,
        n=n,
        seed=seed,
        out=out,
        resume=resume,
        scheduler=scheduler,
        chunk_size=chunk_size,
        progress=progress,
    )
    shares = res.regime_shares()
    lines = [
        f"{sc.id}: {len(res.points)} points, {res.n_rows} rows in {out} "
        f"({res.chunks_run} chunks solved, {res.chunks_skipped} resumed)"
    ]
    for _, row in shares.iterrows():
        lines.append(f"  {row['share']:.3f}  {row['regime']}")
    return "\n".join(lines)
