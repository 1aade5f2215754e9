r"""Dependence measures on a supply graph: shares, concentration, asymmetry, I-O views.

Direct measures, for one product :math:`g`:

* the **import-share matrix** :math:`m_{E,k} = x_{k \to E} / \sum_{k'} x_{k' \to E}`
  (rows: importing economy, columns: supplier; with ``include_domestic`` the
  denominator is the whole use, domestic supply included);
* **supplier concentration** per importer: the Herfindahl-Hirschman index
  :math:`H_E = \sum_k m_{E,k}^2` and the top supplier's share;
* the Hirschman **asymmetry** of mutual dependence, :math:`D_{A,B} - D_{B,A}` with
  :math:`D_{A,B} = \sum_g x_{B \to A, g} / \sum_g U_{A,g}` (the share of A's use
  that B supplies): positive when A needs B more than B needs A.

Indirect measures use a multi-regional input-output system built on the graph.
With cost shares :math:`a_{ip}` and proportional sourcing, the intermediate flow
from node :math:`(k, i)` to node :math:`(E, p)` is
:math:`Z_{(k,i),(E,p)} = a_{ip}\, X_{E,p}\, m_{k \to E, i}`; final demand is
:math:`f = X - Z\mathbf 1` and primary inputs :math:`v = X - Z^\top \mathbf 1`.

* **Leontief (demand-pull)**: :math:`A = Z \hat X^{-1}`,
  :math:`L = (I - A)^{-1}`, :math:`X = L f`.
* **Ghosh (supply-push)**: :math:`B = \hat X^{-1} Z`, :math:`G = (I - B)^{-1}`,
  :math:`X^\top = v^\top G`.
* **Hypothetical extraction** of a flow: zero its coefficients and compare
  :math:`X` with the new :math:`L^* f^*` (backward, the supplier's loss) or
  :math:`v^\top G^*` (forward, the user's loss).

Examples
--------
The two-sector example of Miller and Blair (2009, sec. 2.3):
:math:`Z = \begin{pmatrix}150 & 500\\ 200 & 100\end{pmatrix}`, :math:`X = (1000,
2000)`, so :math:`A = \begin{pmatrix}.15 & .25\\ .2 & .05\end{pmatrix}`,
:math:`\det(I-A) = .85 \cdot .95 - .25 \cdot .2 = .7575` and
:math:`L = \frac{1}{.7575}\begin{pmatrix}.95 & .25\\ .2 & .85\end{pmatrix}`:

>>> import coercion as co
>>> sg = co.SupplyGraph.from_mapping({
...     "flows": [
...         {"exporter": "E", "importer": "E", "product": "agri", "value": 1000},
...         {"exporter": "E", "importer": "E", "product": "manuf", "value": 2000}],
...     "inputs": [
...         {"input": "agri", "output": "agri", "share": 0.15},
...         {"input": "manuf", "output": "agri", "share": 0.2},
...         {"input": "agri", "output": "manuf", "share": 0.25},
...         {"input": "manuf", "output": "manuf", "share": 0.05}],
...     "allow_input_cycles": True})
>>> co.supply.leontief_inverse(sg).round(6).to_numpy()
array([[1.254125, 0.330033],
       [0.264026, 1.122112]])
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import CoercionWarning, InvalidParameterError, SupplyGraphError
from coercion.supply.graph import SupplyGraph

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Dependence",
    "dependence",
    "import_share_matrix",
    "supplier_concentration",
    "world_supply_shares",
    "mutual_dependence",
    "dependence_asymmetry",
    "io_system",
    "IOSystem",
    "leontief_inverse",
    "ghosh_inverse",
    "indirect_dependence",
    "hypothetical_extraction",
    "value_at_risk_matrix",
    "MAX_DENSE_NODES",
]


def _check_product(sg: SupplyGraph, product: str) -> str:
    product = str(product)
    if product not in sg.products:
        raise SupplyGraphError(f"unknown product {product!r}", field="product")
    return product


def import_share_matrix(
    sg: SupplyGraph, product: str, *, include_domestic: bool = False
) -> pd.DataFrame:
    """Economy x supplier import shares of ``product`` (rows sum to 1 or are 0).

    Parameters
    ----------
    sg : SupplyGraph
    product : str
    include_domestic : bool, default False
        If True, shares of total use (domestic supply on the diagonal);
        otherwise shares of imports.

    Returns
    -------
    pandas.DataFrame
        Index: importing economy; columns: supplier; all economies of the graph
        in both. Rows of economies with no imports (use) are zero.

    Raises
    ------
    SupplyGraphError
        If ``product`` is not in the graph.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "JP", "importer": "KR", "product": "r", "value": 92},
    ...     {"exporter": "US", "importer": "KR", "product": "r", "value": 8},
    ...     {"exporter": "KR", "importer": "KR", "product": "r", "value": 100}]})
    >>> co.supply.import_share_matrix(sg, "r").loc["KR"].to_dict()
    {'JP': 0.92, 'KR': 0.0, 'US': 0.08}
    >>> m = co.supply.import_share_matrix(sg, "r", include_domestic=True)
    >>> float(m.loc["KR", "JP"])
    0.46
    """
    import pandas as pd

    product = _check_product(sg, product)
    econ = list(sg.economies)
    pos = {e: i for i, e in enumerate(econ)}
    m = np.zeros((len(econ), len(econ)))
    for (ex, im, pr), rec in sg._flows.items():
        if pr == product and (include_domestic or ex != im):
            m[pos[im], pos[ex]] += rec["value"]
    tot = m.sum(axis=1, keepdims=True)
    m = np.divide(m, tot, out=np.zeros_like(m), where=tot > 0)
    return pd.DataFrame(
        m,
        index=pd.Index(econ, name="importer"),
        columns=pd.Index(econ, name="supplier"),
    )


def supplier_concentration(
    sg: SupplyGraph, product: str, *, include_domestic: bool = False
) -> pd.DataFrame:
    r"""Per importer: HHI of its sources, top supplier and its share, supplier count.

    :math:`H_E = \sum_k m_{E,k}^2` ranges from :math:`1/n` (n equal suppliers)
    to 1 (a single supplier).

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "JP", "importer": "KR", "product": "r", "value": 90},
    ...     {"exporter": "US", "importer": "KR", "product": "r", "value": 10}]})
    >>> co.supply.supplier_concentration(sg, "r").loc["KR"].to_dict()
    {'hhi': 0.82, 'top_supplier': 'JP', 'top_share': 0.9, 'n_suppliers': 2}
    """
    import pandas as pd

    m = import_share_matrix(sg, product, include_domestic=include_domestic)
    rows = []
    for e, r in m.iterrows():
        if r.sum() <= 0:
            continue
        rows.append(
            {
                "importer": e,
                "hhi": float((r**2).sum()),
                "top_supplier": str(r.idxmax()),
                "top_share": float(r.max()),
                "n_suppliers": int((r > 0).sum()),
            }
        )
    return pd.DataFrame(
        rows, columns=["importer", "hhi", "top_supplier", "top_share", "n_suppliers"]
    ).set_index("importer")


def world_supply_shares(sg: SupplyGraph, product: str) -> pd.Series:
    """Each economy's share of world production of ``product``.

    Parameters
    ----------
    sg : SupplyGraph
    product : str

    Returns
    -------
    pandas.Series
        Indexed by economy; sums to 1 unless nothing is produced.

    Raises
    ------
    SupplyGraphError
        If ``product`` is not in the graph.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "CN", "importer": "US", "product": "ree", "value": 69},
    ...     {"exporter": "US", "importer": "US", "product": "ree", "value": 31}]})
    >>> co.supply.world_supply_shares(sg, "ree").to_dict()
    {'CN': 0.69, 'US': 0.31}
    """
    import pandas as pd

    product = _check_product(sg, product)
    prod = {
        e: sg.production(e, product) for e in sg.economies if (e, product) in sg.graph
    }
    tot = sum(prod.values())
    s = pd.Series(
        {e: (v / tot if tot > 0 else 0.0) for e, v in prod.items()}, dtype=float
    )
    s.index.name = "economy"
    return s


def mutual_dependence(
    sg: SupplyGraph, products: Sequence[str] | None = None
) -> pd.DataFrame:
    r"""Matrix :math:`D_{A,B}`: share of A's use of ``products`` that B supplies.

    .. math:: D_{A,B} = \frac{\sum_g x_{B \to A, g}}{\sum_g U_{A,g}}, \quad A \ne B.

    Parameters
    ----------
    sg : SupplyGraph
    products : sequence of str, optional
        Products to include (default: all).

    Returns
    -------
    pandas.DataFrame
        Dependent economy (rows) x supplier (columns), zero diagonal.

    Raises
    ------
    SupplyGraphError
        If a product is not in the graph.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "CN", "importer": "US", "product": "ree", "value": 70},
    ...     {"exporter": "US", "importer": "US", "product": "ree", "value": 30},
    ...     {"exporter": "US", "importer": "CN", "product": "chips", "value": 20},
    ...     {"exporter": "CN", "importer": "CN", "product": "chips", "value": 80}]})
    >>> co.supply.mutual_dependence(sg).to_numpy()
    array([[0. , 0.2],
           [0.7, 0. ]])
    """
    import pandas as pd

    chosen = set(sg.products if products is None else (str(p) for p in products))
    for p in chosen:
        _check_product(sg, p)
    econ = list(sg.economies)
    pos = {e: i for i, e in enumerate(econ)}
    num = np.zeros((len(econ), len(econ)))
    use = np.zeros(len(econ))
    for (ex, im, pr), rec in sg._flows.items():
        if pr in chosen:
            use[pos[im]] += rec["value"]
            if ex != im:
                num[pos[im], pos[ex]] += rec["value"]
    d = np.divide(num, use[:, None], out=np.zeros_like(num), where=use[:, None] > 0)
    return pd.DataFrame(
        d,
        index=pd.Index(econ, name="dependent"),
        columns=pd.Index(econ, name="supplier"),
    )


def dependence_asymmetry(
    sg: SupplyGraph, products: Sequence[str] | None = None
) -> pd.DataFrame:
    r"""Hirschman asymmetry :math:`D_{A,B} - D_{B,A}` (antisymmetric matrix).

    Positive entry ``[A, B]``: A depends on B more than B on A, so B holds the
    leverage (Hirschman 1945; Keohane and Nye 1977).

    Examples
    --------
    With the graph of :func:`mutual_dependence`, the US depends on China for 70 %
    of its rare earths, China on the US for 20 % of its chips:

    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "CN", "importer": "US", "product": "ree", "value": 70},
    ...     {"exporter": "US", "importer": "US", "product": "ree", "value": 30},
    ...     {"exporter": "US", "importer": "CN", "product": "chips", "value": 20},
    ...     {"exporter": "CN", "importer": "CN", "product": "chips", "value": 80}]})
    >>> float(co.supply.dependence_asymmetry(sg).loc["US", "CN"])
    0.5
    """
    d = mutual_dependence(sg, products)
    return d - d.T.to_numpy()


# ------------------------------------------------------------ input-output views
#: Largest graph (nodes) for which the dense inverses are formed.
MAX_DENSE_NODES = 4000


@dataclass(frozen=True)
class IOSystem:
    r"""The input-output system of a supply graph (node order of ``sg.arrays``).

    Attributes
    ----------
    labels : tuple of (economy, product)
    Z : scipy.sparse.csr_matrix
        Intermediate flows, producer node x using node.
    X : ndarray
        Gross output.
    f : ndarray
        Final demand by producer node, :math:`X - Z\mathbf 1`.
    v : ndarray
        Primary inputs by node, :math:`X - Z^\top \mathbf 1`.
    F : ndarray
        Final demand by producer node (rows) and consuming economy (columns).
    economies : tuple of str
    """

    labels: tuple[tuple[str, str], ...]
    Z: Any
    X: np.ndarray
    f: np.ndarray
    v: np.ndarray
    F: np.ndarray
    economies: tuple[str, ...]

    @property
    def A(self) -> Any:
        r"""Technical coefficients :math:`Z \hat X^{-1}` (sparse; idle columns zero)."""
        return _divide(self.Z, self.X, axis=1)

    @property
    def B(self) -> Any:
        r"""Allocation coefficients :math:`\hat X^{-1} Z` (sparse)."""
        return _divide(self.Z, self.X, axis=0)


def _divide(mat: Any, x: np.ndarray, *, axis: int) -> Any:
    """Divide a sparse matrix's rows (axis 0) or columns (axis 1) by ``x``.

    Entries are divided one by one (no ``1/x``), so a tiny ``x`` does not
    overflow; entries over a zero ``x`` become 0.
    """
    import scipy.sparse as sp

    coo = sp.coo_matrix(mat)
    den = x[coo.row] if axis == 0 else x[coo.col]
    data = np.divide(
        coo.data, den, out=np.zeros_like(coo.data, dtype=float), where=den > 0
    )
    return sp.csr_matrix((data, (coo.row, coo.col)), shape=coo.shape)


def io_system(sg: SupplyGraph) -> IOSystem:
    r"""Build the input-output system :math:`(Z, X, f, v)` of a supply graph.

    Intermediate use follows the cost shares and each user's sources pro rata
    (proportional sourcing). An input with no recorded source in the using
    economy counts as a primary input from outside the graph. Sparse:
    :math:`O(\text{edges})` memory.

    Warns
    -----
    CoercionWarning
        If an economy's intermediate use of a product exceeds its recorded use
        (the graph is then inconsistent); the recorded sources then cover the
        recorded use only and the excess counts as a primary input.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "S", "importer": "T", "product": "g", "value": 60},
    ...     {"exporter": "T", "importer": "T", "product": "p", "value": 120}],
    ...     "inputs": [{"input": "g", "output": "p", "share": 0.5}]})
    >>> io = co.supply.io_system(sg)
    >>> io.labels
    (('S', 'g'), ('T', 'g'), ('T', 'p'))
    >>> io.Z.toarray()[0].tolist(), io.f.tolist(), io.v.tolist()
    ([0.0, 0.0, 60.0], [0.0, 0.0, 120.0], [60.0, 0.0, 60.0])
    """
    import scipy.sparse as sp

    arr = sg.arrays
    n = arr.n
    X = arr.production.astype(float)
    use = arr.use
    flows = arr.flows.tocsr()  # producer node -> user node (same product)
    m = _divide(flows, use, axis=1)  # column j: sources of user node j
    # intermediate demand of user node (E,i) by output node (E,p)
    D = sp.csr_matrix(
        (arr.in_share * X[arr.in_dst], (arr.in_src, arr.in_dst)), shape=(n, n)
    )
    inter = np.asarray(D.sum(axis=1)).ravel()
    over = (use > 0) & (inter > use * (1 + 1e-9))
    if np.any(over):
        bad = int(np.argmax(np.where(over, inter - use, -np.inf)))
        warnings.warn(
            f"intermediate use {inter[bad]:.6g} of {arr.labels[bad]} exceeds its "
            f"recorded use {use[bad]:.6g}; the excess counts as a primary input",
            CoercionWarning,
            stacklevel=2,
        )
        # recorded sources cover at most the recorded use; the rest comes from
        # outside the graph (like an input with no recorded source at all)
        scale = np.where(over, use / np.where(over, inter, 1.0), 1.0)
        D = (sp.diags(scale) @ D).tocsr()
        inter = np.minimum(inter, use)
    Z = (m @ D).tocsr()  # (k,i) -> (E,p): sum over user nodes (E,i) of m D
    econ = sg.economies
    epos = {e: i for i, e in enumerate(econ)}
    home = np.array([epos[e] for e, _ in arr.labels], dtype=np.int64)
    final_use = np.where(use > 0, use - inter, 0.0)
    # final demand of economy E for producer node (k,p): its final use of p
    # sourced pro rata, plus unrecorded output consumed at home
    owner = sp.csr_matrix((np.ones(n), (np.arange(n), home)), shape=(n, len(econ)))
    F = np.asarray((m @ sp.diags(final_use) @ owner).todense())
    outflow = np.asarray(flows.sum(axis=1)).ravel()
    F[np.arange(n), home] += X - outflow
    f = X - np.asarray(Z.sum(axis=1)).ravel()
    v = X - np.asarray(Z.sum(axis=0)).ravel()
    return IOSystem(arr.labels, Z, X, f, v, F, econ)


def _labelled(mat: np.ndarray, labels: Sequence[tuple[str, str]]) -> pd.DataFrame:
    import pandas as pd

    idx = pd.MultiIndex.from_tuples(list(labels), names=["economy", "product"])
    return pd.DataFrame(mat, index=idx, columns=idx.copy())


def _factor(mat: Any, what: str) -> Any:
    """LU factors of ``I - mat`` (sparse), with a clear error if singular."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import splu

    n = mat.shape[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            lu = splu((sp.identity(n, format="csc") - mat).tocsc())
        except (RuntimeError, Warning):
            raise SupplyGraphError(
                f"I - {what} is singular (the input structure is not productive)",
                field="inputs",
            ) from None
    return lu


def _solve(
    mat: Any, rhs: np.ndarray, what: str, *, transpose: bool = False
) -> np.ndarray:
    r"""Solve ``(I - mat) x = rhs`` (or the transposed system).

    Large systems first try the Neumann series :math:`x = \sum_k M^k b`, exact
    after one step per product tier when the inputs are acyclic (``mat`` is then
    nilpotent) and geometric otherwise; sparse LU is the fallback.
    """
    rhs = np.asarray(rhs, dtype=float)
    n = mat.shape[0]
    if n == 0:
        return np.zeros_like(rhs)
    m = mat.T.tocsr() if transpose else mat.tocsr()
    if n > 2000:
        x = rhs.copy()
        term = rhs
        scale = max(float(np.abs(rhs).max(initial=0.0)), 1e-300)
        for _ in range(500):
            term = m @ term
            x += term
            if float(np.abs(term).max(initial=0.0)) <= 1e-13 * scale:
                return x
    lu = _factor(mat, what)
    out = lu.solve(rhs, trans="T" if transpose else "N")
    if not np.all(np.isfinite(out)):
        raise SupplyGraphError(
            f"I - {what} is singular (the input structure is not productive)",
            field="inputs",
        )
    return out


def _dense_inverse(mat: Any, what: str) -> np.ndarray:
    n = mat.shape[0]
    if n > MAX_DENSE_NODES:
        raise InvalidParameterError(
            f"{n} nodes is more than {MAX_DENSE_NODES} for a dense inverse; use "
            "indirect_dependence or hypothetical_extraction (sparse solves)",
            field="sg",
        )
    return _solve(mat, np.eye(n), what)


def leontief_inverse(sg: SupplyGraph) -> pd.DataFrame:
    r"""Leontief inverse :math:`L = (I - A)^{-1}`, labelled by node.

    Entry :math:`L_{ij}`: output of node *i* needed, directly and indirectly,
    per unit of final demand for node *j*'s product. Dense (``n x n``), so
    limited to :data:`MAX_DENSE_NODES` nodes; the other functions use sparse
    solves.

    Parameters
    ----------
    sg : SupplyGraph

    Returns
    -------
    pandas.DataFrame
        Node x node, labelled by (economy, product).

    Raises
    ------
    SupplyGraphError
        If :math:`I - A` is singular.
    InvalidParameterError
        If the graph has more than :data:`MAX_DENSE_NODES` nodes.

    Examples
    --------
    See the module docstring (Miller and Blair's two-sector example).
    """
    io = io_system(sg)
    return _labelled(_dense_inverse(io.A, "A"), io.labels)


def ghosh_inverse(sg: SupplyGraph) -> pd.DataFrame:
    r"""Ghosh inverse :math:`G = (I - B)^{-1}`, labelled by node.

    Entry :math:`G_{ij}`: output of node *j* supported per unit of primary
    input at node *i* (supply-push, Ghosh 1958). Dense, like
    :func:`leontief_inverse`.

    Parameters
    ----------
    sg : SupplyGraph

    Returns
    -------
    pandas.DataFrame
        Node x node, labelled by (economy, product).

    Raises
    ------
    SupplyGraphError
        If :math:`I - B` is singular.
    InvalidParameterError
        If the graph has more than :data:`MAX_DENSE_NODES` nodes.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "S", "importer": "T", "product": "g", "value": 60},
    ...     {"exporter": "T", "importer": "T", "product": "p", "value": 120}],
    ...     "inputs": [{"input": "g", "output": "p", "share": 0.5}]})
    >>> float(co.supply.ghosh_inverse(sg).loc[("S", "g"), ("T", "p")])
    1.0
    """
    io = io_system(sg)
    return _labelled(_dense_inverse(io.B, "B"), io.labels)


def indirect_dependence(
    sg: SupplyGraph, product: str, *, view: str = "leontief"
) -> pd.DataFrame:
    r"""Economy x supplier dependence on ``product`` through the input structure.

    ``view="leontief"`` (demand-pull): entry ``[E, k]`` is supplier *k*'s share of
    the output of ``product`` that economy *E*'s final demand requires, directly
    and indirectly: with :math:`R = L F` (``F``: final demand by consuming
    economy), :math:`R_{(k,g),E} / \sum_{k'} R_{(k',g),E}`. Rows sum to 1.

    ``view="ghosh"`` (supply-push): entry ``[E, k]`` is the share of *E*'s gross
    output that originates in *k*'s primary supply of ``product``:
    :math:`\sum_p v_{(k,g)} G_{(k,g),(E,p)} / \sum_p X_{E,p}`.

    Examples
    --------
    Japan imports magnets from China for its motors and exports motors to the US;
    the US imports no magnets, yet all the magnets its motors embody are Chinese:

    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 10},
    ...     {"exporter": "JP", "importer": "US", "product": "motors", "value": 100}],
    ...     "inputs": [{"input": "magnets", "output": "motors", "share": 0.1}]})
    >>> float(co.supply.indirect_dependence(sg, "magnets").loc["US", "CN"])
    1.0
    >>> g = co.supply.indirect_dependence(sg, "magnets", view="ghosh")
    >>> float(g.loc["JP", "CN"])
    0.1
    """
    import pandas as pd

    product = _check_product(sg, product)
    io = io_system(sg)
    rows = [i for i, (_, p) in enumerate(io.labels) if p == product]
    econ = list(io.economies)
    epos = {e: i for i, e in enumerate(econ)}
    out = np.zeros((len(econ), len(econ)))
    if view == "leontief":
        R = _solve(io.A, io.F, "A")  # nodes x consuming economy: L F
        for i in rows:
            out[:, epos[io.labels[i][0]]] += R[i, :]
        tot = out.sum(axis=1, keepdims=True)
        out = np.divide(out, tot, out=np.zeros_like(out), where=tot > 0)
    elif view == "ghosh":
        home = np.array([epos[e] for e, _ in io.labels], dtype=np.int64)
        xe = np.bincount(home, weights=io.X, minlength=len(econ))
        if rows:
            # rows i of G are solutions of (I - B)^T g_i = e_i
            unit = np.zeros((len(io.labels), len(rows)))
            unit[rows, np.arange(len(rows))] = io.v[rows]
            push = _solve(io.B, unit, "B", transpose=True)  # nodes x rows
            for c, i in enumerate(rows):
                out[:, epos[io.labels[i][0]]] += np.bincount(
                    home, weights=push[:, c], minlength=len(econ)
                )
        out = np.divide(out, xe[:, None], out=np.zeros_like(out), where=xe[:, None] > 0)
    else:
        raise InvalidParameterError(
            f"{view!r} is not 'leontief' or 'ghosh'", field="view"
        )
    return pd.DataFrame(
        out,
        index=pd.Index(econ, name="dependent"),
        columns=pd.Index(econ, name="supplier"),
    )


def hypothetical_extraction(
    sg: SupplyGraph,
    exporter: str,
    importer: str,
    product: str,
    *,
    view: str = "leontief",
) -> pd.Series:
    r"""Output lost by node when the flow ``exporter -> importer`` of ``product`` is removed.

    ``view="leontief"`` (backward): the importer's intermediate coefficients on
    this source are zeroed and its final use from it removed;
    :math:`\Delta X = X - L^* f^*` falls on the exporter and its suppliers.
    ``view="ghosh"`` (forward): the allocation coefficients are zeroed;
    :math:`\Delta X^\top = X^\top - v^\top G^*` falls on the importer's
    downstream.

    Returns
    -------
    pandas.Series
        Output loss by node (MultiIndex economy, product); ``.sum()`` is the
        total extraction effect.

    Raises
    ------
    SupplyGraphError
        If the flow is not in the graph.

    Examples
    --------
    S makes 100 of g (40 used at home), sends 60 to T; T also buys 20 of g from
    R; T makes 120 of p with a cost share of 0.5 for g (60 of g; 20 of T's use of
    g is final). Proportional sourcing gives :math:`Z_{S,T} = 0.5 \cdot 120
    \cdot 60/80 = 45`. Backward, S loses the 45 of intermediate and 15 of final
    demand, 60 in all; forward, T's p loses :math:`v_S B_{S,p} = 100 \cdot
    45/100 = 45`:

    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "S", "importer": "S", "product": "g", "value": 40},
    ...     {"exporter": "S", "importer": "T", "product": "g", "value": 60},
    ...     {"exporter": "R", "importer": "T", "product": "g", "value": 20},
    ...     {"exporter": "T", "importer": "T", "product": "p", "value": 120}],
    ...     "inputs": [{"input": "g", "output": "p", "share": 0.5}]})
    >>> back = co.supply.hypothetical_extraction(sg, "S", "T", "g")
    >>> round(float(back[("S", "g")]), 9), round(float(back.sum()), 9)
    (60.0, 60.0)
    >>> fwd = co.supply.hypothetical_extraction(sg, "S", "T", "g", view="ghosh")
    >>> round(float(fwd[("T", "p")]), 9), round(float(fwd.sum()), 9)
    (45.0, 45.0)
    """
    import pandas as pd

    ex, im, product = str(exporter), str(importer), _check_product(sg, product)
    if sg.flow(ex, im, product) <= 0:
        raise SupplyGraphError(
            f"no flow {ex} -> {im} of {product!r} to extract", field="flow"
        )
    io = io_system(sg)
    arr = sg.arrays
    src = arr.index[(ex, product)]
    user = arr.index[(im, product)]
    # outputs in the importer that use the product
    outs = arr.in_dst[arr.in_src == user]
    if view == "leontief":
        A = io.A.tolil()
        A[src, outs] = 0.0
        F = io.F.copy()
        econ_pos = io.economies.index(im)
        m = arr.flows[src, user] / arr.use[user]
        inter = float((arr.in_share[arr.in_src == user] * io.X[outs]).sum())
        final_use = max(arr.use[user] - inter, 0.0)
        F[src, econ_pos] -= m * final_use
        new = _solve(A.tocsr(), F.sum(axis=1), "A")
    elif view == "ghosh":
        B = io.B.tolil()
        B[src, outs] = 0.0
        new = _solve(B.tocsr(), io.v, "B", transpose=True)
    else:
        raise InvalidParameterError(
            f"{view!r} is not 'leontief' or 'ghosh'", field="view"
        )
    idx = pd.MultiIndex.from_tuples(list(io.labels), names=["economy", "product"])
    return pd.Series(io.X - new, index=idx, name="output_loss")


def value_at_risk_matrix(
    sg: SupplyGraph,
    product: str,
    *,
    phi: float = 1.0,
    horizon: float = 1.0,
    steps: int = 12,
    discount_rate: float = 0.0,
    measure: str = "output",
    who: str = "target",
) -> pd.DataFrame:
    r"""Target x sender value at risk if the sender cuts its ``product`` to the target.

    Entry ``[T, S]`` is the value at risk of :func:`~coercion.supply.propagate_cut`
    for ``S`` cutting ``phi`` of its flow of ``product`` to ``T`` (zero where there
    is no flow): the leverage each supplier holds over each user, net of leakage,
    inventories and recovery.

    Parameters
    ----------
    sg : SupplyGraph
    product : str
    phi, horizon, steps, discount_rate, measure
        As in :func:`~coercion.supply.propagate_cut`.
    who : {"target", "all"}
        Count the target economy's losses only, or every economy's.

    Returns
    -------
    pandas.DataFrame
        Index: target; columns: sender; all economies of the graph.

    Raises
    ------
    SupplyGraphError
        If ``product`` is not in the graph.
    InvalidParameterError
        If ``who`` or a cut option is invalid.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 10},
    ...     {"exporter": "JP", "importer": "US", "product": "motors", "value": 100}],
    ...     "inputs": [{"input": "magnets", "output": "motors", "share": 0.1}]})
    >>> m = co.supply.value_at_risk_matrix(sg, "magnets")
    >>> float(m.loc["JP", "CN"]), float(m.loc["US", "CN"])
    (100.0, 0.0)
    """
    import pandas as pd

    from coercion.supply.propagation import propagate_cut

    product = _check_product(sg, product)
    if who not in ("target", "all"):
        raise InvalidParameterError(f"{who!r} is not 'target' or 'all'", field="who")
    econ = list(sg.economies)
    pos = {e: i for i, e in enumerate(econ)}
    out = np.zeros((len(econ), len(econ)))
    for (ex, im, pr), rec in sg._flows.items():
        if pr != product or ex == im or rec["value"] <= 0:
            continue
        res = propagate_cut(
            sg,
            ex,
            im,
            product,
            phi,
            horizon=horizon,
            steps=steps,
            discount_rate=discount_rate,
            measure=measure,
        )
        out[pos[im], pos[ex]] = (
            res.value_at_risk_by_economy().get(im, 0.0)
            if who == "target"
            else res.value_at_risk
        )
    return pd.DataFrame(
        out, index=pd.Index(econ, name="target"), columns=pd.Index(econ, name="sender")
    )


# ------------------------------------------------------------------ result type
class Dependence:
    """Dependence measures of one product on a supply graph (computed on demand).

    Build with :func:`dependence`. Attributes are pandas objects labelled by
    economy.

    Attributes
    ----------
    product : str
    import_shares : DataFrame
        Importer x supplier shares of imports.
    use_shares : DataFrame
        Importer x supplier shares of use (domestic supply on the diagonal).
    concentration : DataFrame
        HHI, top supplier and its share per importer.
    world_shares : Series
        Shares of world production.
    top_supplier : dict
        ``{importer: (supplier, share of imports)}``.
    leontief, ghosh : DataFrame
        Indirect dependence (:func:`indirect_dependence`).
    value_at_risk : DataFrame
        Target x sender value at risk of a full one-year cut
        (:func:`value_at_risk_matrix`).
    """

    def __init__(self, sg: SupplyGraph, product: str) -> None:
        self.graph = sg
        self.product = _check_product(sg, product)

    @cached_property
    def import_shares(self) -> pd.DataFrame:
        return import_share_matrix(self.graph, self.product)

    @cached_property
    def use_shares(self) -> pd.DataFrame:
        return import_share_matrix(self.graph, self.product, include_domestic=True)

    @cached_property
    def concentration(self) -> pd.DataFrame:
        return supplier_concentration(self.graph, self.product)

    @cached_property
    def world_shares(self) -> pd.Series:
        return world_supply_shares(self.graph, self.product)

    @property
    def top_supplier(self) -> dict[str, tuple[str, float]]:
        c = self.concentration
        return {
            str(e): (str(r["top_supplier"]), float(r["top_share"]))
            for e, r in c.iterrows()
        }

    @cached_property
    def leontief(self) -> pd.DataFrame:
        return indirect_dependence(self.graph, self.product, view="leontief")

    @cached_property
    def ghosh(self) -> pd.DataFrame:
        return indirect_dependence(self.graph, self.product, view="ghosh")

    @cached_property
    def value_at_risk(self) -> pd.DataFrame:
        return value_at_risk_matrix(self.graph, self.product)

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: importer, supplier, import share, use share, Leontief share."""
        imp = self.import_shares.stack().rename("import_share")
        use = self.use_shares.stack().rename("use_share")
        leo = self.leontief.stack().rename("leontief_share")
        leo.index = leo.index.set_names(["importer", "supplier"])
        df = imp.to_frame().join(use).join(leo).reset_index()
        keep = (df[["import_share", "use_share", "leontief_share"]] > 0).any(axis=1)
        return df[keep].reset_index(drop=True)

    def __repr__(self) -> str:
        return f"Dependence({self.product!r}, {len(self.concentration)} importers)"

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{esc(str(e))}</td><td>{r['hhi']:.3f}</td>"
            f"<td>{esc(str(r['top_supplier']))}</td><td>{r['top_share']:.3f}</td></tr>"
            for e, r in self.concentration.iterrows()
        )
        return (
            f"<table><caption>{esc(repr(self))}</caption><thead><tr><th>importer</th>"
            "<th>HHI</th><th>top supplier</th><th>top share</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


def dependence(sg: SupplyGraph, product: str) -> Dependence:
    """Dependence measures of ``product`` on ``sg`` (see :class:`Dependence`).

    Raises
    ------
    SupplyGraphError
        If ``product`` is not in the graph.

    Examples
    --------
    >>> import coercion as co
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "JP", "importer": "KR", "product": "resist", "value": 919},
    ...     {"exporter": "US", "importer": "KR", "product": "resist", "value": 81}]})
    >>> dep = co.dependence(sg, product="resist")
    >>> dep.top_supplier
    {'KR': ('JP', 0.919)}
    >>> round(float(dep.concentration.loc["KR", "hhi"]), 6)
    0.851122
    """
    return Dependence(sg, product)
