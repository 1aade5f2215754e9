r"""The payoff compiler: a scenario's export-control episode as a game.

:func:`export_control_game` turns a :class:`~coercion.Scenario` into a two-player
strategic game between one sender and one target:

- the sender's strategies are the rungs of its ladder that reach the target
  (``no_control``, ``licensing``, ``partial_ban``, ``full_ban``, each a cut
  fraction :math:`\varphi` of a product's flow; a coalition in the scenario
  cuts with it);
- the target's strategies are its response *plans* (concede, absorb, retaliate
  with a counter-control on a named product, substitute/invest), what it does
  if it is controlled;
- every payoff is a sum of named terms (:mod:`coercion.build.terms`), each a
  function of the cell and the supply graph; :func:`explain` lists them.

:func:`export_control_model` gives the same game as a
:class:`~coercion.ParametricGame` over the scenario's key parameters (for
:func:`coercion.thresholds` and :func:`coercion.sweep`), and :func:`case_model`
is its entry point for the bundled cases.

Examples
--------
>>> import coercion as co
>>> cg = co.build.export_control_game("rare_earths")
>>> cg.game.players, cg.game.strategies[0]
(('CN', 'US'), ('none', 'licensing', 'extraterritorial', 'ban'))
>>> cg.game.strategies[1]
('concede', 'absorb', 'chip_controls', 'build_magnets')
>>> table = co.build.explain(cg)
>>> cell = table[(table.rung == "licensing") & (table.response == "absorb")]
>>> bool(sum(cell[cell.player == "US"].value) == cg.game["licensing", "absorb"][1])
True
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion.build.terms import CellContext, Term, resolve_terms
from coercion.errors import CoercionWarning, InvalidParameterError, NotSupportedError

if TYPE_CHECKING:
    import pandas as pd

    from coercion.game.symbolic import ParametricGame
    from coercion.scenario import Scenario

__all__ = [
    "CompiledGame",
    "export_control_game",
    "export_control_model",
    "export_control_tree",
    "case_model",
    "explain",
    "parameter_ranges",
    "parameter_draws",
    "WEIGHTS",
]

WEIGHTS = (
    "pain_tolerance.sender",
    "pain_tolerance.target",
    "stake.sender",
    "stake.target",
)
"""Role-based names of the weights: the two players' pain tolerances and stakes."""

_STEPS_PER_YEAR = 12
# node fields the propagation does not read (capability feeds co.supply.substitute)
_UNUSED_NODE_FIELDS = (".capability", ".world_share")


# ---------------------------------------------------------------- result
@dataclass(frozen=True, repr=False)
class CompiledGame:
    """A compiled game with the terms of every payoff.

    Attributes
    ----------
    game : NormalFormGame or SymbolicGame
        Row player the sender (its rungs), column player the target (its
        response plans).
    rows : tuple of dict
        One per (rung, response, player, term): ``rung``, ``response``,
        ``player``, ``role``, ``term``, ``kind``, ``amount`` (USD, present value),
        ``weight`` (1 or 1 / pain tolerance) and ``value`` (its contribution to
        the payoff, ``amount * weight / unit``). A payoff is the sum of its
        rows' values in table order.
    scenario : str
        The scenario id.
    sender, target : str
    unit : float
        USD per payoff unit.
    weights : dict
        The stakes, pain tolerances and substitution costs used.
    """

    game: Any
    rows: tuple[dict[str, Any], ...]
    scenario: str
    sender: str
    target: str
    unit: float
    weights: dict[str, Any] = field(default_factory=dict)
    contexts: dict[tuple[str, str], CellContext] = field(default_factory=dict)

    def context(self, rung: str, response: str) -> CellContext:
        """The :class:`~coercion.build.terms.CellContext` of one cell.

        Call any term function on it to read (or test a replacement of) a term.

        Raises
        ------
        InvalidParameterError
            If the rung or the response is not a strategy of the game.

        Examples
        --------
        >>> import coercion as co
        >>> from coercion.build.terms import sender_export_loss
        >>> cg = co.build.export_control_game("photoresists")
        >>> ctx = cg.context("licensing_hf", "absorb")
        >>> ctx.phi
        0.88
        >>> bool(sender_export_loss(ctx) < 0)
        True
        """
        try:
            return self.contexts[(str(rung), str(response))]
        except KeyError:
            raise InvalidParameterError(
                f"no cell ({rung!r}, {response!r}); rungs are "
                f"{list(self.game.strategies[0])}, responses "
                f"{list(self.game.strategies[1])}",
                field="cell",
            ) from None

    @property
    def symbolic(self) -> bool:
        """Whether the game has sympy payoffs."""
        from coercion.game.symbolic import SymbolicGame

        return isinstance(self.game, SymbolicGame)

    def explain(self) -> pd.DataFrame:
        """The term table (see :func:`explain`)."""
        return explain(self)

    def __repr__(self) -> str:
        dims = "x".join(str(s) for s in self.game.shape)
        kind = "symbolic" if self.symbolic else "numeric"
        return (
            f"<CompiledGame {self.scenario!r} {self.sender} -> {self.target}: "
            f"{dims} {kind}, {len(self.rows)} terms, unit {self.unit:g} USD>"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>" + self.game._repr_html_()


def explain(game: CompiledGame) -> pd.DataFrame:
    """Each payoff's terms with their values: a tidy table.

    Parameters
    ----------
    game : CompiledGame
        A result of :func:`export_control_game`.

    Returns
    -------
    pandas.DataFrame
        Columns ``rung``, ``response``, ``player``, ``role``, ``term``,
        ``kind``, ``amount``, ``weight``, ``value``; the values of one
        (rung, response, player) sum, in table order, to the payoff.

    Raises
    ------
    InvalidParameterError
        If ``game`` is not a :class:`CompiledGame`.

    Examples
    --------
    >>> import coercion as co
    >>> cg = co.build.export_control_game("photoresists")
    >>> df = co.build.explain(cg)
    >>> list(df.columns)
    ['rung', 'response', 'player', 'role', 'term', 'kind', 'amount', 'weight', 'value']
    """
    import pandas as pd

    if not isinstance(game, CompiledGame):
        raise InvalidParameterError(
            f"{type(game).__name__} is not a CompiledGame (from "
            "co.build.export_control_game)",
            field="game",
        )
    cols = [
        "rung",
        "response",
        "player",
        "role",
        "term",
        "kind",
        "amount",
        "weight",
        "value",
    ]
    return pd.DataFrame(list(game.rows), columns=cols)


# ---------------------------------------------------------------- helpers
def _scenario(scenario: Any) -> Scenario:
    from coercion.scenario import Scenario, load_scenario

    if isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario)


def _players(sc: Scenario, sender: str | None, target: str | None) -> tuple[str, str]:
    S = sc.senders[0] if sender is None else str(sender)
    T = sc.targets[0] if target is None else str(target)
    if S not in sc.senders:
        raise InvalidParameterError(
            f"{S!r} is not a sender of scenario {sc.id!r}; senders are "
            f"{list(sc.senders)}",
            field="sender",
        )
    if T not in sc.targets:
        raise InvalidParameterError(
            f"{T!r} is not a target of scenario {sc.id!r}; targets are "
            f"{list(sc.targets)}",
            field="target",
        )
    return S, T


def _is_symbolic(v: Any) -> bool:
    try:
        import sympy as sp
    except ImportError:  # pragma: no cover - sympy is a dependency
        return False
    return isinstance(v, sp.Basic) and bool(v.free_symbols)


def _alias(sc: Scenario, S: str, T: str, name: str) -> str | None:
    """The weight key of a parameter name, or None for a supply-graph parameter."""
    if name in WEIGHTS or name.startswith("cost."):
        return name
    for role, who in (("sender", S), ("target", T)):
        for attr in ("pain_tolerance", "stake"):
            if name == f"players.{who}.{attr}":
                return f"{attr}.{role}"
    prefix = f"players.{T}.responses."
    if name.startswith(prefix) and name.endswith(".cost"):
        return "cost." + name[len(prefix) : -len(".cost")]
    return None


def _default_weights(sc: Scenario, S: str, T: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for role, who in (("sender", S), ("target", T)):
        p = sc.players[who]
        for attr in ("pain_tolerance", "stake"):
            q = getattr(p, attr)
            if q is None or q.value is None:
                raise InvalidParameterError(
                    f"player {who!r} has no {attr} in scenario {sc.id!r}",
                    field=f"players.{who}.{attr}",
                )
            out[f"{attr}.{role}"] = float(q.value)
    for r in sc.players[T].responses:
        if r.kind == "substitute":
            cost = None if r.cost is None else r.cost.value
            out[f"cost.{r.name}"] = 0.0 if cost is None else float(cost)
    return out


def _local(sc: Scenario, S: str, T: str, name: str) -> tuple[str, str, str] | None:
    """``(kind, item, field)`` of a rung or response number of this game, else None.

    These change the game without rebuilding the scenario (a cut swept below
    an earlier rung's is legal here, though not in a scenario file).
    """
    parts = name.split(".")
    if len(parts) != 5 or parts[0] != "players":
        return None
    _, who, section, item, attr = parts
    if who == S and section == "ladder" and attr == "cut":
        if any(r.name == item for r in sc.players[S].ladder):
            return ("rung", item, attr)
    if who == T and section == "responses" and attr in ("cut", "time", "reduction"):
        if any(r.name == item for r in sc.players[T].responses):
            return ("response", item, attr)
    return None


def _split(
    sc: Scenario, S: str, T: str, params: Mapping[str, Any] | None
) -> tuple[dict[str, float], dict[str, Any], dict[str, float]]:
    graph: dict[str, float] = {}
    weights: dict[str, Any] = {}
    local: dict[str, float] = {}
    for name, v in (params or {}).items():
        key = _alias(sc, S, T, str(name))
        if key is not None:
            if key.startswith("cost.") and f"{key}" not in _default_weights(sc, S, T):
                raise InvalidParameterError(
                    f"{name!r}: the target has no substitute response {key[5:]!r}",
                    field="params",
                )
            weights[key] = v
            continue
        if _is_symbolic(v):
            raise NotSupportedError(
                f"{name!r} enters the supply-graph propagation, which is numeric; "
                "only the stakes, pain tolerances and substitution costs may be "
                "symbols (give a number, or use co.build.export_control_model for "
                "a numeric family in it)",
                field=f"params.{name}",
            )
        sc.quantity(str(name))  # raises on an unknown name
        if _local(sc, S, T, str(name)) is not None:
            x = float(v)
            if str(name).endswith(".time"):
                if not 0.0 <= x < math.inf:
                    raise InvalidParameterError(
                        f"{v!r} years is not a finite number >= 0",
                        field=f"params.{name}",
                    )
            elif not 0.0 <= x <= 1.0:
                raise InvalidParameterError(
                    f"{v!r} is a share and must lie in [0, 1]", field=f"params.{name}"
                )
            local[str(name)] = x
        else:
            graph[str(name)] = float(v)
    return graph, weights, local


def _apply_local(
    sc: Scenario,
    S: str,
    T: str,
    items: list[Any],
    kind: str,
    local: Mapping[str, float],
) -> list[Any]:
    import dataclasses

    from coercion.scenario import Quantity

    out = []
    for it in items:
        changes = {}
        for name, x in local.items():
            k, item, attr = _local(sc, S, T, name)  # type: ignore[misc]
            if k == kind and item == it.name:
                q = getattr(it, attr)
                changes[attr] = (
                    Quantity(x, "definition: a value set in the compiler's params")
                    if q is None
                    else dataclasses.replace(q, value=x, low=None, high=None)
                )
        out.append(dataclasses.replace(it, **changes) if changes else it)
    return out


def _rungs(sc: Scenario, sg: Any, S: str, T: str, product: str | None) -> list[Any]:
    """The rungs that reach ``T``: aimed at it, and on a product ``S`` trades with it
    (a rung that withholds nothing from ``T`` is no control for it)."""
    out = []
    for r in sc.players[S].ladder:
        if r.targets and T not in r.targets:
            continue
        if r.action != "no_control":
            if product is not None and r.product != product:
                continue
            src, dst = (S, T) if r.direction == "exports" else (T, S)
            if not sg.flow(src, dst, r.product) > 0:
                continue
        out.append(r)
    if not any(r.action != "no_control" for r in out):
        raise InvalidParameterError(
            f"sender {S!r} has no rung on {product or 'any product'!r} that reaches "
            f"target {T!r}",
            field="product",
        )
    return out


def _responses(sc: Scenario, S: str, T: str) -> list[Any]:
    return [
        r
        for r in sc.players[T].responses
        if not (r.kind == "retaliate" and r.against and S not in r.against)
    ]


def _cuts(sc: Scenario, sg: Any, S: str, T: str, rung: Any) -> tuple[float, tuple]:
    from coercion.supply.propagation import Cut

    phi = 0.0 if rung.cut is None else float(rung.cut.value)
    if phi <= 0:
        return 0.0, ()
    g = rung.product
    if rung.direction == "imports":
        return phi, (Cut(T, S, g, phi),)

    def flows_to_target(e: str, p: str) -> bool:
        return bool(sg.flow(e, T, p) > 0)

    co = sc.coalition
    if co is None or S not in co.members:
        return phi, (Cut(S, T, g, phi),)
    lam = float(co.leakage.value or 0.0)
    cp = co.product
    if cp is None or cp == g:
        members = [m for m in co.members if m != T and flows_to_target(m, g)]
        return phi, (Cut(members or [S], T, g, phi * (1.0 - lam)),)
    cuts = [Cut(S, T, g, phi)]
    members = [m for m in co.members if m != T and flows_to_target(m, cp)]
    if members:
        cuts.append(Cut(members, T, cp, phi * (1.0 - lam)))
    return phi, tuple(cuts)


def _model_settings(sc: Scenario) -> tuple[float, float]:
    """Horizon (years) and discount rate; one year undiscounted, with a warning,
    for a scenario without a ``[model]`` section."""
    m = sc.model
    if m is None or m.horizon_years.value is None or m.discount_rate.value is None:
        warnings.warn(
            f"scenario {sc.id!r} has no [model] section: a horizon of 1 year, "
            "undiscounted",
            CoercionWarning,
            stacklevel=4,
        )
        return 1.0, 0.0
    return float(m.horizon_years.value), float(m.discount_rate.value)


def _exact_number(x: float) -> Any:
    import sympy as sp

    f = Fraction(x)
    return sp.Rational(f.numerator, f.denominator)


# ---------------------------------------------------------------- compiler
def _compile(
    sc: Scenario,
    S: str,
    T: str,
    product: str | None,
    weights: Mapping[str, Any],
    *,
    symbolic: bool,
    terms: Sequence[Term],
    unit: float,
    measure: str,
    concession_lag: float | None,
    steps_per_year: int,
    cache: dict[Any, Any],
    local: Mapping[str, float] | None = None,
) -> CompiledGame:
    import numpy as np

    horizon, rate = _model_settings(sc)
    steps = max(_STEPS_PER_YEAR, math.ceil(steps_per_year * horizon))
    sg = cache.get("sg")
    if sg is None:
        sg = cache["sg"] = sc.supply_graph()
    rungs = _rungs(sc, sg, S, T, product)
    responses = _responses(sc, S, T)
    if local:
        rungs = _apply_local(sc, S, T, rungs, "rung", local)
        responses = _apply_local(sc, S, T, responses, "response", local)
    if symbolic:
        import sympy as sp

        w = {
            k: (v if isinstance(v, sp.Basic) else sp.nsimplify(v, rational=True))
            for k, v in weights.items()
        }
        exact: Callable[[float], Any] = _exact_number
        unit_n: Any = sp.nsimplify(unit, rational=True)
    else:
        w = dict(weights)
        exact = float
        unit_n = float(unit)
    role_of = {"sender": S, "target": T}
    shape = (2, len(rungs), len(responses))
    payoffs = np.empty(shape, dtype=object)
    rows: list[dict[str, Any]] = []
    contexts: dict[tuple[str, str], CellContext] = {}
    for i, rung in enumerate(rungs):
        phi, cuts = _cuts(sc, sg, S, T, rung)
        for j, resp in enumerate(responses):
            ctx = CellContext(
                sg=sg,
                sender=S,
                target=T,
                rung=rung,
                response=resp,
                phi=phi,
                cuts=cuts,
                horizon=horizon,
                discount_rate=rate,
                steps=steps,
                measure=measure,
                weights=w,
                concession_lag=concession_lag,
                exact=exact,
                cache=cache,
            )
            contexts[(rung.name, resp.name)] = ctx
            totals: dict[str, Any] = {"sender": 0 if symbolic else 0.0}
            totals["target"] = totals["sender"]
            for term in terms:
                amount = term.function(ctx)
                weight = (
                    1
                    if term.kind == "political"
                    else 1 / w[f"pain_tolerance.{term.role}"]
                )
                value = amount * weight / unit_n
                if not symbolic:
                    amount, weight, value = float(amount), float(weight), float(value)
                totals[term.role] = totals[term.role] + value
                rows.append(
                    {
                        "rung": rung.name,
                        "response": resp.name,
                        "player": role_of[term.role],
                        "role": term.role,
                        "term": term.name,
                        "kind": term.kind,
                        "amount": amount,
                        "weight": weight,
                        "value": value,
                    }
                )
            payoffs[0, i, j] = totals["sender"]
            payoffs[1, i, j] = totals["target"]
    strategies = ([r.name for r in rungs], [r.name for r in responses])
    title = f"{sc.id}: {S} export controls on {T}"
    if symbolic:
        from coercion.game.symbolic import SymbolicGame

        game: Any = SymbolicGame(
            payoffs, players=(S, T), strategies=strategies, title=title
        )
    else:
        from coercion.game.normal_form import NormalFormGame

        game = NormalFormGame(
            payoffs.astype(np.float64),
            players=(S, T),
            strategies=strategies,
            title=title,
        )
    return CompiledGame(
        game=game,
        rows=tuple(rows),
        scenario=sc.id,
        sender=S,
        target=T,
        unit=float(unit),
        weights=dict(w),
        contexts=contexts,
    )


def _check_options(unit: float, measure: str, steps_per_year: int) -> None:
    if not (isinstance(unit, int | float) and unit > 0 and math.isfinite(unit)):
        raise InvalidParameterError(f"{unit!r} is not a positive number", field="unit")
    if measure not in ("output", "value_added"):
        raise InvalidParameterError(
            f"{measure!r} is not 'output' or 'value_added'", field="measure"
        )
    if not isinstance(steps_per_year, int) or steps_per_year < 1:
        raise InvalidParameterError(
            f"{steps_per_year!r} is not a positive int", field="steps_per_year"
        )


def export_control_game(
    scenario: Any,
    params: Mapping[str, Any] | None = None,
    *,
    sender: str | None = None,
    target: str | None = None,
    product: str | None = None,
    symbolic: bool = False,
    terms: Mapping[str, Any] | None = None,
    unit: float = 1e9,
    measure: str = "output",
    concession_lag: float | None = None,
    steps_per_year: int = _STEPS_PER_YEAR,
) -> CompiledGame:
    r"""Compile a scenario's export-control episode into a game.

    Parameters
    ----------
    scenario : Scenario or str
        A scenario, or a bundled scenario's name or a file path.
    params : mapping, optional
        New values by parameter name. Scenario names
        (``"nodes.MY.ree_separated.spare_capacity"``) change the scenario
        (:meth:`~coercion.Scenario.with_params`); the weights may also be named
        by role (``"pain_tolerance.target"``, ``"stake.sender"``, see
        :data:`WEIGHTS`) and substitution costs as ``"cost.<response>"``. The
        weights may be sympy symbols or expressions; supply-graph parameters
        must be numbers.
    sender, target : str, optional
        Economy ids (default: the scenario's first sender and first target).
    product : str, optional
        Keep only the rungs on this product (and ``no_control``).
    symbolic : bool
        Compile to a :class:`~coercion.SymbolicGame`. Weights not given in
        ``params`` become symbols named as in :data:`WEIGHTS`
        (positive); supply-graph amounts become exact rationals of their float
        values, so payoffs are rational in the weights.
    terms : mapping, optional
        Replace, add or drop terms (:func:`coercion.build.terms.resolve_terms`).
    unit : float
        USD per payoff unit (default ``1e9``: payoffs in billions of USD).
    measure : {"output", "value_added"}
        What downstream losses count (:func:`coercion.propagate_cut`).
    concession_lag : float, optional
        Years before a concession takes effect (default: the target's time to
        survive, :func:`coercion.build.terms.concession_time`).
    steps_per_year : int
        Periods per year of the propagation grid.

    Returns
    -------
    CompiledGame
        ``.game`` (sender rows = its rungs, target columns = its response
        plans) and the term table (:func:`explain`).

    Raises
    ------
    InvalidParameterError
        Unknown sender, target, product or parameter; a bad option.
    NotSupportedError
        A supply-graph parameter given as a symbol.
    ScenarioError
        A new value outside its domain.

    Warns
    -----
    CoercionWarning
        If the scenario has no ``[model]`` section (one year, undiscounted).

    Examples
    --------
    >>> import sympy as sp
    >>> import coercion as co
    >>> cg = co.build.export_control_game("ai_chips", symbolic=True)
    >>> [s.name for s in cg.game.symbols]
    ['pain_tolerance.sender', 'pain_tolerance.target', 'stake.sender', 'stake.target']
    >>> g = cg.game.subs({"pain_tolerance.sender": 1, "pain_tolerance.target": 2,
    ...                   "stake.sender": 50, "stake.target": 50})
    >>> g.shape
    (4, 6)

    Notes
    -----
    Payoff of player :math:`i` at rung :math:`r` and response :math:`a`:
    :math:`u_i(r, a) = \sum_k w_{i,k}\,\text{amount}_k(r, a)/\text{unit}`, with
    weight 1 for political terms and :math:`1/\tau_i` (pain tolerance) for
    economic ones; the terms are in :mod:`coercion.build.terms` and their
    mathematics in ``docs/explanation/payoff-compiler.md``.
    """
    _check_options(unit, measure, steps_per_year)
    sc = _scenario(scenario)
    S, T = _players(sc, sender, target)
    graph, given, local = _split(sc, S, T, params)
    if graph:
        sc = sc.with_params(graph)
    weights = _default_weights(sc, S, T)
    if symbolic:
        import sympy as sp

        for k in WEIGHTS:
            weights[k] = sp.Symbol(k, positive=True)
    weights.update(given)
    if not symbolic and any(_is_symbolic(v) for v in weights.values()):
        symbolic = True
    return _compile(
        sc,
        S,
        T,
        product,
        weights,
        symbolic=symbolic,
        terms=resolve_terms(terms),
        unit=unit,
        measure=measure,
        concession_lag=concession_lag,
        steps_per_year=steps_per_year,
        cache={},
        local=local,
    )


# ---------------------------------------------------------------- families
def _model_parameters(sc: Scenario, S: str, T: str) -> list[str]:
    names = list(WEIGHTS)
    for param in [k.param for k in sc.key_parameters] + [u.param for u in sc.uncertain]:
        key = _alias(sc, S, T, param)
        name = param if key is None or key.startswith("cost.") else key
        if key is None and param.startswith("players."):
            if param.split(".")[1] not in (S, T):
                continue  # another player's number: no effect on this game
        if param.startswith("nodes.") and param.endswith(_UNUSED_NODE_FIELDS):
            continue  # not read by the propagation: no effect on this game
        if name not in names:
            names.append(name)
    return names


def _scenario_name(sc: Scenario, S: str, T: str, name: str) -> str:
    """The scenario's name of a model parameter (role names resolved)."""
    if name in WEIGHTS:
        attr, role = name.split(".")
        return f"players.{S if role == 'sender' else T}.{attr}"
    if name.startswith("cost."):
        return f"players.{T}.responses.{name[5:]}.cost"
    return name


def parameter_ranges(
    scenario: Any, *, sender: str | None = None, target: str | None = None
) -> dict[str, tuple[float, float]]:
    """The search range of every parameter of :func:`case_model`.

    A key parameter's declared search range, else the sourced number's own
    ``(low, high)`` (:meth:`~coercion.Scenario.param_range`), under the model's
    names.

    Examples
    --------
    >>> import coercion as co
    >>> co.build.parameter_ranges("rare_earths")["pain_tolerance.target"]
    (0.1, 5.0)
    """
    sc = _scenario(scenario)
    S, T = _players(sc, sender, target)
    return {
        name: sc.param_range(_scenario_name(sc, S, T, name))
        for name in _model_parameters(sc, S, T)
    }


def parameter_draws(
    scenario: Any, *, sender: str | None = None, target: str | None = None
) -> dict[str, tuple[Any, ...]]:
    """The scenario's uncertain parameters as :func:`coercion.sweep` ``draws``.

    ``{model name: (distribution, *parameters)}``: ``("uniform", low, high)``,
    ``("loguniform", low, high)`` or ``("triangular", low, value, high)``, for
    the uncertain parameters that change this game.

    Examples
    --------
    >>> import coercion as co
    >>> d = co.build.parameter_draws("rare_earths")
    >>> d["pain_tolerance.target"]
    ('loguniform', 0.25, 1.0)
    """
    sc = _scenario(scenario)
    S, T = _players(sc, sender, target)
    names = _model_parameters(sc, S, T)
    out: dict[str, tuple[Any, ...]] = {}
    for u in sc.uncertain:
        key = _alias(sc, S, T, u.param)
        name = u.param if key is None or key.startswith("cost.") else key
        if name not in names:
            continue
        lo, hi = u.range.range
        if u.distribution == "triangular":
            out[name] = ("triangular", lo, sc.param(u.param), hi)
        else:
            out[name] = (u.distribution, lo, hi)
    return out


def export_control_model(
    scenario: Any,
    *,
    sender: str | None = None,
    target: str | None = None,
    product: str | None = None,
    parameters: Sequence[str] | None = None,
    terms: Mapping[str, Any] | None = None,
    unit: float = 1e9,
    measure: str = "output",
    concession_lag: float | None = None,
    steps_per_year: int = _STEPS_PER_YEAR,
) -> ParametricGame:
    r"""The compiled game as a :class:`~coercion.ParametricGame` in named parameters.

    Parameters
    ----------
    scenario : Scenario or str
    sender, target, product, terms, unit, measure, concession_lag, steps_per_year
        As in :func:`export_control_game`.
    parameters : sequence of str, optional
        The family's parameters. Default: :data:`WEIGHTS`
        (``pain_tolerance.sender``, ``pain_tolerance.target``, ``stake.sender``,
        ``stake.target``), then the scenario's key parameters and uncertain
        parameters that change this game (by their scenario names; one of the
        two players' tolerances or stakes is reached by its role name; a
        node's ``capability`` or ``world_share``, which the propagation does
        not read, is left out).

    Returns
    -------
    ParametricGame
        ``model.game(**values)`` compiles the game (numeric); defaults are the
        scenario's values (the weights as exact rationals). ``model.symbolic``
        is the game symbolic in the four weights at the scenario's other values,
        so :func:`coercion.thresholds` is exact in a weight.

    Raises
    ------
    InvalidParameterError
        As :func:`export_control_game`; an unknown parameter name.

    Examples
    --------
    >>> import coercion as co
    >>> model = co.build.export_control_model("rare_earths")
    >>> model.parameters[:2]
    ('pain_tolerance.sender', 'pain_tolerance.target')
    >>> g = model.game(**{"pain_tolerance.target": 4.0})
    >>> g.shape
    (4, 4)

    Notes
    -----
    Supply-graph parameters recompile the scenario
    (:meth:`~coercion.Scenario.with_params`); their propagations are cached, so
    a family over the weights alone costs one propagation per cell in all.
    ``model.symbolic`` is fixed at the scenario's supply-graph values: for an
    exact threshold in a weight at other supply-graph values, build the model
    from ``scenario.with_params(...)``.
    """
    _check_options(unit, measure, steps_per_year)
    sc = _scenario(scenario)
    S, T = _players(sc, sender, target)
    names = list(_model_parameters(sc, S, T) if parameters is None else parameters)
    base_weights = _default_weights(sc, S, T)
    defaults: dict[str, Any] = {}
    for name in names:
        key = _alias(sc, S, T, name)
        if key is not None:
            if key not in base_weights:
                raise InvalidParameterError(
                    f"{name!r} is not a weight of this game", field="parameters"
                )
            defaults[name] = Fraction(repr(base_weights[key]))
        else:
            defaults[name] = float(sc.param(name))
    term_list = resolve_terms(terms)
    caches: dict[tuple, dict[Any, Any]] = {}
    options = dict(
        terms=term_list,
        unit=unit,
        measure=measure,
        concession_lag=concession_lag,
        steps_per_year=steps_per_year,
    )

    def build(**values: Any) -> Any:
        weights = dict(base_weights)
        graph, given, local = _split(sc, S, T, values)
        weights.update({k: float(v) for k, v in given.items()})
        changed = {k: v for k, v in graph.items() if v != sc.param(k)}
        key = tuple(sorted(changed.items()))
        if key not in caches:
            if len(caches) > 256:
                caches.clear()
            caches[key] = {"scenario": sc.with_params(changed) if changed else sc}
        cache = caches[key]
        return _compile(
            cache["scenario"],
            S,
            T,
            product,
            weights,
            symbolic=False,
            cache=cache,
            local=local,
            **options,  # type: ignore[arg-type]
        ).game

    import sympy as sp

    sym_weights: dict[str, Any] = dict(base_weights)
    for name in names:
        key = _alias(sc, S, T, name)
        if key is not None:
            sym_weights[key] = sp.Symbol(name, positive=True)
    symbolic = _compile(
        sc,
        S,
        T,
        product,
        sym_weights,
        symbolic=True,
        cache=caches.setdefault((), {"scenario": sc}),
        **options,  # type: ignore[arg-type]
    ).game

    from coercion.game.symbolic import ParametricGame

    return ParametricGame(
        build,
        defaults,
        symbolic=symbolic,
        name=f"{sc.id}: {S} -> {T}",
    )


def export_control_tree(
    game: Any, params: Mapping[str, Any] | None = None, **kw: Any
) -> Any:
    r"""The sequential export-control game: the sender moves, the target sees the rung.

    The same payoffs as :func:`export_control_game`, as an
    :class:`~coercion.ExtensiveGame`: the sender picks a rung; ``no_control``
    ends the game at the status quo; after any other rung the target, having
    seen it, picks its response. Its subgame-perfect equilibria
    (:func:`coercion.subgame_perfect_equilibria`) keep only credible responses:
    the target concedes to a rung only if conceding is its best reply to it.

    Parameters
    ----------
    game : CompiledGame, Scenario or str
        A compiled (numeric) game, or a scenario to compile with ``params`` and
        ``**kw`` (the arguments of :func:`export_control_game`).
    params : mapping, optional
        As in :func:`export_control_game`.

    Returns
    -------
    ExtensiveGame
        Players (sender, target); the target's information set after rung
        ``r`` is labelled ``"after <r>"``.

    Raises
    ------
    NotSupportedError
        If the compiled game is symbolic.

    Examples
    --------
    >>> import coercion as co
    >>> tree = co.build.export_control_tree("rare_earths")
    >>> spe = co.subgame_perfect_equilibria(tree)
    >>> [tree.infosets("US")[k].label for k in range(3)]
    ['after licensing', 'after extraterritorial', 'after ban']
    >>> spe[0].action("CN", 0)["ban"], spe[0].action("US", 2)["concede"]
    (1.0, 1.0)
    """
    from coercion.game.extensive import ExtensiveGame

    cg = (
        game
        if isinstance(game, CompiledGame)
        else export_control_game(game, params, **kw)
    )
    if cg.symbolic:
        raise NotSupportedError(
            "a game tree needs numbers: compile without symbols (or substitute them)",
            field="game",
        )
    g = cg.game
    S, T = g.players
    tree = ExtensiveGame([S, T], title=g.title)
    rungs = g.strategies[0]
    nodes = tree.root.decide(S, list(rungs), infoset="sender")
    for i, node in enumerate(nodes):
        if all(g.payoffs[p, i, j] == 0 for p in (0, 1) for j in range(g.shape[1])):
            node.set_outcome([0.0, 0.0])  # no control: the status quo
            continue
        kids = node.decide(T, list(g.strategies[1]), infoset=f"after {rungs[i]}")
        for j, kid in enumerate(kids):
            kid.set_outcome([float(g.payoffs[0, i, j]), float(g.payoffs[1, i, j])])
    return tree


def case_model(name_or_scenario: Any, **options: Any) -> ParametricGame:
    r"""The export-control model of a case: the entry point for ``reproduce``.

    ``case_model("rare_earths")`` is :func:`export_control_model` with the
    scenario's first sender and first target. Its parameters:

    - ``pain_tolerance.sender``, ``pain_tolerance.target``, ``stake.sender``,
      ``stake.target`` (the weights; stakes in USD per year; exact thresholds
      in each);
    - the scenario's key parameters and uncertain parameters that change the
      game, by their scenario names: for the rare earths
      ``nodes.MY.ree_separated.spare_capacity``,
      ``nodes.US.ndfeb_magnet.inventory_days``,
      ``flows.CN.US.ndfeb_magnet.value``, ``players.CN.ladder.licensing.cut``,
      ``players.US.responses.build_magnets.time``; for photoresists
      ``nodes.KR.photoresist.inventory_days``,
      ``players.JP.ladder.licensing_resist.cut``, ``nodes.TW.hf.spare_capacity``,
      ``flows.JP.KR.photoresist.value``, ``players.JP.ladder.licensing_hf.cut``;
      for AI chips ``players.US.ladder.partial_ban.cut``, ``coalition.leakage``,
      ``flows.US.CN.ai_accelerator.value``,
      ``players.CN.responses.ascend.time``. A node's ``capability`` and
      ``world_share`` are left out: the propagation does not read them.

    :func:`parameter_ranges` gives every parameter's search range and
    :func:`parameter_draws` the scenario's Monte Carlo distributions as
    :func:`coercion.sweep` ``draws``.

    Parameters
    ----------
    name_or_scenario : str or Scenario
    **options
        Passed to :func:`export_control_model`.

    Returns
    -------
    ParametricGame

    Examples
    --------
    >>> import coercion as co
    >>> model = co.build.case_model("photoresists")
    >>> model.parameters[4:7]
    ('nodes.KR.photoresist.inventory_days', 'players.JP.ladder.licensing_resist.cut', 'nodes.TW.hf.spare_capacity')
    >>> res = co.sweep(model, draws=co.build.parameter_draws("photoresists"), n=3,
    ...                seed=0, progress=False)
    >>> len(res.frame["point"].unique())
    3

    Notes
    -----
    A supply-graph parameter rebuilds the scenario and its propagations (a few
    hundred milliseconds per point, ``docs/benchmarks.md``); a weight reuses
    them (milliseconds).
    """
    return export_control_model(name_or_scenario, **options)
