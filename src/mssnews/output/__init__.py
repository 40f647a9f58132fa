"""Output formats that need more than a line per record: the HTML view and the SQLite case
database. (Tables, JSON Lines and CSV are in render.py and formats.py.)"""
