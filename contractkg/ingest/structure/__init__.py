"""Structure of a document: sentences, agreements, clauses, tables, titles and metadata."""
