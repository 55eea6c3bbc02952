"""Obligations (who must do what, for whom, by when) and GDPR Art. 28(3) coverage."""
