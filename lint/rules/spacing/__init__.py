"""Spacing: whitespace and invisible characters that OCR and layout analysis leave behind."""
