"""Tests of perfect Bayesian equilibria of signaling games (coercion.solve.perfect_bayesian)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidGameError, InvalidProfileError, NotSupportedError


def bluffing():
    """Resolved (1/3) or weak target; threatening costs the weak type 1.

    Hand analysis. The coercer presses iff P(weak | m) > 1/2 (press: +1 against
    weak, -1 against resolved; backing off 0). Semi-separating: the resolved
    type threatens; the weak type threatens with probability s, so
    P(resolved | threaten) = (1/3) / (1/3 + 2s/3) = 1/2 gives s = 1/2; quiet
    reveals weakness (pressed: 0). The weak type is indifferent iff
    2r - 1 = 0 with r the probability of backing off after a threat: r = 1/2.
    The resolved type gets 2r = 1 > 0. Pooling on quiet (pressed, 0 each) needs
    a threat to be pressed (resolved would get 2 > 0 otherwise): press is a
    best response iff P(resolved | threaten) <= 1/2, and at 1/2 only the pure
    press deters. Separating and pooling on threats fail (the weak type
    imitates, or prefers quiet).
    """

    def u(t, m, a):
        bluff = 1 if (t == "weak" and m == "threaten") else 0
        s = (2 if a == "back off" else 0) - bluff
        r = 0 if a == "back off" else (1 if t == "weak" else -1)
        return (s, r)

    return co.signaling_game(
        ["resolved", "weak"],
        {"resolved": "1/3", "weak": "2/3"},
        ["threaten", "quiet"],
        ["back off", "press"],
        u,
        players=("Target", "Coercer"),
    )


def beer_quiche():
    """Cho and Kreps (1987), QJE 102(2), p. 186: prior strong 9/10."""

    def u(t, m, a):
        pref = int((t == "strong") == (m == "beer"))
        duel = a == "duel"
        return (pref + (0 if duel else 2), (1 if t == "weak" else -1) if duel else 0)

    return co.signaling_game(
        ["strong", "weak"],
        {"strong": "9/10", "weak": "1/10"},
        ["beer", "quiche"],
        ["duel", "not"],
        u,
    )


def education():
    """Spence (1973) in miniature: education costs 1/2 (high) or 3 (low)."""

    def u(t, m, a):
        wage = 2 if a == "high wage" else 1
        cost = (F(1, 2) if t == "high" else 3) if m == "educate" else 0
        return (wage - cost, int((a == "high wage") == (t == "high")))

    return co.signaling_game(
        ["high", "low"],
        {"high": "1/2", "low": "1/2"},
        ["educate", "none"],
        ["high wage", "low wage"],
        u,
    )


def tree_regrets(game, e):
    """Nash regrets of the assessment in the game tree (independent of the solver)."""
    tree = game.to_extensive()
    behavior = [
        [[e.sender[t][m] for m in game.messages] for t in game.types],
        [[e.receiver[m][a] for a in game.actions] for m in game.messages],
    ]
    return co.behavior_regrets(tree, behavior)


def bayes(game, e):
    out = {}
    for m in game.messages:
        mass = sum(F(game.prior[t]) * e.sender[t][m] for t in game.types)
        if mass:
            out[m] = {t: F(game.prior[t]) * e.sender[t][m] / mass for t in game.types}
    return out


def deterred_brute_force(game, m, q, bound, steps=100):
    """Can a best response to belief q after m (pure or a grid mix of two) deter?"""
    t0, t1 = game.types

    def rv(a):
        return q * game.receiver_payoff(t0, m, a) + (1 - q) * game.receiver_payoff(
            t1, m, a
        )

    best = max(rv(a) for a in game.actions)
    br = [a for a in game.actions if rv(a) == best]
    for a, b in itertools.combinations_with_replacement(br, 2):
        for k in range(steps + 1):
            r = F(k, steps)
            if all(
                r * game.sender_payoff(t, m, a) + (1 - r) * game.sender_payoff(t, m, b)
                <= bound[t]
                for t in game.types
            ):
                return True
    return False


def test_semi_separating_equilibrium_hand_checked():
    g = bluffing()
    eqs = co.perfect_bayesian_equilibria(g)
    assert [e.kind for e in eqs] == ["pooling", "semi-separating"]
    (semi,) = eqs.of_kind("semi-separating")
    assert semi.sender["weak"] == {"threaten": F(1, 2), "quiet": F(1, 2)}
    assert semi.sender["resolved"] == {"threaten": 1, "quiet": 0}
    assert semi.receiver["threaten"] == {"back off": F(1, 2), "press": F(1, 2)}
    assert semi.receiver["quiet"] == {"back off": 0, "press": 1}
    assert semi.beliefs["threaten"]["resolved"] == F(1, 2)
    assert semi.beliefs["quiet"]["resolved"] == 0
    assert semi.sender_payoffs == {"resolved": 1, "weak": 0}
    assert semi.off_path == {}
    (pool,) = eqs.of_kind("pooling")
    assert pool.on_path == ("quiet",)
    assert pool.off_path == {"threaten": ((0, F(1, 2)),)}


@pytest.mark.parametrize(
    ("game", "kinds"),
    [
        # Cho and Kreps (1987): pooling on beer and pooling on quiche only
        (beer_quiche, ["pooling", "pooling"]),
        (bluffing, ["pooling", "semi-separating"]),
    ],
)
def test_known_equilibrium_sets(game, kinds):
    assert [e.kind for e in co.perfect_bayesian_equilibria(game())] == kinds


def test_beer_quiche_off_path_beliefs():
    eqs = co.perfect_bayesian_equilibria(beer_quiche())
    beer, quiche = eqs
    assert beer.on_path == ("beer",) and beer.off_path == {"quiche": ((0, F(1, 2)),)}
    assert quiche.on_path == ("quiche",) and quiche.off_path == {
        "beer": ((0, F(1, 2)),)
    }
    # at the end point q = 1/2 the receiver must duel with probability >= 1/2
    assert beer.receiver["quiche"]["duel"] >= F(1, 2)


def test_separating_education():
    eqs = co.perfect_bayesian_equilibria(education())
    sep = eqs.of_kind("separating")
    assert len(sep) == 1
    assert sep[0].sender["high"]["educate"] == 1 and sep[0].sender["low"]["none"] == 1
    assert sep[0].receiver["educate"]["high wage"] == 1
    assert sep[0].sender_payoffs == {"high": F(3, 2), "low": 1}
    # pooling on no education with either wage (the receiver is indifferent at 1/2)
    assert len(eqs.of_kind("pooling")) == 2


@pytest.mark.parametrize("game", [bluffing, beer_quiche, education])
def test_certificates_checked_independently(game):
    g = game()
    for e in co.perfect_bayesian_equilibria(g):
        assert e.is_certified
        assert co.is_perfect_bayesian(g, e.sender, e.receiver, e.beliefs)
        assert all(r == 0 for r in tree_regrets(g, e))
        for m, post in bayes(g, e).items():
            assert e.beliefs[m] == post
        for m, intervals in e.off_path.items():
            for k in range(21):
                q = F(k, 20)
                inside = any(lo <= q <= hi for lo, hi in intervals)
                assert inside == deterred_brute_force(g, m, q, e.sender_payoffs)


def test_extensive_form_and_efg(tmp_path):
    g = bluffing()
    tree = g.to_extensive()
    assert [h.label for h in tree.infosets("Coercer")] == [
        "after threaten",
        "after quiet",
    ]
    co.write_game(tree, tmp_path / "bluff.efg")
    back = co.read_game(tmp_path / "bluff.efg")
    assert back.reduced_strategic_form() == tree.reduced_strategic_form()


def test_unsupported_and_bad_inputs():
    three = co.signaling_game(
        ["a", "b", "c"],
        {"a": "1/3", "b": "1/3", "c": "1/3"},
        ["m"],
        ["x"],
        lambda t, m, a: (0, 0),
    )
    with pytest.raises(NotSupportedError, match="two types"):
        co.perfect_bayesian_equilibria(three)
    with pytest.raises(NotSupportedError):
        co.perfect_bayesian_equilibria(beer_quiche().to_extensive())
    with pytest.raises(InvalidGameError) as info:
        co.signaling_game(
            ["a", "b"], {"a": "1/2", "b": "1/3"}, ["m"], ["x"], lambda t, m, a: (0, 0)
        )
    assert info.value.field == "prior"
    with pytest.raises(InvalidGameError) as info:
        co.signaling_game(["a"], {"a": 1}, ["m"], ["x"], {("a", "m", "x"): (0,)})
    assert info.value.field == "payoffs[('a', 'm', 'x')]"
    with pytest.raises(InvalidProfileError):
        co.is_perfect_bayesian(beer_quiche(), {"strong": {"beer": 1}}, {}, {})


payoff = st.integers(-2, 2)


@st.composite
def random_signaling(draw):
    w = draw(st.integers(1, 4))
    table = {
        (t, m, a): (draw(payoff), draw(payoff))
        for t in ("t0", "t1")
        for m in ("m0", "m1")
        for a in ("a0", "a1")
    }
    return co.signaling_game(
        ["t0", "t1"],
        {"t0": F(w, 5), "t1": F(5 - w, 5)},
        ["m0", "m1"],
        ["a0", "a1"],
        table,
    )


@settings(max_examples=25, deadline=None)
@given(random_signaling())
def test_random_games_certified_and_no_pure_equilibrium_missed(g):
    eqs = co.perfect_bayesian_equilibria(g)
    found = set()
    for e in eqs:
        assert e.is_certified
        assert all(r == 0 for r in tree_regrets(g, e))
        if e.kind != "semi-separating":
            key = tuple(max(e.sender[t], key=e.sender[t].get) for t in g.types)
            on = tuple((m, tuple(e.receiver[m].values())) for m in e.on_path)
            found.add((key, on))
    # brute force: pure sender, pure receiver everywhere, off-path beliefs on a grid
    for s in itertools.product(g.messages, repeat=2):
        for r in itertools.product(g.actions, repeat=2):
            sender = {
                t: {m: int(m == s[k]) for m in g.messages}
                for k, t in enumerate(g.types)
            }
            receiver = {
                m: {a: int(a == r[j]) for a in g.actions}
                for j, m in enumerate(g.messages)
            }
            grid = [F(k, 12) for k in range(13)] if s[0] == s[1] else [F(0)]
            for q in grid:
                beliefs = {}
                for m in g.messages:
                    senders = [t for k, t in enumerate(g.types) if s[k] == m]
                    if senders:
                        mass = sum(F(g.prior[t]) for t in senders)
                        beliefs[m] = {
                            t: (F(g.prior[t]) / mass if t in senders else 0)
                            for t in g.types
                        }
                    else:
                        beliefs[m] = {"t0": q, "t1": 1 - q}
                if co.is_perfect_bayesian(g, sender, receiver, beliefs):
                    on = tuple(sorted(set(s), key=g.messages.index))
                    key = (s, tuple((m, tuple(receiver[m].values())) for m in on))
                    assert key in found


def test_table_output():
    frame = co.perfect_bayesian_equilibria(bluffing()).to_frame()
    assert len(frame) == 4
    pool = frame[(frame["equilibrium"] == 0) & (frame["message"] == "threaten")]
    assert not pool["on_path"].item()
    assert pool["belief_set"].item() == ((0, F(1, 2)),)
    semi = frame[(frame["equilibrium"] == 1) & (frame["message"] == "threaten")]
    assert semi["sent_by_weak"].item() == F(1, 2)
    assert semi["response_back off"].item() == F(1, 2)
