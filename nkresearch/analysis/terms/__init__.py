"""The term analyses: frequencies, keyness, collocations, KWIC, dispersion, diversity, lexicons.

Each function takes the tokens table first, groups with ``by=`` and returns one row
per group and term (or per line, for :func:`.kwic.kwic`), with the counts behind
its statistics; the formulas are in :mod:`..measures`.
"""
