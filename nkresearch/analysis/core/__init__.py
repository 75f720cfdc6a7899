"""The counting core of the analyses: what every analysis shares, no statistic of its own.

:mod:`.counts` (the counting objects), :mod:`.kernels` (integer-code counting over
millions of tokens), :mod:`.groups` (``by=``), :mod:`.patterns` (``pattern=``),
:mod:`.surface` (a lexicon's surface forms), :mod:`.options` (the glossary),
:mod:`.checks` (argument checks and the ``attrs`` of every result).
"""
