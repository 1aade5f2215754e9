r"""The supply graph: who supplies whom, with what, and how each node can cope.

A :class:`SupplyGraph` is a :class:`networkx.MultiDiGraph` whose nodes are
``(economy, product)`` pairs. A node plays two roles at once: it is economy
``E``'s *production* of product ``p`` and ``E``'s *use* of ``p``.

* **trade edges** (key ``"trade"``) ``(k, p) -> (E, p)`` carry the annual value of
  ``p`` that ``k`` supplies to users in ``E`` (``value``; ``quantity`` where known).
  An edge with ``k == E`` is domestic supply.
* **input edges** (key ``"input"``) ``(E, i) -> (E, p)`` say that producing ``p``
  in ``E`` uses ``i`` with cost share ``share`` (value of ``i`` per unit value of
  ``p``) and a substitution ``elasticity`` (0: fixed proportions).

Node attributes (units):

``production``
    annual output value (default: the sum of the node's outgoing trade flows);
``spare_capacity``
    extra annual output value the node can supply at once;
``inventory_days``
    stocks of the product held by users in ``E``, in days of normal use;
``time_to_recover``
    years until ``E``'s own capacity fully replaces a lost supply of ``p``
    (``inf``: never);
``capability``
    ``E``'s technological capability in ``p``, in ``[0, 1]`` (used by
    :mod:`coercion.supply.substitution`).

Examples
--------
>>> import coercion as co
>>> sg = co.SupplyGraph.from_mapping({
...     "flows": [
...         {"exporter": "China", "importer": "Japan", "product": "magnets",
...          "value": 90},
...         {"exporter": "Japan", "importer": "Japan", "product": "motors",
...          "value": 1000},
...     ],
...     "inputs": [{"input": "magnets", "output": "motors", "share": 0.09}],
... })
>>> sg
SupplyGraph(2 economies, 2 products, 3 nodes, 2 flows, 1 input requirements)
>>> sg.use("Japan", "magnets")
90.0
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from coercion.errors import SupplyGraphError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SupplyGraph", "DAYS_PER_YEAR", "NODE_DEFAULTS"]

#: Days in a year, used to turn ``inventory_days`` into years.
DAYS_PER_YEAR = 365.0

#: Default node attributes (``production`` ``None`` means "sum of outflows").
NODE_DEFAULTS: dict[str, Any] = {
    "production": None,
    "spare_capacity": 0.0,
    "inventory_days": 0.0,
    "time_to_recover": math.inf,
    "capability": 0.0,
}

_FLOW_FIELDS = ("exporter", "importer", "product", "value", "quantity")
_NODE_FIELDS = ("economy", "product", *NODE_DEFAULTS)
_INPUT_FIELDS = ("input", "output", "share", "elasticity", "economy")
_REL_TOL = 1e-9


# --------------------------------------------------------------------- validation
def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x))
    except TypeError:  # pragma: no cover - exotic scalars
        return False


def _label(rec: Mapping[str, Any], key: str, where: str) -> str:
    x = rec.get(key)
    if _is_missing(x) or (isinstance(x, str) and not x.strip()):
        raise SupplyGraphError("is missing or empty", field=f"{where}.{key}")
    if not isinstance(x, str | numbers.Integral):
        raise SupplyGraphError(f"{x!r} is not a name", field=f"{where}.{key}")
    return str(x)


def _number(
    rec: Mapping[str, Any],
    key: str,
    where: str,
    *,
    default: Any = None,
    low: float | None = 0.0,
    high: float | None = None,
    allow_inf: bool = False,
    strict_low: bool = False,
) -> float | None:
    x = rec.get(key)
    if _is_missing(x):
        if default is None:
            return None
        return float(default)
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        try:
            x = float(str(x))
        except ValueError:
            raise SupplyGraphError(
                f"{x!r} is not a number", field=f"{where}.{key}"
            ) from None
    v = float(x)
    if math.isnan(v):
        raise SupplyGraphError("is NaN", field=f"{where}.{key}")
    if math.isinf(v) and not (allow_inf and v > 0):
        raise SupplyGraphError(f"{v} is not finite", field=f"{where}.{key}")
    if low is not None and (v < low or (strict_low and v == low)):
        rel = "positive" if strict_low else f">= {low:g}"
        raise SupplyGraphError(f"{v:g} is not {rel}", field=f"{where}.{key}")
    if high is not None and v > high:
        raise SupplyGraphError(f"{v:g} is above {high:g}", field=f"{where}.{key}")
    return v


def _records(data: Any, name: str) -> list[dict[str, Any]]:
    if data is None:
        return []
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return [dict(r) for r in data.to_dict("records")]
    if isinstance(data, Mapping) or isinstance(data, str | bytes):
        raise SupplyGraphError(
            f"expected a list of rows, got {type(data).__name__}", field=name
        )
    rows = []
    for i, r in enumerate(data):
        if not isinstance(r, Mapping):
            raise SupplyGraphError(
                f"row is a {type(r).__name__}, not a mapping", field=f"{name}[{i}]"
            )
        rows.append(dict(r))
    return rows


def _check_columns(rec: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    extra = sorted(str(k) for k in rec if k not in allowed)
    if extra:
        raise SupplyGraphError(
            f"unknown field {extra[0]!r} (allowed: {', '.join(allowed)})",
            field=where,
        )


@dataclass(frozen=True)
class _Arrays:
    """Index and numeric arrays of a supply graph (the kernels' input)."""

    labels: tuple[tuple[str, str], ...]
    index: dict[tuple[str, str], int]
    production: np.ndarray
    use: np.ndarray
    flows: sp.csr_matrix  # producer node -> user node
    spare: np.ndarray
    inventory_days: np.ndarray
    time_to_recover: np.ndarray
    capability: np.ndarray
    in_src: np.ndarray  # input edges, sorted by destination
    in_dst: np.ndarray
    in_share: np.ndarray
    in_elasticity: np.ndarray
    value_added_share: np.ndarray
    has_inputs: np.ndarray

    @property
    def n(self) -> int:
        return len(self.labels)


class SupplyGraph:
    """A validated supply graph of ``(economy, product)`` nodes.

    Build it with :meth:`from_mapping`, :meth:`from_frame` or :meth:`from_csv`;
    the constructor takes the same rows as :meth:`from_mapping`.

    Parameters
    ----------
    flows : iterable of mappings
        Rows with ``exporter``, ``importer``, ``product``, ``value`` (annual value,
        ``>= 0``) and optional ``quantity``. ``exporter == importer`` is domestic
        supply.
    nodes : iterable of mappings, optional
        Rows with ``economy``, ``product`` and any of ``production``,
        ``spare_capacity``, ``inventory_days``, ``time_to_recover`` (years),
        ``capability`` (in ``[0, 1]``).
    inputs : iterable of mappings, optional
        Input requirements: ``input``, ``output``, ``share`` (cost share in
        ``[0, 1]``), optional ``elasticity`` (``>= 0``, default 0) and
        ``economy`` (the row then applies to that economy only and overrides
        the generic row). A requirement applies in every economy that
        produces ``output``.
    economies, products : sequence of str, optional
        Declared names; when given, any other name is an error.
    allow_input_cycles : bool, default False
        Whether input requirements may form a cycle (as in input-output tables).
        Cycles then need every output's input shares to sum to less than 1.

    Raises
    ------
    SupplyGraphError
        On any invalid row; the message names the table, row and field
        (``flows[3].value: -5 is not >= 0``).

    Notes
    -----
    Production must cover the recorded outflows (up to a relative ``1e-9``);
    input shares of one output must sum to at most 1 (the rest is value added).
    """

    def __init__(
        self,
        flows: Iterable[Mapping[str, Any]] | None = None,
        nodes: Iterable[Mapping[str, Any]] | None = None,
        inputs: Iterable[Mapping[str, Any]] | None = None,
        *,
        economies: Sequence[str] | None = None,
        products: Sequence[str] | None = None,
        allow_input_cycles: bool = False,
    ) -> None:
        flow_rows = _records(flows, "flows")
        node_rows = _records(nodes, "nodes")
        input_rows = _records(inputs, "inputs")
        self.allow_input_cycles = bool(allow_input_cycles)
        declared_e = None if economies is None else {str(e) for e in economies}
        declared_p = None if products is None else {str(p) for p in products}

        def known(name: str, kind: str, where: str) -> None:
            pool = declared_e if kind == "economy" else declared_p
            if pool is not None and name not in pool:
                raise SupplyGraphError(f"unknown {kind} {name!r}", field=f"{where}")

        self._flows: dict[tuple[str, str, str], dict[str, Any]] = {}
        for i, r in enumerate(flow_rows):
            w = f"flows[{i}]"
            _check_columns(r, _FLOW_FIELDS, w)
            ex = _label(r, "exporter", w)
            im = _label(r, "importer", w)
            pr = _label(r, "product", w)
            known(ex, "economy", f"{w}.exporter")
            known(im, "economy", f"{w}.importer")
            known(pr, "product", f"{w}.product")
            value = _number(r, "value", w)
            if value is None:
                raise SupplyGraphError("is missing or NaN", field=f"{w}.value")
            qty = _number(r, "quantity", w)
            key = (ex, im, pr)
            if key in self._flows:
                raise SupplyGraphError(
                    f"duplicate flow {ex}->{im} of {pr!r} "
                    f"(first at flows[{self._flows[key]['row']}])",
                    field=w,
                )
            self._flows[key] = {"value": value, "quantity": qty, "row": i}

        self._nodes: dict[tuple[str, str], dict[str, Any]] = {}
        for i, r in enumerate(node_rows):
            w = f"nodes[{i}]"
            _check_columns(r, _NODE_FIELDS, w)
            e = _label(r, "economy", w)
            p = _label(r, "product", w)
            known(e, "economy", f"{w}.economy")
            known(p, "product", f"{w}.product")
            if (e, p) in self._nodes:
                raise SupplyGraphError(f"duplicate node ({e}, {p})", field=w)
            self._nodes[(e, p)] = {
                "production": _number(r, "production", w),
                "spare_capacity": _number(r, "spare_capacity", w, default=0.0),
                "inventory_days": _number(r, "inventory_days", w, default=0.0),
                "time_to_recover": _number(
                    r,
                    "time_to_recover",
                    w,
                    default=math.inf,
                    allow_inf=True,
                    strict_low=True,
                ),
                "capability": _number(r, "capability", w, default=0.0, high=1.0),
                "row": i,
            }

        self._inputs: dict[tuple[str, str, str | None], dict[str, Any]] = {}
        for i, r in enumerate(input_rows):
            w = f"inputs[{i}]"
            _check_columns(r, _INPUT_FIELDS, w)
            a = _label(r, "input", w)
            b = _label(r, "output", w)
            known(a, "product", f"{w}.input")
            known(b, "product", f"{w}.output")
            econ = None if _is_missing(r.get("economy")) else _label(r, "economy", w)
            if econ is not None:
                known(econ, "economy", f"{w}.economy")
            share = _number(r, "share", w, high=1.0)
            if share is None:
                raise SupplyGraphError("is missing or NaN", field=f"{w}.share")
            elast = _number(r, "elasticity", w, default=0.0, allow_inf=True)
            ikey = (a, b, econ)
            if ikey in self._inputs:
                raise SupplyGraphError(
                    f"duplicate input requirement {a!r} -> {b!r}"
                    + ("" if econ is None else f" in {econ}"),
                    field=w,
                )
            self._inputs[ikey] = {"share": share, "elasticity": elast, "row": i}

        # every product named in the input table must exist somewhere
        seen_products = {k[2] for k in self._flows} | {k[1] for k in self._nodes}
        for (a, b, _), rec in self._inputs.items():
            for name, col in ((a, "input"), (b, "output")):
                if name not in seen_products and declared_p is None:
                    raise SupplyGraphError(
                        f"unknown product {name!r} (in no flow or node row)",
                        field=f"inputs[{rec['row']}].{col}",
                    )
        self._check_input_structure()
        self.graph = self._build_graph()
        self._check_production()

    # ---------------------------------------------------------------- building
    def _check_input_structure(self) -> None:
        g = nx.DiGraph()
        totals: dict[tuple[str, str | None], float] = {}
        for (a, b, econ), rec in self._inputs.items():
            g.add_edge(a, b)
            totals[(b, econ)] = totals.get((b, econ), 0.0) + rec["share"]
        # economy-specific totals include the generic rows they do not override
        for b, econ in list(totals):
            if econ is None:
                continue
            overridden = {a for (a, bb, e) in self._inputs if bb == b and e == econ}
            totals[(b, econ)] += sum(
                rec["share"]
                for (a, bb, e), rec in self._inputs.items()
                if bb == b and e is None and a not in overridden
            )
        try:
            cycle = nx.find_cycle(g)
        except nx.NetworkXNoCycle:
            cycle = None
        for (b, econ), tot in sorted(totals.items(), key=lambda kv: str(kv[0])):
            limit_ok = (
                tot < 1.0 - _REL_TOL if cycle is not None else tot <= 1.0 + _REL_TOL
            )
            if not limit_ok:
                where = "" if econ is None else f" in {econ}"
                bound = "below 1 (inputs form a cycle)" if cycle else "at most 1"
                raise SupplyGraphError(
                    f"input shares of {b!r}{where} sum to {tot:g}; must be {bound}",
                    field=f"inputs[output={b}]",
                )
        if cycle is not None and not self.allow_input_cycles:
            path = " -> ".join([str(u) for u, _ in cycle] + [str(cycle[0][0])])
            raise SupplyGraphError(
                f"input requirements form a cycle {path}; "
                "pass allow_input_cycles=True for input-output data",
                field="inputs",
            )

    def _build_graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()

        def ensure(node: tuple[str, str]) -> None:
            if node not in g:
                attrs = dict(NODE_DEFAULTS)
                if node in self._nodes:
                    attrs.update(
                        {k: v for k, v in self._nodes[node].items() if k != "row"}
                    )
                g.add_node(node, **attrs)

        for node in self._nodes:
            ensure(node)
        for (ex, im, pr), rec in self._flows.items():
            ensure((ex, pr))
            ensure((im, pr))
            g.add_edge(
                (ex, pr),
                (im, pr),
                key="trade",
                value=rec["value"],
                quantity=rec["quantity"],
            )
        # production default: recorded outflows
        outflow = self._outflows()
        for node, attrs in g.nodes(data=True):
            if attrs["production"] is None:
                attrs["production"] = float(outflow.get(node, 0.0))
        producers: dict[str, list[str]] = {}
        for (e, p), attrs in g.nodes(data=True):
            if attrs["production"] > 0:
                producers.setdefault(p, []).append(e)
        generic: dict[str, dict[str, dict[str, Any]]] = {}
        specific: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for (a, b, e), rec in self._inputs.items():
            if e is None:
                generic.setdefault(b, {})[a] = rec
            else:
                specific.setdefault((b, e), {})[a] = rec
        for b in sorted(set(generic) | {b for b, _ in specific}):
            for e in sorted(producers.get(b, [])):
                rows = dict(generic.get(b, {}))
                rows.update(specific.get((b, e), {}))
                for a, rec in sorted(rows.items()):
                    ensure((e, a))
                    g.add_edge(
                        (e, a),
                        (e, b),
                        key="input",
                        share=rec["share"],
                        elasticity=rec["elasticity"],
                    )
        for _, attrs in g.nodes(data=True):
            if attrs["production"] is None:  # nodes added for input edges only
                attrs["production"] = 0.0
        return g

    def _outflows(self) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = {}
        for (ex, _, pr), rec in self._flows.items():
            out[(ex, pr)] = out.get((ex, pr), 0.0) + rec["value"]
        return out

    def _check_production(self) -> None:
        outflow = self._outflows()
        for node, attrs in self.graph.nodes(data=True):
            out = outflow.get(node, 0.0)
            prod = attrs["production"]
            if prod < out * (1 - _REL_TOL) - 1e-12:
                rec = self._nodes.get(node, {})
                raise SupplyGraphError(
                    f"production {prod:g} is below the recorded outflows {out:g} "
                    f"of ({node[0]}, {node[1]})",
                    field=f"nodes[{rec.get('row', '?')}].production",
                )

    # ------------------------------------------------------------ constructors
    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], **kwargs: Any) -> SupplyGraph:
        """Build from a plain mapping, as a TOML or JSON scenario parses into.

        Parameters
        ----------
        data : mapping
            Keys ``flows`` (required), ``nodes``, ``inputs``, ``economies``,
            ``products`` (lists as in :class:`SupplyGraph`), and optionally
            ``allow_input_cycles``.
        **kwargs
            Override the keyword options.

        Raises
        ------
        SupplyGraphError
            If a key is unknown or a row is invalid.

        Examples
        --------
        >>> import coercion as co
        >>> co.SupplyGraph.from_mapping({"flows": [
        ...     {"exporter": "A", "importer": "B", "product": "x", "value": -1}]})
        Traceback (most recent call last):
        ...
        coercion.errors.SupplyGraphError: flows[0].value: -1 is not >= 0
        """
        if not isinstance(data, Mapping):
            raise SupplyGraphError(
                f"expected a mapping, got {type(data).__name__}", field="supply"
            )
        allowed = {
            "flows",
            "nodes",
            "inputs",
            "economies",
            "products",
            "allow_input_cycles",
        }
        for k in data:
            if k not in allowed:
                raise SupplyGraphError(
                    f"unknown key {k!r} (allowed: {', '.join(sorted(allowed))})",
                    field="supply",
                )
        if "flows" not in data:
            raise SupplyGraphError("is missing", field="flows")
        opts = {
            k: data[k]
            for k in ("economies", "products", "allow_input_cycles")
            if k in data
        }
        opts.update(kwargs)
        return cls(data["flows"], data.get("nodes"), data.get("inputs"), **opts)

    @classmethod
    def from_frame(
        cls,
        flows: pd.DataFrame,
        nodes: pd.DataFrame | None = None,
        inputs: pd.DataFrame | None = None,
        **kwargs: Any,
    ) -> SupplyGraph:
        """Build from tidy pandas tables (columns as in :class:`SupplyGraph`).

        Examples
        --------
        >>> import pandas as pd, coercion as co
        >>> flows = pd.DataFrame({"exporter": ["JP", "JP"], "importer": ["KR", "JP"],
        ...                       "product": ["resist", "resist"], "value": [92, 8]})
        >>> co.SupplyGraph.from_frame(flows).production("JP", "resist")
        100.0
        """
        return cls(flows, nodes, inputs, **kwargs)

    @classmethod
    def from_csv(
        cls,
        flows: str | Path,
        nodes: str | Path | None = None,
        inputs: str | Path | None = None,
        **kwargs: Any,
    ) -> SupplyGraph:
        """Build from CSV files with the columns of :meth:`from_frame`.

        Empty cells are missing values (defaults apply).
        """
        import pandas as pd

        def read(path: str | Path | None) -> Any:
            if path is None:
                return None
            df = pd.read_csv(
                path, dtype={"economy": str, "exporter": str, "importer": str}
            )
            return df.astype(object).where(df.notna(), None)

        return cls(read(flows), read(nodes), read(inputs), **kwargs)

    def to_mapping(self) -> dict[str, Any]:
        """Return the rows this graph was built from (inverse of :meth:`from_mapping`).

        Every node is listed with all its attributes, except that a production
        that was not given (and so defaults to the recorded outflows) stays
        unset, so it follows the flows when they change.

        Examples
        --------
        >>> import coercion as co
        >>> sg = co.SupplyGraph.from_mapping({"flows": [
        ...     {"exporter": "JP", "importer": "KR", "product": "hf", "value": 60}]})
        >>> co.SupplyGraph.from_mapping(sg.to_mapping()).production("JP", "hf")
        60.0
        """
        explicit = self._nodes_with_production()
        flows = [
            {"exporter": ex, "importer": im, "product": pr, "value": r["value"]}
            | ({} if r["quantity"] is None else {"quantity": r["quantity"]})
            for (ex, im, pr), r in self._flows.items()
        ]
        nodes = [
            {"economy": e, "product": p}
            | {
                k: a[k]
                for k in NODE_DEFAULTS
                if k != "production" or (e, p) in explicit
            }
            for (e, p), a in self.graph.nodes(data=True)
        ]
        inputs = [
            {
                "input": a,
                "output": b,
                "share": r["share"],
                "elasticity": r["elasticity"],
            }
            | ({} if e is None else {"economy": e})
            for (a, b, e), r in self._inputs.items()
        ]
        return {
            "flows": flows,
            "nodes": nodes,
            "inputs": inputs,
            "allow_input_cycles": self.allow_input_cycles,
        }

    def with_nodes(
        self, updates: Mapping[tuple[str, str], Mapping[str, Any]]
    ) -> SupplyGraph:
        """A new graph with node attributes changed (validated like any row).

        Parameters
        ----------
        updates : mapping
            ``{(economy, product): {attribute: value}}``; new nodes may be named.

        Raises
        ------
        SupplyGraphError
            If an attribute or value is invalid.

        Examples
        --------
        >>> import coercion as co
        >>> sg = co.SupplyGraph.from_mapping({"flows": [
        ...     {"exporter": "JP", "importer": "KR", "product": "hf", "value": 60}]})
        >>> sg2 = sg.with_nodes({("KR", "hf"): {"inventory_days": 30}})
        >>> sg2.node_attrs("KR", "hf")["inventory_days"], sg.node_attrs("KR", "hf")["inventory_days"]
        (30.0, 0.0)
        """
        data = self.to_mapping()
        rows = {(r["economy"], r["product"]): r for r in data["nodes"]}
        for (e, p), change in updates.items():
            row = rows.setdefault(
                (str(e), str(p)), {"economy": str(e), "product": str(p)}
            )
            row.update(change)
        data["nodes"] = list(rows.values())
        return SupplyGraph.from_mapping(data)

    def with_flows(self, updates: Mapping[tuple[str, str, str], float]) -> SupplyGraph:
        """A new graph with flow values changed or added (``0`` keeps a zero flow).

        Productions given explicitly are kept; a producer whose outflows grow
        beyond its production is an error, as in the constructor.

        Parameters
        ----------
        updates : mapping
            ``{(exporter, importer, product): value}``.

        Raises
        ------
        SupplyGraphError
            If a value is invalid or production falls below outflows.

        Examples
        --------
        >>> import coercion as co
        >>> sg = co.SupplyGraph.from_mapping({"flows": [
        ...     {"exporter": "JP", "importer": "KR", "product": "hf", "value": 60}]})
        >>> sg.with_flows({("TW", "KR", "hf"): 15}).use("KR", "hf")
        75.0
        """
        data = self.to_mapping()
        rows = {(r["exporter"], r["importer"], r["product"]): r for r in data["flows"]}
        for key, value in updates.items():
            ex, im, pr = (str(k) for k in key)
            row = rows.setdefault(
                (ex, im, pr), {"exporter": ex, "importer": im, "product": pr}
            )
            row["value"] = value
        data["flows"] = list(rows.values())
        return SupplyGraph.from_mapping(data)

    def _nodes_with_production(self) -> set[tuple[str, str]]:
        return {k for k, v in self._nodes.items() if v["production"] is not None}

    # ---------------------------------------------------------------- queries
    @cached_property
    def economies(self) -> tuple[str, ...]:
        """Economy names, sorted."""
        return tuple(sorted({e for e, _ in self.graph.nodes}))

    @cached_property
    def products(self) -> tuple[str, ...]:
        """Product names, sorted."""
        return tuple(sorted({p for _, p in self.graph.nodes}))

    def _node(self, economy: str, product: str) -> dict[str, Any]:
        node = (str(economy), str(product))
        if node not in self.graph:
            raise SupplyGraphError(
                f"no node ({economy}, {product}) in the graph", field="node"
            )
        return self.graph.nodes[node]

    def node_attrs(self, economy: str, product: str) -> dict[str, Any]:
        """The attributes of node ``(economy, product)`` (a copy)."""
        return dict(self._node(economy, product))

    def production(self, economy: str, product: str) -> float:
        """Annual output value of ``product`` in ``economy``."""
        return float(self._node(economy, product)["production"])

    def use(self, economy: str, product: str) -> float:
        """Annual value of ``product`` supplied to users in ``economy`` (all sources)."""
        self._node(economy, product)
        arr = self.arrays
        return float(arr.use[arr.index[(str(economy), str(product))]])

    def flow(self, exporter: str, importer: str, product: str) -> float:
        """Annual value of the flow ``exporter -> importer`` of ``product`` (0 if none)."""
        rec = self._flows.get((str(exporter), str(importer), str(product)))
        return 0.0 if rec is None else float(rec["value"])

    def suppliers(self, economy: str, product: str) -> dict[str, float]:
        """Sources of ``economy``'s use of ``product``: ``{supplier: value}``."""
        node = (str(economy), str(product))
        self._node(*node)
        return {
            u[0]: float(d["value"])
            for u, _, k, d in self.graph.in_edges(node, keys=True, data=True)
            if k == "trade"
        }

    def input_shares(
        self, economy: str, product: str
    ) -> dict[str, tuple[float, float]]:
        """Inputs of ``product`` in ``economy``: ``{input: (share, elasticity)}``."""
        node = (str(economy), str(product))
        self._node(*node)
        return {
            u[1]: (float(d["share"]), float(d["elasticity"]))
            for u, _, k, d in self.graph.in_edges(node, keys=True, data=True)
            if k == "input"
        }

    @property
    def n_flows(self) -> int:
        """Number of trade flows (including domestic supply)."""
        return len(self._flows)

    @property
    def n_inputs(self) -> int:
        """Number of input-requirement rows."""
        return len(self._inputs)

    @cached_property
    def arrays(self) -> _Arrays:
        """Numeric arrays for the kernels (node order: sorted labels)."""
        labels = tuple(sorted(self.graph.nodes))
        index = {v: i for i, v in enumerate(labels)}
        n = len(labels)
        attrs = [self.graph.nodes[v] for v in labels]

        def col(key: str) -> np.ndarray:
            return np.array([a[key] for a in attrs], dtype=float)

        src, dst, val = [], [], []
        isrc, idst, ishare, iel = [], [], [], []
        for u, v, k, d in self.graph.edges(keys=True, data=True):
            if k == "trade":
                src.append(index[u])
                dst.append(index[v])
                val.append(d["value"])
            else:
                isrc.append(index[u])
                idst.append(index[v])
                ishare.append(d["share"])
                iel.append(d["elasticity"])
        return _make_arrays(
            labels,
            index,
            production=col("production"),
            flow_src=np.array(src, dtype=np.int64),
            flow_dst=np.array(dst, dtype=np.int64),
            flow_val=np.array(val, dtype=float),
            spare=col("spare_capacity"),
            inventory_days=col("inventory_days"),
            time_to_recover=col("time_to_recover"),
            capability=col("capability"),
            in_src=np.array(isrc, dtype=np.int64),
            in_dst=np.array(idst, dtype=np.int64),
            in_share=np.array(ishare, dtype=float),
            in_elasticity=np.array(iel, dtype=float),
            n=n,
        )

    # ----------------------------------------------------------------- views
    def flows_frame(self) -> pd.DataFrame:
        """Trade flows as a tidy table (exporter, importer, product, value, quantity)."""
        import pandas as pd

        rows = [
            {
                "exporter": ex,
                "importer": im,
                "product": pr,
                "value": r["value"],
                "quantity": r["quantity"],
            }
            for (ex, im, pr), r in sorted(self._flows.items())
        ]
        return pd.DataFrame(rows, columns=list(_FLOW_FIELDS))

    def nodes_frame(self) -> pd.DataFrame:
        """Nodes with their attributes and their use, as a tidy table."""
        import pandas as pd

        arr = self.arrays
        rows = [
            {
                "economy": e,
                "product": p,
                **{k: self.graph.nodes[(e, p)][k] for k in NODE_DEFAULTS},
                "use": float(arr.use[i]),
            }
            for i, (e, p) in enumerate(arr.labels)
        ]
        return pd.DataFrame(rows)

    def inputs_frame(self) -> pd.DataFrame:
        """Input requirements as a tidy table."""
        import pandas as pd

        rows = [
            {
                "input": a,
                "output": b,
                "share": r["share"],
                "elasticity": r["elasticity"],
                "economy": e,
            }
            for (a, b, e), r in self._inputs.items()
        ]
        return pd.DataFrame(rows, columns=list(_INPUT_FIELDS))

    def __repr__(self) -> str:
        return (
            f"SupplyGraph({len(self.economies)} economies, {len(self.products)} products, "
            f"{self.graph.number_of_nodes()} nodes, {self.n_flows} flows, "
            f"{self.n_inputs} input requirements)"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        arr = self.arrays
        rows = []
        order = np.argsort(-arr.production, kind="stable")[:20]
        for i in order:
            e, p = arr.labels[i]
            a = self.graph.nodes[(e, p)]
            rows.append(
                "<tr>"
                + "".join(
                    f"<td>{esc(str(x))}</td>"
                    for x in (
                        e,
                        p,
                        f"{a['production']:.4g}",
                        f"{arr.use[i]:.4g}",
                        f"{a['spare_capacity']:.4g}",
                        f"{a['inventory_days']:.4g}",
                        f"{a['time_to_recover']:.4g}",
                    )
                )
                + "</tr>"
            )
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "economy",
                "product",
                "production",
                "use",
                "spare",
                "inventory days",
                "time to recover (y)",
            )
        )
        more = "" if arr.n <= 20 else f"<p>{arr.n - 20} more nodes not shown.</p>"
        return (
            f"<table><caption>{esc(repr(self))}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}"
        )


def _make_arrays(
    labels: tuple[tuple[str, str], ...],
    index: dict[tuple[str, str], int],
    *,
    production: np.ndarray,
    flow_src: np.ndarray,
    flow_dst: np.ndarray,
    flow_val: np.ndarray,
    spare: np.ndarray,
    inventory_days: np.ndarray,
    time_to_recover: np.ndarray,
    capability: np.ndarray,
    in_src: np.ndarray,
    in_dst: np.ndarray,
    in_share: np.ndarray,
    in_elasticity: np.ndarray,
    n: int,
) -> _Arrays:
    """Assemble :class:`_Arrays` (also used by the benchmark's random graphs)."""
    flows = sp.csr_matrix((flow_val, (flow_src, flow_dst)), shape=(n, n))
    use = np.asarray(flows.sum(axis=0)).ravel()
    order = np.argsort(in_dst, kind="stable")
    in_src, in_dst = in_src[order], in_dst[order]
    in_share, in_elasticity = in_share[order], in_elasticity[order]
    total_share = np.bincount(in_dst, weights=in_share, minlength=n)
    has_inputs = np.bincount(in_dst, minlength=n) > 0
    return _Arrays(
        labels=labels,
        index=index,
        production=production,
        use=use,
        flows=flows,
        spare=spare,
        inventory_days=inventory_days,
        time_to_recover=time_to_recover,
        capability=capability,
        in_src=in_src,
        in_dst=in_dst,
        in_share=in_share,
        in_elasticity=in_elasticity,
        value_added_share=np.clip(1.0 - total_share, 0.0, 1.0),
        has_inputs=has_inputs,
    )
