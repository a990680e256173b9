"""Duplicates: text that OCR and layout analysis printed twice, from one character to whole blocks."""
