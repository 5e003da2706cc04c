"""What the tests share: the vendor's paths, a served emulator, seeded ids, calls and checks.

On the tests' import path (`pythonpath = ["tests"]`), so it imports the same way under every
pytest import mode; conftest.py holds fixtures only.
"""
