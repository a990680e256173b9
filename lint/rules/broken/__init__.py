"""Broken paragraphs: text that column and page breaks cut in two, truncated, or hard-wrapped."""
