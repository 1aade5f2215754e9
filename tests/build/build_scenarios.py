"""Small hand-made scenarios for the payoff compiler's tests (TOML text)."""

from __future__ import annotations

A = 'source = "assumption: a round number for a hand-checked test"'

_TEMPLATE = f"""
schema = "coercion-scenario/1"
id = "handmade"

[metadata]
title = "A hand-made export-control episode"
description = "S sells T a part that T's machines need; K can fill part of a gap."
start = 2025-01-01

[[economies]]
id = "S"
name = "Sender"

[[economies]]
id = "T"
name = "Target"

[[economies]]
id = "K"
name = "Third country"

[[products]]
id = "part"
name = "A part"
tier = "upstream"

[[products]]
id = "machine"
name = "A machine"
tier = "final"

[[products.inputs]]
product = "part"
share = {{ value = 0.1, {A} }}

[[products]]
id = "metal"
name = "A metal T sells S"
tier = "upstream"

[[products]]
id = "tool"
name = "A tool S makes from the metal"
tier = "final"

[[products.inputs]]
product = "metal"
share = {{ value = 0.1, {A} }}

[[flows]]
exporter = "S"
importer = "T"
product = "part"
value = {{ value = 80.0, {A} }}

[[flows]]
exporter = "K"
importer = "T"
product = "part"
value = {{ value = 20.0, {A} }}

[[flows]]
exporter = "T"
importer = "T"
product = "machine"
value = {{ value = 1000.0, {A} }}

[[flows]]
exporter = "T"
importer = "S"
product = "metal"
value = {{ value = 10.0, {A} }}

[[flows]]
exporter = "S"
importer = "S"
product = "tool"
value = {{ value = 400.0, {A} }}

[[nodes]]
economy = "K"
product = "part"
production = {{ value = 100.0, {A} }}
spare_capacity = {{ value = {{spare}}, low = 0.0, high = 1.0, {A} }}

[[nodes]]
economy = "T"
product = "part"
inventory_days = {{ value = {{inventory}}, {A} }}

[players.S]
role = "sender"
stake = {{ value = {{stake_s}}, {A} }}
pain_tolerance = {{ value = 1.0, low = 0.5, high = 2.0, {A} }}

{{ladder}}

[players.T]
role = "target"
stake = {{ value = {{stake_t}}, {A} }}
pain_tolerance = {{ value = 1.0, low = 0.25, high = 4.0, {A} }}

{{responses}}

[players.K]
role = "third_party"

[model]
horizon_years = {{ value = 2.0, {A} }}
discount_rate = {{ value = 0.0, {A} }}

[[key_parameters]]
param = "players.T.pain_tolerance"
label = "Target pain tolerance"
range = {{ low = 0.25, high = 4.0, {A} }}

[[key_parameters]]
param = "nodes.K.part.spare_capacity"
label = "Spare capacity of the third country"
"""

RUNGS = {
    "none": 'name = "none"\naction = "no_control"\nproduct = "part"',
    "licensing": (
        'name = "licensing"\naction = "licensing"\nproduct = "part"\n'
        f"cut = {{ value = 0.5, {A} }}"
    ),
    "ban": 'name = "ban"\naction = "full_ban"\nproduct = "part"',
}

RESPONSES = {
    "concede": 'name = "concede"\nkind = "concede"',
    "absorb": 'name = "absorb"\nkind = "absorb"',
    "retaliate": (
        'name = "metal_ban"\nkind = "retaliate"\nproduct = "metal"\n'
        f"cut = {{ value = 1.0, {A} }}"
    ),
    "substitute": (
        'name = "invest"\nkind = "substitute"\nproduct = "part"\n'
        f"cost = {{ value = 50.0, {A} }}\n"
        f"time = {{ value = 1.0, {A} }}\n"
        f"reduction = {{ value = 0.5, {A} }}"
    ),
}


def handmade_toml(
    *,
    rungs: tuple[str, ...] = ("none", "licensing", "ban"),
    responses: tuple[str, ...] = ("concede", "absorb", "retaliate", "substitute"),
    spare: float = 0.25,
    inventory: float = 0.0,
    stake_s: float = 200.0,
    stake_t: float = 200.0,
) -> str:
    """The hand-made scenario with the chosen rungs and responses."""
    ladder = "\n\n".join(f"[[players.S.ladder]]\n{RUNGS[r]}" for r in rungs)
    resp = "\n\n".join(f"[[players.T.responses]]\n{RESPONSES[r]}" for r in responses)
    return (
        _TEMPLATE.replace("{spare}", repr(float(spare)))
        .replace("{inventory}", repr(float(inventory)))
        .replace("{stake_s}", repr(float(stake_s)))
        .replace("{stake_t}", repr(float(stake_t)))
        .replace("{ladder}", ladder)
        .replace("{responses}", resp)
    )


def handmade(**kw):
    """The hand-made scenario as a :class:`coercion.Scenario`."""
    from coercion.scenario import Scenario

    return Scenario.from_toml(handmade_toml(**kw), file="<handmade>")
