"""Format-specific loaders (HTML, PDF, DOCX); contractkg.ingest.load.loaders.load dispatches to them."""
