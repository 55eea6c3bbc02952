"""Look-ups shared by every field family: country names, durations, legal forms, accent-folded matching."""
