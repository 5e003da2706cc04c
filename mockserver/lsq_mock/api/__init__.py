"""The HTTP side: blueprints that parse requests, call the emulator, shape LeadSquared replies."""
