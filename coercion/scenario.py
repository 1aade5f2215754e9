r"""Scenario files: a sourced description of one export-control episode.

A *scenario* is a TOML file (``games/*.toml``) that says who supplies whom
(economies, products with their tiers and input requirements, annual flows,
per-(economy, product) node attributes), who plays (senders, targets, third
parties, each with a stake, a pain tolerance, a ladder of controls or a list of
responses), the model's horizon and discount rate, an optional coalition, the
uncertain parameters for Monte Carlo, the key parameters for threshold search,
and what actually happened (for back-testing).

**Every number carries its source.** A number is written as an inline table::

    share = { value = 0.91, low = 0.91, high = 0.92, unit = "share",
              source = "IEA, Global Critical Minerals Outlook 2024, May 2024" }

A bare number anywhere in the file is rejected. A source is a citation
(publisher, title, date: it must contain a year), an ``"assumption: ..."`` with the
reasoning, a ``"derived: ..."`` naming the sourced figures it is computed from, or
(for the implicit cut fractions of the ``no_control`` and ``full_ban`` rungs) a
``"definition: ..."``. The full schema, with every field, its unit and its domain,
is in ``docs/reference/scenario-schema.md``.

Files are read with :mod:`tomllib` only (no ``eval``, no pickle) and validated on
load: a :class:`~coercion.errors.ScenarioError` names the file and the dotted field
path (``flows[3].value``, ``players.CN.pain_tolerance``); invalid TOML gives a
:class:`~coercion.errors.ParseError` with the line and column.

Examples
--------
>>> import coercion as co
>>> sc = co.load_scenario("photoresists")
>>> sc.senders, sc.targets
(('JP',), ('KR',))
>>> sc.param("nodes.KR.photoresist.inventory_days")
30.0
>>> q = sc.quantity("nodes.KR.photoresist.inventory_days")
>>> q.is_estimate, q.source.startswith("Yomiuri")
(True, True)
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import math
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from coercion.errors import InvalidParameterError, ParseError, ScenarioError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

__all__ = [
    "Scenario",
    "Quantity",
    "Economy",
    "Product",
    "InputRequirement",
    "Flow",
    "Node",
    "Rung",
    "Response",
    "Player",
    "Coalition",
    "ModelSettings",
    "KeyParameter",
    "UncertainParameter",
    "Outcome",
    "Metadata",
    "load_scenario",
    "bundled_scenarios",
    "SCHEMA_VERSION",
    "TIERS",
    "ROLES",
    "RUNG_ACTIONS",
    "RESPONSE_KINDS",
    "DIRECTIONS",
    "DISTRIBUTIONS",
]

SCHEMA_VERSION = "coercion-scenario/1"
"""The value of the top-level ``schema`` key that this loader reads."""

TIERS = ("upstream", "intermediate", "final")
ROLES = ("sender", "target", "third_party")
RUNG_ACTIONS = ("no_control", "licensing", "partial_ban", "full_ban")
RESPONSE_KINDS = ("concede", "absorb", "retaliate", "substitute")
DIRECTIONS = ("exports", "imports")
DISTRIBUTIONS = ("uniform", "triangular", "loguniform")
SUBSTITUTION_LEVELS = ("none", "partial", "full")

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
_YEAR_RE = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
_QUANTITY_KEYS = frozenset(
    {"value", "low", "high", "unit", "source", "note", "year", "estimate"}
)
_SOURCE_KINDS = ("assumption", "derived", "definition")

# field -> (canonical unit, domain); a given ``unit`` must equal the canonical one
_UNITS: dict[str, tuple[str | None, str]] = {
    "flow.value": ("USD/yr", "nonneg"),
    "flow.quantity": (None, "nonneg"),
    "node.production": ("USD/yr", "nonneg"),
    "node.spare_capacity": ("share", "share"),
    "node.inventory_days": ("days", "nonneg"),
    "node.time_to_recover": ("years", "positive"),
    "node.capability": ("share", "share"),
    "node.world_share": ("share", "share"),
    "input.share": ("share", "share"),
    "input.elasticity": ("ratio", "nonneg"),
    "player.stake": ("USD/yr", "nonneg"),
    "player.pain_tolerance": ("ratio", "positive"),
    "rung.cut": ("share", "share"),
    "response.cut": ("share", "share"),
    "response.cost": ("USD", "nonneg"),
    "response.time": ("years", "nonneg"),
    "response.reduction": ("share", "share"),
    "model.horizon_years": ("years", "positive"),
    "model.discount_rate": ("1/yr", "rate"),
    "coalition.leakage": ("share", "share"),
    "outcome.months": ("months", "nonneg"),
}


# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Quantity:
    """A sourced number: a value, an optional range, its unit and its source.

    Attributes
    ----------
    value : float or None
        The central value (``None`` for a pure range, as in a search range).
    low, high : float or None
        The range where sources disagree or the number is uncertain.
    unit : str or None
        The unit (``"share"``, ``"USD/yr"``, ``"years"``, ...).
    source : str
        Publisher, title and date; or ``"assumption: <reason>"``,
        ``"derived: <computation>"`` or ``"definition: <meaning>"``.
    note : str or None
        Free text (how the figure is read, caveats).
    year : str or None
        The year or period the figure refers to.
    estimate : bool
        ``True`` for an estimate, forecast or assumption (cases.md ``[est.]``).
    """

    value: float | None
    source: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    note: str | None = None
    year: str | None = None
    estimate: bool = False

    @property
    def source_kind(self) -> str:
        """``"citation"``, ``"assumption"``, ``"derived"`` or ``"definition"``."""
        head = self.source.split(":", 1)[0].strip().lower()
        return head if head in _SOURCE_KINDS else "citation"

    @property
    def is_assumption(self) -> bool:
        """Whether the number is a modelling assumption rather than a figure."""
        return self.source_kind == "assumption"

    @property
    def is_estimate(self) -> bool:
        """Whether the number is an estimate or an assumption."""
        return self.estimate or self.is_assumption

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``, falling back to the value at a missing end."""
        lo = self.low if self.low is not None else self.value
        hi = self.high if self.high is not None else self.value
        if lo is None or hi is None:  # pragma: no cover - excluded by validation
            raise InvalidParameterError("quantity has no value or range", field="range")
        return (lo, hi)


@dataclass(frozen=True)
class Metadata:
    """Title, description and dates of the episode."""

    title: str
    description: str
    start: _dt.date
    end: _dt.date | None = None
    case: str | None = None
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Economy:
    """A country or customs territory."""

    id: str
    name: str
    note: str | None = None


@dataclass(frozen=True)
class InputRequirement:
    """Product ``product`` goes into the owning product.

    ``share`` is the cost share: the value of this input per unit value of the
    owning product, in ``[0, 1]`` (the shares of one product sum to at most 1; the
    rest is value added). ``elasticity`` is the CES elasticity of substitution
    between inputs (0, the default: fixed proportions, so a shortfall of a
    ten-cent part stops the same fraction of the product whatever its share).
    """

    product: str
    share: Quantity
    elasticity: Quantity | None = None


@dataclass(frozen=True)
class Product:
    """A traded good at a tier of the chain, with the inputs it needs."""

    id: str
    name: str
    tier: str
    unit: str | None = None
    inputs: tuple[InputRequirement, ...] = ()


@dataclass(frozen=True)
class Flow:
    """Annual trade of ``product`` from ``exporter`` to ``importer``."""

    exporter: str
    importer: str
    product: str
    value: Quantity
    quantity: Quantity | None = None


@dataclass(frozen=True)
class Node:
    """Attributes of one (economy, product) node of the supply graph."""

    economy: str
    product: str
    production: Quantity | None = None
    spare_capacity: Quantity | None = None
    inventory_days: Quantity | None = None
    time_to_recover: Quantity | None = None
    capability: Quantity | None = None
    world_share: Quantity | None = None


@dataclass(frozen=True)
class Rung:
    """One rung of a sender's ladder: a cut fraction of its flows of a product.

    ``direction`` is ``"exports"`` (an export control: the sender withholds its
    flows to the targets) or ``"imports"`` (a boycott: the sender stops buying the
    targets' flows, as China did to Australia in 2020).
    """

    name: str
    action: str
    product: str
    targets: tuple[str, ...]
    cut: Quantity
    direction: str = "exports"
    note: str | None = None


@dataclass(frozen=True)
class Response:
    """One response open to a target (concede, absorb, retaliate, substitute)."""

    name: str
    kind: str
    product: str | None = None
    against: tuple[str, ...] = ()
    cut: Quantity | None = None
    cost: Quantity | None = None
    time: Quantity | None = None
    reduction: Quantity | None = None
    note: str | None = None


@dataclass(frozen=True)
class Player:
    """A sender, target or third party, keyed by its economy."""

    economy: str
    role: str
    stake: Quantity | None = None
    pain_tolerance: Quantity | None = None
    ladder: tuple[Rung, ...] = ()
    responses: tuple[Response, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ModelSettings:
    """Horizon (years) and annual discount rate of the model."""

    horizon_years: Quantity
    discount_rate: Quantity


@dataclass(frozen=True)
class Coalition:
    """Economies that control together, and the leakage share from non-members."""

    members: tuple[str, ...]
    leakage: Quantity
    product: str | None = None


@dataclass(frozen=True)
class KeyParameter:
    """A parameter (by name) for threshold search, with its search range."""

    param: str
    label: str
    range: Quantity
    hypothesis: str | None = None


@dataclass(frozen=True)
class UncertainParameter:
    """A parameter (by name) drawn in Monte Carlo from a distribution on a range."""

    param: str
    distribution: str
    range: Quantity


@dataclass(frozen=True)
class Outcome:
    """What happened, for back-testing a model's prediction."""

    conceded: tuple[str, ...]
    sender_softened: bool
    target_substituted: str
    summary: str
    concession_months: Quantity | None = None
    softening_months: Quantity | None = None
    substitution_months: Quantity | None = None
    sources: tuple[str, ...] = ()


# ---------------------------------------------------------------------- validation


class _Checker:
    """Walks the raw TOML document and builds the typed scenario."""

    def __init__(self, data: dict[str, Any], file: str | None) -> None:
        self.data = data
        self.file = file
        # parameter name -> (quantity, raw path of its table)
        self.registry: dict[str, tuple[Quantity, tuple[Any, ...]]] = {}
        self.ranges: list[tuple[str, Quantity]] = []

    # -- helpers -----------------------------------------------------------------

    def fail(self, path: tuple[Any, ...] | str, message: str) -> ScenarioError:
        where = path if isinstance(path, str) else _dotted(path)
        return ScenarioError(message, path=where or "<root>", file=self.file)

    def table(
        self,
        raw: Any,
        path: tuple[Any, ...],
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected a table, got {_kind(raw)} {raw!r}")
        for key in required:
            if key not in raw:
                raise self.fail((*path, key), "required field is missing")
        allowed = set(required) | set(optional)
        for key in raw:
            if key not in allowed:
                raise self.fail(
                    (*path, key),
                    f"unknown field {key!r}; allowed: {', '.join(sorted(allowed))}",
                )
        return raw

    def array(self, raw: Any, path: tuple[Any, ...], *, nonempty: bool) -> list[Any]:
        if not isinstance(raw, list):
            raise self.fail(path, f"expected an array, got {_kind(raw)} {raw!r}")
        if nonempty and not raw:
            raise self.fail(path, "must not be empty")
        return raw

    def string(self, raw: Any, path: tuple[Any, ...]) -> str:
        if not isinstance(raw, str):
            raise self.fail(path, f"expected a string, got {_kind(raw)} {raw!r}")
        if not raw.strip():
            raise self.fail(path, "must not be empty")
        return raw

    def ident(self, raw: Any, path: tuple[Any, ...]) -> str:
        text = self.string(raw, path)
        if not _ID_RE.match(text):
            raise self.fail(
                path,
                f"{text!r} is not an identifier (a letter, then letters, digits, "
                "'_' or '-')",
            )
        return text

    def choice(self, raw: Any, path: tuple[Any, ...], options: tuple[str, ...]) -> str:
        text = self.string(raw, path)
        if text not in options:
            raise self.fail(path, f"{text!r} is not one of {', '.join(options)}")
        return text

    def ref(self, raw: Any, path: tuple[Any, ...], known: Mapping[str, Any], what: str):
        text = self.string(raw, path)
        if text not in known:
            raise self.fail(
                path,
                f"unknown {what} {text!r}; known: {', '.join(sorted(known)) or 'none'}",
            )
        return text

    def refs(
        self, raw: Any, path: tuple[Any, ...], known: Mapping[str, Any], what: str
    ):
        items = self.array(raw, path, nonempty=True)
        out = [self.ref(x, (*path, i), known, what) for i, x in enumerate(items)]
        for i, x in enumerate(out):
            if x in out[:i]:
                raise self.fail((*path, i), f"duplicate {what} {x!r}")
        return tuple(out)

    def boolean(self, raw: Any, path: tuple[Any, ...]) -> bool:
        if not isinstance(raw, bool):
            raise self.fail(path, f"expected true or false, got {_kind(raw)} {raw!r}")
        return raw

    def optional_text(self, raw: dict[str, Any], key: str, path: tuple[Any, ...]):
        return self.string(raw[key], (*path, key)) if key in raw else None

    # -- sourced numbers -----------------------------------------------------------

    def quantity(
        self,
        raw: Any,
        path: tuple[Any, ...],
        kind: str,
        *,
        name: str | None,
        need_value: bool = True,
    ) -> Quantity:
        unit, domain = _UNITS[kind]
        if _is_number(raw):
            raise self.fail(path, _bare_number_message(raw))
        t = self.table(raw, path, ("source",), tuple(_QUANTITY_KEYS - {"source"}))
        source = self.source(t["source"], (*path, "source"))
        nums: dict[str, float | None] = {}
        for key in ("value", "low", "high"):
            if key in t:
                x = t[key]
                if not _is_number(x):
                    raise self.fail(
                        (*path, key), f"expected a number, got {_kind(x)} {x!r}"
                    )
                if not math.isfinite(x):
                    raise self.fail((*path, key), f"{x!r} is not finite")
                nums[key] = float(x)
            else:
                nums[key] = None
        value, low, high = nums["value"], nums["low"], nums["high"]
        if need_value and value is None:
            raise self.fail((*path, "value"), "required field is missing")
        if value is None and (low is None or high is None):
            raise self.fail(path, "a range without a value needs both low and high")
        if (low is None) != (high is None):
            missing = "high" if high is None else "low"
            raise self.fail((*path, missing), "low and high must be given together")
        if low is not None and high is not None:
            if low > high:
                raise self.fail((*path, "low"), f"low {low!r} > high {high!r}")
            if value is not None and not low <= value <= high:
                raise self.fail(
                    (*path, "value"),
                    f"value {value!r} is outside [low, high] = [{low!r}, {high!r}]",
                )
        for key, x in (("value", value), ("low", low), ("high", high)):
            if x is not None:
                self.domain(x, (*path, key), domain)
        given_unit = self.optional_text(t, "unit", path)
        if unit is not None and given_unit is not None and given_unit != unit:
            raise self.fail(
                (*path, "unit"), f"unit {given_unit!r} should be {unit!r} here"
            )
        if unit is None and given_unit is None:
            raise self.fail((*path, "unit"), "required field is missing")
        year = t.get("year")
        if year is not None:
            year = self.string(year, (*path, "year"))
        estimate = (
            self.boolean(t["estimate"], (*path, "estimate"))
            if ("estimate" in t)
            else False
        )
        q = Quantity(
            value=value,
            source=source,
            low=low,
            high=high,
            unit=given_unit if given_unit is not None else unit,
            note=self.optional_text(t, "note", path),
            year=year,
            estimate=estimate,
        )
        if name is not None:
            if name in self.registry:
                raise self.fail(path, f"duplicate parameter name {name!r}")
            self.registry[name] = (q, path)
        return q

    def domain(self, x: float, path: tuple[Any, ...], domain: str) -> None:
        if domain == "share" and not 0.0 <= x <= 1.0:
            raise self.fail(path, f"{x!r} is a share and must lie in [0, 1]")
        if domain == "nonneg" and x < 0:
            raise self.fail(path, f"{x!r} is negative")
        if domain == "positive" and x <= 0:
            raise self.fail(path, f"{x!r} must be positive")
        if domain == "rate" and not 0.0 <= x < 1.0:
            raise self.fail(path, f"{x!r} is a rate and must lie in [0, 1)")

    def source(self, raw: Any, path: tuple[Any, ...]) -> str:
        text = self.string(raw, path)
        head, _, rest = text.partition(":")
        if head.strip().lower() in _SOURCE_KINDS:
            if len(rest.split()) < 3:
                raise self.fail(
                    path,
                    f"{head.strip()} {text!r} must give its reason in a few words",
                )
            return text
        if "," not in text or not _YEAR_RE.search(text):
            raise self.fail(
                path,
                f"source {text!r} must name publisher, title and date (a year), or "
                "start with 'assumption:' and give the reason",
            )
        return text

    def optional_quantity(
        self, raw: dict[str, Any], key: str, path: tuple[Any, ...], kind: str, name: str
    ) -> Quantity | None:
        if key not in raw:
            return None
        return self.quantity(raw[key], (*path, key), kind, name=name)

    # -- the document --------------------------------------------------------------

    def scenario(self) -> Scenario:
        self.no_bare_numbers(self.data, ())
        top = self.table(
            self.data,
            (),
            ("schema", "id", "metadata", "economies", "products", "flows", "players"),
            (
                "nodes",
                "model",
                "coalition",
                "key_parameters",
                "uncertain",
                "outcome",
            ),
        )
        schema = self.string(top["schema"], ("schema",))
        if schema != SCHEMA_VERSION:
            raise self.fail(("schema",), f"{schema!r} is not {SCHEMA_VERSION!r}")
        ident = self.ident(top["id"], ("id",))
        metadata = self.metadata(top["metadata"])
        economies = self.economies(top["economies"])
        products = self.products(top["products"])
        flows = self.flows(top["flows"], economies, products)
        nodes = self.nodes(top.get("nodes", []), economies, products)
        players = self.players(top["players"], economies, products, flows)
        model = self.model(top["model"]) if "model" in top else None
        coalition = (
            self.coalition(top["coalition"], economies, products, players)
            if "coalition" in top
            else None
        )
        outcome = self.outcome(top["outcome"], economies) if "outcome" in top else None
        key_parameters = self.key_parameters(top.get("key_parameters", []))
        uncertain = self.uncertain(top.get("uncertain", []))
        return Scenario(
            id=ident,
            metadata=metadata,
            economies=MappingProxyType({e.id: e for e in economies}),
            products=MappingProxyType({p.id: p for p in products}),
            flows=tuple(flows),
            nodes=MappingProxyType({(n.economy, n.product): n for n in nodes}),
            players=MappingProxyType({p.economy: p for p in players}),
            model=model,
            coalition=coalition,
            key_parameters=tuple(key_parameters),
            uncertain=tuple(uncertain),
            outcome=outcome,
            file=self.file,
            _registry=MappingProxyType(dict(self.registry)),
            _ranges=tuple(self.ranges),
            _raw=self.data,
        )

    def no_bare_numbers(self, raw: Any, path: tuple[Any, ...]) -> None:
        if isinstance(raw, dict):
            sourced = "source" in raw
            for key, x in raw.items():
                if sourced and key in ("value", "low", "high"):
                    continue
                self.no_bare_numbers(x, (*path, key))
        elif isinstance(raw, list):
            for i, x in enumerate(raw):
                self.no_bare_numbers(x, (*path, i))
        elif _is_number(raw):
            raise self.fail(path, _bare_number_message(raw))

    def metadata(self, raw: Any) -> Metadata:
        p: tuple[Any, ...] = ("metadata",)
        t = self.table(
            raw, p, ("title", "description", "start"), ("end", "case", "references")
        )
        start = self.date(t["start"], (*p, "start"))
        end = self.date(t["end"], (*p, "end")) if "end" in t else None
        if end is not None and end < start:
            raise self.fail((*p, "end"), f"end {end} is before start {start}")
        refs: tuple[str, ...] = ()
        if "references" in t:
            items = self.array(t["references"], (*p, "references"), nonempty=True)
            refs = tuple(
                self.string(x, (*p, "references", i)) for i, x in enumerate(items)
            )
        return Metadata(
            title=self.string(t["title"], (*p, "title")),
            description=self.string(t["description"], (*p, "description")),
            start=start,
            end=end,
            case=self.optional_text(t, "case", p),
            references=refs,
        )

    def date(self, raw: Any, path: tuple[Any, ...]) -> _dt.date:
        if isinstance(raw, _dt.datetime) or not isinstance(raw, _dt.date):
            raise self.fail(
                path, f"expected a TOML date (2025-04-04), got {_kind(raw)} {raw!r}"
            )
        return raw

    def economies(self, raw: Any) -> list[Economy]:
        out: list[Economy] = []
        for i, x in enumerate(self.array(raw, ("economies",), nonempty=True)):
            p = ("economies", i)
            t = self.table(x, p, ("id", "name"), ("note",))
            e = Economy(
                id=self.ident(t["id"], (*p, "id")),
                name=self.string(t["name"], (*p, "name")),
                note=self.optional_text(t, "note", p),
            )
            if any(o.id == e.id for o in out):
                raise self.fail((*p, "id"), f"duplicate economy {e.id!r}")
            out.append(e)
        return out

    def products(self, raw: Any) -> list[Product]:
        items = self.array(raw, ("products",), nonempty=True)
        ids: dict[str, int] = {}
        for i, x in enumerate(items):
            p = ("products", i)
            t = self.table(x, p, ("id", "name", "tier"), ("unit", "inputs"))
            pid = self.ident(t["id"], (*p, "id"))
            if pid in ids:
                raise self.fail((*p, "id"), f"duplicate product {pid!r}")
            ids[pid] = i
        out: list[Product] = []
        for i, t in enumerate(items):
            p = ("products", i)
            pid = t["id"]
            inputs: list[InputRequirement] = []
            for j, y in enumerate(
                self.array(t.get("inputs", []), (*p, "inputs"), nonempty=False)
            ):
                q = (*p, "inputs", j)
                u = self.table(y, q, ("product", "share"), ("elasticity",))
                other = self.ref(u["product"], (*q, "product"), ids, "product")
                if other == pid:
                    raise self.fail((*q, "product"), f"{pid!r} cannot be its own input")
                if any(r.product == other for r in inputs):
                    raise self.fail((*q, "product"), f"duplicate input {other!r}")
                base = f"products.{pid}.inputs.{other}"
                inputs.append(
                    InputRequirement(
                        product=other,
                        share=self.quantity(
                            u["share"],
                            (*q, "share"),
                            "input.share",
                            name=f"{base}.share",
                        ),
                        elasticity=self.optional_quantity(
                            u, "elasticity", q, "input.elasticity", f"{base}.elasticity"
                        ),
                    )
                )
            total = sum(r.share.value or 0.0 for r in inputs)
            if total > 1.0 + 1e-9:
                raise self.fail(
                    (*p, "inputs"),
                    f"input cost shares of {pid!r} sum to {total:.4g} > 1",
                )
            out.append(
                Product(
                    id=pid,
                    name=self.string(t["name"], (*p, "name")),
                    tier=self.choice(t["tier"], (*p, "tier"), TIERS),
                    unit=self.optional_text(t, "unit", p),
                    inputs=tuple(inputs),
                )
            )
        self.acyclic(out)
        return out

    def acyclic(self, products: list[Product]) -> None:
        graph = {p.id: [r.product for r in p.inputs] for p in products}
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in graph[node]:
                if state.get(nxt) == 1:
                    cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [nxt]
                    i = next(k for k, p in enumerate(products) if p.id == node)
                    raise self.fail(
                        ("products", i, "inputs"),
                        f"input requirements form a cycle: {' -> '.join(cycle)}",
                    )
                if state.get(nxt) is None:
                    visit(nxt, [*trail, nxt])
            state[node] = 2

        for pid in graph:
            if pid not in state:
                visit(pid, [pid])

    def flows(
        self, raw: Any, economies: list[Economy], products: list[Product]
    ) -> list[Flow]:
        eco = {e.id: e for e in economies}
        prod = {p.id: p for p in products}
        out: list[Flow] = []
        for i, x in enumerate(self.array(raw, ("flows",), nonempty=True)):
            p = ("flows", i)
            t = self.table(
                x, p, ("exporter", "importer", "product", "value"), ("quantity",)
            )
            exp = self.ref(t["exporter"], (*p, "exporter"), eco, "economy")
            imp = self.ref(t["importer"], (*p, "importer"), eco, "economy")
            pid = self.ref(t["product"], (*p, "product"), prod, "product")
            if any((f.exporter, f.importer, f.product) == (exp, imp, pid) for f in out):
                raise self.fail(p, f"duplicate flow {exp} -> {imp} of {pid!r}")
            base = f"flows.{exp}.{imp}.{pid}"
            out.append(
                Flow(
                    exporter=exp,
                    importer=imp,
                    product=pid,
                    value=self.quantity(
                        t["value"], (*p, "value"), "flow.value", name=f"{base}.value"
                    ),
                    quantity=self.optional_quantity(
                        t, "quantity", p, "flow.quantity", f"{base}.quantity"
                    ),
                )
            )
        return out

    def nodes(
        self, raw: Any, economies: list[Economy], products: list[Product]
    ) -> list[Node]:
        eco = {e.id: e for e in economies}
        prod = {p.id: p for p in products}
        attrs = (
            "production",
            "spare_capacity",
            "inventory_days",
            "time_to_recover",
            "capability",
            "world_share",
        )
        out: list[Node] = []
        for i, x in enumerate(self.array(raw, ("nodes",), nonempty=False)):
            p = ("nodes", i)
            t = self.table(x, p, ("economy", "product"), attrs)
            e = self.ref(t["economy"], (*p, "economy"), eco, "economy")
            g = self.ref(t["product"], (*p, "product"), prod, "product")
            if any((n.economy, n.product) == (e, g) for n in out):
                raise self.fail(p, f"duplicate node ({e}, {g})")
            values = {
                a: self.optional_quantity(t, a, p, f"node.{a}", f"nodes.{e}.{g}.{a}")
                for a in attrs
            }
            out.append(Node(economy=e, product=g, **values))
        for g in prod:
            shares = [
                (i, n.world_share.value)
                for i, n in enumerate(out)
                if n.product == g and n.world_share is not None
            ]
            total = sum(s for _, s in shares if s is not None)
            if total > 1.0 + 1e-9:
                raise self.fail(
                    ("nodes", shares[-1][0], "world_share"),
                    f"world shares of {g!r} add up to {total:.4g} > 1",
                )
        return out

    def players(
        self,
        raw: Any,
        economies: list[Economy],
        products: list[Product],
        flows: list[Flow],
    ) -> list[Player]:
        eco = {e.id: e for e in economies}
        prod = {p.id: p for p in products}
        base_path: tuple[Any, ...] = ("players",)
        if not isinstance(raw, dict) or not raw:
            raise self.fail(
                base_path, f"expected a table of players, got {_kind(raw)} {raw!r}"
            )
        roles: dict[str, str] = {}
        for key, x in raw.items():
            p = (*base_path, key)
            self.ref(key, p, eco, "economy")
            if not isinstance(x, dict):
                raise self.fail(p, f"expected a table, got {_kind(x)} {x!r}")
            if "role" not in x:
                raise self.fail((*p, "role"), "required field is missing")
            roles[key] = self.choice(x["role"], (*p, "role"), ROLES)
        senders = tuple(k for k, r in roles.items() if r == "sender")
        targets = tuple(k for k, r in roles.items() if r == "target")
        if not senders:
            raise self.fail(base_path, "no player has role 'sender'")
        if not targets:
            raise self.fail(base_path, "no player has role 'target'")
        out: list[Player] = []
        for key, x in raw.items():
            p = (*base_path, key)
            role = roles[key]
            required: tuple[str, ...] = ("role",)
            if role == "sender":
                required += ("stake", "pain_tolerance", "ladder")
            elif role == "target":
                required += ("stake", "pain_tolerance", "responses")
            optional: tuple[str, ...] = ("stake", "pain_tolerance", "note")
            optional += ("ladder",) if role == "sender" else ()
            optional += ("responses",) if role == "target" else ()
            t = self.table(x, p, required, optional)
            base = f"players.{key}"
            ladder = (
                self.ladder(t["ladder"], (*p, "ladder"), key, targets, prod, flows)
                if role == "sender"
                else ()
            )
            responses = (
                self.responses(
                    t["responses"], (*p, "responses"), key, senders, prod, flows, eco
                )
                if role == "target"
                else ()
            )
            out.append(
                Player(
                    economy=key,
                    role=role,
                    stake=self.optional_quantity(
                        t, "stake", p, "player.stake", f"{base}.stake"
                    ),
                    pain_tolerance=self.optional_quantity(
                        t,
                        "pain_tolerance",
                        p,
                        "player.pain_tolerance",
                        f"{base}.pain_tolerance",
                    ),
                    ladder=ladder,
                    responses=responses,
                    note=self.optional_text(t, "note", p),
                )
            )
        return out

    def ladder(
        self,
        raw: Any,
        path: tuple[Any, ...],
        sender: str,
        targets: tuple[str, ...],
        prod: Mapping[str, Product],
        flows: list[Flow],
    ) -> tuple[Rung, ...]:
        rungs: list[Rung] = []
        target_map = {t: t for t in targets}
        for i, x in enumerate(self.array(raw, path, nonempty=True)):
            p = (*path, i)
            t = self.table(
                x,
                p,
                ("name", "action", "product"),
                ("targets", "cut", "direction", "note"),
            )
            name = self.ident(t["name"], (*p, "name"))
            if any(r.name == name for r in rungs):
                raise self.fail((*p, "name"), f"duplicate rung {name!r}")
            action = self.choice(t["action"], (*p, "action"), RUNG_ACTIONS)
            product = self.ref(t["product"], (*p, "product"), prod, "product")
            rung_targets = (
                self.refs(t["targets"], (*p, "targets"), target_map, "target")
                if "targets" in t
                else targets
            )
            direction = (
                self.choice(t["direction"], (*p, "direction"), DIRECTIONS)
                if "direction" in t
                else "exports"
            )
            if direction == "exports":
                controlled = any(
                    f.exporter == sender
                    and f.product == product
                    and f.importer in rung_targets
                    for f in flows
                )
                what = f"{sender!r} has no flow of {product!r} to"
            else:
                controlled = any(
                    f.importer == sender
                    and f.product == product
                    and f.exporter in rung_targets
                    for f in flows
                )
                what = f"{sender!r} imports no {product!r} from"
            if not controlled:
                raise self.fail(
                    (*p, "product"),
                    f"{what} {', '.join(rung_targets)} to control",
                )
            name_key = f"players.{sender}.ladder.{name}.cut"
            if "cut" in t:
                cut = self.quantity(t["cut"], (*p, "cut"), "rung.cut", name=name_key)
                fixed = {"no_control": 0.0, "full_ban": 1.0}.get(action)
                if fixed is not None and cut.value != fixed:
                    raise self.fail(
                        (*p, "cut", "value"),
                        f"a {action} rung cuts {fixed:g} of the flow, not {cut.value!r}",
                    )
            elif action in ("no_control", "full_ban"):
                v = 0.0 if action == "no_control" else 1.0
                cut = Quantity(
                    value=v,
                    source=f"definition: a {action} rung cuts {v:g} of the flow",
                    unit="share",
                )
                self.registry[name_key] = (cut, (*p, "cut"))
            else:
                raise self.fail((*p, "cut"), f"required field is missing ({action})")
            for prev in rungs:
                if prev.product == product and (prev.cut.value or 0.0) > (
                    cut.value or 0.0
                ):
                    raise self.fail(
                        (*p, "cut", "value"),
                        f"cut {cut.value!r} is below the earlier rung {prev.name!r} "
                        f"({prev.cut.value!r}) on {product!r}; a ladder escalates",
                    )
            rungs.append(
                Rung(
                    name=name,
                    action=action,
                    product=product,
                    targets=tuple(rung_targets),
                    cut=cut,
                    direction=direction,
                    note=self.optional_text(t, "note", p),
                )
            )
        return tuple(rungs)

    def responses(
        self,
        raw: Any,
        path: tuple[Any, ...],
        target: str,
        senders: tuple[str, ...],
        prod: Mapping[str, Product],
        flows: list[Flow],
        eco: Mapping[str, Economy],
    ) -> tuple[Response, ...]:
        out: list[Response] = []
        sender_map = {s: s for s in senders}
        for i, x in enumerate(self.array(raw, path, nonempty=True)):
            p = (*path, i)
            if not isinstance(x, dict):
                raise self.fail(p, f"expected a table, got {_kind(x)} {x!r}")
            if "kind" not in x:
                raise self.fail((*p, "kind"), "required field is missing")
            kind = self.choice(x["kind"], (*p, "kind"), RESPONSE_KINDS)
            required = {
                "concede": ("name", "kind"),
                "absorb": ("name", "kind"),
                "retaliate": ("name", "kind", "product", "cut"),
                "substitute": ("name", "kind", "cost", "time"),
            }[kind]
            optional = {
                "concede": ("note",),
                "absorb": ("note",),
                "retaliate": ("against", "note"),
                "substitute": ("product", "reduction", "note"),
            }[kind]
            t = self.table(x, p, required, optional)
            name = self.ident(t["name"], (*p, "name"))
            if any(r.name == name for r in out):
                raise self.fail((*p, "name"), f"duplicate response {name!r}")
            base = f"players.{target}.responses.{name}"
            product = (
                self.ref(t["product"], (*p, "product"), prod, "product")
                if "product" in t
                else None
            )
            against: tuple[str, ...] = ()
            if kind == "retaliate":
                against = (
                    self.refs(t["against"], (*p, "against"), sender_map, "sender")
                    if "against" in t
                    else senders
                )
                if not any(
                    f.exporter == target
                    and f.product == product
                    and f.importer in against
                    for f in flows
                ):
                    raise self.fail(
                        (*p, "product"),
                        f"{target!r} has no flow of {product!r} to "
                        f"{', '.join(against)} to counter-control",
                    )
            out.append(
                Response(
                    name=name,
                    kind=kind,
                    product=product,
                    against=against,
                    cut=self.optional_quantity(
                        t, "cut", p, "response.cut", f"{base}.cut"
                    ),
                    cost=self.optional_quantity(
                        t, "cost", p, "response.cost", f"{base}.cost"
                    ),
                    time=self.optional_quantity(
                        t, "time", p, "response.time", f"{base}.time"
                    ),
                    reduction=self.optional_quantity(
                        t, "reduction", p, "response.reduction", f"{base}.reduction"
                    ),
                    note=self.optional_text(t, "note", p),
                )
            )
        return tuple(out)

    def model(self, raw: Any) -> ModelSettings:
        p: tuple[Any, ...] = ("model",)
        t = self.table(raw, p, ("horizon_years", "discount_rate"))
        return ModelSettings(
            horizon_years=self.quantity(
                t["horizon_years"],
                (*p, "horizon_years"),
                "model.horizon_years",
                name="model.horizon_years",
            ),
            discount_rate=self.quantity(
                t["discount_rate"],
                (*p, "discount_rate"),
                "model.discount_rate",
                name="model.discount_rate",
            ),
        )

    def coalition(
        self,
        raw: Any,
        economies: list[Economy],
        products: list[Product],
        players: list[Player],
    ) -> Coalition:
        p: tuple[Any, ...] = ("coalition",)
        t = self.table(raw, p, ("members", "leakage"), ("product",))
        members = self.refs(
            t["members"], (*p, "members"), {e.id: e for e in economies}, "economy"
        )
        if not any(pl.economy in members and pl.role == "sender" for pl in players):
            raise self.fail((*p, "members"), "a coalition must include a sender")
        return Coalition(
            members=members,
            leakage=self.quantity(
                t["leakage"],
                (*p, "leakage"),
                "coalition.leakage",
                name="coalition.leakage",
            ),
            product=(
                self.ref(
                    t["product"],
                    (*p, "product"),
                    {q.id: q for q in products},
                    "product",
                )
                if "product" in t
                else None
            ),
        )

    def outcome(self, raw: Any, economies: list[Economy]) -> Outcome:
        p: tuple[Any, ...] = ("outcome",)
        t = self.table(
            raw,
            p,
            ("conceded", "sender_softened", "target_substituted", "summary", "sources"),
            ("concession_months", "softening_months", "substitution_months"),
        )
        conceded_raw = self.array(t["conceded"], (*p, "conceded"), nonempty=False)
        eco = {e.id: e for e in economies}
        conceded = tuple(
            self.ref(x, (*p, "conceded", i), eco, "economy")
            for i, x in enumerate(conceded_raw)
        )
        srcs = self.array(t["sources"], (*p, "sources"), nonempty=True)
        return Outcome(
            conceded=conceded,
            sender_softened=self.boolean(t["sender_softened"], (*p, "sender_softened")),
            target_substituted=self.choice(
                t["target_substituted"],
                (*p, "target_substituted"),
                SUBSTITUTION_LEVELS,
            ),
            summary=self.string(t["summary"], (*p, "summary")),
            concession_months=self.optional_quantity(
                t, "concession_months", p, "outcome.months", "outcome.concession_months"
            ),
            softening_months=self.optional_quantity(
                t, "softening_months", p, "outcome.months", "outcome.softening_months"
            ),
            substitution_months=self.optional_quantity(
                t,
                "substitution_months",
                p,
                "outcome.months",
                "outcome.substitution_months",
            ),
            sources=tuple(
                self.source(x, (*p, "sources", i)) for i, x in enumerate(srcs)
            ),
        )

    def param_ref(self, raw: Any, path: tuple[Any, ...]) -> str:
        name = self.string(raw, path)
        if name not in self.registry:
            raise self.fail(
                path,
                f"unknown parameter {name!r}; parameters are named like "
                "'players.CN.pain_tolerance' (see Scenario.param_names())",
            )
        return name

    def range_for(
        self, raw: dict[str, Any], path: tuple[Any, ...], param: str, label: str
    ) -> Quantity:
        q, qpath = self.registry[param]
        kind = _kind_of_path(qpath)
        if "range" in raw:
            rng = self.quantity(
                raw["range"], (*path, "range"), kind, name=None, need_value=False
            )
            if rng.low is None:
                raise self.fail((*path, "range", "low"), "required field is missing")
        else:
            if q.low is None or q.high is None:
                raise self.fail(
                    (*path, "range"),
                    f"required field is missing ({param!r} has no low/high of its own)",
                )
            return q
        self.ranges.append((f"{label}.{param}.range", rng))
        return rng

    def key_parameters(self, raw: Any) -> list[KeyParameter]:
        out: list[KeyParameter] = []
        for i, x in enumerate(self.array(raw, ("key_parameters",), nonempty=False)):
            p = ("key_parameters", i)
            t = self.table(x, p, ("param", "label"), ("range", "hypothesis"))
            param = self.param_ref(t["param"], (*p, "param"))
            if any(k.param == param for k in out):
                raise self.fail((*p, "param"), f"duplicate key parameter {param!r}")
            out.append(
                KeyParameter(
                    param=param,
                    label=self.string(t["label"], (*p, "label")),
                    range=self.range_for(t, p, param, "key_parameters"),
                    hypothesis=self.optional_text(t, "hypothesis", p),
                )
            )
        return out

    def uncertain(self, raw: Any) -> list[UncertainParameter]:
        out: list[UncertainParameter] = []
        for i, x in enumerate(self.array(raw, ("uncertain",), nonempty=False)):
            p = ("uncertain", i)
            t = self.table(x, p, ("param", "distribution"), ("range",))
            param = self.param_ref(t["param"], (*p, "param"))
            if any(u.param == param for u in out):
                raise self.fail((*p, "param"), f"duplicate uncertain {param!r}")
            dist = self.choice(t["distribution"], (*p, "distribution"), DISTRIBUTIONS)
            rng = self.range_for(t, p, param, "uncertain")
            lo, hi = rng.range
            if dist == "loguniform" and lo <= 0:
                raise self.fail((*p, "range"), f"loguniform needs low > 0, got {lo!r}")
            if dist == "triangular":
                mode = self.registry[param][0].value
                if mode is None or not lo <= mode <= hi:
                    raise self.fail(
                        (*p, "range"),
                        f"triangular mode (the value {mode!r}) is outside "
                        f"[{lo!r}, {hi!r}]",
                    )
            out.append(UncertainParameter(param=param, distribution=dist, range=rng))
        return out


def _kind_of_path(path: tuple[Any, ...]) -> str:
    """The ``_UNITS`` key for a quantity at a raw path."""
    head, last = path[0], path[-1]
    if head == "flows":
        return f"flow.{last}"
    if head == "nodes":
        return f"node.{last}"
    if head == "products":
        return f"input.{last}"
    if head == "players":
        if "ladder" in path:
            return "rung.cut"
        if "responses" in path:
            return f"response.{last}"
        return f"player.{last}"
    if head == "model":
        return f"model.{last}"
    if head == "coalition":
        return "coalition.leakage"
    return "outcome.months"


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _kind(x: Any) -> str:
    if isinstance(x, bool):
        return "a boolean"
    if _is_number(x):
        return "a number"
    if isinstance(x, str):
        return "a string"
    if isinstance(x, list):
        return "an array"
    if isinstance(x, dict):
        return "a table"
    return type(x).__name__


def _bare_number_message(x: Any) -> str:
    return (
        f"number {x!r} has no source; write {{ value = {x!r}, source = "
        '"publisher, title, date" }} or source = "assumption: <reason>"'
    )


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# ------------------------------------------------------------------------ scenario


@dataclass(frozen=True, repr=False)
class Scenario:
    """A validated, read-only scenario (load it with :func:`load_scenario`).

    Every collection is immutable (tuples and read-only mappings); change a
    parameter with :meth:`with_params`, which returns a new, re-validated scenario.

    Attributes
    ----------
    id : str
        Short name (the bundled file's stem).
    metadata : Metadata
        Title, description, episode dates, references.
    economies, products : Mapping[str, Economy], Mapping[str, Product]
        By id, in file order.
    flows : tuple of Flow
        Annual trade flows (USD per year).
    nodes : Mapping[tuple[str, str], Node]
        Node attributes by ``(economy, product)``.
    players : Mapping[str, Player]
        By economy id, in file order.
    model : ModelSettings or None
        Horizon and discount rate.
    coalition : Coalition or None
    key_parameters, uncertain : tuple
        Threshold-search parameters and Monte Carlo parameters.
    outcome : Outcome or None
        What happened, for back-testing.
    file : str or None
        Where the scenario was read from.

    Examples
    --------
    >>> import coercion as co
    >>> sc = co.load_scenario("rare_earths")
    >>> sc.param("players.CN.pain_tolerance") > sc.param("players.US.pain_tolerance")
    True
    >>> [k.param for k in sc.key_parameters][:2]
    ['players.US.pain_tolerance', 'players.CN.pain_tolerance']
    >>> sc2 = sc.with_params({"players.US.pain_tolerance": 3.0})
    >>> sc2.param("players.US.pain_tolerance"), sc.param("players.US.pain_tolerance")
    (3.0, 0.5)
    """

    id: str
    metadata: Metadata
    economies: Mapping[str, Economy]
    products: Mapping[str, Product]
    flows: tuple[Flow, ...]
    nodes: Mapping[tuple[str, str], Node]
    players: Mapping[str, Player]
    model: ModelSettings | None = None
    coalition: Coalition | None = None
    key_parameters: tuple[KeyParameter, ...] = ()
    uncertain: tuple[UncertainParameter, ...] = ()
    outcome: Outcome | None = None
    file: str | None = None
    _registry: Mapping[str, tuple[Quantity, tuple[Any, ...]]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )
    _ranges: tuple[tuple[str, Quantity], ...] = field(default=(), compare=False)
    _raw: dict[str, Any] = field(default_factory=dict, compare=False)

    # -- construction --------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> Scenario:
        """Validate a parsed TOML document (a plain dict) and build the scenario.

        Raises
        ------
        ScenarioError
            If any field is missing, of the wrong type, out of its domain,
            refers to an unknown id, or is a number without a source.
        """
        return _Checker(copy.deepcopy(dict(data)), file).scenario()

    @classmethod
    def from_toml(cls, text: str, *, file: str = "<string>") -> Scenario:
        """Parse TOML text with :mod:`tomllib` and validate it.

        Raises
        ------
        ParseError
            If ``text`` is not valid TOML (with line and column).
        ScenarioError
            If the document is not a valid scenario.
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
            line, col = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
            if m:
                msg = msg[: m.start()].strip()
            raise ParseError(
                f"invalid TOML: {msg}", file=file, line=line, column=col
            ) from None
        return cls.from_dict(data, file=file)

    # -- people ----------------------------------------------------------------------

    def _role(self, role: str) -> tuple[str, ...]:
        return tuple(k for k, p in self.players.items() if p.role == role)

    @property
    def senders(self) -> tuple[str, ...]:
        """Economy ids of the senders, in file order."""
        return self._role("sender")

    @property
    def targets(self) -> tuple[str, ...]:
        """Economy ids of the targets, in file order."""
        return self._role("target")

    @property
    def third_parties(self) -> tuple[str, ...]:
        """Economy ids of the third parties, in file order."""
        return self._role("third_party")

    # -- parameters ------------------------------------------------------------------

    def param_names(self) -> list[str]:
        """Names of every sourced number, in file order.

        Examples
        --------
        >>> import coercion as co
        >>> names = co.load_scenario("ai_chips").param_names()
        >>> "model.discount_rate" in names
        True
        """
        return list(self._registry)

    def quantity(self, name: str) -> Quantity:
        """The sourced :class:`Quantity` called ``name``.

        Raises
        ------
        InvalidParameterError
            If no number has that name.
        """
        try:
            return self._registry[name][0]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._registry), n=3)
            hint = f"; did you mean {', '.join(close)}" if close else ""
            raise InvalidParameterError(
                f"{name!r} is not a parameter of scenario {self.id!r}{hint}",
                field="name",
            ) from None

    def param(self, name: str) -> float:
        """The plain value of the parameter ``name`` (a float).

        Raises
        ------
        InvalidParameterError
            If no number has that name.
        """
        value = self.quantity(name).value
        assert value is not None  # every registered quantity has a value
        return value

    def params(self) -> dict[str, float]:
        """Every parameter's plain value by name."""
        return {
            n: q.value for n, (q, _) in self._registry.items() if q.value is not None
        }

    def param_range(self, name: str) -> tuple[float, float]:
        """The search range of a key parameter, else the parameter's own range.

        Raises
        ------
        InvalidParameterError
            If no number has that name.
        """
        for k in self.key_parameters:
            if k.param == name:
                return k.range.range
        return self.quantity(name).range

    def iter_quantities(self) -> Iterator[tuple[str, Quantity]]:
        """``(name, quantity)`` for every sourced number, ranges included."""
        yield from ((n, q) for n, (q, _) in self._registry.items())
        yield from self._ranges

    def sources(self) -> pd.DataFrame:
        """A tidy table of every sourced number: one row each.

        Columns: ``name``, ``value``, ``low``, ``high``, ``unit``, ``year``,
        ``kind`` (citation, assumption, derived, definition), ``estimate``,
        ``source``, ``note``.

        Examples
        --------
        >>> import coercion as co
        >>> df = co.load_scenario("photoresists").sources()
        >>> bool(df["source"].str.len().gt(0).all())
        True
        >>> sorted(set(df["kind"]))
        ['assumption', 'citation', 'definition', 'derived']
        """
        import pandas as pd

        rows = [
            {
                "name": n,
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "year": q.year,
                "kind": q.source_kind,
                "estimate": q.is_estimate,
                "source": q.source,
                "note": q.note,
            }
            for n, q in self.iter_quantities()
        ]
        return pd.DataFrame(rows)

    def flows_frame(self) -> pd.DataFrame:
        """Flows as a tidy table: exporter, importer, product, value (USD/yr), low,
        high, quantity, quantity_unit."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "exporter": f.exporter,
                    "importer": f.importer,
                    "product": f.product,
                    "value": f.value.value,
                    "low": f.value.low,
                    "high": f.value.high,
                    "quantity": None if f.quantity is None else f.quantity.value,
                    "quantity_unit": None if f.quantity is None else f.quantity.unit,
                }
                for f in self.flows
            ]
        )

    def supply_mapping(self) -> dict[str, Any]:
        """The scenario's supply side as the plain rows of a supply graph.

        The result is what :meth:`coercion.supply.SupplyGraph.from_mapping`
        reads: ``flows``, ``nodes``, ``inputs``, ``economies``, ``products``, with
        plain central values. ``spare_capacity``, a share of the node's
        production in the scenario, becomes a value (USD/yr): the share times the
        node's ``production``, or times its recorded outflows when no production
        is given. ``world_share`` is not a supply-graph attribute and is left out.

        Examples
        --------
        >>> import coercion as co
        >>> m = co.load_scenario("photoresists").supply_mapping()
        >>> sorted(m)
        ['economies', 'flows', 'inputs', 'nodes', 'products']
        >>> m["inputs"][0]["input"], m["inputs"][0]["output"]
        ('photoresist', 'semiconductors')
        """
        flows = []
        outflow: dict[tuple[str, str], float] = {}
        for f in self.flows:
            row: dict[str, Any] = {
                "exporter": f.exporter,
                "importer": f.importer,
                "product": f.product,
                "value": f.value.value,
            }
            if f.quantity is not None:
                row["quantity"] = f.quantity.value
            flows.append(row)
            key = (f.exporter, f.product)
            outflow[key] = outflow.get(key, 0.0) + float(f.value.value or 0.0)
        nodes = []
        for (economy, product), n in self.nodes.items():
            row = {"economy": economy, "product": product}
            for attr in (
                "production",
                "inventory_days",
                "time_to_recover",
                "capability",
            ):
                q = getattr(n, attr)
                if q is not None:
                    row[attr] = q.value
            if n.spare_capacity is not None:
                base = (
                    n.production.value
                    if n.production is not None
                    else outflow.get((economy, product), 0.0)
                )
                row["spare_capacity"] = float(n.spare_capacity.value or 0.0) * float(
                    base or 0.0
                )
            if len(row) > 2:
                nodes.append(row)
        inputs = []
        for p in self.products.values():
            for r in p.inputs:
                row = {"input": r.product, "output": p.id, "share": r.share.value}
                if r.elasticity is not None:
                    row["elasticity"] = r.elasticity.value
                inputs.append(row)
        return {
            "flows": flows,
            "nodes": nodes,
            "inputs": inputs,
            "economies": list(self.economies),
            "products": list(self.products),
        }

    def supply_graph(self) -> Any:
        """The scenario's :class:`~coercion.supply.SupplyGraph` (central values).

        Built from :meth:`supply_mapping`; for other parameter values, call
        :meth:`with_params` first.

        Returns
        -------
        coercion.supply.SupplyGraph

        Raises
        ------
        SupplyGraphError
            If the supply graph rejects the rows (for instance a node's
            production below its recorded outflows).

        Examples
        --------
        >>> import coercion as co
        >>> sg = co.load_scenario("rare_earths").supply_graph()
        >>> sg.flow("CN", "US", "ndfeb_magnet")
        315000000.0
        >>> sg.input_shares("US", "light_vehicles")
        {'ndfeb_magnet': (0.001, 0.0)}
        """
        from coercion.supply.graph import SupplyGraph

        return SupplyGraph.from_mapping(self.supply_mapping())

    def with_params(self, values: Mapping[str, float]) -> Scenario:
        """A new scenario with the named parameters set to new values.

        The range of a changed number is widened to include the new value, its
        source is kept, and the scenario is validated again (so a share above 1
        is still rejected).

        Raises
        ------
        InvalidParameterError
            If a name is not a parameter.
        ScenarioError
            If a new value is out of its domain.
        """
        raw = copy.deepcopy(self._raw)
        for name, v in values.items():
            q = self.quantity(name)
            _, path = self._registry[name]
            node: Any = raw
            for part in path[:-1]:
                node = node[part]
            if path[-1] not in node:  # an implicit definition (no_control/full_ban)
                node[path[-1]] = {"value": q.value, "source": q.source}
            table = node[path[-1]]
            x = float(v)
            table["value"] = x
            if "low" in table:
                table["low"] = min(table["low"], x)
                table["high"] = max(table["high"], x)
        return Scenario.from_dict(raw, file=self.file)

    def sample(self, n: int, seed: Any = None) -> dict[str, np.ndarray]:
        """Draw ``n`` values of every uncertain parameter (Monte Carlo).

        Uniform and log-uniform draws use the range; triangular uses the range and
        the parameter's value as the mode. Draws are in file order from one
        generator, so a seed fixes all of them.

        Examples
        --------
        >>> import coercion as co
        >>> sc = co.load_scenario("rare_earths")
        >>> d = sc.sample(1000, seed=0)
        >>> lo, hi = sc.uncertain[0].range.range
        >>> x = d[sc.uncertain[0].param]
        >>> bool(lo <= x.min() and x.max() <= hi), x.shape
        (True, (1000,))
        """
        import numpy as np

        from coercion._random import as_generator

        if int(n) != n or n < 1:
            raise InvalidParameterError(f"{n!r} is not a positive integer", field="n")
        rng = as_generator(seed)
        out: dict[str, np.ndarray] = {}
        for u in self.uncertain:
            lo, hi = u.range.range
            if u.distribution == "uniform":
                out[u.param] = rng.uniform(lo, hi, size=int(n))
            elif u.distribution == "loguniform":
                out[u.param] = np.exp(rng.uniform(np.log(lo), np.log(hi), size=int(n)))
            else:
                mode = self.param(u.param)
                out[u.param] = (
                    rng.triangular(lo, mode, hi, size=int(n))
                    if hi > lo
                    else np.full(int(n), lo)
                )
        return out

    def __hash__(self) -> int:
        return hash((self.id, self.flows, tuple(self.params().items())))

    def __repr__(self) -> str:
        return (
            f"<Scenario {self.id!r}: {len(self.economies)} economies, "
            f"{len(self.products)} products, {len(self.flows)} flows, "
            f"{len(self.players)} players, {len(self._registry)} sourced numbers>"
        )


# ------------------------------------------------------------------------- loading


def bundled_scenarios() -> list[str]:
    """Names of the bundled scenarios (``games/*.toml``), sorted.

    Examples
    --------
    >>> from coercion.scenario import bundled_scenarios
    >>> {"rare_earths", "photoresists", "ai_chips"} <= set(bundled_scenarios())
    True
    """
    from coercion._data import bundled_games

    return [p.stem for p in bundled_games((".toml",))]


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and validate a scenario: a bundled name or a path to a TOML file.

    Parameters
    ----------
    name_or_path : str or Path
        A bundled scenario's name (``"rare_earths"``, see
        :func:`bundled_scenarios`) or the path of a ``.toml`` file.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        If the file does not exist or the document is not a valid scenario (the
        message names the file and the dotted field path).
    ParseError
        If the file is not valid TOML (with line and column).

    Examples
    --------
    >>> import coercion as co
    >>> sc = co.load_scenario("rare_earths")
    >>> sc.metadata.start.isoformat(), sc.senders
    ('2025-04-04', ('CN',))

    Notes
    -----
    The file is read with :func:`tomllib.load` only; nothing in it is executed.
    """
    path = Path(name_or_path)
    if not path.is_file():
        text = str(name_or_path)
        if path.suffix == "" and "/" not in text and "\\" not in text:
            from coercion._data import games_dir

            bundled = games_dir() / f"{text}.toml"
            if bundled.is_file():
                path = bundled
        if not path.is_file():
            raise ScenarioError(
                f"no scenario file {text!r} and no bundled scenario of that name; "
                f"bundled: {', '.join(bundled_scenarios())}",
                path="<file>",
                file=text,
            )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    return Scenario.from_toml(text, file=str(path))
