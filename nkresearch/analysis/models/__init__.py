"""The comparison models: log-odds, similarity, Wordscores, Wordfish and trends over time.

Each compares the groups of ``by=`` as wholes (a position, a distance, a slope);
the formulas they share with the term analyses are in :mod:`..measures`.
"""
