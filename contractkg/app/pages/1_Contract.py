"""Contract page: one agreement's text with its facts highlighted, and every fact extracted from it."""

from contractkg.app import ui
from contractkg.app.contract_view import render

ui.page("Contract", "📄")
ui.store_or_stop()
render()
