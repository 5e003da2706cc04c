"""The local certificate authority: made once per user, kept on disk, reused by every emulator.

Its certificate is what clients trust (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, ...); its key signs
the emulator's server certificates. The CA lsq-mock makes is name-constrained to loopback and the
vendor's domain, so a client that enforces name constraints accepts nothing else it signs, even
if its key leaked. A CA directory lsq-mock would not have made (no such constraints, a key others
may read, files or a directory others may replace) is refused unless trusted on purpose.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from lsq_mock.catalogue.regions import VENDOR_DOMAIN
from lsq_mock.tls.trust import (
    CA_DIR_ENV,
    CERT_FILE,
    TRUST_CA_DIR_OPTION,
    CAError,
    UntrustedCA,
    default_ca_dir,
)

KEY_FILE = "ca-key.pem"
CA_VALIDITY = timedelta(days=3650)
PERMITTED_NAMES = (
    x509.DNSName("localhost"),
    x509.DNSName(VENDOR_DOMAIN),
    x509.IPAddress(ipaddress.ip_network("127.0.0.0/8")),
    x509.IPAddress(ipaddress.ip_network("::1/128")),
)
"""All the CA may ever vouch for: loopback names and addresses, and the vendor's domain."""


@dataclass(frozen=True)
class LocalCA:
    """The CA as loaded from its directory: the files, the certificate and its private key."""

    directory: Path
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey

    @property
    def cert_path(self) -> Path:
        """The CA certificate (PEM): the bundle clients are told to trust."""
        return self.directory / CERT_FILE

    @property
    def key_path(self) -> Path:
        """The CA's private key (PEM, mode 0600)."""
        return self.directory / KEY_FILE


def local_ca(directory: Path | None = None, *, trust: bool = False) -> LocalCA:
    """The CA kept in `directory` (default: `default_ca_dir()`), made there first if missing.

    A CA found there that lsq-mock would not have made is refused (UntrustedCA, saying how to fix
    it), unless `trust`. Safe when several processes (pytest-xdist workers) ask at once: the CA is
    written to a private staging directory and renamed into place in one step, so a process sees
    no CA or a whole one; the first rename wins and the others load the winner's.
    """
    directory = directory or default_ca_dir()
    if not (directory / CERT_FILE).exists():
        _create(directory)
    ca = _load(directory)
    if not trust:
        problems = [*_loose_modes(directory), *_unconstrained(ca.certificate)]
        if problems:
            raise UntrustedCA(
                f"{directory} holds a CA lsq-mock would not have made: "
                + "; ".join(problems)
                + ". Clients told to trust it would trust more than this emulator. Fix it as "
                "said, or delete the directory to make a new CA (clients must then trust the "
                f"new one), or pass {TRUST_CA_DIR_OPTION} to use it as it is."
            )
    return ca


def _loose_modes(directory: Path) -> list[str]:
    """What others may do that lsq-mock's own CA never lets them: read or replace the key, or
    replace the certificate or the directory's files. (POSIX modes only.)"""
    if os.name != "posix":
        return []
    found = []
    checks = (
        (directory / KEY_FILE, 0o077, "its key is open to others", "chmod 600"),
        (directory / CERT_FILE, 0o022, "its certificate is writable by others", "chmod go-w"),
        (directory, 0o022, "its directory is writable by others", "chmod go-w"),
    )
    for path, forbidden, what, fix in checks:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & forbidden:
            found.append(f"{what} (mode {mode:04o}: {fix} {path})")
    return found


def _unconstrained(certificate: x509.Certificate) -> list[str]:
    """How the certificate falls short of the name constraints lsq-mock gives its CA: critical,
    and permitting nothing outside PERMITTED_NAMES."""
    try:
        extension = certificate.extensions.get_extension_for_class(x509.NameConstraints)
    except x509.ExtensionNotFound:
        return ["it has no name constraints, so it may vouch for any site"]
    found = [] if extension.critical else ["its name constraints are not marked critical"]
    permitted = extension.value.permitted_subtrees or []
    if not permitted or any(name not in PERMITTED_NAMES for name in permitted):
        allowed = ", ".join(str(name.value) for name in PERMITTED_NAMES)
        found.append(f"its name constraints permit more than {allowed}")
    return found


def _create(directory: Path) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".lsq-mock-ca-", dir=directory.parent))
    try:
        key = ec.generate_private_key(ec.SECP256R1())
        _write(staging / KEY_FILE, _key_pem(key), mode=0o600)
        _write(staging / CERT_FILE, _new_certificate(key).public_bytes(_PEM), mode=0o644)
        staging.chmod(0o755)  # the certificate is public; the key file stays 0600
        # Atomic; fails (and our CA is dropped) if another process's CA is already in place.
        with contextlib.suppress(OSError):
            staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _load(directory: Path) -> LocalCA:
    try:
        certificate = x509.load_pem_x509_certificate((directory / CERT_FILE).read_bytes())
        key = serialization.load_pem_private_key((directory / KEY_FILE).read_bytes(), None)
    except (OSError, ValueError) as error:
        raise CAError(
            f"{directory} does not hold a usable lsq-mock CA ({CERT_FILE} and {KEY_FILE}): "
            f"{error}. Point {CA_DIR_ENV} at another directory, or delete this one to make a "
            "new CA (clients that trusted the old one must then trust the new one)."
        ) from error
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != (
        certificate.public_key()
    ):
        raise CAError(f"{directory}: {KEY_FILE} is not the key of {CERT_FILE}")
    return LocalCA(directory, certificate, key)


_PEM = serialization.Encoding.PEM


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(_PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _write(path: Path, data: bytes, *, mode: int) -> None:
    """Create `path` with `mode` from the start: the key is never readable by others."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def _new_certificate(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    now = datetime.now(UTC)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "lsq-mock"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"made {now:%Y-%m-%d %H:%M}Z"),
            x509.NameAttribute(NameOID.COMMON_NAME, "lsq-mock local CA"),
        ]
    )
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.NameConstraints(permitted_subtrees=list(PERMITTED_NAMES), excluded_subtrees=None),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
