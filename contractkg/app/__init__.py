"""The analysts' Streamlit explorer (multi-page: Home.py + pages/)."""
