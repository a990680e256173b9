"""Page furniture and OCR junk: lines that are no text of any article (running heads, folios,
lines of noise the OCR engine read from specks and rules)."""
