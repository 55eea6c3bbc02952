"""contractkg explorer, overview page: counts, the Art. 28 heatmap, top risks."""

from contractkg.app import ui
from contractkg.app.overview_view import render

ui.page("Overview", "🗺️")
render(ui.store_or_stop())
