"""Punctuation: unbalanced pairs, half-width marks in Chinese text, doubled marks, house style."""
