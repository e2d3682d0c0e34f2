"""The analytics pipeline: pure Python, no Django.

The data owner runs `generate` (for test data) and `pseudonymise` where the data lives, with no database;
the analytics side runs `ingest` and the analysis stages. Django only calls into this package.
"""
