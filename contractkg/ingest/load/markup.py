"""The words a reader sees on one line of a web-source file (Markdown with YAML front matter, MDX,
TSX/JSX, Blade or HTML templates): tags, comments and code around them removed.

Segmentation reads titles through this, so "<h1 className="x">Terms of Use</h1>",
"{{ __('Data Processing Agreement') }}" or front matter "title: ..." name an agreement the way a
plain title line does. Offsets are never changed: only the line's text is cleaned."""

from __future__ import annotations

import html
import re

# All spans bounded and on one line: no pattern can backtrack over a whole document.
_COMMENT = re.compile(r"\{/\*[^\n]{0,400}?\*/\}|<!--[^\n]{0,400}?-->|/\*[^\n]{0,400}?\*/")
_TEMPLATE_STRING = re.compile(r"\{\{\s*(?:__|trans|lang|@lang|t)\(\s*(['\"])([^'\"\n]{1,300})\1[^}\n]{0,80}\}\}"
                              r"|@lang\(\s*(['\"])([^'\"\n]{1,300})\3\s*\)|\{t\(\s*(['\"])([^'\"\n]{1,300})\5\s*\)\}")
_BLADE_TITLE = re.compile(r"^@section\(\s*(['\"])title\1\s*,\s*(['\"])([^'\"\n]{2,200})\2\s*\)")
_TITLE_ATTR = re.compile(r"\b(?:title|heading|label)=\{?\s*(['\"])([^'\"\n]{2,200})\1")
_TAG = re.compile(r"</?[A-Za-z][\w.:-]{0,40}(?:\s[^<>\n]{0,300})?/?>")
_EXPRESSION = re.compile(r"\{\s*(['\"])\s{0,3}\1\s*\}|\{\s*['\"]([^'\"\n{}]{1,300})['\"]\s*\}")
# Lines of code or template directives that carry no text for a reader.
_CODE = re.compile(r"^(?:import\s|export\s|const\s|let\s|var\s|function\s|return\b|@(?:extends|section|endsection|"
                   r"include|yield|push|endpush|stack|if|else|endif|foreach|endforeach|php|endphp|csrf)\b|"
                   r"<\?php|\?>|[(){}\[\];,]+$|[A-Za-z_$][\w$]{0,40}\s*[:=]\s*[{(\[]\s*$)")
_TEMPLATE_PREFIX = ("{", "<", "@", "/*", "import ", "export ", "const ", "return")


def clean_line(line: str) -> str:
    """The visible words of ``line``: "" for a line of pure markup or code."""
    s = line.strip()
    if not s or not ("<" in s or "{" in s or "@" in s or "/*" in s or "&" in s or s.startswith(_TEMPLATE_PREFIX)):
        return line
    blade = _BLADE_TITLE.match(s)
    if blade:
        return blade.group(3)  # @section('title', 'Terms of Use'): the page's title
    s = _COMMENT.sub(" ", s)
    s = _TEMPLATE_STRING.sub(lambda m: m.group(2) or m.group(4) or m.group(6) or "", s)
    attr = _TITLE_ATTR.search(s)
    s = _TAG.sub(" ", s)
    s = _EXPRESSION.sub(lambda m: m.group(2) or " ", s)
    s = " ".join(s.split())
    if "&" in s:
        s = html.unescape(s)
    if _CODE.match(s):
        s = ""
    if attr and (not s or _TAG.fullmatch(line.strip())):
        return attr.group(2)  # <Page title="Terms of Use" />: the title it renders
    return s


_FENCES = ("---", "+++")
_FRONT_TITLE = re.compile(r"^\s*(?:title|name|heading)\s*[:=]\s*(['\"]?)([^\n]{2,200}?)\1\s*$", re.I)


def front_matter(lines: list[str]) -> tuple[int, int, str | None] | None:
    """(first, last line index, title) of the front matter at the top of a file ("---" ... "---"),
    or None. ``lines`` are the file's non-blank lines."""
    if not lines or lines[0].strip() not in _FENCES:
        return None
    fence = lines[0].strip()
    for k in range(1, min(len(lines), 60)):
        if lines[k].strip() == fence:
            title = None
            for x in lines[1:k]:
                m = _FRONT_TITLE.match(x)
                if m:
                    title = m.group(2).strip()
                    break
            return 0, k, title
        if ":" not in lines[k] and "=" not in lines[k] and not lines[k].startswith((" ", "\t", "-")):
            return None  # not key-value lines: a horizontal rule opening the text
    return None
