"""Versions of one agreement and what changed between them (issue 16).

- ``adapter``: the only module that reads the extraction record; it reduces a record and its
  clauses to a ``Snapshot`` (the facts a diff compares, with their spans, and the clause texts).
- ``clauses``: aligns clauses by text, heading and number; word-level diffs.
- ``diff``: field-by-field comparison of two snapshots -> ``Change`` items.
- ``versions``: which snapshots are versions of one agreement, their order and dates.
- ``changes_rdf``: snapshots, version links and ``ckg:Change`` nodes as quads.
- ``store_hooks``: what the ingest pipeline calls to keep old versions and link new ones.
- ``load``: snapshots from files or from contract IRIs in a store."""
