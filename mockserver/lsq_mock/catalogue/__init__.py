"""What lsq-mock knows about itself, each list defined once: the violation rules, the fidelity
ledger (every emulated behaviour and its source), the endpoints, the behaviour catalogue that
contract coverage counts, and the inventory of the vendor's real API (emulated or not). They
import nothing of the emulator but the field checks (the data types), so any layer may import
them."""
