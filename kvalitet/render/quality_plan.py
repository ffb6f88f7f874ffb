"""Chapter 7, the quality plan, rendered one process at a time.

Each process gets a Markdown heading (so it appears in the page's table of contents) and
an accessible table of its risks: working group, egenkontroller and åtgärder, with done
åtgärder marked in words. A filter form lets the reader narrow the plan by working group
and status; it is shown only when its script runs, so without JavaScript everything shows.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import escape

from kvalitet.render.html_table import WIDE, label

NO_GROUP = "Ingen grupp angiven"
COLUMNS = ["Risk - period 1 & 2", "Arbetsgrupp", "Egenkontroll", "Åtgärd"]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def render_quality_plan(plan, groups: list[str]) -> str:
    """Markdown with HTML blocks: the filter, then a heading and a table per process."""
    parts = [_filter_form(plan, groups)]
    for process in plan.processer:
        parts.append(f"## {_markdown_text(process.process)}")
        parts.append(_process_block(process))
    return "\n\n".join(parts) + "\n"


def _filter_form(plan, groups: list[str]) -> str:
    used = {risk.grupp for process in plan.processer for risk in process.risker}
    groups = [group for group in groups if group in used]
    options = ['<option value="alla">Alla arbetsgrupper</option>']
    options += [f'<option value="{slug(g)}">{escape(g)}</option>' for g in groups]
    if None in used:
        options.append(f'<option value="{slug(NO_GROUP)}">{NO_GROUP}</option>')
    return (
        # Shown by kvalitetsplan.js; without JavaScript the CSS keeps it out of sight.
        '<form class="kb-filter" id="kb-filter">'
        "<fieldset><legend>Visa en del av kvalitetsplanen</legend>"
        '<div class="kb-filter__falt"><label for="kb-filter-grupp">Arbetsgrupp</label>'
        f'<select id="kb-filter-grupp" name="grupp">{"".join(options)}</select></div>'
        '<div class="kb-filter__falt"><label for="kb-filter-status">Åtgärder</label>'
        '<select id="kb-filter-status" name="status">'
        '<option value="alla">Alla åtgärder</option>'
        '<option value="klara">Klara (✓)</option>'
        '<option value="ej-klara">Inte markerade som klara</option>'
        "</select></div>"
        "</fieldset>"
        # The choices apply as soon as they change; the button (kvalitetsplan.js applies
        # them on submit too) gives the form the submit button every form should have.
        '<button type="submit" class="kb-filter__knapp">Visa urvalet</button>'
        "</form>"
        '<p class="kb-filter__resultat" id="kb-filter-resultat" role="status"></p>'
    )


def _process_block(process) -> str:
    block_id = f"plan-{slug(process.process)}"
    if not process.risker:
        return (
            f'<div class="kb-plan" data-process id="{block_id}">'
            "<p>Inga risker, egenkontroller eller åtgärder anges för den här processen.</p></div>"
        )
    caption_id = f"{block_id}-rubrik"
    rows = "\n".join(_risk_row(risk) for risk in process.risker)
    header = "".join(f'<th scope="col">{escape(text)}</th>' for text in COLUMNS)
    # Four columns of prose never fit a phone: always laid out as blocks there (WIDE).
    return (
        f'<div class="kb-tabell {WIDE} kb-plan" data-process id="{block_id}">'
        f'<div class="kb-tabell__scroll" role="region" tabindex="0" aria-labelledby="{caption_id}">'
        '<table class="kb-tabell__tabell">'
        f'<caption id="{caption_id}">Risker, egenkontroller och åtgärder: '
        f"{escape(process.process)}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def _risk_row(risk) -> str:
    group = risk.grupp or NO_GROUP
    checks = _list(
        [str(escape(text)) for text in risk.egenkontroller], "ingen egenkontroll angiven"
    )
    actions = [
        f'<li class="kb-atgard" data-klar="{"ja" if action.klar else "nej"}">'
        + (
            '<span class="kb-klar"><span aria-hidden="true">✓ </span>Klar:</span> '
            if action.klar
            else ""
        )
        + f"{escape(action.atgard)}</li>"
        for action in risk.atgarder
    ]
    actions_html = f"<ul>{''.join(actions)}</ul>" if actions else _empty("ingen åtgärd angiven")
    risk_cell, *cells = COLUMNS
    group_cell, checks_cell, actions_cell = (f"<td{label(column)}>" for column in cells)
    return (
        f'<tr data-grupp="{slug(group)}">'
        f'<th scope="row"{label(risk_cell)}>{escape(risk.risk)}</th>\n'
        f"{group_cell}{escape(group)}</td>\n{checks_cell}{checks}</td>\n"
        f"{actions_cell}{actions_html}</td></tr>"
    )


def _list(items: list[str], empty: str) -> str:
    if not items:
        return _empty(empty)
    if len(items) == 1:
        return items[0]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _empty(spoken: str) -> str:
    return f'<span aria-hidden="true">–</span><span class="kb-dolt">{spoken}</span>'


def _markdown_text(text: str) -> str:
    """`text` safe inside a Markdown heading: no HTML, no emphasis markers."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)
