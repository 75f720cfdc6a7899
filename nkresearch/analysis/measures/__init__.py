"""The statistics: pure functions over arrays of counts, each with its formula and its source.

Nothing here reads a tokens table. :mod:`.association` (collocation in a window and
NLTK's likelihood ratio), :mod:`.keyness` (G², log ratio), :mod:`.logodds` (the
Fightin' Words log-odds), :mod:`.divergence` (cosine, Jensen–Shannon),
:mod:`.dispersion` (Juilland's D, Gries' DP), :mod:`.diversity` (MATTR) and
:mod:`.rates` (the exact interval of a rate).
"""
