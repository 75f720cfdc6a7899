"""Benchmarks of nkresearch against the NLTK-only way and a regex floor (``make bench``)."""
