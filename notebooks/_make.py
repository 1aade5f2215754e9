"""Write the notebooks in this folder (without outputs) from the cells below.

Run ``python notebooks/_make.py`` after editing; commit the script and the
notebooks together. Every notebook calls library functions only: a hypothesis
notebook draws its figure with the same :mod:`coercion.analysis.hypotheses`
function that ``coercion reproduce`` calls.

Sliders use ipywidgets when it is installed; ``widgets.interactive`` calls its
function once at creation, so a notebook executed without a frontend (the test
suite, ``nbclient``) still runs every drawing path.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """\
import matplotlib.pyplot as plt

import coercion as co
from coercion.analysis import hypotheses as hyp

try:  # sliders need ipywidgets; without it (or without a frontend) the rest runs
    import ipywidgets as widgets
    from IPython.display import display
except ImportError:  # pragma: no cover
    widgets = None"""

MISSION = {
    "pain_tolerance": (
        "In 2025 China's rare-earth export controls worked even though they hurt "
        "China, because China was willing to take more economic pain than the US. "
        "Who concedes first depends on the ratio of each side's cost of the fight "
        "to its stake, and on what each side *believes* about the other's tolerance."
    ),
    "managed_dependence": (
        "The optimal level of an adversary's dependence on your goods may be "
        "*non-zero*: cutting it off early makes it invest in substitutes and the "
        "leverage is gone. What export level maximises the sender's long-run "
        "leverage, and when is it zero?"
    ),
    "upstream_goods": (
        "Cutting off an intermediate good (photoresist, a ten-cent "
        "microcontroller) disrupts far more downstream value than cutting off a "
        "finished good."
    ),
    "time_to_recovery": (
        "Economic security can be measured as how long it takes to recover after "
        "a disruption; the target's pain, and the credibility of a threat, depend "
        "on it."
    ),
    "collective_resilience": (
        "Controls by one country fail when others fill the void; controls work "
        "when the holders of the capacity act together."
    ),
    "interdependence_deters": (
        "An isolated, self-sufficient state has less to lose from escalation and "
        "is harder to deter."
    ),
    "breaking_chokeholds": (
        "A target can substitute in different ways (dig in, jam, attack, "
        "leapfrog) depending on its own capability and how fast the technology "
        "changes; these set how fast its dependence falls after a threat."
    ),
    "mutual_chokepoints": (
        "When each side holds a chokepoint over the other, mutual exposure can "
        "deter, but only while each threat stays credible and neither side's "
        "leverage erodes faster than the other's."
    ),
}

# per hypothesis: (case, extra analysis cells, slider cell)
HYPOTHESIS_CELLS: dict[str, tuple[str, list[str], str]] = {
    "pain_tolerance": (
        "rare_earths",
        [
            "# the threshold ratio of pain tolerances at which the US concedes first\n"
            "rho = res.key['threshold_ratio']\n"
            'print(f"US concedes first while tau_US / tau_CN < {rho:.4g}; "\n'
            "      f\"the case has {res.key['ratio']:.3g}: \"\n"
            "      f\"{res.key['concedes_first']} concedes first\")",
            "# the same test on the other cases (each compiled from its scenario)\n"
            "import pandas as pd\n"
            "pd.DataFrame([\n"
            "    {'case': r.case, 'sender': r.key['sender'], 'target': r.key['target'],\n"
            "     'threshold_ratio': float(r.key['threshold_ratio']),\n"
            "     'case_ratio': float(r.key['ratio']),\n"
            "     'concedes_first': r.key['concedes_first']}\n"
            "    for r in [res, hyp.pain_tolerance('photoresists')]\n"
            "])",
            "# belief matters: if the US believed its tolerance ratio were twice the\n"
            "# threshold, it would expect China to yield and stand firm into a\n"
            "# collision (private types: co.models.bayesian_chicken)\n"
            "wrong = hyp.pain_tolerance('rare_earths', believed_ratio=2 * rho)\n"
            "print('miscalculation:', wrong.key['miscalculation'],\n"
            "      '| collision probability of the mixed equilibrium:',\n"
            "      round(float(res.key['collision_probability']), 4))",
        ],
        "f = hyp.fight_terms('rare_earths')\n"
        "\n"
        "def show(log10_tau_us=-0.3, log10_tau_cn=0.3):\n"
        "    r = hyp.pain_tolerance(pain=f['pain'], stakes=f['stake'],\n"
        "                           tolerance=(10**log10_tau_cn, 10**log10_tau_us))\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print(r.key['concedes_first'], 'concedes first')\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        log10_tau_us=widgets.FloatSlider(value=-0.3, min=-1, max=3, step=0.1,\n"
        "                                         continuous_update=False),\n"
        "        log10_tau_cn=widgets.FloatSlider(value=0.3, min=-1, max=1, step=0.1,\n"
        "                                         continuous_update=False)))",
    ),
    "managed_dependence": (
        "ai_chips",
        [
            "k = res.key\n"
            "print(f\"optimal export level d* = {float(k['optimal_export_level']):.3f} \"\n"
            "      f\"(= K / (rho V) = {float(k['threshold']):.3f})\")\n"
            'print(f"it is zero when the security cost per unit of dependence exceeds "\n'
            "      f\"{float(k['zero_when_security_cost_above']) / 1e9:.1f} bn USD, \"\n"
            '      "or when substitution is free (K = 0)")',
            "# cutting off early makes coercion certain (rho = 1): the threshold falls\n"
            "early = hyp.managed_dependence('ai_chips', coercion_probability=1)\n"
            "float(early.key['optimal_export_level'])",
            "# over time: the export policy that maximises the sender's discounted\n"
            "# leverage while the target's dependence ceiling falls as it invests\n"
            "# (a Markov decision problem solved exactly by backward induction)\n"
            "from coercion.dynamics import managed_dependence_policy\n"
            "\n"
            "pol = managed_dependence_policy(\n"
            "    [1, '3/4', '1/2', '1/4', 0], substitution_cost=k['substitution_cost'],\n"
            "    coercion_probability=k['coercion_probability'],\n"
            "    exposed_value=k['exposed_value'], trade_margin=k['trade_margin'],\n"
            "    investment_probability='1/2', horizon=30, periods=15)\n"
            "print('plan by dependence ceiling (1 .. 0):', pol.plan)\n"
            "fig, ax = plt.subplots(figsize=(6.4, 3.4), layout='constrained')\n"
            "t = range(len(pol.ceiling_path))\n"
            "ax.step(t, [float(x) for x in pol.ceiling_path], where='post',\n"
            '        label="target\'s dependence ceiling")\n'
            "ax.step(t, [float(x) for x in pol.export_path], where='post',\n"
            "        label='expected export level')\n"
            "ax.axhline(float(pol.threshold), ls='--', c='0.4',\n"
            "           label='substitution threshold K/(rho V)')\n"
            "ax.set_xlabel('years after the first control')\n"
            "ax.set_ylabel('share of the pre-control level')\n"
            "ax.set_title('AI chips: managed dependence over time')\n"
            "ax.legend(frameon=False, fontsize='small')\n"
            "plt.show()",
        ],
        "def show(coercion_probability=0.5, security_bn=0.0, leverage_share=0.1):\n"
        "    r = hyp.managed_dependence(\n"
        "        'ai_chips', coercion_probability=coercion_probability,\n"
        "        security_cost=security_bn * 1e9, leverage_share=leverage_share)\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print('d* =', float(r.key['optimal_export_level']))\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        coercion_probability=widgets.FloatSlider(\n"
        "            value=0.5, min=0.05, max=1, step=0.05, continuous_update=False),\n"
        "        security_bn=widgets.FloatSlider(\n"
        "            value=0, min=0, max=150, step=5, continuous_update=False),\n"
        "        leverage_share=widgets.FloatSlider(\n"
        "            value=0.1, min=0, max=1, step=0.05, continuous_update=False)))",
    ),
    "upstream_goods": (
        "photoresists",
        [
            "res.table",
            "# the cut behind the largest multiplier, on the supply graph\n"
            "sc = co.load_scenario('photoresists')\n"
            "sg = sc.supply_graph()\n"
            "cut = co.propagate_cut(sg, 'JP', 'KR', res.key['product'], 1.0)\n"
            "co.plot.draw_supply_graph(sg, cut)\n"
            "plt.show()",
        ],
        "sc = co.load_scenario('photoresists')\n"
        "\n"
        "def show(elasticity=0.0, product='photoresist'):\n"
        "    name = 'products.semiconductors.inputs.photoresist.elasticity'\n"
        "    r = hyp.upstream_goods(sc.with_params({name: elasticity}))\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print(r.table[['product', 'multiplier']].to_string(index=False))\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        elasticity=widgets.FloatSlider(value=0.0, min=0, max=2, step=0.1,\n"
        "                                       continuous_update=False),\n"
        "        product=widgets.fixed('photoresist')))",
    ),
    "time_to_recovery": (
        "rare_earths",
        [
            "k = res.key\n"
            "print(f\"{k['product']}: time to survive {k['time_to_survive']:.2f} y; \"\n"
            '      f"each extra year to recover adds "\n'
            "      f\"{k['value_at_risk_per_year'] / 1e9:.0f} bn USD at risk\")",
            "# the same cut as a time path of output availability\n"
            "sc = co.load_scenario('rare_earths')\n"
            "cut = co.propagate_cut(sc.supply_graph(), 'CN', 'US', k['product'], 1.0,\n"
            "                       horizon=3)\n"
            "co.plot.plot_time_path(cut)\n"
            "plt.show()",
        ],
        "sc = co.load_scenario('rare_earths')\n"
        "\n"
        "def show(inventory_days=50.0):\n"
        "    s = sc.with_params({'nodes.US.ndfeb_magnet.inventory_days': inventory_days})\n"
        "    r = hyp.time_to_recovery(s, times=[0.5, 1, 2, 3, 4, 6, 8, 10])\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show, inventory_days=widgets.FloatSlider(\n"
        "            value=50, min=0, max=365, step=5, continuous_update=False)))",
    ),
    "collective_resilience": (
        "photoresists",
        [
            "k = res.key\n"
            "print(f\"{k['alone']} alone denies {k['denial_alone']:.0%} of Korea's \"\n"
            "      f\"{k['product']}; {'+'.join(k['members'])} together deny \"\n"
            "      f\"{k['denial_together']:.0%}\")",
            "# the coalition game: the largest leakage at which every member keeps\n"
            "# controlling (co.models.critical_leakage), and the AI-chips tool coalition\n"
            "chips = hyp.collective_resilience('ai_chips')\n"
            "print(k['critical_leakage'], chips.key['denial_alone'],\n"
            "      chips.key['denial_together'])\n"
            "chips.figure()\n"
            "plt.show()",
        ],
        "sc = co.load_scenario('photoresists')\n"
        "\n"
        "def show(tw_spare=0.3):\n"
        "    r = hyp.collective_resilience(\n"
        "        sc.with_params({'nodes.TW.hf.spare_capacity': tw_spare}))\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show, tw_spare=widgets.FloatSlider(\n"
        "            value=0.3, min=0, max=1, step=0.05, continuous_update=False)))",
    ),
    "interdependence_deters": (
        "ai_chips",
        [
            "k = res.key\n"
            "print(f\"critical self-sufficiency s* = {k['critical_self_sufficiency']:.3g}\"\n"
            '      f" (US deterred for s < s*); counter-control: "\n'
            "      f\"{k['counter_response']}\")",
            "# rare earths: the US's counter-controls cost China little in the\n"
            "# compiled game, so China is never deterred\n"
            "hyp.interdependence_deters('rare_earths').verdicts",
        ],
        "f = hyp.fight_terms('ai_chips')\n"
        "\n"
        "def show(self_sufficiency=0.0, log10_tau_us=0.0):\n"
        "    tau = f['tolerance']\n"
        "    pain_s = f['export_loss'] + (1 - self_sufficiency) * f['counter']\n"
        "    r = hyp.pain_tolerance(pain=(pain_s, f['damage'] + f['counter_cost']),\n"
        "                           stakes=f['stake'],\n"
        "                           tolerance=(10**log10_tau_us, tau[1]))\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print(r.key['concedes_first'], 'backs down first')\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        self_sufficiency=widgets.FloatSlider(\n"
        "            value=0, min=0, max=1, step=0.05, continuous_update=False),\n"
        "        log10_tau_us=widgets.FloatSlider(\n"
        "            value=0, min=-1, max=2, step=0.1, continuous_update=False)))",
    ),
    "breaking_chokeholds": (
        "ai_chips",
        [
            "k = res.key\n"
            "print(f\"China's way out for {k['product']}: {k['mode']}; \"\n"
            "      f\"{k['dependence_left']:.0%} of the dependence left after \"\n"
            "      f\"{k['years']:g} years\")",
            "# dependence paths after the threat for the four corner strategies\n"
            "import numpy as np\n"
            "years = np.linspace(0, 15, 61)\n"
            "ax = co.plot.new_axes()\n"
            "for cap, speed in [(0, 0), (0, 1), (1, 0), (1, 1)]:\n"
            "    r = co.supply.chokehold_response(cap, speed)\n"
            "    ax.plot(years, r.dependence_ratio(years), label=r.mode)\n"
            "ax.set_xlabel('Years after the threat')\n"
            "ax.set_ylabel('Dependence left (share of initial)')\n"
            "ax.legend()\n"
            "plt.show()",
        ],
        "def show(capability=0.3, tech_speed=0.8):\n"
        "    r = hyp.breaking_chokeholds('ai_chips', capability=capability,\n"
        "                                tech_speed=tech_speed, points=21)\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print(r.key['mode'], f\"{r.key['dependence_left']:.0%} left\")\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        capability=widgets.FloatSlider(value=0.3, min=0, max=1, step=0.05,\n"
        "                                       continuous_update=False),\n"
        "        tech_speed=widgets.FloatSlider(value=0.8, min=0, max=1, step=0.05,\n"
        "                                       continuous_update=False)))",
    ),
    "mutual_chokepoints": (
        "ai_chips",
        [
            "k = res.key\n"
            "print('deterred until (years):', k['deterred_until'])\n"
            "print('retaliation credible:', k['credible'])\n"
            "print('gains from escalating first:', k['escalates_first'])",
        ],
        "def show(log10_tau_us=0.0, log10_tau_cn=0.3, chip_speed=0.8):\n"
        "    r = hyp.mutual_chokepoints(\n"
        "        'ai_chips', tolerance=(10**log10_tau_us, 10**log10_tau_cn),\n"
        "        tech_speed=(chip_speed, 0.2))\n"
        "    r.figure()\n"
        "    plt.show()\n"
        "    print(r.key['deterred_until'], 'escalates first:', r.key['escalates_first'])\n"
        "\n"
        "if widgets is not None:\n"
        "    display(widgets.interactive(\n"
        "        show,\n"
        "        log10_tau_us=widgets.FloatSlider(value=0, min=-1, max=1, step=0.1,\n"
        "                                         continuous_update=False),\n"
        "        log10_tau_cn=widgets.FloatSlider(value=0.3, min=-2, max=1, step=0.1,\n"
        "                                         continuous_update=False),\n"
        "        chip_speed=widgets.FloatSlider(value=0.8, min=0, max=1, step=0.05,\n"
        "                                       continuous_update=False)))",
    ),
}


def hypothesis_notebook(name: str) -> nbformat.NotebookNode:
    case, extra, slider = HYPOTHESIS_CELLS[name]
    title = name.replace("_", " ").capitalize()
    cells = [
        new_markdown_cell(
            f"# Hypothesis: {title}\n\n"
            f"> {MISSION[name]}\n\n"
            f"Stated as a model: `coercion.analysis.hypotheses.{name}` (read its "
            "docstring for the mathematics and the sources). The case is "
            f"`{case}` (`games/{case}.toml`, every number with its source). "
            "`coercion reproduce` draws the same figure from the same function."
        ),
        new_code_cell(SETUP),
        new_markdown_cell("## The model and its result"),
        new_code_cell(f"sc = co.load_scenario({case!r})\nprint(sc)"),
        new_code_cell(f"res = hyp.{name}({case!r})\nres"),
        new_code_cell("res.figure()\nplt.show()"),
        new_markdown_cell(
            "## Testing the hypothesis\n\n"
            "For which parameters does it hold, and where does it fail?"
        ),
        new_code_cell("res.verdicts"),
        *[new_code_cell(c) for c in extra],
        new_markdown_cell(
            "## Explore\n\nMove the sliders to redraw the result (needs a "
            "Jupyter frontend with ipywidgets)."
        ),
        new_code_cell(slider),
        new_markdown_cell("## Caveats"),
        new_code_cell("for c in res.caveats:\n    print('-', c)"),
    ]
    return _notebook(cells)


CASES = {
    "rare_earths": (
        "Rare earths",
        "China dominates mining, and even more separation, refining and magnet "
        "making; it restricted exports to Japan in 2010 and broadly in 2023-2025.",
        "ndfeb_magnet",
        ["pain_tolerance", "time_to_recovery", "collective_resilience"],
    ),
    "photoresists": (
        "Photoresists",
        "A few Japanese firms dominate; Japan restricted photoresist, hydrogen "
        "fluoride and fluorinated polyimide exports to Korea in 2019 and softened "
        "soon after; Korea localised some supply.",
        "photoresist",
        ["upstream_goods", "collective_resilience", "pain_tolerance"],
    ),
    "ai_chips": (
        "AI chips",
        "The US restricts advanced AI accelerators and chip-making tools to China "
        "since 2022; China answers with its own chips and with counter-controls "
        "on minerals.",
        "ai_accelerator",
        ["managed_dependence", "breaking_chokeholds", "mutual_chokepoints"],
    ),
}


def case_notebook(case: str) -> nbformat.NotebookNode:
    title, blurb, product, hyps = CASES[case]
    cells = [
        new_markdown_cell(
            f"# Case: {title}\n\n{blurb}\n\n"
            f"The scenario `games/{case}.toml` holds the supply graph, the players, "
            "their ladders and responses, stakes and pain tolerances, each number "
            "with its source. Everything below is a library call."
        ),
        new_code_cell(SETUP),
        new_markdown_cell("## The scenario and its supply graph"),
        new_code_cell(
            f"sc = co.load_scenario({case!r})\n"
            "sender, target = sc.senders[0], sc.targets[0]\n"
            "print(sc)\n"
            "sc.flows_frame()"
        ),
        new_code_cell(
            "sg = sc.supply_graph()\n"
            f"cut = co.propagate_cut(sg, sender, target, {product!r}, 1.0)\n"
            "co.plot.draw_supply_graph(sg, cut)\n"
            "plt.show()\n"
            "co.plot.plot_value_at_risk(cut)\n"
            "plt.show()"
        ),
        new_markdown_cell(
            "## The compiled game\n\nThe sender's rungs against the target's "
            "response plans; every payoff is a sum of named terms."
        ),
        new_code_cell(
            "cg = co.build.export_control_game(sc)\n"
            "print(cg.game.to_text())\n"
            "co.build.explain(cg).query('value != 0').head(12)"
        ),
        new_code_cell("eqs = co.solve(cg.game)\neqs.to_frame().head(12)"),
        new_markdown_cell(
            "## Regime map over the two pain tolerances\n\n"
            "The sender moves first and the target answers (leader-follower "
            "equilibrium). The slider moves the case's first key parameter "
            "that is not a pain tolerance and redraws the map."
        ),
        new_code_cell(
            "model = co.build.case_model(sc)\n"
            "other = next(k for k in sc.key_parameters\n"
            "             if 'pain_tolerance' not in k.param)\n"
            "lo, hi = sc.param_range(other.param)\n"
            "\n"
            "value0 = sc.param(other.param)\n"
            "\n"
            "\n"
            "def show(value=value0):\n"
            "    df = co.regime_map(model, ('pain_tolerance.sender', 0.1, 5, 6),\n"
            "                       ('pain_tolerance.target', 0.1, 5, 6),\n"
            "                       fixed={other.param: value},\n"
            "                       regime='leader-follower')\n"
            "    co.plot.plot_regime_map(df, 'pain_tolerance.sender',\n"
            "                            'pain_tolerance.target',\n"
            "                            xlabel=f'{sender} pain tolerance (ratio)',\n"
            "                            ylabel=f'{target} pain tolerance (ratio)',\n"
            "                            title=f'{other.label} = {value:.3g}')\n"
            "    plt.show()\n"
            "\n"
            "if widgets is not None:\n"
            "    display(widgets.interactive(show, value=widgets.FloatSlider(\n"
            "        value=value0, min=lo, max=hi,\n"
            "        step=(hi - lo) / 20, continuous_update=False)))\n"
            "else:\n"
            "    show()"
        ),
        new_markdown_cell("## The hypotheses on this case"),
    ]
    for h in hyps:
        cells.append(
            new_code_cell(
                f"r = hyp.{h}({case!r})\nprint(r.summary())\nr.figure()\nplt.show()"
            )
        )
    cells += [
        new_markdown_cell(
            "## Caveats\n\nCentral values only here; the scenario's ranges feed "
            "the Monte Carlo of `coercion reproduce`. Each hypothesis function "
            "lists its own caveats (`r.caveats`)."
        ),
    ]
    return _notebook(cells)


def _notebook(cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    return nb


def main() -> list[Path]:
    written = []
    for name in HYPOTHESIS_CELLS:
        path = HERE / f"{name}.ipynb"
        nbformat.write(hypothesis_notebook(name), path)
        written.append(path)
    for case in CASES:
        path = HERE / f"{case}.ipynb"
        nbformat.write(case_notebook(case), path)
        written.append(path)
    _tidy(written)
    return written


def _tidy(paths: list[Path]) -> None:
    """Lint-fix and format the code cells with ruff (the repository's config)."""
    import shutil
    import subprocess

    ruff = shutil.which("ruff")
    if ruff is None:  # pragma: no cover
        return
    files = [str(p) for p in paths]
    subprocess.run([ruff, "check", "--fix", "--quiet", *files], check=False)
    subprocess.run([ruff, "format", "--quiet", *files], check=True)


if __name__ == "__main__":
    for p in main():
        print(p.name)
