"""Changes page: per vendor, the versions of its agreements, what changed, the objection deadlines still open."""

from contractkg.app import ui
from contractkg.app.changes_view import render

ui.page("Changes", "🕒")
ui.store_or_stop()
render()
