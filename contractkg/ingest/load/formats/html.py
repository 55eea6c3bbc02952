"""HTML -> Document: visible text, one block per line, with structure hints.

Headings, paragraphs and list items become their own lines (ordered lists keep their numbers:
"3. ..."; bullets become "• ..."); table rows become pipe rows ("cell | cell"). Site chrome is
dropped: scripts, navigation, headers/footers, forms, cookie banners, "request a demo" blocks
(by tag, ARIA role, or id/class words), and lines the structure lexicon lists as boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from contractkg.ingest.document import Document, Hint, LoadError
from contractkg.ingest.load.normalise import normalise
from contractkg.ingest.structure import agreement_kinds as ak

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "head", "nav", "form",
              "button", "select", "input", "textarea", "dialog", "picture", "video", "audio", "map", "object"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search", "menu", "menubar"}
_CHROME_WORDS = re.compile(r"(?:^|[-_ ])(?:cookie|cookies|consent|gdpr-banner|banner|navbar|nav|menu|breadcrumbs?|"
                           r"newsletter|subscribe|signup|sign-up|demo|cta|popup|modal|social|share|sidebar|"
                           r"site-header|site-footer|skip-link|language-switcher|lang-switch)(?:$|[-_ ])", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "address", "figure", "figcaption",
          "dd", "dt", "dl", "center", "body", "html", "fieldset", "details", "summary"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class _Writer:
    """Collects text lines and hints with their offsets."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.src = 1  # source line of the element being read
        self.line_src = 1
        self.sources: list[int] = []  # source line of each output line
        self.hints: list[tuple[int, int, str, int]] = []  # line index from, to, kind, level
        self.length = 0

    def text(self, s: str) -> None:
        s = _SPACES.sub(" ", s)
        if s.strip() or (self.current and s == " "):
            if not self.current:
                self.line_src = self.src
            self.current.append(s)

    def newline(self) -> None:
        line = "".join(self.current).strip()
        self.current = []
        if line:
            self.add(line, self.line_src)

    def blank(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.add("", self.src)

    def add(self, line: str, source_line: int) -> None:
        self.lines.append(line)
        self.sources.append(source_line)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if str(attrs.get("role", "")).lower() in _DROP_ROLES or attrs.get("hidden") is not None \
            or attrs.get("aria-hidden") == "true" or "display:none" in str(attrs.get("style", "")).replace(" ", ""):
        return True
    words = " ".join([str(attrs.get("id", ""))] + [str(c) for c in (attrs.get("class") or [])])
    return bool(words.strip() and _CHROME_WORDS.search(words))


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split()).replace("|", "/")


Todo = list[Callable[[], None] | PageElement]


def _walk(root: Tag, w: _Writer) -> None:
    """Depth-first over the tree with an explicit stack (10,000 nested divs must not overflow
    Python's recursion limit): an element's closing action is pushed below its children."""
    list_stack: list[list[int | str]] = []
    todo: Todo = list(reversed(list(root.children)))
    while todo:
        item = todo.pop()
        if callable(item) and not isinstance(item, PageElement):
            item()
        else:
            _enter(item, w, list_stack, todo)


def _enter(child: PageElement, w: _Writer, list_stack: list[list[int | str]], todo: Todo) -> None:
    """What an element writes when it opens; pushes what it writes when it closes, then its children."""
    if isinstance(child, Comment):
        return
    if isinstance(child, NavigableString):
        w.text(str(child))
        return
    if not isinstance(child, Tag):
        return
    name = child.name
    w.src = child.sourceline or w.src
    if _is_chrome(child) or name in ("footer", "aside") or (name == "header" and not child.find(["h1", "h2"])):
        return
    close: Callable[[], None] | None = None
    if name == "br":
        w.newline()
        return
    if name in _HEADINGS:
        w.blank()
        start, level = len(w.lines), _HEADINGS[name]

        def close() -> None:
            w.newline()
            w.hints.append((start, len(w.lines), "heading", level))
            w.blank()
    elif name in ("ol", "ul", "menu"):
        w.newline()
        first = child.get("start")
        counter = int(str(first)) - 1 if str(first or "").isdigit() else 0
        list_stack.append(["ol" if name == "ol" else "ul", counter])

        def close() -> None:
            list_stack.pop()
            w.newline()
    elif name == "li":
        w.newline()
        if list_stack and list_stack[-1][0] == "ol":
            value = child.get("value")
            list_stack[-1][1] = int(str(value)) if str(value or "").isdigit() else int(list_stack[-1][1]) + 1
            w.text(f"{list_stack[-1][1]}. ")
        else:
            w.text("• ")
        start = len(w.lines)

        def close() -> None:
            w.newline()
            w.hints.append((start, len(w.lines), "list_item", len(list_stack)))
    elif name == "table":
        _table(child, w)
        return
    elif name in ("tr", "td", "th"):
        def close() -> None:
            w.text(" ")
    elif name in _BLOCK or name == "header":
        w.newline()
        close = w.blank if name == "p" else w.newline
    if close is not None:
        todo.append(close)
    todo.extend(reversed(list(child.children)))


def _table(table: Tag, w: _Writer) -> None:
    w.blank()
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = [_cell_text(c) for c in row.find_all(["td", "th"]) if c.find_parent("tr") is row]
        if any(cells):
            start = len(w.lines)
            w.add(" | ".join(cells), row.sourceline or w.src)
            w.hints.append((start, start + 1, "table_row", 0))
    w.blank()


def load_html(html: str, name: str) -> Document:
    """Visible text of ``html`` as a Document (hints: headings, list items, table rows)."""
    try:
        soup = BeautifulSoup(html, "html.parser")  # keeps each tag's source line
    except Exception as exc:  # noqa: BLE001 - a parser failure is a bad file, not a crash
        raise LoadError(f"{name}: unreadable HTML ({exc})") from None
    root = soup.body or soup
    w = _Writer()
    _walk(root, w)
    w.newline()
    lines = w.lines
    keep = [i for i, line in enumerate(lines) if not ak.is_boilerplate(line)]
    index = {old: new for new, old in enumerate(keep)}
    kept = [normalise(lines[i]).replace("\n", " ") for i in keep]
    starts, pos = [], 0
    for line in kept:
        starts.append(pos)
        pos += len(line) + 1
    text = "\n".join(kept)
    hints = []
    for a, b, kind, level in w.hints:
        inside = [index[i] for i in range(a, b) if i in index and kept[index[i]]]
        if inside:
            s, e = starts[inside[0]], starts[inside[-1]] + len(kept[inside[-1]])
            hints.append(Hint(s, e, kind, level))
    sources = [w.sources[i] for i in keep]
    return Document(source=name, text=text, media_type="text/html", hints=hints, source_lines=sources)
