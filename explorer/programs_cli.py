"""`explorer programs`: the Resilient Seoul strategy (goals, programmes, actions with period,
budget and services), as text or JSON.
"""

from __future__ import annotations

import click

from explorer.cli import LANG_OPTION, Context, _dump, echo, guarded, pass_context
from explorer.cli_help import LocalizedCommand
from explorer.core.i18n import _


@click.command("programs", cls=LocalizedCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def programs(obj: Context, as_json: bool, lang: str | None) -> None:
    """The Resilient Seoul strategy: goals, programmes, actions, budgets and their services."""
    from explorer.core.i18n import active
    from explorer.core.present import pick
    from explorer.core.strategy import outside_services, read_strategy

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        strategy = read_strategy(catalogue)
        outside = outside_services(catalogue)
    if as_json:
        _dump(strategy)
        return
    localizer = active()
    for goal in strategy:
        echo(click.style(_("Goal {n}").format(n=goal["goal"]) + " " + pick(goal["names"], lang), bold=True))
        for program in goal["programs"]:
            echo("  " + _("Programme {n}").format(n=program["number"]) + " " + pick(program["names"], lang))
            for action in program["actions"]:
                period = action["period"]
                when = f"{period['start']}–{period['end'] or ''}" if period else _("period not given")
                money = (
                    localizer.format_krw_short(action["budget_krw"])
                    if localizer and action["budget_krw"] is not None
                    else _("budget not given")
                )
                kind = "•" if action["kind"] == "action" else "◦"
                echo(f"    {kind} {action['id']} {pick(action['names'], lang)}  ({when}, {money})")
                if action["services"]:
                    echo("        → " + ", ".join(action["services"]))
    echo(_("Outside the strategy: {ids}").format(ids=", ".join(outside)))
