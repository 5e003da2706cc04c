"""A CA directory lsq-mock would not have made is refused, saying how to fix it: no name
constraints (or wider ones), a key others may read, a certificate or directory others may
replace. `--trust-ca-dir` (`Settings(trust_ca_dir=True)`) uses it anyway."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from lsq_mock import MockServer, Settings
from lsq_mock.cli import main
from lsq_mock.tls.ca import CERT_FILE, KEY_FILE, PERMITTED_NAMES, local_ca
from lsq_mock.tls.trust import CA_DIR_ENV, TRUST_CA_DIR_OPTION, UntrustedCA
from support.served import served

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
ROOT = Path(__file__).resolve().parents[2]


def foreign_ca(
    directory: Path,
    constraints: list[x509.GeneralName] | None = None,
    *,
    critical: bool = True,
) -> Path:
    """A CA lsq-mock did not make, in `directory` (modes as lsq-mock's own): its certificate
    with `constraints` as the permitted names (none: no NameConstraints at all)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "someone else's CA")])
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    )
    if constraints is not None:
        builder = builder.add_extension(
            x509.NameConstraints(permitted_subtrees=constraints, excluded_subtrees=None),
            critical=critical,
        )
    certificate = builder.sign(key, hashes.SHA256())
    directory.mkdir(mode=0o755)
    directory.chmod(0o755)
    (directory / CERT_FILE).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / CERT_FILE).chmod(0o644)
    (directory / KEY_FILE).write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (directory / KEY_FILE).chmod(0o600)
    return directory


def our_ca_with_mode(tmp_path: Path, which: str, mode: int) -> Path:
    directory = local_ca(tmp_path / "ca").directory
    {"key": directory / KEY_FILE, "certificate": directory / CERT_FILE, "directory": directory}[
        which
    ].chmod(mode)
    return directory


@pytest.mark.parametrize(
    ("constraints", "critical", "said"),
    [
        (None, True, "it has no name constraints, so it may vouch for any site"),
        ([*PERMITTED_NAMES, x509.DNSName("example.com")], True, "name constraints permit more"),
        ([x509.DNSName("com")], True, "name constraints permit more"),
        (list(PERMITTED_NAMES), False, "its name constraints are not marked critical"),
    ],
    ids=["none", "wider", "other", "not-critical"],
)
def test_a_ca_without_our_name_constraints_is_refused(
    tmp_path: Path, constraints: list[x509.GeneralName] | None, critical: bool, said: str
) -> None:
    directory = foreign_ca(tmp_path / "ca", constraints, critical=critical)

    with pytest.raises(UntrustedCA) as refused:
        local_ca(directory)

    assert said in str(refused.value)
    assert TRUST_CA_DIR_OPTION in str(refused.value)
    assert "delete the directory to make a new CA" in str(refused.value)
    assert local_ca(directory, trust=True).directory == directory


def test_a_ca_with_our_name_constraints_made_elsewhere_is_used(tmp_path: Path) -> None:
    directory = foreign_ca(tmp_path / "ca", list(PERMITTED_NAMES))

    assert local_ca(directory).directory == directory


@pytest.mark.parametrize(
    ("which", "mode", "said"),
    [
        ("key", 0o644, "its key is open to others (mode 0644: chmod 600 "),
        ("key", 0o640, "its key is open to others (mode 0640: chmod 600 "),
        ("key", 0o666, "its key is open to others (mode 0666: chmod 600 "),
        ("certificate", 0o666, "its certificate is writable by others (mode 0666: chmod go-w "),
        ("directory", 0o777, "its directory is writable by others (mode 0777: chmod go-w "),
        ("directory", 0o775, "its directory is writable by others (mode 0775: chmod go-w "),
    ],
)
def test_a_ca_others_may_read_or_replace_is_refused(
    tmp_path: Path, which: str, mode: int, said: str
) -> None:
    directory = our_ca_with_mode(tmp_path, which, mode)

    with pytest.raises(UntrustedCA) as refused:
        local_ca(directory)

    assert said in str(refused.value)
    assert local_ca(directory, trust=True).directory == directory


def test_every_problem_is_named_at_once(tmp_path: Path) -> None:
    directory = foreign_ca(tmp_path / "ca")
    directory.chmod(0o777)
    (directory / KEY_FILE).chmod(0o666)

    with pytest.raises(UntrustedCA) as refused:
        local_ca(directory)

    said = str(refused.value)
    assert all(part in said for part in ("its key", "its directory", "no name constraints"))


def test_the_ca_command_refuses_it_and_trusts_it_when_told(tmp_path: Path) -> None:
    directory = foreign_ca(tmp_path / "ca")
    runner = CliRunner()

    refused = runner.invoke(main, ["ca", "--ca-dir", str(directory)])
    trusted = runner.invoke(main, ["ca", "--ca-dir", str(directory), TRUST_CA_DIR_OPTION])

    assert refused.exit_code == 1
    assert "would not have made" in refused.output
    assert trusted.exit_code == 0, trusted.output
    assert trusted.output == f"{directory / CERT_FILE}\n"


def test_an_https_server_refuses_it_unless_settings_trust_it(tmp_path: Path) -> None:
    directory = foreign_ca(tmp_path / "ca")

    with pytest.raises(UntrustedCA):
        MockServer(Settings(https=True, ca_dir=directory))
    with MockServer(Settings(https=True, ca_dir=directory, trust_ca_dir=True)) as server:
        assert server.ca_bundle == directory / CERT_FILE


@pytest.mark.slow
def test_serve_refuses_it_from_the_environment_and_says_how_to_fix(tmp_path: Path) -> None:
    directory = foreign_ca(tmp_path / "ca")
    directory.chmod(0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    command = [sys.executable, "-m", "lsq_mock", "serve", "--https", "--port", "0"]

    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**env, CA_DIR_ENV: str(directory)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert "would not have made" in done.stderr
    assert f"chmod go-w {directory}" in done.stderr
    with served("--https", TRUST_CA_DIR_OPTION, env={CA_DIR_ENV: str(directory)}) as server:
        assert server.url.startswith("https://")


def test_record_refuses_it_and_its_proxy_trusts_it_when_told(tmp_path: Path) -> None:
    from lsq_mock.calibrate.record_server import RecordingServer

    directory = foreign_ca(tmp_path / "ca")
    out = tmp_path / "traffic.jsonl"
    target = ["--target", "http://127.0.0.1:9", "--out", str(out), "--port", "0"]

    refused = CliRunner().invoke(main, ["record", *target, "--ca-dir", str(directory)])

    assert refused.exit_code == 1
    assert "would not have made" in refused.output
    assert TRUST_CA_DIR_OPTION in CliRunner().invoke(main, ["record", "--help"]).output
    app: Any = lambda environ, start_response: []  # noqa: E731  (never called)
    with RecordingServer(app, ca_dir=directory, trust_ca_dir=True) as trusted:
        assert trusted.ca_bundle == directory / CERT_FILE
