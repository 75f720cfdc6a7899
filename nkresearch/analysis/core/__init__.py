"""The counting core of the analyses: what every analysis shares, no statistic of its own.

:mod:`.counts` (the one counting object, with its matrix and per-document views),
:mod:`.kernels` (integer-code counting over millions of tokens), :mod:`.groups`
(``by=``), :mod:`.patterns` (``pattern=``), :mod:`.surface` (a lexicon's surface
forms), :mod:`.options` (the glossary), :mod:`.checks` (argument checks),
:mod:`.evidence` (the thresholds of thin evidence), :mod:`.results` (the ``attrs``
of every result and the registry of the analyses).
"""
