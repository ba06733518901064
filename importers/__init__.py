"""Bringing an archive in (WordPress WXR, JSON Lines) and taking it out
(JSON Lines). Parsers yield records (records.py); service.py writes them."""
