"""What newslint knows of Chinese newspaper prose, shared by the rule families.

Rules decide what to report; the knowledge they weigh lives here, with public, documented
functions, so that no rule family depends on another:

- `sentences`: where sentences and clauses end, what no sentence starts or ends with, and what
  reads as body text;
- `words`: word boundaries on the word list (lint.lexicon): a break inside a word;
- `doubles`: whether a doubled character is an OCR slip or correct Chinese (徐徐, 部|部长), inside
  a line and across a break;
- `columns`: blocks of hard-wrapped lines that alternate between two columns read across;
- `names`: where a newspaper prints a person's name (lists, titles, speakers, credits);
  `name_index`: the names of a corpus and the lists they stand in; `spellings`: spellings one
  character apart and how their characters are alike; `name_list`: the editors' name lists.
"""
