r"""The eight hypotheses of ``MISSION.md``, each as a function of a scenario.

Every function takes a bundled case name, a :class:`~coercion.Scenario` or (where
stated) plain parameters, and returns a :class:`HypothesisResult`: a tidy table,
the key numbers, a verdict per parameter region (where the hypothesis holds and
where it fails), caveats, and :meth:`HypothesisResult.figure`, the picture that
both the notebooks and ``coercion reproduce`` draw.

======================  =============  =================================================
function                default case   model behind it
======================  =============  =================================================
pain_tolerance          rare_earths    chicken with critical risks on the compiled pains
managed_dependence      ai_chips       the managed-dependence threshold model
upstream_goods          photoresists   downstream propagation of each product's cut
time_to_recovery        rare_earths    value at risk against the target's time to recover
collective_resilience   ai_chips       coalition controls with leakage to non-members
interdependence_deters  ai_chips       the sender's deterrence by its own exposure
breaking_chokeholds     ai_chips       the four ways out of a chokehold
mutual_chokepoints      ai_chips       the linked game: each side's chokepoint eroding
======================  =============  =================================================

Examples
--------
>>> from coercion.analysis import hypotheses as hyp
>>> res = hyp.pain_tolerance(pain=(1, 4), stakes=(1, 1), tolerance=(1, 1))
>>> res.key["threshold_ratio"]
Fraction(4, 1)
>>> res.key["concedes_first"]
'target'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "HypothesisResult",
    "HYPOTHESES",
    "fight_terms",
    "pain_tolerance",
    "managed_dependence",
    "upstream_goods",
    "time_to_recovery",
    "collective_resilience",
    "interdependence_deters",
    "breaking_chokeholds",
    "mutual_chokepoints",
]


# ---------------------------------------------------------------- result type
@dataclass(frozen=True, repr=False)
class HypothesisResult:
    """What a hypothesis function found.

    Attributes
    ----------
    hypothesis : str
        The hypothesis' name (a key of :data:`HYPOTHESES`).
    case : str
        The scenario id (or ``"custom"`` for plain parameters).
    statement : str
        The hypothesis in one sentence.
    table : pandas.DataFrame
        The tidy data behind the figure.
    key : dict
        The key numbers (exact :class:`~fractions.Fraction` where the model
        allows).
    verdicts : pandas.DataFrame
        One row per parameter region: ``parameter``, ``low``, ``high``,
        ``holds`` (bool) and ``why``.
    caveats : tuple of str
    """

    hypothesis: str
    case: str
    statement: str
    table: pd.DataFrame
    key: dict[str, Any]
    verdicts: pd.DataFrame
    caveats: tuple[str, ...]
    _draw: Callable[[Any, HypothesisResult], None] = field(repr=False)

    def figure(self, ax: Axes | None = None) -> Axes:
        """Draw the hypothesis' picture (in the toolkit's style) and return the Axes."""
        from coercion.plot.style import apply_style, new_axes

        apply_style()
        if ax is None:
            ax = new_axes(6.4, 3.8)
        self._draw(ax, self)
        return ax

    def to_frame(self) -> pd.DataFrame:
        """The tidy table (a copy)."""
        return self.table.copy()

    def summary(self) -> str:
        """The key numbers and the verdicts as plain text."""
        lines = [f"{self.hypothesis} ({self.case}): {self.statement}"]
        for k, v in self.key.items():
            lines.append(f"  {k} = {_fmt(v)}")
        for row in self.verdicts.itertuples(index=False):
            word = "holds" if row.holds else "fails"
            lines.append(
                f"  {row.parameter} in [{_fmt(row.low)}, {_fmt(row.high)}]: "
                f"{word} ({row.why})"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<HypothesisResult {self.hypothesis!r} on {self.case!r}>"

    def _repr_html_(self) -> str:
        import html

        items = "".join(
            f"<li>{html.escape(k)} = {html.escape(_fmt(v))}</li>"
            for k, v in self.key.items()
        )
        caveats = "".join(f"<li>{html.escape(c)}</li>" for c in self.caveats)
        return (
            f"<p><b>{html.escape(self.hypothesis)}</b> on "
            f"<code>{html.escape(self.case)}</code>: {html.escape(self.statement)}</p>"
            f"<ul>{items}</ul>{self.verdicts.to_html(index=False)}"
            f"<p>Caveats:</p><ul>{caveats}</ul>"
        )


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction):
        return f"{v} (~{float(v):.4g})" if v.denominator != 1 else str(v)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


_Region = tuple[str, Any, Any, bool, str]


def _verdicts(rows: list[_Region]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=["parameter", "low", "high", "holds", "why"])


# ---------------------------------------------------------------- helpers
def _scenario(scenario: Any) -> Any:
    from coercion.scenario import Scenario, load_scenario

    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, str):
        return load_scenario(scenario)
    raise InvalidParameterError(
        f"{type(scenario).__name__} is neither a case name nor a Scenario",
        field="scenario",
    )


def _pair(value: Any, name: str, *, positive: bool = True) -> tuple[Any, Any]:
    from coercion.models._params import pair

    return pair(value, name, lower=0, strict_lower=positive)


_FIGHT_CACHE: dict[str, dict[str, Any]] = {}


def fight_terms(scenario: Any) -> dict[str, Any]:
    """The compiled economic pains of a case's fight (cached per bundled case).

    The fight is the sender's top rung met by the target's best resisting
    response (the non-conceding response with the highest target payoff), from
    :func:`coercion.build.export_control_game`.

    Parameters
    ----------
    scenario : str or Scenario

    Returns
    -------
    dict
        ``sender``, ``target``, ``rung``, ``response``; ``pain`` (sender,
        target: USD of economic loss in the fight, unweighted, positive);
        ``stake`` and ``tolerance`` (sender, target); ``counter`` (the largest
        counter-control loss the target's responses inflict on the sender, USD),
        ``counter_response`` and ``counter_cost`` (the target's own economic
        loss from that response beyond the fight's); ``export_loss`` (the
        sender's lost export revenue at the top rung, USD).

    Examples
    --------
    >>> from coercion.analysis.hypotheses import fight_terms
    >>> f = fight_terms("rare_earths")
    >>> f["sender"], f["target"], f["rung"]
    ('CN', 'US', 'ban')
    """
    from coercion.build import export_control_game

    sc = _scenario(scenario)
    cached = _FIGHT_CACHE.get(sc.id) if isinstance(scenario, str) else None
    if cached is not None:
        return dict(cached)
    cg = export_control_game(sc)
    df = cg.explain()
    game = cg.game
    rung = game.strategies[0][-1]
    responses = [r for r in game.strategies[1] if r != "concede"]
    pay = {r: float(game[rung, r][1]) for r in responses}
    resist = max(responses, key=lambda r: (pay[r], -responses.index(r)))

    def econ(response: str, player: str, term: str | None = None) -> float:
        sel = (
            (df.rung == rung)
            & (df.response == response)
            & (df.player == player)
            & (df.kind == "economic")
        )
        if term is not None:
            sel &= df.term == term
        return -float(df[sel].amount.sum())

    S, T = cg.sender, cg.target
    counter = {r: econ(r, S, "counter_control") for r in responses}
    best_counter = max(responses, key=lambda r: (counter[r], -responses.index(r)))
    w = cg.weights
    out = {
        "sender": S,
        "target": T,
        "rung": rung,
        "response": resist,
        "pain": (econ(resist, S), econ(resist, T)),
        "stake": (float(w["stake.sender"]), float(w["stake.target"])),
        "tolerance": (
            float(w["pain_tolerance.sender"]),
            float(w["pain_tolerance.target"]),
        ),
        "counter": counter[best_counter],
        "counter_response": best_counter,
        "counter_cost": econ(best_counter, T, "counter_control"),
        "export_loss": econ(resist, S, "export_loss"),
        "damage": econ(resist, T, "downstream_loss"),
    }
    if isinstance(scenario, str):
        _FIGHT_CACHE[sc.id] = dict(out)
    return out


def _annuity(years: float, rate: float) -> float:
    if rate == 0:
        return years
    return (1 - (1 + rate) ** -years) / rate


HYPOTHESES: dict[str, str] = {
    "pain_tolerance": (
        "The side more willing to bear economic pain prevails: the other "
        "concedes first."
    ),
    "managed_dependence": (
        "The sender's best level of the target's dependence on its goods is "
        "non-zero: cutting off early triggers substitution and loses leverage."
    ),
    "upstream_goods": (
        "Cutting an upstream good disrupts far more downstream value than its own "
        "trade value."
    ),
    "time_to_recovery": (
        "The longer the target takes to recover, the more a cut hurts it (and the "
        "more credible the threat)."
    ),
    "collective_resilience": (
        "Controls by one holder fail when others fill the void; they work when "
        "the holders act together."
    ),
    "interdependence_deters": (
        "A sender exposed to the target's counter-controls is deterred; a "
        "self-sufficient sender is not."
    ),
    "breaking_chokeholds": (
        "How fast a target escapes a chokehold depends on its own capability and "
        "on how fast the technology moves (dig in, jam, attack, leapfrog)."
    ),
    "mutual_chokepoints": (
        "Mutual chokepoints deter only while each side's threat stays credible "
        "and its leverage does not erode faster than the other's."
    ),
}
"""One-sentence statement of each hypothesis, by function name."""


# ---------------------------------------------------------------- 1 pain tolerance
def pain_tolerance(
    scenario: Any = "rare_earths",
    *,
    pain: Any = None,
    stakes: Any = None,
    tolerance: Any = None,
    ratios: Sequence[float] | None = None,
    believed_ratio: Any = None,
) -> HypothesisResult:
    r"""Who concedes first: the threshold ratio of pain tolerances.

    The fight is a game of chicken (:func:`coercion.models.chicken`) between
    sender S and target T with prize :math:`a_i = V_i` (each side's stake), no
    cost of backing down to the status quo (:math:`b_i = 0`) and collision cost
    :math:`c_i = P_i / \tau_i`: the economic pain :math:`P_i` of the fight
    weighted by the side's pain tolerance :math:`\tau_i`.

    Parameters
    ----------
    scenario : str or Scenario
        The case (default ``"rare_earths"``); its compiled fight
        (:func:`fight_terms`) gives :math:`P`, :math:`V` and :math:`\tau`.
    pain, stakes, tolerance : pair of numbers, optional
        (sender, target) overrides; with all three given no scenario is
        compiled. Exact inputs (ints, Fractions, number strings) give exact
        results.
    ratios : sequence of float, optional
        Values of :math:`\tau_T / \tau_S` for the table (default: 121 points
        log-spaced over four decades around the threshold).
    believed_ratio : number, optional
        What one side believes :math:`\tau_T / \tau_S` to be. When belief and
        truth lie on different sides of :math:`\rho^*`, both sides expect the
        other to yield: ``key["miscalculation"]`` is True.

    Returns
    -------
    HypothesisResult
        ``key``: ``threshold_ratio`` :math:`\rho^*`, ``ratio`` (the case's
        :math:`\tau_T/\tau_S`), ``concedes_first`` (``"target"``, ``"sender"``
        or ``"neither"`` at a tie), ``critical_risk`` and
        ``collision_probability`` of the mixed equilibrium at the case's values;
        with ``believed_ratio``, ``believed_concedes_first`` and
        ``miscalculation``.

    Raises
    ------
    InvalidParameterError
        If a pain, stake or tolerance is not positive.

    Examples
    --------
    The target's pain is four times the sender's with equal stakes: it concedes
    first unless it is more than four times as tolerant.

    >>> from coercion.analysis.hypotheses import pain_tolerance
    >>> res = pain_tolerance(pain=(1, 4), stakes=(1, 1), tolerance=(1, 3))
    >>> res.key["threshold_ratio"], res.key["concedes_first"]
    (Fraction(4, 1), 'target')
    >>> pain_tolerance(pain=(1, 4), stakes=(1, 1), tolerance=(1, 5)).key["concedes_first"]
    'sender'

    A sender that believes the ratio is 5 when it is 3 expects the target to
    hold out; it yields, the target does not: a miscalculation.

    >>> r = pain_tolerance(pain=(1, 4), stakes=(1, 1), tolerance=(1, 3), believed_ratio=5)
    >>> r.key["believed_concedes_first"], r.key["miscalculation"]
    ('sender', True)

    Notes
    -----
    Side :math:`i`'s critical risk in chicken is
    :math:`r_i = a_i / (a_i + c_i - b_i) = \tau_i V_i / (\tau_i V_i + P_i)`,
    the largest probability of collision it will run rather than yield; the
    side with the smaller critical risk yields first (Zeuthen's principle; the
    risk-dominant equilibrium has the other side standing firm [1]_, [2]_). So T
    concedes first iff :math:`\tau_T V_T / P_T < \tau_S V_S / P_S`, i.e.

    .. math:: \frac{\tau_T}{\tau_S} < \rho^* = \frac{P_T\,V_S}{P_S\,V_T}.

    The private-information war of attrition gives the same ordering (the side
    with the larger ratio of stake to weighted cost holds out longer,
    :func:`coercion.models.attrition_concession_time`). "The more tolerant
    side wins" is true only where both inequalities agree: for ratios between
    1 and :math:`\rho^*` the more tolerant side still concedes, because the
    pains are asymmetric.

    References
    ----------
    .. [1] Snyder, G. H. and Diesing, P. (1977). *Conflict Among Nations*.
       Princeton University Press, ch. 2 (critical risk).
    .. [2] Harsanyi, J. C. and Selten, R. (1988). *A General Theory of
       Equilibrium Selection in Games*. MIT Press (risk dominance).
    """
    from coercion.models import chicken_solution
    from coercion.models._params import pair

    if pain is None or stakes is None or tolerance is None:
        sc = _scenario(scenario)
        f = fight_terms(scenario if isinstance(scenario, str) else sc)
        case = sc.id
        names = (f["sender"], f["target"])
        pain = f["pain"] if pain is None else pain
        stakes = f["stake"] if stakes is None else stakes
        tolerance = f["tolerance"] if tolerance is None else tolerance
    else:
        case, names = "custom", ("sender", "target")
    P = pair(pain, "pain", lower=0, strict_lower=True)
    V = pair(stakes, "stakes", lower=0, strict_lower=True)
    tau = pair(tolerance, "tolerance", lower=0, strict_lower=True)
    rho_star = (P[1] * V[0]) / (P[0] * V[1])
    ratio = tau[1] / tau[0]

    def solve_at(t_s: Any, t_t: Any) -> Any:
        return chicken_solution(a=V, b=(0 * V[0], 0 * V[1]), c=(P[0] / t_s, P[1] / t_t))

    sol = solve_at(*tau)
    r_s, r_t = sol.critical_risk
    who = "target" if r_t < r_s else ("sender" if r_s < r_t else "neither")
    import numpy as np
    import pandas as pd

    if ratios is None:
        centre = math.log10(float(rho_star))
        lo = min(centre - 2, math.log10(float(ratio)) - 0.5)
        hi = max(centre + 2, math.log10(float(ratio)) + 0.5)
        ratios = list(np.logspace(lo, hi, 121))
    rows = []
    for x in ratios:
        s = solve_at(float(tau[0]), float(x) * float(tau[0]))
        rs, rt = (float(v) for v in s.critical_risk)
        rows.append(
            {
                "ratio": float(x),
                "critical_risk_sender": rs,
                "critical_risk_target": rt,
                "collision_probability": float(s.collision_probability),
                "concedes_first": "target"
                if rt < rs
                else ("sender" if rs < rt else "neither"),
            }
        )
    table = pd.DataFrame(rows)
    one = 1
    lo_b, hi_b = sorted([one, rho_star], key=float)
    S, T = names
    regions: list[_Region] = [
        (
            "tau_T/tau_S",
            0,
            lo_b,
            True,
            f"{S if rho_star > 1 else T} is more tolerant and prevails",
        ),
    ]
    if rho_star != 1:
        loser = T if rho_star > 1 else S
        regions.append(
            (
                "tau_T/tau_S",
                lo_b,
                hi_b,
                False,
                f"{loser} is more tolerant but concedes first: its pain relative "
                "to its stake is larger",
            )
        )
    regions.append(
        (
            "tau_T/tau_S",
            hi_b,
            math.inf,
            True,
            f"{T if rho_star > 1 else S} is more tolerant and prevails",
        )
    )
    key: dict[str, Any] = {
        "threshold_ratio": rho_star,
        "ratio": ratio,
        "concedes_first": who,
        "critical_risk": (r_s, r_t),
        "collision_probability": sol.collision_probability,
        "sender": S,
        "target": T,
    }
    if believed_ratio is not None:
        b = _as_number(believed_ratio)
        if not b > 0:
            raise InvalidParameterError(
                f"believed_ratio {believed_ratio!r} is not positive",
                field="believed_ratio",
            )
        believed = (
            "target" if b < rho_star else ("sender" if b > rho_star else "neither")
        )
        key["believed_ratio"] = b
        key["believed_concedes_first"] = believed
        key["miscalculation"] = believed != who
    caveats = (
        "Pains are the compiler's present values over the scenario horizon at "
        "central parameter values; a cut that the target survives on stocks "
        "lowers P_T.",
        "Complete information: each side knows the other's tolerance. With "
        "private tolerances (co.models.bayesian_chicken, co.miscalculation) a "
        "side that misjudges the ratio on the wrong side of the threshold "
        "stands firm into a collision.",
        "Critical risk orders who yields first (risk dominance); the mixed "
        "equilibrium still has a collision probability r_S r_T.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        t = res.table
        ax.plot(
            t.ratio,
            t.critical_risk_sender,
            color=PALETTE[0],
            label=f"{S} (sender) critical risk",
        )
        ax.plot(
            t.ratio,
            t.critical_risk_target,
            color=PALETTE[1],
            label=f"{T} (target) critical risk",
        )
        ax.axvspan(t.ratio.min(), float(rho_star), color=PALETTE[1], alpha=0.08)
        ax.axvline(float(rho_star), color="0.3", linestyle="--", linewidth=1)
        ax.annotate(
            f"ρ* = {float(rho_star):.4g}",
            xy=(float(rho_star), 0.95),
            xycoords=("data", "axes fraction"),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize="small",
        )
        ax.axvline(
            float(ratio),
            color=PALETTE[5],
            linewidth=1.2,
            label=f"case: τ_T/τ_S = {float(ratio):.3g}",
        )
        ax.set_xscale("log")
        ax.set_ylim(0, 1)
        ax.set_xlabel("Ratio of pain tolerances τ_T / τ_S (log scale)")
        ax.set_ylabel("Critical risk (probability)")
        ax.set_title(f"Who concedes first ({case}): {T} left of ρ*, {S} right")
        ax.legend(loc="center right", fontsize="small")

    return HypothesisResult(
        "pain_tolerance",
        case,
        HYPOTHESES["pain_tolerance"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 2 managed dependence
def managed_dependence(
    scenario: Any = "ai_chips",
    *,
    coercion_probability: Any = Fraction(1, 2),
    leverage_share: Any = Fraction(1, 10),
    margin_rate: Any = Fraction(1, 2),
    security_cost: Any = None,
    substitution_cost: Any = None,
    exposed_value: Any = None,
    trade_margin: Any = None,
) -> HypothesisResult:
    r"""The export level that maximises the sender's long-run leverage, and when it is zero.

    The case is mapped onto :func:`coercion.models.managed_dependence_solution`:
    dependence :math:`d` is the target's share of its need bought from the
    sender (the export level, ``1 - cut``);

    - :math:`K`: the target's substitution cost (the cost of its response with
      the largest cost, e.g. China's Ascend programme);
    - :math:`V`: the target's downstream production built on the good over the
      scenario horizon, discounted (USD);
    - :math:`\pi`: the sender's margin on the flow at full dependence over the
      horizon, ``margin_rate`` times the discounted flow value;
    - :math:`\rho`, :math:`\beta`, :math:`g`: coercion probability, leverage
      share and security cost per unit of dependence (assumptions, arguments).

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"ai_chips"``; its first sender, first target and the product
        of the sender's first flow to the target.
    coercion_probability, leverage_share, margin_rate : number
        :math:`\rho`, :math:`\beta` and the margin as a share of revenue
        (assumptions: 1/2, 1/10, 1/2).
    security_cost : number, optional
        :math:`g` in USD per unit of dependence (default 0).
    substitution_cost, exposed_value, trade_margin : number, optional
        Overrides of :math:`K`, :math:`V`, :math:`\pi` (USD).

    Returns
    -------
    HypothesisResult
        ``key``: ``optimal_export_level`` :math:`d^*`, ``threshold``
        :math:`\bar d = K/(\rho V)`, ``unit_value`` :math:`m`,
        ``zero_when_security_cost_above`` :math:`g^* = \pi + \beta\rho V`
        (USD), and the inputs. The table is the sender's payoff over
        :math:`d` for the case's :math:`g` and for :math:`g^*`.

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import managed_dependence
    >>> res = managed_dependence(substitution_cost=30, exposed_value=100,
    ...                          trade_margin=1, leverage_share=0)
    >>> res.key["optimal_export_level"], res.key["zero_when_security_cost_above"]
    (Fraction(3, 5), Fraction(1, 1))

    Notes
    -----
    From the model's closed form, :math:`d^* = \min(1, K/(\rho V))` when
    :math:`m = \pi + \beta\rho V - g > 0` and :math:`d^* = 0` otherwise: the
    best dependence is zero exactly when the security cost per unit of
    dependence reaches :math:`g^* = \pi + \beta \rho V`, or when substitution is
    free (:math:`K = 0`). Cutting off early sets :math:`\rho = 1` and lowers
    :math:`\bar d` to :math:`K / V`.
    """
    import numpy as np
    import pandas as pd

    from coercion.models import managed_dependence_solution

    case = "custom"
    if substitution_cost is None or exposed_value is None or trade_margin is None:
        sc = _scenario(scenario)
        case = sc.id
        S, T = sc.senders[0], sc.targets[0]
        flows = sc.flows_frame()
        flow = flows[(flows.exporter == S) & (flows.importer == T)].iloc[0]
        product = str(flow["product"])
        years = float(sc.model.horizon_years.value)
        rate = float(sc.model.discount_rate.value)
        ann = _annuity(years, rate)
        if substitution_cost is None:
            costs = [
                sc.param(n)
                for n in sc.param_names()
                if n.startswith(f"players.{T}.responses.") and n.endswith(".cost")
            ]
            substitution_cost = max(costs) if costs else 0.0
        if exposed_value is None:
            sg = sc.supply_graph()
            users = [
                q
                for (e, q) in sg.graph.nodes
                if e == T and product in {i for i in _inputs_of(sc, q)}
            ]
            prod = sum(
                sc.param(f"nodes.{T}.{q}.production")
                for q in users
                if f"nodes.{T}.{q}.production" in sc.param_names()
            )
            exposed_value = prod * ann
        if trade_margin is None:
            trade_margin = _as_number(margin_rate) * float(flow["value"]) * ann
    g = 0 if security_cost is None else security_cost
    sol = managed_dependence_solution(
        substitution_cost,
        coercion_probability,
        exposed_value,
        trade_margin=trade_margin,
        leverage_share=leverage_share,
        security_cost=g,
    )
    K, rho, V = (
        _as_number(x) for x in (substitution_cost, coercion_probability, exposed_value)
    )
    pi, beta = _as_number(trade_margin), _as_number(leverage_share)
    g_star = pi + beta * rho * V
    d_bar = sol.threshold
    rows = []
    for label, gg in (("case", _as_number(g)), ("at g*", g_star)):
        m = pi + beta * rho * V - gg
        for d in np.linspace(0, 1, 101):
            payoff = float(m) * d if d <= float(d_bar) + 1e-12 else math.nan
            rows.append(
                {
                    "security_cost": label,
                    "export_level": float(d),
                    "sender_value": payoff,
                }
            )
    table = pd.DataFrame(rows)
    key: dict[str, Any] = {
        "optimal_export_level": sol.optimal_dependence,
        "threshold": d_bar,
        "unit_value": sol.unit_value,
        "zero_when_security_cost_above": g_star,
        "substitution_cost": K,
        "exposed_value": V,
        "trade_margin": pi,
        "coercion_probability": rho,
    }
    regions: list[_Region] = [
        (
            "security_cost g",
            0,
            g_star,
            bool(K > 0),
            "optimal export level is the substitution threshold K/(rho V) > 0"
            if K > 0
            else "substitution is free (K = 0): any dependence is lost",
        ),
        (
            "security_cost g",
            g_star,
            math.inf,
            False,
            "security cost outweighs trade and leverage: best export level is 0",
        ),
    ]
    caveats = (
        "rho, beta and the margin rate are assumptions, not estimates; the "
        "threshold K/(rho V) does not depend on them except rho.",
        "One-shot substitution decision: in reality the target invests in "
        "stages and its substitution cost falls as it learns.",
        "Export level and dependence are identified: the target has no third "
        "supplier (leakage zero).",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        for k, (label, sub) in enumerate(
            res.table.groupby("security_cost", sort=False)
        ):
            ax.plot(
                sub.export_level,
                sub.sender_value / 1e9,
                color=PALETTE[k],
                label=f"security cost {label}",
            )
        ax.axvline(float(d_bar), color="0.3", linestyle="--", linewidth=1)
        ax.annotate(
            f"d* = {float(sol.optimal_dependence):.3g}",
            xy=(float(d_bar), 0.9),
            xycoords=("data", "axes fraction"),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize="small",
        )
        ax.axvspan(
            float(d_bar), 1, color=PALETTE[5], alpha=0.08, label="target substitutes"
        )
        ax.set_xlim(0, 1)
        ax.set_xlabel("Export level d (target's dependence on the sender, share)")
        ax.set_ylabel("Sender's long-run value (bn USD)")
        ax.set_title(f"Managed dependence ({case})")
        ax.legend(fontsize="small")

    return HypothesisResult(
        "managed_dependence",
        case,
        HYPOTHESES["managed_dependence"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


def _as_number(x: Any) -> Any:
    from coercion.models._params import number

    return number(x, "value")


def _inputs_of(sc: Any, product: str) -> list[str]:
    p = sc.products.get(product)
    return [] if p is None else [i.product for i in p.inputs]


def _sender_target(sc: Any) -> tuple[str, str]:
    return sc.senders[0], sc.targets[0]


def _cut_products(sc: Any, S: str, T: str) -> list[str]:
    flows = sc.flows_frame()
    sel = flows[(flows.exporter == S) & (flows.importer == T)]
    return list(dict.fromkeys(str(p) for p in sel["product"]))


def _quiet_cut(sg: Any, *args: Any, **kwargs: Any) -> Any:
    import warnings

    from coercion.errors import CoercionWarning
    from coercion.supply import propagate_cut

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CoercionWarning)
        return propagate_cut(sg, *args, **kwargs)


# ---------------------------------------------------------------- 3 upstream goods
def upstream_goods(
    scenario: Any = "photoresists", *, horizon: float = 1.0
) -> HypothesisResult:
    r"""Downstream value at risk per dollar of trade cut, product by product.

    For every product the sender ships to the target, a full cut
    (:func:`coercion.propagate_cut`, fixed proportions unless the scenario sets
    an elasticity) is propagated downstream over ``horizon`` years; its
    *multiplier* is the value at risk over the flow cut in the same period.

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"photoresists"``.
    horizon : float
        Years (default 1).

    Returns
    -------
    HypothesisResult
        ``table``: ``product``, ``tier``, ``lost_flow``, ``gap``,
        ``value_at_risk``, ``multiplier``, ``time_to_survive`` (USD, years);
        ``key``: ``largest_multiplier`` and its ``product``.

    Raises
    ------
    InvalidParameterError
        If ``horizon`` is not positive.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import upstream_goods
    >>> res = upstream_goods("photoresists")
    >>> res.key["product"], res.key["largest_multiplier"] > 100
    ('photoresist', True)

    Notes
    -----
    With fixed proportions (Leontief) a shortfall of a fraction :math:`s` of an
    input stops a fraction :math:`s` of every product downstream, whatever the
    input's cost share :math:`a`, so the multiplier of an input with no stocks
    and no substitute is :math:`1/a` per tier [1]_. A finished good has
    multiplier at most 1 (its own value). The hypothesis holds for a product
    when its multiplier exceeds 1, and fails where stocks, leakage or
    substitution (CES elasticity) absorb the cut.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd
       ed. Cambridge University Press (hypothetical extraction).
    """
    import pandas as pd

    if not horizon > 0:
        raise InvalidParameterError(
            f"horizon {horizon!r} is not positive", field="horizon"
        )
    sc = _scenario(scenario)
    S, T = _sender_target(sc)
    sg = sc.supply_graph()
    rows = []
    for p in _cut_products(sc, S, T):
        r = _quiet_cut(sg, S, T, p, 1.0, horizon=horizon)
        lost = float(r.lost_flow) * horizon
        var = float(r.value_at_risk)
        rows.append(
            {
                "product": p,
                "tier": sc.products[p].tier,
                "lost_flow": lost,
                "gap": float(r.gap) * horizon,
                "value_at_risk": var,
                "multiplier": var / lost if lost > 0 else math.nan,
                "time_to_survive": float(r.time_to_survive),
            }
        )
    table = (
        pd.DataFrame(rows)
        .sort_values("multiplier", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    top = table.iloc[0]
    key: dict[str, Any] = {
        "largest_multiplier": float(top.multiplier),
        "product": str(top["product"]),
        "sender": S,
        "target": T,
        "horizon_years": horizon,
    }
    regions: list[_Region] = [
        (
            f"cut of {row.product}",
            row.multiplier,
            row.multiplier,
            bool(row.multiplier > 1),
            f"each USD cut puts {row.multiplier:.3g} USD downstream at risk",
        )
        for row in table.itertuples(index=False)
    ]
    caveats = (
        "Fixed proportions make a missing input stop its share of every product "
        "downstream; real plants reallocate scarce inputs to their best uses.",
        "Losses count gross output; value added (measure='value_added') avoids "
        "double counting along a chain and gives smaller multipliers.",
        "The cut lasts the whole horizon and third parties respond at once.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        t = res.table
        colors = [PALETTE[0] if m > 1 else PALETTE[1] for m in t.multiplier]
        ax.barh(t["product"], t.multiplier, color=colors)
        ax.axvline(1, color="0.3", linestyle="--", linewidth=1)
        ax.annotate(
            "finished good: 1",
            xy=(1, 0.02),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize="small",
        )
        ax.set_xscale("log")
        ax.invert_yaxis()
        ax.set_xlabel("Downstream value at risk per USD of trade cut (log scale)")
        ax.set_ylabel("Product cut")
        ax.set_title(f"Upstream goods ({res.case}): {S} cuts {T}, {horizon:g} y")

    return HypothesisResult(
        "upstream_goods",
        sc.id,
        HYPOTHESES["upstream_goods"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 4 time to recovery
def time_to_recovery(
    scenario: Any = "rare_earths",
    *,
    product: str | None = None,
    times: Sequence[float] | None = None,
    horizon: float | None = None,
) -> HypothesisResult:
    r"""The target's value at risk as a function of its time to recover.

    A full cut of ``product`` by the sender is propagated over ``horizon``
    years (:func:`coercion.propagate_cut`) with the target's
    ``nodes.<T>.<product>.time_to_recover`` set to each value of ``times``
    (every other number at its central value).

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"rare_earths"``.
    product : str, optional
        Default: the cut product with the largest value at risk.
    times : sequence of float, optional
        Times to recover in years, positive (default 0.5 to 10 by 0.5).
    horizon : float, optional
        Default: the scenario's horizon.

    Returns
    -------
    HypothesisResult
        ``table``: ``time_to_recover``, ``value_at_risk`` (USD),
        ``time_to_survive``; ``key``: ``case_time_to_recover``,
        ``case_value_at_risk``, ``time_to_survive`` and
        ``value_at_risk_per_year`` (the slope at the case's value).

    Raises
    ------
    InvalidParameterError
        If the product is not cut by the sender or has no time to recover.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import time_to_recovery
    >>> res = time_to_recovery("rare_earths", times=[0.5, 1, 2])
    >>> bool(res.table.value_at_risk.is_monotonic_increasing)
    True

    Notes
    -----
    Recovery is the ramp of :func:`coercion.supply.recovery_fraction`: the
    target's own capacity replaces the gap over its time to recover, after
    its stocks (time to survive) run out [1]_. Pain grows with the time to
    recover only when it exceeds the time to survive; below it the stocks
    bridge the gap and the hypothesis has no bite.

    References
    ----------
    .. [1] Simchi-Levi, D., Schmidt, W. and Wei, Y. (2014). From superstorms to
       factory fires. *Harvard Business Review* 92(1-2).
    """
    import numpy as np
    import pandas as pd

    sc = _scenario(scenario)
    S, T = _sender_target(sc)
    names = set(sc.param_names())
    cands = [
        p for p in _cut_products(sc, S, T) if f"nodes.{T}.{p}.time_to_recover" in names
    ]
    if product is None:
        if not cands:
            raise InvalidParameterError(
                f"no product cut by {S} has a time to recover for {T}", field="product"
            )
        sg = sc.supply_graph()
        product = max(cands, key=lambda p: _quiet_cut(sg, S, T, p).value_at_risk)
    elif product not in cands:
        raise InvalidParameterError(
            f"product {product!r} is not cut by {S} with a time to recover for {T}; "
            f"choose from {cands}",
            field="product",
        )
    name = f"nodes.{T}.{product}.time_to_recover"
    years = float(sc.model.horizon_years.value) if horizon is None else float(horizon)
    rate = float(sc.model.discount_rate.value)
    times = list(np.arange(0.5, 10.01, 0.5)) if times is None else list(times)
    rows = []
    for t in times:
        r = _quiet_cut(
            sc.with_params({name: float(t)}).supply_graph(),
            S,
            T,
            product,
            1.0,
            horizon=years,
            discount_rate=rate,
        )
        rows.append(
            {
                "time_to_recover": float(t),
                "value_at_risk": float(r.value_at_risk),
                "time_to_survive": float(r.time_to_survive),
            }
        )
    table = pd.DataFrame(rows)
    t0 = sc.param(name)
    base = _quiet_cut(
        sc.supply_graph(), S, T, product, 1.0, horizon=years, discount_rate=rate
    )
    up = _quiet_cut(
        sc.with_params({name: t0 + 0.25}).supply_graph(),
        S,
        T,
        product,
        1.0,
        horizon=years,
        discount_rate=rate,
    )
    tts = float(base.time_to_survive)
    key: dict[str, Any] = {
        "product": product,
        "case_time_to_recover": t0,
        "case_value_at_risk": float(base.value_at_risk),
        "time_to_survive": tts,
        "value_at_risk_per_year": (float(up.value_at_risk) - float(base.value_at_risk))
        / 0.25,
    }
    regions: list[_Region] = [
        (
            "time_to_recover",
            0,
            tts,
            False,
            "stocks last longer than recovery takes: little pain",
        ),
        (
            "time_to_recover",
            tts,
            math.inf,
            True,
            "every extra year to recover adds value at risk",
        ),
    ]
    caveats = (
        "Recovery is a linear ramp of domestic capacity; qualification of a new "
        "supplier can be a step after years of nothing.",
        "Only the target's own time to recover varies; third parties' spare "
        "capacity responds at once and is fixed.",
        f"Value at risk is discounted at {rate:g}/yr over {years:g} years.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        t = res.table
        ax.plot(
            t.time_to_recover,
            t.value_at_risk / 1e9,
            color=PALETTE[0],
            marker="o",
            markersize=3,
            label="value at risk",
        )
        ax.axvline(
            tts,
            color="0.3",
            linestyle="--",
            linewidth=1,
            label=f"time to survive {tts:.2g} y",
        )
        ax.axvline(t0, color=PALETTE[5], linewidth=1.2, label=f"case {t0:g} y")
        ax.set_xlabel(f"{T}'s time to recover {product} (years)")
        ax.set_ylabel("Downstream value at risk (bn USD)")
        ax.set_title(f"Time to recovery ({res.case}): {S} cuts {product}")
        ax.legend(fontsize="small")

    return HypothesisResult(
        "time_to_recovery",
        sc.id,
        HYPOTHESES["time_to_recovery"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 5 collective resilience
def _resilience_setup(sc: Any, product: str | None) -> tuple[str, tuple[str, ...]]:
    S, T = _sender_target(sc)
    flows = sc.flows_frame()
    if product is None:
        if sc.coalition is not None:
            product = sc.coalition.product
        else:
            product = next(
                (
                    k.param.split(".")[2]
                    for k in sc.key_parameters
                    if k.hypothesis == "collective resilience"
                    and k.param.startswith("nodes.")
                    and k.param.endswith("spare_capacity")
                ),
                _cut_products(sc, S, T)[0],
            )
    suppliers = [
        str(e)
        for e in flows[(flows.importer == T) & (flows["product"] == product)].exporter
    ]
    if sc.coalition is not None and sc.coalition.product == product:
        members = tuple(dict.fromkeys([S, *sc.coalition.members]))
    else:
        members = tuple(dict.fromkeys([S, *suppliers]))
    return product, members


def collective_resilience(
    scenario: Any = "photoresists",
    *,
    product: str | None = None,
    scales: Sequence[float] | None = None,
    benefit: Any = 2,
    margin: Any = 1,
) -> HypothesisResult:
    r"""Denial by the sender alone and by all holders together, against leakage.

    The share of the target's use of ``product`` denied at once (as
    :func:`coercion.supply.effective_denial`: the members' cut less what
    non-members' spare capacity and the target's own spare capacity fill) is
    computed for the sender alone and for the coalition of holders (the
    scenario's coalition for its product, else every supplier of the product),
    with every non-member's spare capacity (and the scenario's coalition
    leakage, a share of the target's use) scaled by each value of ``scales``
    (1: the case).

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"photoresists"``.
    product : str, optional
        Default: the scenario's coalition product, else the product of its
        collective-resilience key parameter, else the first product cut.
    scales : sequence of float, optional
        Multipliers of non-members' spare capacity (default 0 to 3).
    benefit, margin : number
        Each member's value of a unit share denied and its export margin per
        unit share, for the coalition game's critical leakage (assumptions).

    Returns
    -------
    HypothesisResult
        ``table``: ``scale``, ``members`` (``"alone"``/``"together"``),
        ``denial``; ``key``: ``alone`` (the sender, or the largest holder
        when the sender ships none), ``denial_alone``, ``denial_together``,
        ``void_filled_at`` (the smallest scale at which that holder alone
        denies nothing), ``critical_leakage`` of :func:`coercion.models.critical_leakage`.

    Raises
    ------
    InvalidParameterError
        If the target uses none of ``product``.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import collective_resilience
    >>> res = collective_resilience("photoresists")
    >>> res.key["product"], res.key["denial_together"] > res.key["denial_alone"]
    ('hf', True)

    Notes
    -----
    With members' share :math:`c` of the target's use :math:`U`, lost flow
    :math:`L = c U`, non-members' spare capacity :math:`k\,\sigma` and the
    target's own :math:`o`, the denied share is
    :math:`(L - \min(L, k\sigma) - \min(L - \min(L,k\sigma), o)) / U`. The sender
    alone loses to the others' spare capacity; holders together face only
    outsiders. In the coalition game (:func:`coercion.models.coalition_controls`)
    each member keeps controlling while leakage is below
    :math:`L^* = \min_i (S - \pi_i s_i / W_i)` [1]_.

    References
    ----------
    .. [1] Drezner, D. W. (2000). Bargaining, enforcement, and multilateral
       sanctions: when is cooperation counterproductive? *International
       Organization* 54(1), 73-102.
    """
    import numpy as np
    import pandas as pd

    from coercion.models import critical_leakage
    from coercion.supply import coalition_share, leakage, lost_flow

    sc = _scenario(scenario)
    S, T = _sender_target(sc)
    product, members = _resilience_setup(sc, product)
    sg = sc.supply_graph()
    use = float(sg.use(T, product))
    if use <= 0:
        raise InvalidParameterError(f"{T} uses no {product!r}", field="product")
    own = float(sg.graph.nodes[(T, product)]["spare_capacity"])

    outside = 0.0
    if sc.coalition is not None and sc.coalition.product == product:
        outside = float(sc.coalition.leakage.value) * use
    shares = {m: coalition_share(sg, [m], T, product) for m in members}
    lead = S if shares.get(S, 0) > 0 else max(members, key=lambda m: shares[m])

    def denial(group: Sequence[str], k: float) -> float:
        lost = float(sum(lost_flow(sg, list(group), T, product, 1.0).values()))
        spare = {
            e: k * float(sg.graph.nodes[(e, p)]["spare_capacity"])
            for (e, p) in sg.graph.nodes
            if p == product and e not in group and e != T
        }
        spare["(outside the coalition)"] = k * outside
        leak, _ = leakage(lost, spare)
        gap = max(0.0, lost - leak - min(lost - leak, own))
        return gap / use

    scales = list(np.linspace(0, 3, 61)) if scales is None else list(scales)
    rows = []
    for k in scales:
        rows.append(
            {"scale": float(k), "members": "alone", "denial": denial([lead], k)}
        )
        rows.append(
            {"scale": float(k), "members": "together", "denial": denial(members, k)}
        )
    table = pd.DataFrame(rows)
    alone = table[table.members == "alone"]
    zero = alone[alone.denial <= 1e-12]
    void = float(zero.scale.min()) if len(zero) else math.inf
    pos = [v for v in shares.values() if v > 0]
    crit = (
        critical_leakage(
            [Fraction(s).limit_denominator(10**6) for s in pos], benefit, margin
        )
        if pos
        else None
    )
    key: dict[str, Any] = {
        "product": product,
        "members": members,
        "alone": lead,
        "denial_alone": denial([lead], 1.0),
        "denial_together": denial(members, 1.0),
        "void_filled_at": void,
        "critical_leakage": crit,
    }
    regions: list[_Region] = []
    if void > 0:
        regions.append(
            (
                "spare-capacity scale",
                0,
                void,
                True,
                f"{lead} alone denies part of the supply; together they deny more",
            )
        )
    if void < math.inf:
        regions.append(
            (
                "spare-capacity scale",
                void,
                math.inf,
                True,
                f"others fill the void: {lead}'s unilateral control fails",
            )
        )
    if key["denial_alone"] >= key["denial_together"] - 1e-12:
        regions = [
            (
                "spare-capacity scale",
                0,
                math.inf,
                False,
                f"{lead} alone denies as much as the coalition",
            )
        ]
    caveats = (
        "Non-members respond at once with all their spare capacity; in reality "
        "they ramp up over months and may be deterred by secondary sanctions.",
        "Members that ship nothing of the product to the target add nothing to "
        "the immediate denial here (their role is in tools and licences).",
        "benefit and margin of the coalition game are assumptions.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        for k, (label, sub) in enumerate(res.table.groupby("members", sort=False)):
            name = lead if label == "alone" else "+".join(members)
            ax.plot(sub.scale, sub.denial, color=PALETTE[k], label=f"{name} ({label})")
        ax.axvline(1, color=PALETTE[5], linewidth=1.2, label="case")
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("Non-members' spare capacity (multiple of the case)")
        ax.set_ylabel(f"Share of {T}'s {product} denied")
        ax.set_title(f"Collective resilience ({res.case}): {product}")
        ax.legend(fontsize="small")

    return HypothesisResult(
        "collective_resilience",
        sc.id,
        HYPOTHESES["collective_resilience"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 6 interdependence
def interdependence_deters(
    scenario: Any = "ai_chips", *, points: int = 101
) -> HypothesisResult:
    r"""Whether the sender's exposure to counter-controls makes it back down first.

    The sender's self-sufficiency :math:`s \in [0, 1]` scales its exposure to
    the target's strongest counter-control: its fight pain is
    :math:`P_S(s) = E + (1 - s) C`, with :math:`E` its other economic losses
    in the fight and :math:`C` the counter-control loss (:func:`fight_terms`).
    Who backs down first is decided by critical risks as in
    :func:`pain_tolerance`.

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"ai_chips"``.
    points : int
        Grid points of :math:`s`.

    Returns
    -------
    HypothesisResult
        ``key``: ``critical_self_sufficiency`` :math:`s^*` (the sender is
        deterred for :math:`s < s^*`), ``deterred_at_zero``,
        ``deterred_when_self_sufficient``, ``counter_response``.

    Raises
    ------
    InvalidParameterError
        If ``points < 2``.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import interdependence_deters
    >>> res = interdependence_deters("ai_chips")
    >>> res.key["counter_response"]
    'magnet_licensing'

    Notes
    -----
    The sender backs down first iff :math:`r_S < r_T`, i.e.
    :math:`P_S(s) / (\tau_S V_S) > P_T / (\tau_T V_T)`, so

    .. math:: s^* = 1 - \frac{\bar P - E}{C}, \qquad
              \bar P = \tau_S V_S \frac{P_T}{\tau_T V_T}.

    Interdependence deters where :math:`s < s^*`; it is the deciding factor
    only if :math:`0 < s^* < 1` (exposure flips the outcome) [1]_.

    References
    ----------
    .. [1] Keohane, R. O. and Nye, J. S. (1977). *Power and Interdependence*.
       Little, Brown.
    """
    import numpy as np
    import pandas as pd

    if points < 2:
        raise InvalidParameterError(f"points {points!r} is below 2", field="points")
    sc = _scenario(scenario)
    f = fight_terms(scenario if isinstance(scenario, str) else sc)
    S, T = f["sender"], f["target"]
    # the fight in which the target retaliates with its strongest counter-control
    cg_pain_t = f["damage"] + f["counter_cost"]
    C = max(0.0, f["counter"])
    E = max(0.0, f["export_loss"])
    (tau_s, tau_t), (V_s, V_t) = f["tolerance"], f["stake"]
    P_bar = tau_s * V_s * cg_pain_t / (tau_t * V_t)
    s_star = 1 - (P_bar - E) / C if C > 0 else -math.inf
    rows = []
    r_t = tau_t * V_t / (tau_t * V_t + cg_pain_t)
    for s in np.linspace(0, 1, points):
        P_s = E + (1 - s) * C
        r_s = tau_s * V_s / (tau_s * V_s + P_s)
        rows.append(
            {
                "self_sufficiency": float(s),
                "sender_pain": P_s,
                "critical_risk_sender": r_s,
                "critical_risk_target": r_t,
                "sender_deterred": bool(r_s < r_t),
            }
        )
    table = pd.DataFrame(rows)
    key: dict[str, Any] = {
        "critical_self_sufficiency": s_star,
        "deterred_at_zero": bool(table.sender_deterred.iloc[0]),
        "deterred_when_self_sufficient": bool(table.sender_deterred.iloc[-1]),
        "counter_response": f["counter_response"],
        "counter_loss": C,
        "export_loss": E,
        "sender": S,
        "target": T,
    }
    lo, hi = max(0.0, min(1.0, s_star)), 1.0
    if 0 < s_star < 1:
        regions = [
            (
                "self_sufficiency",
                0,
                s_star,
                True,
                f"{S}'s exposure to {f['counter_response']} makes it back down",
            ),
            (
                "self_sufficiency",
                s_star,
                1,
                True,
                f"a self-sufficient {S} is no longer deterred",
            ),
        ]
    elif s_star >= 1:
        regions = [
            (
                "self_sufficiency",
                0,
                1,
                False,
                f"{S} backs down even when self-sufficient: its own export loss "
                "alone outweighs its stake; exposure does not decide",
            )
        ]
    else:
        regions = [
            (
                "self_sufficiency",
                lo,
                hi,
                False,
                f"{S} is not deterred even when fully exposed: the counter-"
                "control is too weak",
            )
        ]
    caveats = (
        "Self-sufficiency scales only the counter-control loss; building it "
        "costs the sender too (not counted).",
        "Exported overcapacity (the other half of the hypothesis) would raise "
        "the target's lost sales; the compiler counts it as 'lost_sales'.",
        "Complete information and central values, as in pain_tolerance.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        t = res.table
        ax.plot(
            t.self_sufficiency,
            t.critical_risk_sender,
            color=PALETTE[0],
            label=f"{S} (sender) critical risk",
        )
        ax.plot(
            t.self_sufficiency,
            t.critical_risk_target,
            color=PALETTE[1],
            label=f"{T} (target) critical risk",
        )
        det = t[t.sender_deterred]
        if len(det):
            ax.axvspan(
                det.self_sufficiency.min(),
                det.self_sufficiency.max(),
                color=PALETTE[2],
                alpha=0.12,
                label=f"{S} deterred",
            )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(f"{S}'s self-sufficiency against {f['counter_response']} (share)")
        ax.set_ylabel("Critical risk (probability)")
        ax.set_title(f"Interdependence deters? ({res.case})")
        ax.legend(fontsize="small")

    return HypothesisResult(
        "interdependence_deters",
        sc.id,
        HYPOTHESES["interdependence_deters"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 7 chokeholds
def _case_capability(sc: Any, T: str, products: Sequence[str]) -> tuple[str, float]:
    names = set(sc.param_names())
    for p in products:
        n = f"nodes.{T}.{p}.capability"
        if n in names:
            return p, float(sc.param(n))
    return products[0], 0.0


def breaking_chokeholds(
    scenario: Any = "ai_chips",
    *,
    tech_speed: float = 0.8,
    capability: float | None = None,
    years: float = 10.0,
    points: int = 41,
) -> HypothesisResult:
    r"""The target's way out of a chokehold over capability and technology speed.

    :func:`coercion.supply.chokehold_response` blends four ways out (dig in,
    jam, attack, leapfrog) by the target's own capability and the speed of the
    technology; this maps the dominant way and the dependence left after
    ``years`` over the unit square, and marks the case.

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"ai_chips"``: the target's capability in the first cut
        product that has one (``nodes.<T>.<p>.capability``).
    tech_speed : float in [0, 1]
        The case's technology speed (assumption; default 0.8, a fast frontier).
    capability : float in [0, 1], optional
        Override of the case's capability.
    years : float
        Horizon for the remaining dependence (default 10).
    points : int
        Grid points per axis.

    Returns
    -------
    HypothesisResult
        ``table``: ``capability``, ``tech_speed``, ``mode``, ``rate``,
        ``floor``, ``delay``, ``dependence_left`` (share of the initial
        dependence after ``years``); ``key``: the case's ``mode``,
        ``dependence_left``, ``half_life`` (years until dependence halves,
        ``inf`` if never).

    Raises
    ------
    InvalidParameterError
        If an argument is out of range.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import breaking_chokeholds
    >>> res = breaking_chokeholds("ai_chips", points=5)
    >>> sorted(set(res.table["mode"]))
    ['attack', 'dig in', 'jam', 'leapfrog']

    Notes
    -----
    Dependence after a threat is
    :math:`D(t)/D(0) = f + (1 - f) e^{-k (t - \Delta)^+}` with rate :math:`k`,
    floor :math:`f` and delay :math:`\Delta` blended bilinearly from the four
    corners (:data:`coercion.supply.DEFAULT_RESPONSES`, illustrative). The
    hypothesis holds where the ways differ in speed: the chokehold breaks
    (dependence at most half) within ``years`` only in part of the square.
    """
    import numpy as np
    import pandas as pd

    from coercion.supply import chokehold_response

    if points < 2:
        raise InvalidParameterError(f"points {points!r} is below 2", field="points")
    sc = _scenario(scenario)
    S, T = _sender_target(sc)
    product, cap0 = _case_capability(sc, T, _cut_products(sc, S, T))
    cap = cap0 if capability is None else float(capability)
    rows = []
    grid = np.linspace(0, 1, points)
    for c in grid:
        for v in grid:
            r = chokehold_response(float(c), float(v))
            rows.append(
                {
                    "capability": float(c),
                    "tech_speed": float(v),
                    "mode": r.mode,
                    "rate": r.rate,
                    "floor": r.floor,
                    "delay": r.delay,
                    "dependence_left": float(r.dependence_ratio(years)),
                }
            )
    table = pd.DataFrame(rows)
    case = chokehold_response(cap, float(tech_speed))
    left = float(case.dependence_ratio(years))
    if case.floor >= 0.5:
        half = math.inf
    else:
        half = case.delay + math.log((1 - case.floor) / (0.5 - case.floor)) / case.rate
    key: dict[str, Any] = {
        "product": product,
        "capability": cap,
        "tech_speed": float(tech_speed),
        "mode": case.mode,
        "dependence_left": left,
        "half_life": half,
        "years": years,
    }
    regions: list[_Region] = []
    for mode, sub in table.groupby("mode", sort=True):
        broken = float((sub.dependence_left <= 0.5).mean())
        regions.append(
            (
                f"mode {mode}: capability",
                float(sub.capability.min()),
                float(sub.capability.max()),
                broken >= 0.5,
                f"{broken:.0%} of this region halves its dependence within "
                f"{years:g} years",
            )
        )
    caveats = (
        "The corner parameters are illustrative (matched by hand to the cases' "
        "orders of magnitude), not estimates.",
        "Capability and technology speed are fixed; a target's capability "
        "grows as it substitutes (learning), which this blend omits.",
        f"Technology speed {tech_speed:g} for {product} is an assumption.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from matplotlib.colors import ListedColormap

        from coercion.plot.style import PALETTE

        modes = ["dig in", "jam", "attack", "leapfrog"]
        t = res.table
        z = t.pivot(index="tech_speed", columns="capability", values="mode")
        codes = z.apply(lambda col: col.map(modes.index)).to_numpy(dtype=float)
        cmap = ListedColormap(PALETTE[:4])
        ax.pcolormesh(
            z.columns, z.index, codes, cmap=cmap, vmin=-0.5, vmax=3.5, shading="nearest"
        )
        left_grid = t.pivot(
            index="tech_speed", columns="capability", values="dependence_left"
        )
        cs = ax.contour(
            left_grid.columns,
            left_grid.index,
            left_grid.to_numpy(),
            levels=[0.5],
            colors="white",
            linewidths=1.5,
        )
        ax.clabel(cs, fmt={0.5: f"half left after {years:g} y"}, fontsize="small")
        for k, m in enumerate(modes):
            ax.plot([], [], "s", color=PALETTE[k], label=m)
        ax.plot(
            [cap],
            [tech_speed],
            marker="*",
            color="black",
            markersize=12,
            linestyle="none",
            label=f"case ({T} {product})",
        )
        ax.set_xlabel(f"{T}'s own capability (share)")
        ax.set_ylabel("Speed of technological change (0 mature, 1 frontier)")
        ax.set_title(f"Ways to break a chokehold ({res.case})")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))

    return HypothesisResult(
        "breaking_chokeholds",
        sc.id,
        HYPOTHESES["breaking_chokeholds"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )


# ---------------------------------------------------------------- 8 mutual chokepoints
def mutual_chokepoints(
    scenario: Any = "ai_chips",
    *,
    tech_speed: tuple[float, float] = (0.8, 0.2),
    capability: tuple[float | None, float | None] = (None, None),
    tolerance: Any = None,
    years: float = 15.0,
    points: int = 61,
) -> HypothesisResult:
    r"""The linked game: each side a sender on one product and a target on another.

    Side A (the scenario's sender) holds a chokepoint over side B (its target)
    and B holds one over A (B's strongest counter-control, :func:`fight_terms`).
    Side :math:`i` is deterred from escalating first while the loss the other's
    retaliation would inflict on it, weighted by its pain tolerance, exceeds
    its stake: :math:`(E_i + D_{j \to i}(t)) / \tau_i \ge V_i`; side
    :math:`j`'s retaliation is credible while its own cost of retaliating is
    below its stake, :math:`E_j / \tau_j < V_j`. Each chokepoint erodes as the
    victim substitutes: :math:`D_{j \to i}(t) = D_{j \to i}\, D(t)/D(0)` from
    :func:`coercion.supply.chokehold_response` with the victim's capability and
    the product's technology speed.

    Parameters
    ----------
    scenario : str or Scenario
        Default ``"ai_chips"`` (US chips against China's minerals and magnets).
    tech_speed : pair of float
        Technology speed of A's product and of B's counter-product
        (assumptions; default 0.8 for chips, 0.2 for minerals).
    capability : pair of float or None
        Capability of B in A's product and of A in B's product (default: from
        the scenario where it has one, else 0).
    tolerance : pair of numbers, optional
        Override of (A, B) pain tolerances.
    years, points : float, int
        Time grid.

    Returns
    -------
    HypothesisResult
        ``table``: ``years``, ``side``, ``weighted_loss`` (its loss if it
        escalates and the other retaliates, over its pain tolerance, USD),
        ``stake``, ``deterred``; ``key``: ``deterred_until`` (per side,
        years; ``inf`` if throughout, 0 if never), ``credible`` (per side),
        ``escalates_first`` (the side whose deterrence ends first, or None).

    Raises
    ------
    InvalidParameterError
        If the target has no counter-control on the sender.

    Examples
    --------
    >>> from coercion.analysis.hypotheses import mutual_chokepoints
    >>> res = mutual_chokepoints("ai_chips", points=7)
    >>> sorted(res.key["deterred_until"])
    ['CN', 'US']

    Notes
    -----
    Mutual deterrence holds at time :math:`t` when both sides are deterred and
    both retaliations are credible: the analogue of mutual vulnerability [1]_.
    It breaks first for the side whose chokepoint over it erodes fastest
    (substitution) or whose tolerance is highest (pain); that side gains
    from escalating first.

    References
    ----------
    .. [1] Farrell, H. and Newman, A. L. (2019). Weaponized interdependence.
       *International Security* 44(1), 42-79.
    """
    import numpy as np
    import pandas as pd

    from coercion.models._params import pair
    from coercion.supply import chokehold_response

    sc = _scenario(scenario)
    f = fight_terms(scenario if isinstance(scenario, str) else sc)
    A, B = f["sender"], f["target"]
    if f["counter"] <= 0:
        raise InvalidParameterError(
            f"{B} has no counter-control that costs {A} anything in {sc.id!r}",
            field="scenario",
        )
    tau = (
        f["tolerance"]
        if tolerance is None
        else tuple(
            float(x) for x in pair(tolerance, "tolerance", lower=0, strict_lower=True)
        )
    )
    V = f["stake"]
    D = {A: f["counter"], B: f["damage"]}  # damage done to each side
    E = {A: f["export_loss"], B: f["counter_cost"]}  # each side's own cost
    prod_a, cap_b = _case_capability(sc, B, _cut_products(sc, A, B))
    counter_product = f["counter_response"]
    cap_a = 0.0
    caps = (
        cap_b if capability[0] is None else float(capability[0]),
        cap_a if capability[1] is None else float(capability[1]),
    )
    erode = {
        B: chokehold_response(caps[0], float(tech_speed[0])),
        A: chokehold_response(caps[1], float(tech_speed[1])),
    }
    t_grid = np.linspace(0, years, points)
    rows = []
    until: dict[str, float] = {}
    for k, side in enumerate((A, B)):
        loss = (E[side] + D[side] * erode[side].dependence_ratio(t_grid)) / tau[k]
        det = loss >= V[k]
        for t, w, d in zip(t_grid, loss, det, strict=True):
            rows.append(
                {
                    "years": float(t),
                    "side": side,
                    "weighted_loss": float(w),
                    "stake": V[k],
                    "deterred": bool(d),
                }
            )
        if det.all():
            until[side] = math.inf
        elif not det[0]:
            until[side] = 0.0
        else:
            until[side] = float(t_grid[np.argmin(det)])
    credible = {A: E[A] / tau[0] < V[0], B: E[B] / tau[1] < V[1]}
    table = pd.DataFrame(rows)
    first = min(until, key=lambda s: until[s])
    escalates_first = None if until[A] == until[B] else first
    key: dict[str, Any] = {
        "deterred_until": until,
        "credible": credible,
        "escalates_first": escalates_first,
        "chokepoints": {A: prod_a, B: counter_product},
        "tolerance": tau,
    }
    both = min(until.values())
    regions: list[_Region] = []
    if both > 0:
        regions.append(
            (
                "years",
                0,
                both,
                all(credible.values()),
                "both deterred"
                + (
                    ""
                    if all(credible.values())
                    else "; but a retaliation is not credible"
                ),
            )
        )
    if both < math.inf:
        never = [s for s in (A, B) if until[s] == 0]
        why = (
            f"{' and '.join(never)} never deterred: the other's chokepoint costs "
            "it less than its stake"
            if never
            else f"{escalates_first or 'both'} no longer deterred: mutual deterrence "
            "breaks"
        )
        regions.append(("years", both, math.inf, False, why))
    caveats = (
        "Technology speeds and the A-side capability are assumptions.",
        "Each side's deterrence is judged with its own tolerance at central "
        "values; differing tolerances alone can break it (see pain_tolerance).",
        "The erosion of a chokepoint also lowers the threatener's own cost of "
        "using it; only the damage side erodes here.",
    )

    def draw(ax: Any, res: HypothesisResult) -> None:
        from coercion.plot.style import PALETTE

        for k, (side, sub) in enumerate(res.table.groupby("side", sort=False)):
            ax.plot(
                sub.years,
                sub.weighted_loss / 1e9,
                color=PALETTE[k],
                label=f"{side}: loss if it escalates / tolerance",
            )
            ax.axhline(
                sub.stake.iloc[0] / 1e9,
                color=PALETTE[k],
                linestyle=":",
                linewidth=1,
                label=f"{side}: stake",
            )
        ax.set_yscale("log")
        ax.set_xlabel("Years after the chokepoints are first threatened")
        ax.set_ylabel("bn USD (log scale)")
        ax.set_title(f"Mutual chokepoints ({res.case}): deterred above the stake")
        ax.legend(fontsize="small")

    return HypothesisResult(
        "mutual_chokepoints",
        sc.id,
        HYPOTHESES["mutual_chokepoints"],
        table,
        key,
        _verdicts(regions),
        caveats,
        draw,
    )
