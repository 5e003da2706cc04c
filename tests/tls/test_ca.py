"""The local CA: made once, kept with a private key only its owner reads, reused, race-safe, and
unable to vouch for any host but loopback and the vendor's."""

from __future__ import annotations

import socket
import ssl
import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from lsq_mock.cli import main
from lsq_mock.tls.ca import CERT_FILE, KEY_FILE, local_ca
from lsq_mock.tls.context import server_context
from lsq_mock.tls.trust import CA_DIR_ENV, CA_ENV_VARS, CAError, default_ca_dir


def test_made_once_then_reused(tmp_path: Path) -> None:
    first = local_ca(tmp_path / "ca")
    key_bytes = first.key_path.read_bytes()
    again = local_ca(tmp_path / "ca")
    assert again.cert_path == first.cert_path
    assert again.certificate == first.certificate
    assert again.key_path.read_bytes() == key_bytes
    assert stat.S_IMODE(first.key_path.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ca"]  # no staging left behind


def test_processes_racing_to_make_it_share_one(tmp_path: Path) -> None:
    directory = tmp_path / "ca"
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda _: local_ca(directory).certificate, range(8)))
    assert all(certificate == made[0] for certificate in made)
    assert sorted(path.name for path in directory.iterdir()) == sorted([CERT_FILE, KEY_FILE])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ca"]


def test_where_it_is_kept(tmp_path: Path) -> None:
    assert default_ca_dir({CA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert default_ca_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "lsq-mock" / "ca"
    assert default_ca_dir({}) == Path.home() / ".local" / "share" / "lsq-mock" / "ca"


def test_a_directory_without_a_ca_is_reported_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CAError, match="does not hold a usable lsq-mock CA"):
        local_ca(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_key_of_another_ca_is_refused(tmp_path: Path) -> None:
    local_ca(tmp_path / "one")
    local_ca(tmp_path / "two")
    (tmp_path / "one" / KEY_FILE).write_bytes((tmp_path / "two" / KEY_FILE).read_bytes())
    with pytest.raises(CAError, match="is not the key of"):
        local_ca(tmp_path / "one")


def test_cli_prints_the_path_and_the_variables(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(main, ["ca", "--ca-dir", str(tmp_path / "ca")])
    assert printed.exit_code == 0, printed.output
    path = tmp_path / "ca" / CERT_FILE
    assert printed.output == f"{path}\n"
    exported = runner.invoke(main, ["ca", "--ca-dir", str(tmp_path / "ca"), "--env"])
    assert exported.output.splitlines() == [f"export {name}={path}" for name in CA_ENV_VARS]
    refused = runner.invoke(main, ["ca", "--ca-dir", str(tmp_path)])
    assert refused.exit_code == 1
    assert "does not hold a usable lsq-mock CA" in refused.output


def test_cli_prints_the_proxy_variables_in_both_cases_and_keeps_loopback_off_it(
    tmp_path: Path,
) -> None:
    proxy = "http://127.0.0.1:8888"
    exported = CliRunner().invoke(
        main, ["ca", "--ca-dir", str(tmp_path / "ca"), "--env", "--proxy", proxy]
    )
    assert exported.exit_code == 0, exported.output
    path = tmp_path / "ca" / CERT_FILE
    assert exported.output.splitlines() == [
        *(f"export {name}={path}" for name in CA_ENV_VARS),
        f"export HTTPS_PROXY={proxy}",
        f"export https_proxy={proxy}",
        f"export HTTP_PROXY={proxy}",
        f"export http_proxy={proxy}",
        "export NO_PROXY=localhost,127.0.0.1,::1",
        "export no_proxy=localhost,127.0.0.1,::1",
    ]


def test_cli_proxy_needs_env(tmp_path: Path) -> None:
    refused = CliRunner().invoke(main, ["ca", "--ca-dir", str(tmp_path), "--proxy", "http://x:1"])
    assert refused.exit_code == 2
    assert "--proxy goes with --env" in refused.output


@pytest.mark.slow
def test_cli_processes_at_once_make_one_ca_and_keep_it(tmp_path: Path) -> None:
    env_dir = tmp_path / "ca"
    command = [sys.executable, "-m", "lsq_mock", "ca", "--ca-dir", str(env_dir)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = {run.communicate(timeout=60)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert outputs == {f"{env_dir / CERT_FILE}\n"}
    key = (env_dir / KEY_FILE).read_bytes()
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    assert (env_dir / KEY_FILE).read_bytes() == key


def test_server_certificate_covers_loopback_and_the_vendor_hosts(tmp_path: Path) -> None:
    ca = local_ca(tmp_path / "ca")
    for name in ("localhost", "127.0.0.1", "api.leadsquared.com", "api-in21.leadsquared.com"):
        assert _handshake(server_context(ca), ca.cert_path, name) is None, name


def test_name_constraints_keep_the_ca_from_vouching_for_other_hosts(tmp_path: Path) -> None:
    ca = local_ca(tmp_path / "ca")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    forged = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("example.com")]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            critical=False,
        )
        .sign(ca.private_key, hashes.SHA256())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    pem = tmp_path / "forged.pem"
    pem.write_bytes(_pem(forged, key))
    context.load_cert_chain(pem)
    failure = _handshake(context, ca.cert_path, "example.com")
    assert failure is not None and "subtree" in failure


def _handshake(context: ssl.SSLContext, ca_bundle: Path, name: str) -> str | None:
    """Handshake over a socket pair as a client that trusts `ca_bundle` and asks for `name`;
    the verification error, or None."""
    client_context = ssl.create_default_context(cafile=str(ca_bundle))
    left, right = socket.socketpair()
    with left, right:
        server = threading.Thread(target=_serve_handshake, args=(context, right), daemon=True)
        server.start()
        try:
            with client_context.wrap_socket(left, server_hostname=name):
                return None
        except ssl.SSLCertVerificationError as error:
            return str(error)
        finally:
            server.join(5)


def _serve_handshake(context: ssl.SSLContext, sock: socket.socket) -> None:
    try:
        with context.wrap_socket(sock, server_side=True):
            pass
    except (ssl.SSLError, OSError):
        pass


def _pem(certificate: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
