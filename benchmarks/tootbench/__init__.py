"""Support code for pytooter's performance benchmark (see ``benchmarks/README.md``).

The modules here only use the standard library and, on the client side,
``requests``, so that ``worker.py`` also runs inside the comparison virtual
environments that hold Mastodon.py instead of pytooter.
"""
