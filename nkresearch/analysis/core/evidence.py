"""How little evidence is too little: the thresholds that analyses flag, figures mark and sentences caveat.

Defined once, so a table's flag, its figure's star and its sentence's caveat agree:

- :data:`THIN_WORDS`: a group (or a text of a scaling model) with fewer words is a
  small sample (``few_words`` in Wordfish, a star in the figures, a caveat in the
  sentences);
- :data:`FEW_USES`: a count below it is a handful: a rate resting on it is greyed,
  and an expected count below it makes G² unreliable (``low_expected`` in keyness;
  Rayson et al. 2004);
- :data:`FEW_DOCS`: a group of fewer documents has a bootstrap interval resting on
  few texts (``few_docs`` in similarity).
"""

from __future__ import annotations

THIN_WORDS = 1000
FEW_USES = 5
FEW_DOCS = 5
