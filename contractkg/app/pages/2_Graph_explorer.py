"""Graph explorer: parties, contracts, sub-processors and countries; filters, expansion, flow map."""

from contractkg.app import ui
from contractkg.app.graph_view import render

ui.page("Graph explorer", "🕸️")
ui.store_or_stop()
render()
