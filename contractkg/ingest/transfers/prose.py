"""Sub-processors named in prose: "the following sub-processors: A GmbH (Germany), hosting;
B Inc. (United States), e-mail delivery, under the standard contractual clauses."

An item is a company name (with a legal form, or one to four capitalised words: "we use Acme
(hosting, Germany) and Globex (e-mail, USA)") followed by its place in parentheses, in a passage
that speaks of sub-processors; the item runs to the next item, ';' or the end of the sentence.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.transfers.names import is_brand, topics_in
from contractkg.ingest.transfers.places import place_of
from contractkg.ingest.transfers.rows import Row, legal_form_pattern

_PAREN = re.compile(r"\(([^()\n]{2,40})\)")
_CONNECTORS = {"&", "and", "und", "et", "e", "y", "de", "di", "da", "von", "van", "der", "del", "des", "la", "le", "of", "-", "+"}
# "per l'hosting", "for hosting", "pour l'hébergement", "für das Hosting": the service without its preposition
_SERVICE_LEAD = pattern_cache.compile(r"^(?:(?:" + alternation("safeguards", "service_prepositions") + r")\s+(?:(?:" + alternation("safeguards", "service_articles") + r")\s*)?)",
                                      re.IGNORECASE)


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The company name ending at ``end``: the capitalised words before it, back to a delimiter."""
    seg_start = max(text.rfind(d, 0, end) for d in (":", ";", "\n", ", ")) + 1
    words = list(re.finditer(r"\S+", text[seg_start:end]))
    keep = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        if w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS and i < len(words) - 1:
            keep = i
        else:
            break
    if keep >= len(words):
        return None
    while keep < len(words) - 1 and words[keep].group(0).lower() in _CONNECTORS:
        keep += 1
    start = seg_start + words[keep].start()
    name = text[start:end].strip(" ,")
    if not legal_form_pattern().search(name) or len(name) > 80:
        return None
    return name, start


def _brand_before(text: str, end: int) -> tuple[str, int] | None:
    """A name without legal form ending at ``end``: capitalised words after a lower-case word or a delimiter."""
    seg = text[max(0, end - 60) : end]
    words = list(re.finditer(r"\S+", seg))
    keep = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        if w[-1] in ",;:)" or not (w[:1].isupper() or w[:1].isdigit() or (w.lower() in _CONNECTORS and keep < len(words))):
            break
        keep = i
    while keep < len(words) - 1 and words[keep].group(0).lower() in _CONNECTORS:
        keep += 1
    if keep >= len(words) or (keep == 0 and end - 60 > 0):
        return None
    name = seg[words[keep].start() :].strip(" ,")
    start = end - len(seg) + words[keep].start()
    line_start = text.rfind("\n", 0, start) + 1
    if re.search(r"\d", text[max(line_start, start - 80) : start]):
        return None  # a town after a street and postcode ("Str. 25, 91710 Gunzenhausen (Germany)")
    return (name, start) if is_brand(name) else None


def prose_rows(ag: Agreement) -> list[Row]:
    text = ag.text
    topics = [t - ag.start for t in topics_in(ag.doc, ag.start, ag.end)]
    if not topics:
        return []
    items: list[tuple[str, int, re.Match[str], str]] = []
    for m in _PAREN.finditer(text):
        i = bisect.bisect_left(topics, m.start() - 400)
        if i >= len(topics) or topics[i] >= m.start():
            continue  # no sub-processor passage in the 400 characters before
        place = place_of(m.group(1))
        if not place:
            continue
        named = _name_before(text, m.start()) or _brand_before(text, m.start())
        if named:
            items.append((*named, m, place))
    rows = []
    for k, (name, start, m, place) in enumerate(items):
        stop = re.search(r";|\.(?:\s|$)|\n", text[m.end() :])
        end = m.end() + (stop.start() if stop else len(text) - m.end())
        if k + 1 < len(items):
            end = min(end, items[k + 1][1])  # "A (Germany) and B (USA) under SCCs": B's words are not A's
        rest = re.sub(r"\s+(?:" + alternation("safeguards", "service_tail_conjunctions") + r")$", "", text[m.end() : end].strip(" ,")).strip(" ,")
        # "(hosting, Germany)": the words beside the place are the service
        inside = [p.strip() for p in m.group(1).split(",") if p.strip() and not place_of(p)]
        service = ", ".join(inside) or _SERVICE_LEAD.sub("", rest.split(",")[0].strip()).strip() or None
        rows.append(Row(name=name, text=text[start:end], start=ag.start + start, end=ag.start + end,
                        country=place, service=service, rest=rest, after_country=rest))
    return rows


@lru_cache(maxsize=1)
def _use_verbs() -> re.Pattern[str]:
    verbs = sorted(set(lexicon("safeguards")["subprocessor_table"]["use_verbs"]), key=lambda w: (-len(w), w))
    return pattern_cache.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs) + r")(?![\w'’])",
                                 re.IGNORECASE)


# words inside a company name ("Acme & Co", "Banca di Roma"); a conjunction ends one ("Hosting und Acme Ltd")
_JOINERS = _CONNECTORS - {"and", "und", "et", "e", "y"}
_SENTENCE_END = re.compile(r"[.;!?](?=\s+[A-ZÀ-Þ]|\s*$)")
_DEFINED = re.compile(r"^\s*[,(]?\s*\(?\s*[\"“«„'‘]")  # 'Acme GmbH ("the Processor")': a party being defined


def engaged_rows(ag: Agreement) -> list[Row]:
    """Companies (with a legal form) that a sub-processor passage says are used: "we rely on Acme Cloud
    GmbH for hosting and on Globex Inc. for e-mail", "nous faisons appel à Acme SAS pour l'hébergement"."""
    text = ag.text
    rows: list[Row] = []
    done = 0
    for t in topics_in(ag.doc, ag.start, ag.end):
        t -= ag.start
        for verb in _use_verbs().finditer(text, max(t, done), min(len(text), t + 400)):
            end = text.find("\n", verb.end())
            tail = text[verb.end() : min(verb.end() + 300, end if end >= 0 else len(text))]
            tail = tail[: _sentence_end(tail)]
            floor = 0
            for form in legal_form_pattern().finditer(tail):
                name = _company_before(tail, floor, form.start(), form.end())
                at = verb.end() + form.end()
                if name and not _DEFINED.match(text[at : at + 12]):
                    after = text[at : verb.end() + len(tail)]
                    lead = re.split(r",|;|\s+(?:" + alternation("safeguards", "service_split_conjunctions") + r")\s+", after.strip(), maxsplit=1)[0]
                    service = _SERVICE_LEAD.sub("", lead).strip(" .") or None
                    start = verb.end() + form.end() - len(name)
                    rows.append(Row(name=name, text=text[start : at + len(lead)], start=ag.start + start,
                                    end=ag.start + at + len(lead), country=None, service=service, rest=after,
                                    after_country=after))
                floor = form.end()
            done = verb.end() + len(tail)
    return rows


def _sentence_end(tail: str) -> int:
    """Where the sentence of ``tail`` ends: a stop before a capital, unless it closes a legal form ("Inc. For")."""
    for m in _SENTENCE_END.finditer(tail):
        form = legal_form_pattern().search(tail, max(0, m.start() - 8), m.start() + 1)
        if not (form and form.end() == m.start() + 1):
            return m.start()
    return len(tail)


def _company_before(tail: str, floor: int, form_start: int, form_end: int) -> str | None:
    """"Acme Web Services, Inc.": the capitalised words just before a legal form, after ``floor``."""
    head = tail[floor:form_start].rstrip(" ,")
    words = head.split()
    keep = len(words)
    while keep > 0 and (words[keep - 1][:1].isupper() or words[keep - 1][:1].isdigit() or
                        (words[keep - 1].lower() in _JOINERS and keep < len(words))):
        keep -= 1
    while keep < len(words) and words[keep].lower() in _JOINERS:
        keep += 1
    if keep == len(words) or len(words) - keep > 6:
        return None
    core = " ".join(words[keep:])
    name = tail[tail.rfind(core, floor, form_start) : form_end].strip(" ,")
    return name if core and is_brand(core) else None
