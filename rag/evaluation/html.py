"""A self-contained HTML report of an evaluation run (no external CSS or JS, all text escaped)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from rag.evaluation.matching import MARKER
from rag.evaluation.metrics import FIGURES, format_value

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}
body{color:#222} h1{margin-bottom:.2rem} .meta{color:#666;margin-top:0}
table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f5f5f5} td.num{text-align:right;white-space:nowrap}
details.item{border:1px solid #ccc;border-left:6px solid #3a3;border-radius:4px}
details.item{margin:.6rem 0;padding:.4rem .8rem} details.item.fail{border-left-color:#c33}
summary{cursor:pointer} .fail .badge{background:#c33}
.badge{font-weight:bold;font-size:.8rem;padding:0 .4rem;border-radius:3px}
.badge{color:#fff;background:#3a3}
.answer{background:#f8f8f8;padding:.5rem;border-radius:4px} sup{color:#06c;font-weight:bold}
.bad{color:#c33} .good{color:#282} .muted{color:#777} ul.why{margin:.3rem 0} q{font-style:italic}
"""


def render_html(results: Mapping[str, Any]) -> str:
    """The whole report as one HTML page: figures on top, then every item, failures first."""
    items = sorted(results["items"], key=lambda item: item["passed"])
    failed = sum(not item["passed"] for item in items)
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        "<title>rag eval report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Evaluation report</h1>",
        f'<p class="meta">{_e(results["dataset"])} · {_e(results["created"])} · '
        f"{len(items)} items, {failed} failing · k = {_e(results['k'])}</p>",
        _figures(results["figures"]),
        _settings(results.get("settings", {})),
        "<h2>Items, failures first</h2>",
        *(_item(item) for item in items),
        "</body></html>",
    ]
    return "\n".join(parts)


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    # Cells are HTML already: callers escape text themselves.
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f"<table><tr>{header}</tr>{body}</table>"


def _td(text: Any, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{_e(text)}</td>"


def _figures(figures: Mapping[str, Any]) -> str:
    rows = []
    for spec in FIGURES:
        fig = figures.get(spec.name)
        if fig is None:
            continue
        rows.append(
            [
                _td(spec.name),
                _td(format_value(spec.name, fig["value"]), "num"),
                _td(fig["n"], "num"),
                _td(
                    {"higher": "higher is better", "lower": "lower is better"}.get(spec.better, "")
                ),
                _td(fig["reason"] or spec.description),
            ]
        )
    return "<h2>Figures</h2>" + _table(["figure", "value", "n", "", "what it counts"], rows)


def _settings(settings: Mapping[str, Any]) -> str:
    rows = [[_td(k), _td(v)] for k, v in sorted(settings.items())]
    return (
        "<details><summary>Settings</summary>" + _table(["setting", "value"], rows) + "</details>"
    )


def _answer_html(text: str) -> str:
    out, last = [], 0
    for m in MARKER.finditer(text):
        out += [_e(text[last : m.start()]), f"<sup>{_e(m.group())}</sup>"]
        last = m.end()
    return "".join([*out, _e(text[last:])])


def _yes_no(value: bool | None, good: str = "yes", bad: str = "no") -> str:
    if value is None:
        return '<span class="muted">n/a</span>'
    return f'<span class="good">{good}</span>' if value else f'<span class="bad">{bad}</span>'


def _item(item: Mapping[str, Any]) -> str:
    status = "pass" if item["passed"] else "fail"
    head = (
        f'<summary><span class="badge">{status.upper()}</span> <b>{_e(item["id"])}</b> '
        f'<span class="muted">[{_e(item["category"])}]</span> {_e(item["question"])}</summary>'
    )
    parts = [f'<details class="item {status}"{" open" if status == "fail" else ""}>', head]
    if item["history"]:
        parts.append(
            "<p>History: " + " → ".join(f"<q>{_e(h)}</q>" for h in item["history"]) + "</p>"
        )
    abstained = ' <span class="muted">(abstained)</span>' if item["abstained"] else ""
    parts.append(f'<p class="answer">{_answer_html(item["answer"])}{abstained}</p>')
    parts.append(
        f'<p class="muted">{item["words"]} words · {item["latency_ms"]:.0f} ms · '
        f"query: {_e(item['query'])}</p>"
    )
    if item["expected_answers"]:
        parts.append(
            "<p>Key facts: "
            + " / ".join(f"<q>{_e(a)}</q>" for a in item["expected_answers"])
            + "</p>"
        )
    if item["evidence"]:
        parts.append(
            "<p>Evidence: " + " / ".join(f"<q>{_e(q)}</q>" for q in item["evidence"]) + "</p>"
        )
    parts.append(
        f"<p>Key fact present: {_yes_no(item['correct'])} · "
        f"Evidence cited: {_yes_no(item['evidence_cited'])}</p>"
    )
    why = item["failures"] or ["every check passed"]
    parts.append('<ul class="why">' + "".join(f"<li>{_e(w)}</li>" for w in why) + "</ul>")
    parts += [_sentences(item), _citations(item), _retrieval(item), "</details>"]
    return "\n".join(p for p in parts if p)


def _sentences(item: Mapping[str, Any]) -> str:
    rows = [
        [
            _td(i),
            _td(s["text"]),
            _td(", ".join(f"[{n}]" for n in s["markers"])),
            f"<td>{_yes_no(s['supported'], 'supported', 'unsupported')}</td>",
            _td(s["reason"]),
        ]
        for i, s in enumerate(item["sentences"], start=1)
    ]
    return (
        "<h4>Sentences</h4>" + _table(["#", "sentence", "cites", "verdict", "why"], rows)
        if rows
        else ""
    )


def _citations(item: Mapping[str, Any]) -> str:
    rows = [
        [
            _td(f"[{c['n']}]"),
            _td(f"{c['source']} {c['start']}–{c['end']}"),
            _td(c["text"]),
            f"<td>{_yes_no(c['on_target'], 'on target', 'off target')}</td>",
            _support_cell([u for u in item["uses"] if u["n"] == c["n"]]),
        ]
        for c in item["citations"]
    ]
    head = ["n", "where", "text", "evidence", "supports what cites it"]
    return "<h4>Citations</h4>" + _table(head, rows) if rows else ""


def _support_cell(uses: list[Mapping[str, Any]]) -> str:
    if not uses:
        return f"<td>{_yes_no(False, bad='never cited')}</td>"
    lines = [
        f"sentence {', '.join(map(str, u['sentences']))}: "
        f'{_yes_no(u["supported"], "supported", "unsupported")} <span class="muted">'
        f"{_e(u['reason'])}</span>"
        for u in uses
    ]
    return "<td>" + "<br>".join(lines) + "</td>"


def _retrieval(item: Mapping[str, Any]) -> str:
    ret = item.get("retrieval")
    if not ret:
        return ""
    rows = [
        [
            _td(p["rank"], "num"),
            _td(f"{p['source']} {p['start']}–{p['end']}"),
            f"<td>{_yes_no(p['relevant'], 'evidence', '—')}</td>",
            _td(_clip(p["text"])),
        ]
        for p in ret["passages"]
    ]
    summary = (
        f"hit {ret['hit']:.0f} · recall {ret['recall']:.2f} · reciprocal rank "
        f"{ret['reciprocal_rank']:.2f}"
    )
    return (
        f"<details><summary>Retrieved passages (top {_e(ret['k'])}): {_e(summary)}</summary>"
        + _table(["rank", "where", "relevant", "text"], rows)
        + "</details>"
    )


def _clip(text: str, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
