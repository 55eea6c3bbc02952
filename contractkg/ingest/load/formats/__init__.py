"""Format-specific loaders (HTML, PDF, DOCX); contractkg.ingest.loaders.load dispatches to them."""
