"""SPARQL workbench: highlighted editor, named-query library, limit, timeout, downloads, history."""


from contractkg.app import ui
from contractkg.app.workbench_view import render

ui.page("SPARQL workbench", "🔎")
render(ui.store_or_stop())
