"""TLS for the emulator: a server certificate from the local CA, and a listener that serves it.

A fresh server key and certificate are made for each server (a few milliseconds), so only the CA
is kept on disk.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from lsq_mock.tls.ca import LocalCA
from lsq_mock.tls.vendor_hosts import certificate_names

SERVER_CERT_VALIDITY = timedelta(days=365)
LOOPBACK_ADDRESSES = ("127.0.0.1", "::1")


def server_context(ca: LocalCA) -> ssl.SSLContext:
    """A server-side SSLContext with a new certificate for loopback and the vendor's API hosts."""
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = _server_certificate(ca, key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])  # the emulator speaks HTTP/1.1 only
    pem = certificate.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # load_cert_chain reads files only; the directory is private to us and gone at once.
    with tempfile.TemporaryDirectory(prefix="lsq-mock-tls-") as scratch:
        path = Path(scratch) / "server.pem"
        path.write_bytes(pem)
        context.load_cert_chain(path)
    return context


def tls_listener(listener: socket.socket, context: ssl.SSLContext) -> ssl.SSLSocket:
    """`listener` serving TLS, with each handshake left to the connection's own thread.

    With the default handshake-on-accept a client that connects and says nothing would stall
    the accepting loop, and with it every other client.
    """
    return context.wrap_socket(listener, server_side=True, do_handshake_on_connect=False)


def _server_certificate(ca: LocalCA, key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    now = datetime.now(UTC)
    names: list[x509.GeneralName] = [x509.DNSName(name) for name in certificate_names()]
    names += [x509.IPAddress(ipaddress.ip_address(address)) for address in LOOPBACK_ADDRESSES]
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "lsq-mock emulator")]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(min(now + SERVER_CERT_VALIDITY, ca.certificate.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            critical=False,
        )
        .sign(ca.private_key, hashes.SHA256())
    )
