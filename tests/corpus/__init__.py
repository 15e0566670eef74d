"""A corpus of real races rendered in the formats reports are published in (tests and bench/formats.py).

``races.py`` reads real races from ``../shared/data/nascar``; each other module renders a race in
one format. Nothing here is copied from ``../shared``: the files are read where they lie.
"""
