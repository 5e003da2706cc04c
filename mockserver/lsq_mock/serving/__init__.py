"""The HTTP servers that serve an emulator app on a real socket: werkzeug, waitress, granian."""
