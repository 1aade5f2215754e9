r"""The named terms of the export-control payoff compiler.

Every payoff of a compiled export-control game is a sum of *terms*. A term is a
plain function of one :class:`CellContext` (the sender's rung, the target's
response and everything the supply graph says about them) that returns an
*amount* in USD (present value over the horizon; negative for a loss). The
compiler multiplies each amount by its *weight* and divides by the payoff unit:

.. math:: u_i(r, a) = \sum_{k \in \text{terms}(i)} w_{i,k}\,\text{amount}_k(r, a)
          / \text{unit},
          \qquad w_{i,k} = \begin{cases} 1 & \text{political term} \\
          1/\tau_i & \text{economic term} \end{cases}

where :math:`\tau_i` is player :math:`i`'s pain tolerance (the scenario's
``players.<id>.pain_tolerance``: economic pain enters the payoff divided by it).

The target's responses are *plans*, what it does if it is controlled: under the
``no_control`` rung (or a rung that does not cut this target) every plan leaves
the status quo and every term is 0.

Default terms (``DEFAULT_TERMS``; replace any with the ``terms=`` argument of
:func:`coercion.build.export_control_game`):

========================  ==========  ==================================================
term                       kind        amount
========================  ==========  ==================================================
target.concession          political   :math:`-s_T\,D(t^*, H)` if the target concedes
target.downstream_loss     economic    the target's downstream output lost while cut
target.lost_sales          economic    export revenue the target loses to a boycott
target.counter_control     economic    export revenue the target gives up by retaliating
target.substitution_cost   economic    the investment in substitutes
sender.concession          political   :math:`+s_S\,D(t^*, H)` if the target concedes
sender.export_loss         economic    :math:`-\varphi\,x_{S\to T,g}\,D(0, t_{end})`
sender.blowback            economic    the sender's own downstream losses from its cut
sender.counter_control     economic    the sender's extra losses from the counter-control
sender.lost_market         economic    :math:`-\rho(1-\varphi_p)\,x_{S\to T,p}\,D(t_s, H)`
========================  ==========  ==================================================

:math:`D(a, b)` is :meth:`CellContext.discounted_years`, the discounted length of
``[a, b]`` on the propagation grid; :math:`t^*` is :meth:`CellContext.concession_time`.
``docs/explanation/payoff-compiler.md`` gives the mathematics and the sources.

Examples
--------
>>> from coercion.build.terms import DEFAULT_TERMS
>>> [t.key for t in DEFAULT_TERMS][:3]
['target.concession', 'target.downstream_loss', 'target.lost_sales']
>>> DEFAULT_TERMS[0].kind
'political'

A term is a plain function of a cell; read one on a compiled game's cell:

>>> import coercion as co
>>> from coercion.build.terms import target_counter_control
>>> cg = co.build.export_control_game("rare_earths")
>>> ctx = cg.context("licensing", "chip_controls")
>>> x = ctx.flow("US", "CN", "ai_accelerator")
>>> bool(target_counter_control(ctx) == -1.0 * x * ctx.discounted_years(0, 5))
True

References
----------
.. [1] J. Eaton, M. Engers, "Sanctions", Journal of Political Economy 100(5),
   1992 (sanctions cost both sides; who gives in).
.. [2] D. Simchi-Levi, W. Schmidt, Y. Wei, "From superstorms to factory fires",
   Harvard Business Review 92(1-2), 2014 (time to survive, time to recover).
.. [3] H. Farrell, A. L. Newman, "Weaponized Interdependence", International
   Security 44(1), 2019 (counter-controls where the sender depends on the target).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError

__all__ = [
    "Term",
    "CellContext",
    "DEFAULT_TERMS",
    "resolve_terms",
    "target_concession",
    "target_downstream_loss",
    "target_lost_sales",
    "target_counter_control",
    "target_substitution_cost",
    "sender_concession",
    "sender_export_loss",
    "sender_blowback",
    "sender_counter_control",
    "sender_lost_market",
    "concession_time",
]

KINDS = ("political", "economic")
_MAX_RUNS = 512  # propagations kept per compiled scenario
ROLES = ("sender", "target")


@dataclass(frozen=True)
class Term:
    """One named payoff term.

    Attributes
    ----------
    name : str
        Short name (``"downstream_loss"``).
    role : {"sender", "target"}
        Whose payoff it enters.
    kind : {"political", "economic"}
        Political terms enter as they are; economic ones are divided by the
        player's pain tolerance.
    function : callable
        ``function(ctx: CellContext) -> amount`` in USD (a number, or a sympy
        expression when the stakes or costs are symbols).
    """

    name: str
    role: str
    kind: str
    function: Callable[[CellContext], Any]

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise InvalidParameterError(
                f"role {self.role!r} is not 'sender' or 'target'", field="role"
            )
        if self.kind not in KINDS:
            raise InvalidParameterError(
                f"kind {self.kind!r} is not 'political' or 'economic'", field="kind"
            )
        if not callable(self.function):
            raise InvalidParameterError(
                f"{self.function!r} is not callable", field="function"
            )

    @property
    def key(self) -> str:
        """``"<role>.<name>"``, the key used by ``terms=`` and in tables."""
        return f"{self.role}.{self.name}"


@dataclass
class CellContext:
    """Everything a term may use about one cell (sender rung, target response).

    The compiler builds one per cell; propagations are shared between cells
    through ``cache``.

    Attributes
    ----------
    sg : SupplyGraph
        The supply graph at the compiled parameter values.
    sender, target : str
        Economy ids.
    rung : coercion.scenario.Rung
        The sender's rung.
    response : coercion.scenario.Response
        The target's response plan.
    phi : float
        The cut this rung puts on the target (0 for ``no_control`` or a rung that
        names other targets).
    cuts : tuple of coercion.supply.Cut
        The physical cuts of the rung (the sender's, plus a coalition's).
    horizon, discount_rate : float
        Years and annual rate (``model`` section of the scenario).
    steps : int
        Periods of the propagation grid.
    measure : str
        ``"output"`` or ``"value_added"`` (what downstream losses count).
    weights : dict
        ``stake.sender``, ``stake.target``, ``pain_tolerance.sender``,
        ``pain_tolerance.target`` and ``cost.<response>``: numbers or sympy
        expressions.
    concession_lag : float or None
        Years before a concession takes effect; ``None``: the target's time to
        survive (:func:`concession_time`).
    exact : callable
        Turns a float from the supply graph into the payoff number type (the
        identity, or an exact sympy Rational in a symbolic compile).
    """

    sg: Any
    sender: str
    target: str
    rung: Any
    response: Any
    phi: float
    cuts: tuple[Any, ...]
    horizon: float
    discount_rate: float
    steps: int
    measure: str
    weights: dict[str, Any]
    concession_lag: float | None = None
    exact: Callable[[float], Any] = float
    cache: dict[Any, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ facts
    @property
    def controlled(self) -> bool:
        """Whether the rung cuts anything of this target."""
        return self.phi > 0 and bool(self.cuts)

    @property
    def kind(self) -> str:
        """The response's kind (concede, absorb, retaliate, substitute)."""
        return str(self.response.kind)

    @property
    def times(self) -> np.ndarray:
        """Period boundaries of the propagation grid (years)."""
        return np.linspace(0.0, self.horizon, self.steps + 1)

    def discounted_years(self, a: float, b: float) -> float:
        r"""Discounted length of ``[a, b]``: :math:`D(a, b) = \sum_k (1+r)^{-t_k}
        |[t_k, t_{k+1}] \cap [a, b]|`.

        The grid convention of :func:`coercion.supply.sender_export_loss`
        (each period discounted at its start), so an annual flow ``x`` held
        over ``[a, b]`` is worth ``x * D(a, b)``.
        """
        t = self.times
        lo = np.clip(t[:-1], a, b)
        hi = np.clip(t[1:], a, b)
        disc = (1.0 + self.discount_rate) ** (-t[:-1])
        return float(np.sum((hi - lo) * disc))

    def flow(self, exporter: str, importer: str, product: str) -> float:
        """Annual flow value in the supply graph (0 when absent)."""
        return float(self.sg.flow(exporter, importer, product))

    def run(self, cuts: tuple[Any, ...]) -> Any:
        """:func:`coercion.supply.propagate_cuts` of ``cuts`` (memoised)."""
        from coercion.supply.propagation import propagate_cuts

        key = ("run", cuts)
        if key not in self.cache:
            if len(self.cache) > _MAX_RUNS:
                # a sweep over cuts would otherwise keep every propagation
                for k in [k for k in self.cache if isinstance(k, tuple)]:
                    del self.cache[k]
            self.cache[key] = propagate_cuts(
                self.sg,
                cuts,
                horizon=self.horizon,
                steps=self.steps,
                discount_rate=self.discount_rate,
                measure=self.measure,
            )
        return self.cache[key]

    def restriction(self) -> Any:
        """The propagation of the rung's cuts."""
        return self.run(self.cuts)

    def retaliation_cut(self) -> Any:
        """The target's counter-control as a :class:`~coercion.supply.Cut`."""
        from coercion.supply.propagation import Cut

        r = self.response
        return Cut(self.target, self.sender, r.product, float(r.cut.value))

    def retaliation(self) -> Any:
        """The propagation of the rung's cuts and the counter-control together."""
        return self.run((*self.cuts, self.retaliation_cut()))

    def substitution_applies(self) -> bool:
        """Whether the substitute response replaces the product this rung cuts."""
        r = self.response
        return r.kind == "substitute" and (
            r.product is None or r.product == self.rung.product
        )

    def substitution(self) -> Any:
        """The propagation once substitution is done: the sender's cut on the
        substituted product shrinks to :math:`\\varphi(1 - \\rho)`."""
        from coercion.supply.propagation import Cut

        rho = _value(self.response.reduction, 0.0)
        scaled = tuple(
            Cut(c.senders, c.target, c.product, c.phi * (1.0 - rho))
            if c.product == self.rung.product and self.sender in c.senders
            else c
            for c in self.cuts
        )
        return self.run(scaled)

    def loss(self, result: Any, economy: str, a: float, b: float) -> float:
        """Discounted downstream losses of ``economy``'s nodes within ``[a, b]``.

        Sums :attr:`CutResult.lost_output` (or ``lost_value_added``) times the
        period's discount factor over the periods, each period counted by the
        share of it inside ``[a, b]``.
        """
        b = min(b, self.horizon)
        if b <= a:
            return 0.0
        per = (
            result.lost_output
            if result.measure == "output"
            else result.lost_value_added
        )
        rows = [i for i, (e, _) in enumerate(result.labels) if e == economy]
        if not rows:
            return 0.0
        t = result.times
        share = (np.clip(t[1:], a, b) - np.clip(t[:-1], a, b)) / np.diff(t)
        return float(per[rows].sum(axis=0) @ (result.discount * share))

    def concession_time(self) -> float:
        """:func:`concession_time` of this cell (years, ``inf`` for never)."""
        return concession_time(self)


def _value(q: Any, default: float) -> float:
    return default if q is None or q.value is None else float(q.value)


# ---------------------------------------------------------------- timing
def concession_time(ctx: CellContext) -> float:
    r"""When a conceding target gives in: when its stocks run out.

    A target that plans to concede holds out while its inventories cover the
    gap, and concedes when downstream output would start to fall: :math:`t^*`
    is the :attr:`~coercion.supply.CutResult.time_to_survive` of the rung's cut
    (``inf`` when stocks and recovery outlast the gap). A boycott (an
    ``"imports"`` rung) hurts at once, so :math:`t^* = 0`. ``concession_lag``
    (an option of the compiler) replaces the rule by a fixed lag.

    Returns
    -------
    float
        Years; ``inf`` when the target never needs to concede.

    Parameters
    ----------
    ctx : CellContext
        The cell.

    See Also
    --------
    coercion.supply.time_to_survive
    """
    if ctx.concession_lag is not None:
        return float(ctx.concession_lag)
    if not ctx.controlled:
        return math.inf
    if ctx.rung.direction == "imports":
        return 0.0
    return float(ctx.restriction().time_to_survive)


def _window_end(ctx: CellContext) -> float:
    if ctx.kind == "concede":
        return min(ctx.concession_time(), ctx.horizon)
    return ctx.horizon


def _held_loss(ctx: CellContext, result: Any, economy: str) -> float:
    """Downstream losses of ``economy`` while the control holds (see the terms)."""
    if ctx.kind == "concede" and ctx.concession_lag is None:
        # the target concedes when its stocks run out: until then its stocks
        # cover the whole gap, so nothing downstream is lost yet (the period
        # grid would smear the first month of shortage into the window)
        return 0.0
    return ctx.loss(result, economy, 0.0, _window_end(ctx))


def _concedes(ctx: CellContext) -> bool:
    return (
        ctx.controlled and ctx.kind == "concede" and ctx.concession_time() < ctx.horizon
    )


# ---------------------------------------------------------------- target terms
def target_concession(ctx: CellContext) -> Any:
    r"""What conceding costs the target: its stake after the concession.

    .. math:: -s_T\,D(t^*, H)

    with :math:`s_T` the target's stake (USD/yr), :math:`t^*` the
    :func:`concession_time` and :math:`H` the horizon. Zero unless the target
    concedes to a control within the horizon.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not _concedes(ctx):
        return 0
    return -ctx.weights["stake.target"] * ctx.exact(
        ctx.discounted_years(ctx.concession_time(), ctx.horizon)
    )


def target_downstream_loss(ctx: CellContext) -> Any:
    r"""The target's downstream output lost while the control is in force.

    The discounted losses of the target's nodes in
    :func:`coercion.supply.propagate_cuts` (leakage to third parties up to their
    spare capacity, the target's spare capacity, inventories, recovery over the
    time to recover, fixed-proportion propagation downstream): over
    :math:`[0, t^*]` for a conceding target, over :math:`[0, H]` otherwise, with
    the counter-control in the same propagation for ``retaliate``; for a
    ``substitute`` response that replaces the cut product, the loss after the
    substitution time :math:`t_s` comes from the cut shrunk to
    :math:`\varphi(1-\rho)`.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled:
        return 0
    T = ctx.target
    if ctx.kind == "retaliate":
        loss = ctx.loss(ctx.retaliation(), T, 0.0, ctx.horizon)
    elif ctx.substitution_applies():
        ts = _value(ctx.response.time, 0.0)
        loss = ctx.loss(ctx.restriction(), T, 0.0, ts) + ctx.loss(
            ctx.substitution(), T, ts, ctx.horizon
        )
    else:
        loss = _held_loss(ctx, ctx.restriction(), T)
    return 0 - ctx.exact(loss)


def target_lost_sales(ctx: CellContext) -> Any:
    r"""Export revenue the target loses to a boycott (an ``"imports"`` rung).

    .. math:: -\varphi\,x_{T\to S,g}\,D(0, t_{end})

    with :math:`t_{end} = t^*` for a conceding target and :math:`H` otherwise.
    A ``substitute`` response on the boycotted product finds other buyers for
    the share :math:`\rho` after :math:`t_s`:
    :math:`-\varphi\,x\,[D(0, t_s) + (1 - \rho) D(t_s, H)]`. Zero for export
    controls.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled or ctx.rung.direction != "imports":
        return 0
    x = ctx.flow(ctx.target, ctx.sender, ctx.rung.product)
    if ctx.substitution_applies():
        rho = _value(ctx.response.reduction, 0.0)
        ts = _value(ctx.response.time, 0.0)
        years = ctx.discounted_years(0.0, ts) + (1.0 - rho) * ctx.discounted_years(
            ts, ctx.horizon
        )
        return 0 - ctx.exact(ctx.phi * x * years)
    return 0 - ctx.exact(ctx.phi * x * ctx.discounted_years(0.0, _window_end(ctx)))


def target_counter_control(ctx: CellContext) -> Any:
    r"""Export revenue the target gives up by its counter-control.

    .. math:: -c\,x_{T\to S,h}\,D(0, H)

    for a ``retaliate`` response cutting a share :math:`c` of its exports of
    product :math:`h` to the sender.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled or ctx.kind != "retaliate":
        return 0
    r = ctx.response
    x = ctx.flow(ctx.target, ctx.sender, r.product)
    return 0 - ctx.exact(
        float(r.cut.value) * x * ctx.discounted_years(0.0, ctx.horizon)
    )


def target_substitution_cost(ctx: CellContext) -> Any:
    r"""The target's investment in substitutes, :math:`-K` (USD, paid at once)."""
    if not ctx.controlled or ctx.kind != "substitute":
        return 0
    return -ctx.weights[f"cost.{ctx.response.name}"]


# ---------------------------------------------------------------- sender terms
def sender_concession(ctx: CellContext) -> Any:
    r"""What the concession gives the sender: :math:`+s_S\,D(t^*, H)`."""
    if not _concedes(ctx):
        return 0
    return ctx.weights["stake.sender"] * ctx.exact(
        ctx.discounted_years(ctx.concession_time(), ctx.horizon)
    )


def sender_export_loss(ctx: CellContext) -> Any:
    r"""The sender's lost export revenue while its control is in force.

    .. math:: -\varphi\,x_{S\to T,g}\,D(0, t_{end})

    (:func:`coercion.supply.sender_export_loss` on the compiler's grid), with
    :math:`t_{end} = t^*` when the target concedes and :math:`H` otherwise.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled or ctx.rung.direction != "exports":
        return 0
    x = ctx.flow(ctx.sender, ctx.target, ctx.rung.product)
    return 0 - ctx.exact(ctx.phi * x * ctx.discounted_years(0.0, _window_end(ctx)))


def sender_blowback(ctx: CellContext) -> Any:
    r"""The sender's own downstream losses from its control.

    The sender's nodes in the propagation of the rung's cuts (a boycott cuts the
    sender's own supply; an export control can come back through goods the
    sender buys from the target), over the same window as
    :func:`target_downstream_loss`.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled:
        return 0
    return 0 - ctx.exact(_held_loss(ctx, ctx.restriction(), ctx.sender))


def sender_counter_control(ctx: CellContext) -> Any:
    r"""The sender's losses from the target's counter-control.

    The sender's downstream losses when the counter-control is propagated with
    the rung's cuts, less its :func:`sender_blowback`: what the sender loses
    because it depends on the target for the retaliated product.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled or ctx.kind != "retaliate":
        return 0
    S = ctx.sender
    both = ctx.loss(ctx.retaliation(), S, 0.0, ctx.horizon)
    alone = ctx.loss(ctx.restriction(), S, 0.0, ctx.horizon)
    return 0 - ctx.exact(both - alone)


def sender_lost_market(ctx: CellContext) -> Any:
    r"""Export revenue the sender loses for good when the target substitutes.

    .. math:: -\rho\,(1 - \varphi_p)\,x_{S\to T,p}\,D(t_s, H)

    After the substitution time :math:`t_s` the target no longer buys the share
    :math:`\rho` (``reduction``) of product :math:`p`; the part the control had
    not already withheld (:math:`1 - \varphi_p`, with :math:`\varphi_p` the
    rung's cut if it is on :math:`p`, else 0) is lost to the sender.

    Parameters
    ----------
    ctx : CellContext
        The cell: rung, response, supply graph, weights.

    Returns
    -------
    float or sympy expression
        The amount in USD (present value; negative for a loss), 0 when
        the term does not apply to the cell.
    """
    if not ctx.controlled or ctx.kind != "substitute":
        return 0
    r = ctx.response
    p = r.product or ctx.rung.product
    phi_p = ctx.phi if p == ctx.rung.product else 0.0
    rho = _value(r.reduction, 0.0)
    ts = _value(r.time, 0.0)
    x = ctx.flow(ctx.sender, ctx.target, p)
    return 0 - ctx.exact(
        rho * (1.0 - phi_p) * x * ctx.discounted_years(ts, ctx.horizon)
    )


DEFAULT_TERMS: tuple[Term, ...] = (
    Term("concession", "target", "political", target_concession),
    Term("downstream_loss", "target", "economic", target_downstream_loss),
    Term("lost_sales", "target", "economic", target_lost_sales),
    Term("counter_control", "target", "economic", target_counter_control),
    Term("substitution_cost", "target", "economic", target_substitution_cost),
    Term("concession", "sender", "political", sender_concession),
    Term("export_loss", "sender", "economic", sender_export_loss),
    Term("blowback", "sender", "economic", sender_blowback),
    Term("counter_control", "sender", "economic", sender_counter_control),
    Term("lost_market", "sender", "economic", sender_lost_market),
)
"""The compiler's terms, in the order of :func:`coercion.build.explain` tables."""


def resolve_terms(terms: Mapping[str, Any] | None) -> tuple[Term, ...]:
    """The default terms with ``terms`` applied.

    ``terms`` maps ``"<role>.<name>"`` to a callable (replaces the function,
    keeping the kind), a :class:`Term` (replaces or adds) or ``None`` (drops).

    Raises
    ------
    InvalidParameterError
        If a key is not ``"sender.<name>"``/``"target.<name>"``, a callable is
        given for an unknown term, ``None`` drops a term that does not exist
        (a typo), or a value is of the wrong type.

    Examples
    --------
    >>> from coercion.build.terms import resolve_terms
    >>> keys = [t.key for t in resolve_terms({"sender.blowback": None})]
    >>> "sender.blowback" in keys, len(keys)
    (False, 9)
    """
    out = {t.key: t for t in DEFAULT_TERMS}
    for key, value in (terms or {}).items():
        role, _, name = str(key).partition(".")
        if role not in ROLES or not name:
            raise InvalidParameterError(
                f"term key {key!r} is not 'sender.<name>' or 'target.<name>'",
                field="terms",
            )
        if value is None:
            if key not in out:
                raise InvalidParameterError(
                    f"cannot drop {key!r}: no such term; terms are {', '.join(out)}",
                    field="terms",
                )
            del out[key]
        elif isinstance(value, Term):
            out[key] = Term(name, role, value.kind, value.function)
        elif callable(value):
            if key not in out:
                raise InvalidParameterError(
                    f"{key!r} is a new term: give a Term (with its kind), "
                    "not a bare function",
                    field="terms",
                )
            out[key] = Term(name, role, out[key].kind, value)
        else:
            raise InvalidParameterError(
                f"{value!r} is not a Term, a callable or None", field=f"terms.{key}"
            )
    return tuple(out.values())
