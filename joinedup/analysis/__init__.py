"""The tables every analysis (chronology, screening, network) reads: no Django.

See `tables.py` for the schemas and `borough.py` for building them from a synthetic
borough without a database (tests and benchmarks).
"""
