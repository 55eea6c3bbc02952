"""Personal-data and data-subject categories, purposes, processing operations, retention."""
