"""The journal: every call of the emulated API as it was sent and answered, bounded in memory."""
