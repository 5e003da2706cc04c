"""Calibrate lsq-mock to a tenant: record real traffic (`lsq-mock record`), replay it against a
fresh emulator and say where it answers otherwise, with the ledger entry and the setting that
fixes each difference (`lsq-mock verify`). docs/calibrate.md is the guide.

The cassette, redaction, seeding, comparison and suggestions never import Flask; the recorder
speaks plain werkzeug, and only the replay serves an emulator app.
"""
