"""What lsq-mock knows about itself, each list defined once: the violation rules, the fidelity
ledger (every emulated behaviour and its source), the endpoints, and the behaviour catalogue that
contract coverage counts. They import nothing of the emulator but the field checks (the data
types), so any layer may import them."""
