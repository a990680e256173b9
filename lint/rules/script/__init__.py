"""Script: traditional characters, compatibility forms and full-width Latin in simplified text."""
