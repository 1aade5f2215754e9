"""The supply graph: dependence, propagation of cuts, coalitions, substitution.

Heavy libraries (networkx, scipy, pandas) load here, not on ``import coercion``.

Examples
--------
>>> import coercion as co
>>> sg = co.SupplyGraph.from_mapping({"flows": [
...     {"exporter": "JP", "importer": "KR", "product": "resist", "value": 92},
...     {"exporter": "US", "importer": "KR", "product": "resist", "value": 8}]})
>>> co.dependence(sg, product="resist").top_supplier["KR"]
('JP', 0.92)
"""

from coercion.supply.coalition import (
    coalition_share,
    denial_fraction,
    denial_table,
    effective_denial,
)
from coercion.supply.dependence import (
    Dependence,
    IOSystem,
    dependence,
    dependence_asymmetry,
    ghosh_inverse,
    hypothetical_extraction,
    import_share_matrix,
    indirect_dependence,
    io_system,
    leontief_inverse,
    mutual_dependence,
    supplier_concentration,
    value_at_risk_matrix,
    world_supply_shares,
)
from coercion.supply.graph import DAYS_PER_YEAR, NODE_DEFAULTS, SupplyGraph
from coercion.supply.propagation import (
    Cut,
    CutResult,
    NodeShock,
    ces_availability,
    cumulative_gap,
    cumulative_unmet,
    discount_factors,
    leakage,
    lost_flow,
    propagate_cut,
    propagate_cuts,
    propagate_shortfall,
    recovery_fraction,
    sender_export_loss,
    time_to_survive,
)
from coercion.supply.substitution import (
    DEFAULT_RESPONSES,
    ChokeholdResponse,
    chokehold_response,
    dependence_after_threat,
    substitute,
    substitution_revenue_loss,
)

__all__ = [
    "coalition_share",
    "denial_fraction",
    "denial_table",
    "effective_denial",
    "DEFAULT_RESPONSES",
    "ChokeholdResponse",
    "chokehold_response",
    "dependence_after_threat",
    "substitute",
    "substitution_revenue_loss",
    "Dependence",
    "IOSystem",
    "dependence",
    "dependence_asymmetry",
    "ghosh_inverse",
    "hypothetical_extraction",
    "import_share_matrix",
    "indirect_dependence",
    "io_system",
    "leontief_inverse",
    "mutual_dependence",
    "supplier_concentration",
    "value_at_risk_matrix",
    "world_supply_shares",
    "DAYS_PER_YEAR",
    "NODE_DEFAULTS",
    "SupplyGraph",
    "Cut",
    "CutResult",
    "NodeShock",
    "propagate_cuts",
    "ces_availability",
    "cumulative_gap",
    "cumulative_unmet",
    "discount_factors",
    "leakage",
    "lost_flow",
    "propagate_cut",
    "propagate_shortfall",
    "recovery_fraction",
    "sender_export_loss",
    "time_to_survive",
]
