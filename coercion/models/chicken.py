r"""Chicken: who backs down first, and the critical risk each side can bear.

Two sides each *yield* or stand *firm*. Side :math:`i` gains :math:`a_i > 0`
when it stands firm and the other yields, loses :math:`b_i \ge 0` (the cost of
backing down) when it yields to a firm opponent, and loses :math:`c_i > b_i`
(the cost of a collision: an all-out trade war) when both stand firm. Both
yielding is the status quo, worth 0.

======================  ====================  ====================
side 1 / side 2         yield                 firm
======================  ====================  ====================
yield                   :math:`0, 0`          :math:`-b_1, a_2`
firm                    :math:`a_1, -b_2`     :math:`-c_1, -c_2`
======================  ====================  ====================

Examples
--------
>>> from coercion.models import chicken, chicken_solution
>>> g = chicken(a=1, b=1, c=10, players=("US", "China"))
>>> print(g.to_text())
US \ China  yield  firm
yield       0, 0   -1, 1
firm        1, -1  -10, -10
>>> sol = chicken_solution(a=1, b=1, c=10)
>>> sol.critical_risk
(Fraction(1, 10), Fraction(1, 10))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, pair

__all__ = ["chicken", "chicken_solution", "chicken_symbolic", "ChickenSolution"]

STRATEGIES = ("yield", "firm")


def _params(a: Any, b: Any, c: Any) -> tuple[tuple[Number, Number], ...]:
    a2 = pair(a, "a", lower=0, strict_lower=True)
    b2 = pair(b, "b", lower=0)
    c2 = pair(c, "c", lower=0, strict_lower=True)
    for i in range(2):
        if not c2[i] > b2[i]:
            raise InvalidParameterError(
                f"collision cost {c2[i]} is not above the cost of backing down "
                f"b = {b2[i]} (the game would not be chicken)",
                field=f"c[{i}]",
            )
    return a2, b2, c2


def chicken(
    a: Any,
    b: Any,
    c: Any,
    *,
    players: tuple[str, str] = ("A", "B"),
) -> NormalFormGame:
    r"""The game of chicken as a strategic game.

    Parameters
    ----------
    a : number or pair of numbers
        Each side's gain from prevailing (it stands firm, the other yields);
        positive. A scalar applies to both sides.
    b : number or pair of numbers
        Each side's cost of backing down to a firm opponent; non-negative.
    c : number or pair of numbers
        Each side's cost of a collision (both firm); above ``b``.
    players : pair of str
        Side labels. Strategies are ``"yield"`` and ``"firm"``.

    Returns
    -------
    NormalFormGame
        Exact when every parameter is exact (ints, Fractions, number strings).

    Raises
    ------
    InvalidParameterError
        If ``a <= 0``, ``b < 0`` or ``c <= b`` for some side.

    Examples
    --------
    >>> from coercion.models import chicken
    >>> from coercion.solve.enumeration import enumerate_equilibria
    >>> eqs = enumerate_equilibria(chicken(1, 1, 10))
    >>> [e.strategy("B")["firm"] for e in eqs]
    [Fraction(1, 1), Fraction(1, 10), Fraction(0, 1)]

    Notes
    -----
    The payoff table is in the module docstring. Chicken has two pure
    equilibria, in each of which one side prevails, and one mixed equilibrium
    (see :func:`chicken_solution`).

    References
    ----------
    .. [1] Snyder, G. H. and Diesing, P. (1977). *Conflict Among Nations*.
       Princeton University Press, ch. 2.
    """
    (a1, a2), (b1, b2), (c1, c2) = _params(a, b, c)
    A = [[0 * a1, -b1], [a1, -c1]]
    B = [[0 * a2, a2], [-b2, -c2]]
    return NormalFormGame.from_bimatrix(
        A, B, players=players, strategies=(STRATEGIES, STRATEGIES), title="chicken"
    )


@dataclass(frozen=True)
class ChickenSolution:
    """Closed-form results of :func:`chicken`.

    Attributes
    ----------
    critical_risk : tuple
        Each side's critical risk :math:`r_i = a_i / (a_i + c_i - b_i)`: the
        largest probability that the opponent stands firm at which standing
        firm still pays.
    firm_probability : tuple
        Probability that each side stands firm in the mixed equilibrium:
        side 1 stands firm with probability :math:`r_2`, side 2 with
        :math:`r_1`.
    collision_probability : number
        Probability of a collision in the mixed equilibrium, :math:`r_1 r_2`.
    mixed_payoffs : tuple
        Expected payoffs in the mixed equilibrium, :math:`-b_i r_i`.
    pure_equilibria : tuple
        The two pure equilibria as label pairs.
    prevails : str or None
        The side with the larger critical risk (the risk-dominant pure
        equilibrium has it standing firm); None when the critical risks are equal.
    """

    critical_risk: tuple[Number, Number]
    firm_probability: tuple[Number, Number]
    collision_probability: Number
    mixed_payoffs: tuple[Number, Number]
    pure_equilibria: tuple[tuple[str, str], tuple[str, str]]
    prevails: str | None


def chicken_solution(
    a: Any, b: Any, c: Any, *, players: tuple[str, str] = ("A", "B")
) -> ChickenSolution:
    r"""Critical risks and equilibria of :func:`chicken` in closed form.

    Parameters
    ----------
    a, b, c : number or pair of numbers
        As in :func:`chicken`.
    players : pair of str
        Side labels, used for :attr:`ChickenSolution.prevails`.

    Returns
    -------
    ChickenSolution

    Raises
    ------
    InvalidParameterError
        As :func:`chicken`.

    Examples
    --------
    With :math:`a = b = 1`, :math:`c = 10` each side stands firm with
    probability :math:`q^* = 1/(1 + 10 - 1) = 0.1` in the mixed equilibrium:

    >>> from coercion.models import chicken_solution
    >>> sol = chicken_solution(a=1, b=1, c=10)
    >>> sol.firm_probability, sol.collision_probability
    ((Fraction(1, 10), Fraction(1, 10)), Fraction(1, 100))

    The side that can bear more risk (a lower cost of collision relative to
    its stake) prevails in the risk-dominant equilibrium:

    >>> chicken_solution(a=1, b=1, c=(4, 10), players=("China", "US")).prevails
    'China'

    Notes
    -----
    Let :math:`q` be the probability that the opponent of side 1 stands firm.
    Yielding pays :math:`-b_1 q`, standing firm pays
    :math:`a_1 (1 - q) - c_1 q`, so standing firm pays exactly when

    .. math:: q \le r_1 = \frac{a_1}{a_1 + c_1 - b_1}
              = \frac{u_1(\text{win}) - u_1(\text{back down})}
                     {u_1(\text{win}) - u_1(\text{collision})} .

    :math:`r_1` is Ellsberg's *critical risk* [1]_ [2]_: the highest risk of
    collision side 1 will run rather than back down. In the mixed equilibrium
    each side makes the other indifferent, so side 2 stands firm with
    probability :math:`r_1` and side 1 with :math:`r_2`. Zeuthen's principle
    (the side with the smaller critical risk concedes) selects the pure
    equilibrium that Harsanyi and Selten [3]_ call risk-dominant: the deviation
    losses at (firm, yield) multiply to :math:`a_1 (c_2 - b_2)` and at
    (yield, firm) to :math:`a_2 (c_1 - b_1)`, and
    :math:`a_1 (c_2 - b_2) > a_2 (c_1 - b_1) \iff r_1 > r_2`. Powell [4]_
    builds crisis bargaining on the same comparison: the side that can bear
    more risk relative to its stake prevails. A side's pain tolerance thus
    enters only through the ratio :math:`(c_i - b_i) / a_i` of its net cost of
    a collision to its stake.

    References
    ----------
    .. [1] Ellsberg, D. (1968). The theory and practice of blackmail. RAND
       P-3883 (lecture of 1959).
    .. [2] Snyder, G. H. and Diesing, P. (1977). *Conflict Among Nations*.
       Princeton University Press, ch. 2.
    .. [3] Harsanyi, J. C. and Selten, R. (1988). *A General Theory of
       Equilibrium Selection in Games*. MIT Press, section 3.9.
    .. [4] Powell, R. (1987). Crisis bargaining, escalation, and MAD.
       *American Political Science Review* 81(3), 717-735.
    """
    (a1, a2), (b1, b2), (c1, c2) = _params(a, b, c)
    r1 = a1 / (a1 + c1 - b1)
    r2 = a2 / (a2 + c2 - b2)
    if r1 > r2:
        prevails: str | None = players[0]
    elif r2 > r1:
        prevails = players[1]
    else:
        prevails = None
    return ChickenSolution(
        critical_risk=(r1, r2),
        firm_probability=(r2, r1),
        collision_probability=r1 * r2,
        mixed_payoffs=(-b1 * r1, -b2 * r2),
        pure_equilibria=(("firm", "yield"), ("yield", "firm")),
        prevails=prevails,
    )


def chicken_symbolic(players: tuple[str, str] = ("A", "B")) -> Any:
    r"""Symmetric chicken with sympy parameters ``a``, ``b``, ``c``.

    Parameters
    ----------
    players : pair of str
        Side labels.

    Returns
    -------
    SymbolicGame
        Payoffs in the positive symbols ``a``, ``b``, ``c``; substitute numbers
        with ``.subs(a=1, b=1, c=10)``.

    Examples
    --------
    >>> import sympy as sp
    >>> from coercion.models import chicken_symbolic
    >>> g = chicken_symbolic()
    >>> a, b, c = g.symbols
    >>> A = g.payoffs[0]
    >>> q = sp.Symbol("q")
    >>> sp.solve(sp.Eq(A[0, 0] * (1 - q) + A[0, 1] * q,
    ...                A[1, 0] * (1 - q) + A[1, 1] * q), q)
    [a/(a - b + c)]

    Notes
    -----
    The mixed-equilibrium probability of standing firm solves the indifference
    condition of :func:`chicken_solution`.
    """
    import sympy as sp

    from coercion.game.symbolic import SymbolicGame

    a, b, c = sp.symbols("a b c", positive=True)
    return SymbolicGame.from_bimatrix(
        [[0, -b], [a, -c]],
        [[0, a], [-b, -c]],
        players=players,
        strategies=(STRATEGIES, STRATEGIES),
        title="chicken",
    )
