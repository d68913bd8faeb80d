"""Signing key handling and the `keys` / `openbadges` commands: file mode, no overwrite, no private key leaks."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import base58
import click
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.ob_fixtures import BASE_URL, EXAMPLE, key_pem, signed_site
from tnl_signage.cli.keys import keys
from tnl_signage.cli.openbadges import openbadges
from tnl_signage.errors import InputError
from tnl_signage.products.openbadges import write_openbadges
from tnl_signage.products.openbadges.keys import KEY_FILENAME, load_private_key, public_multibase
from tnl_signage.products.openbadges.ob3 import verify_credential


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group("tnl-signage")
    group.add_command(keys)
    group.add_command(openbadges)
    return group


def secrets_of(key: Ed25519PrivateKey) -> list[bytes]:
    """Every form in which the private key could leak: PEM, raw bytes and their common text encodings."""
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    pem = key_pem(key)
    body = b"".join(pem.splitlines()[1:-1])
    return [pem, body, raw, raw.hex().encode(), base64.b64encode(raw), base58.b58encode(raw),
            base64.urlsafe_b64encode(raw).rstrip(b"="), b"PRIVATE KEY"]


def assert_no_secret(root: Path, key: Ed25519PrivateKey) -> int:
    files = [p for p in root.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for secret in secrets_of(key):
            assert secret not in data, f"clé privée trouvée dans {path}"
    return len(files)


def test_keys_init_makes_a_private_file_and_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "cles"
    result = CliRunner().invoke(cli, ["keys", "init", str(target), "--base-url", BASE_URL + "/"])
    assert result.exit_code == 0, result.output
    pem = target / KEY_FILENAME
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    key = load_private_key(pem)
    assert public_multibase(key) in result.output
    assert "PRIVATE" not in result.output and key_pem(key).decode() not in result.output
    controller = json.loads((target / "issuer-v3.json").read_text(encoding="utf-8"))
    assert controller["id"] == f"{BASE_URL}/openbadges/issuer-v3.json"
    assert controller["verificationMethod"][0]["publicKeyMultibase"] == public_multibase(key)
    assert controller["assertionMethod"] == [controller["verificationMethod"][0]["id"]]
    before = pem.read_bytes()
    again = CliRunner().invoke(cli, ["keys", "init", str(target)])
    assert again.exit_code == 1
    assert "une clé existe déjà" in again.output and "Traceback" not in again.output
    assert pem.read_bytes() == before
    # the document written by `keys init` is byte for byte the one the site step publishes
    site = tmp_path / "site"
    lau = signed_site().laureates[:1]
    write_openbadges(lau, site, BASE_URL, signing_key=pem)
    assert (site / "openbadges/issuer-v3.json").read_bytes() == (target / "issuer-v3.json").read_bytes()


def test_keys_init_refuses_a_folder_inside_a_git_repository(cli, tmp_path):
    (tmp_path / "depot" / ".git").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["keys", "init", str(tmp_path / "depot" / "cles")])
    assert result.exit_code == 1
    assert "est dans le dépôt git" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "depot" / "cles").exists()


def test_bad_key_files_give_one_french_line(tmp_path):
    garbage = tmp_path / "n-importe-quoi.pem"
    garbage.write_text("bonjour")
    with pytest.raises(InputError, match="n-importe-quoi.pem : ce n'est pas une clé privée PEM"):
        load_private_key(garbage)
    rsa_pem = tmp_path / "rsa.pem"
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    rsa_pem.write_bytes(rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
    with pytest.raises(InputError, match="rsa.pem : la clé doit être de type Ed25519"):
        load_private_key(rsa_pem)
    with pytest.raises(InputError, match="absente.pem : clé de signature illisible"):
        load_private_key(tmp_path / "absente.pem")


def test_no_private_key_anywhere_in_the_published_tree():
    site = signed_site()
    # every file is searched, the run's own record and lock included (2 more than the published files)
    assert assert_no_secret(site.root, site.key) == len(site.result.files) + 2 > 200


def test_openbadges_command_signs_with_a_key_file_and_leaks_nothing(cli, tmp_path):
    keydir = tmp_path / "cles"
    assert CliRunner().invoke(cli, ["keys", "init", str(keydir)]).exit_code == 0
    pem = keydir / KEY_FILENAME
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["openbadges", str(EXAMPLE), "-o", str(out), "--base-url", BASE_URL,
                                      "--signing-key", str(pem)])
    assert result.exit_code == 0, result.output
    assert "pour 36 lauréat(s)" in result.output
    assert "Open Badges 3.0 non générés" not in result.output
    controller = json.loads((out / "openbadges/issuer-v3.json").read_text(encoding="utf-8"))
    credential = json.loads((out / "2025/ville-de-boe/credential.json").read_text(encoding="utf-8"))
    assert verify_credential(credential, controller).valid
    assert assert_no_secret(out, load_private_key(pem)) > 200
    assert not list(out.rglob("*.pem"))


def test_openbadges_command_without_key_says_so_in_one_line(cli, tmp_path):
    palmares = tmp_path / "p.csv"
    palmares.write_text("nom;type;niveau;annee;site\nVille de Lyon;commune;3;2021;https://www.lyon.fr\n",
                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["openbadges", str(palmares), "-o", str(tmp_path / "s"),
                                      "--base-url", BASE_URL])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "3.0" in line]
    assert lines == ["Open Badges 3.0 non générés : aucune clé de signature fournie (--signing-key) ; "
                     "les Open Badges 2.0 sont générés."]
    assert (tmp_path / "s/2021/ville-de-lyon/assertion.json").is_file()
    assert not (tmp_path / "s/2021/ville-de-lyon/credential.json").exists()


def test_openbadges_command_rejects_a_bad_base_url_in_one_line(cli, tmp_path):
    result = CliRunner().invoke(cli, ["openbadges", str(EXAMPLE), "-o", str(tmp_path), "--base-url",
                                      "territoire-numerique-libre.org"])
    assert result.exit_code == 1
    assert "--base-url « territoire-numerique-libre.org » : il faut l'adresse publique complète" in result.output
    assert "Traceback" not in result.output


def test_commands_have_french_help(cli):
    for args in (["keys", "--help"], ["keys", "init", "--help"], ["openbadges", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0
    assert "Refuse de remplacer une clé existante" in CliRunner().invoke(cli, ["keys", "init", "--help"]).output
    assert "Clé privée Ed25519" in CliRunner().invoke(cli, ["openbadges", "--help"]).output
