"""What lsq-mock knows about itself, each list defined once: the violation rules, the fidelity
ledger (every emulated behaviour and its source). Leaf modules: they import nothing of the
emulator, so any layer may import them."""
