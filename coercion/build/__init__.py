"""The payoff compiler: scenarios and supply graphs to games.

:func:`export_control_game` compiles a scenario's export-control episode into a
sender-versus-target game whose every payoff is a sum of named terms
(:mod:`coercion.build.terms`); :func:`explain` lists them;
:func:`export_control_model` and :func:`case_model` give the parametric family for
thresholds and sweeps. See ``docs/explanation/payoff-compiler.md``.

Examples
--------
>>> import coercion as co
>>> model = co.build.case_model("rare_earths")
>>> model.parameters[:4]
('pain_tolerance.sender', 'pain_tolerance.target', 'stake.sender', 'stake.target')
"""

from coercion.build.export_control import (
    WEIGHTS,
    CompiledGame,
    case_model,
    explain,
    export_control_game,
    export_control_model,
    export_control_tree,
    parameter_draws,
    parameter_ranges,
)
from coercion.build.terms import (
    DEFAULT_TERMS,
    CellContext,
    Term,
    concession_time,
    resolve_terms,
)

__all__ = [
    "WEIGHTS",
    "CompiledGame",
    "case_model",
    "explain",
    "export_control_game",
    "export_control_model",
    "export_control_tree",
    "parameter_draws",
    "parameter_ranges",
    "DEFAULT_TERMS",
    "CellContext",
    "Term",
    "concession_time",
    "resolve_terms",
]
