"""Sub-processors, their places and transfer safeguards, and international transfers."""
