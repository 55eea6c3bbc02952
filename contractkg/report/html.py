"""The review report as one self-contained HTML page: styles inlined, nothing fetched, print-ready.

Jinja2 autoescaping escapes every value, so contract text (titles, names, quotes) is shown, never run."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

from contractkg.report.data import Portfolio

CSS = Path(__file__).with_name("report.css")
_ELI = re.compile(r"/art_(\d+)(?:/par_(\d+))?(?:/pnt_([a-z]))?/oj$")

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="contractkg {{ p.version }}">
<title>{{ heading }}</title>
<style>{{ css | safe }}</style>
</head>
<body>
<header>
<h1>{{ heading }}</h1>
<p class="meta">Generated {{ p.generated }} by contractkg {{ p.version }} from the knowledge graph. Every quote is
the text the finding was read from; check the source before you rely on it.</p>
</header>
{% if not single %}
<h2 id="summary">Summary</h2>
{% if p.reviews %}
<table>
<thead><tr><th>Agreement</th><th>Kind</th><th>Source</th><th>Violations</th><th>Gaps</th><th>Warnings</th><th>Sub-processors</th></tr></thead>
<tbody>
{% for r in p.reviews %}
<tr><td><a href="#c{{ loop.index }}">{{ r.title }}</a></td><td>{{ r.kind }}</td><td>{{ r.source }}</td>
<td class="num">{{ r.count("Violation") if r.dpa else "–" }}</td><td class="num">{{ r.count("Gap") if r.dpa else "–" }}</td>
<td class="num">{{ r.count("Warning") if r.dpa else "–" }}</td><td class="num">{{ r.subprocessors | length }}</td></tr>
{% endfor %}
</tbody>
</table>
<p class="meta">{{ p.reviews | selectattr("dpa") | list | length }} DPAs checked against GDPR Art. 28 among
{{ p.reviews | length }} agreements. Other kinds of agreement are listed with their parties, transfers and deadlines.</p>
{% else %}
<p class="empty">The store holds no agreement.</p>
{% endif %}
{% endif %}
{% for r in p.reviews %}
<section class="contract{{ ' first' if single and loop.first else '' }}" id="c{{ loop.index }}">
<h2>{{ r.title }}</h2>
<dl class="facts">
<dt>Kind</dt><dd>{{ r.kind }}</dd>
{% if r.language %}<dt>Language</dt><dd>{{ r.language }}</dd>{% endif %}
{% if r.source %}<dt>Source</dt><dd>{{ r.source }}{% if r.sha256 %} <span class="muted">(SHA-256 {{ r.sha256[:16] }}…)</span>{% endif %}</dd>{% endif %}
{% if r.governing_law %}<dt>Governing law</dt><dd>{{ r.governing_law }}</dd>{% endif %}
<dt>Identifier</dt><dd>{{ r.iri }}</dd>
{% if r.dpa %}<dt>Result</dt><dd>{% if r.count("Violation") or r.count("Gap") %}<span class="badge Violation">{{ r.count("Violation") + r.count("Gap") }} Art. 28 gap(s)</span>{% else %}<span class="badge conforms">meets the Art. 28 checks</span>{% endif %}
{% if r.count("Warning") %} <span class="badge Warning">{{ r.count("Warning") }} warning(s)</span>{% endif %}</dd>{% endif %}
</dl>

<h3>Parties and roles</h3>
{% if r.parties %}
<table><thead><tr><th>Party</th><th>Role</th><th>Country</th><th>Called in the text</th></tr></thead><tbody>
{% for x in r.parties %}<tr><td>{{ x.name }}</td><td>{{ x.roles | join(", ") }}</td><td>{{ x.country }}</td><td>{{ x.defined_as }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No party was found in the text.</p>{% endif %}

{% if r.dpa %}
<h3>GDPR Art. 28 checklist</h3>
<table><thead><tr><th>Element</th><th>Article</th><th>Status</th><th>Where the agreement says it</th></tr></thead><tbody>
{% for e in r.checklist %}<tr>
<td>{{ e.label }}</td><td>{{ article(e.article) }}</td>
<td>{% if e.stipulated and not e.flagged %}<span class="badge stipulated">stipulated</span>{% else %}<span class="badge missing">missing</span>{% endif %}</td>
<td>{% for q in e.quotes %}<blockquote>“{{ q.text }}”{% if q.clause %}<cite>clause {{ q.clause }}{% if q.heading %} – {{ q.heading }}{% endif %}</cite>{% endif %}</blockquote>
{% else %}{% if e.clauses %}clause {{ e.clauses | join(", ") }}{% else %}<span class="empty">no clause found</span>{% endif %}{% endfor %}</td>
</tr>
{% endfor %}</tbody></table>

<h3>Gaps and violations</h3>
{% if r.issues %}
<table><thead><tr><th>Severity</th><th>Concerns</th><th>What is missing</th><th>Article</th></tr></thead><tbody>
{% for i in r.issues %}<tr><td><span class="badge {{ i.severity }}">{{ i.severity }}</span></td>
<td>{{ i.about }}{% if i.clause %} <span class="muted">(clause {{ i.clause }})</span>{% endif %}</td><td>{{ i.message }}</td><td>{{ article(i.article) }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p>No gap, violation or warning.</p>{% endif %}
{% endif %}

<h3>Sub-processors</h3>
{% if r.subprocessors %}
<table><thead><tr><th>Sub-processor</th><th>Service</th><th>Country</th><th>Safeguard</th><th>Clause</th></tr></thead><tbody>
{% for s in r.subprocessors %}<tr><td>{{ s.name }}{% if s.warning %}<br><span class="badge Warning">warning</span> {{ s.warning }}{% endif %}</td>
<td>{{ s.service }}</td><td>{{ s.country }}</td><td>{{ s.safeguard }}</td><td>{{ s.clause }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No sub-processor is named.</p>{% endif %}
{% if r.transfers %}
<h3>Transfers</h3>
<table><thead><tr><th>Recipient</th><th>From</th><th>To</th><th>Mechanism</th><th>SCC module</th></tr></thead><tbody>
{% for t in r.transfers %}<tr><td>{{ t.recipient }}</td><td>{{ t.origin }}</td><td>{{ t.destination }}</td><td>{{ t.mechanism }}</td><td>{{ t.scc_modules }}</td></tr>
{% endfor %}</tbody></table>
{% endif %}

<h3>Deadlines</h3>
{% if r.deadlines %}
<table><thead><tr><th>Deadline</th><th>Value</th><th>In words</th><th>The text says</th></tr></thead><tbody>
{% for d in r.deadlines %}<tr><td>{{ d.what }}</td><td>{{ d.value }}</td><td>{{ d.reading }}</td>
<td>{% if d.quote %}“{{ d.quote }}”{% endif %}{% if d.clause %} <span class="muted">(clause {{ d.clause }})</span>{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="empty">No deadline was found.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


def article(eli: str) -> str:
    """http://data.europa.eu/eli/reg/2016/679/art_28/par_3/pnt_a/oj -> 'GDPR Art. 28(3)(a)'."""
    m = _ELI.search(eli or "")
    if not m:
        return ""
    art, par, point = m.groups()
    return f"GDPR Art. {art}" + (f"({par})" if par else "") + (f"({point})" if point else "")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["article"] = article
    return env.from_string(TEMPLATE)


def render(p: Portfolio, single: bool = False) -> str:
    """The report page; ``single``: one agreement, no summary table."""
    if single and len(p.reviews) == 1:
        heading = f"DPA review: {p.reviews[0].title}"
    else:
        heading = "DPA portfolio review"
    return _template().render(p=p, single=single, heading=heading, css=CSS.read_text(encoding="utf-8"))
