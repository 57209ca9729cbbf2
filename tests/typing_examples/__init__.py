"""Typed usage examples, read by mypy only (never run).

Each module uses one area of the API the way a typed program would, with
``assert_type`` on what comes back, field by field and through several levels.
CI checks them with ``mypy --strict mastodon tests/typing_examples``; the mistakes
mypy must catch are in ``tests/typing_mistakes.py``, and
``tests/test_return_types.py`` runs mypy over both at once.
"""
