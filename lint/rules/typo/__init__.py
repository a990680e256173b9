"""Typos: look-alike characters that OCR confused, and mojibake."""
