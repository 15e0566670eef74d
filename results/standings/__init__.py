"""Championship standings: each era's rules (``rules``) applied to a season's results (``engine``).

Pure Python, no ORM: the site reads results from the database, maps them to ``engine.Race`` and
stores what ``engine.compute`` returns. See /work/helpers/standings-interface.md for the contract.
"""
