"""TLS and the proxy: the local CA, server certificates, how clients trust them, and the HTTPS
proxy that lets unmodified clients reach the emulator under the vendor's host names."""
