"""PAdES signature of a certificate: pyhanko validates it, and the file stays PDF/A-2b (incremental update).

Keys and certificates are throwaway ones made here with `cryptography`; the self-signed certificate is
the validator's only trust root.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
import pikepdf
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tests.conftest import has_tool
from tnl_signage.cli.certificate import certificate
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.certificates import certificate as make_certificate
from tnl_signage.products.openbadges import write_openbadges
from tnl_signage.writers.signing import load_signer, sign_pdf

PASSPHRASE = b"secret-de-test"


@dataclass(frozen=True)
class Keys:
    key: Path
    cert: Path
    p12: Path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ADULLACT (test)"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "FR")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .sign(private, hashes.SHA256())
    )
    out = Keys(folder / "key.pem", folder / "cert.pem", folder / "signer.p12")
    out.key.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
    out.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    out.p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", private, cert, None, serialization.BestAvailableEncryption(PASSPHRASE)))
    return out


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    laureate = make_laureate(name="Ville d'Échirolles", level="or", year=2025, department="38",
                               today=date(2025, 12, 1))
    return make_certificate(laureate).to_bytes("pdf")


@pytest.fixture(scope="module")
def signed(unsigned: bytes, keys: Keys) -> bytes:
    return sign_pdf(unsigned, keys.key, keys.cert, location="Montpellier")


def validate(data: bytes, keys: Keys):  # type: ignore[no-untyped-def]
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(keys.cert))])
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def test_signature_is_intact_and_valid(signed: bytes, keys: Keys) -> None:
    status = validate(signed, keys)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.modification_level.name == "NONE"
    reader = PdfFileReader(io.BytesIO(signed))
    sig = reader.embedded_signatures[0].sig_object
    assert sig["/SubFilter"] == "/ETSI.CAdES.detached", "PAdES"


def test_signing_is_an_incremental_update(unsigned: bytes, signed: bytes) -> None:
    assert signed.startswith(unsigned)
    assert len(signed) > len(unsigned)


def test_signed_file_is_still_pdfa_2a_and_tagged(signed: bytes, tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
        form = pdf.Root.StructTreeRoot.K[0].K[-1]  # the signature widget, tagged as PDF/UA asks (7.18.4)
        assert str(form.S) == "/Form" and form.K.Obj.objgen == pdf.pages[0].Annots[0].objgen
        assert int(pdf.pages[0].Annots[0].StructParent) == 1 and int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == 2
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1 and intent.DestOutputProfile.N == 3
        info = pdf.trailer.Info
        assert meta["pdf:Producer"] == str(info.Producer)
        assert meta["dc:title"] == str(info.Title)
        modified = dt.datetime.fromisoformat(meta["xmp:ModifyDate"])
        assert str(info.ModDate) == "D:" + modified.astimezone(dt.UTC).strftime("%Y%m%d%H%M%SZ")
        assert "/Filter" not in pdf.Root.Metadata
        assert not pdf.is_encrypted
        assert pdf.Root.AcroForm.get("/NeedAppearances") is not True
        for annot in pdf.pages[0].Annots:
            assert int(annot.F) & 4, "annotation imprimable (PDF/A)"
            assert int(annot.F) & (1 | 2 | 32) == 0, "ni cachée ni invisible (PDF/A)"
            assert [float(v) for v in annot.Rect] == [0, 0, 0, 0], "signature invisible"
            assert "/N" in annot.AP, "apparence obligatoire même vide (PDF/A-2, 6.3.3)"
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    if has_tool("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout + check.stderr
    if has_tool("gs"):
        gs = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", str(path)],
                            capture_output=True, text=True, check=False)
        assert gs.returncode == 0 and "WARNING" not in gs.stdout + gs.stderr, gs.stdout + gs.stderr
    from pdfua import validate as pdfua_validate

    assert [(f.rule_id, f.message) for f in pdfua_validate(str(path)).findings] == []
    if has_tool("pdffonts"):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Helvetica" not in rows
        assert all(row.split()[-5] == "yes" for row in rows.splitlines()[2:])


def test_tampering_breaks_the_signature(signed: bytes, keys: Keys) -> None:
    at = signed.index(b">2</pdfaid:part>")  # the original XMP packet, covered by the signature
    tampered = signed[:at] + b">3</pdfaid:part>" + signed[at + 16:]
    assert not validate(tampered, keys).intact


def test_pkcs12_through_the_cli(keys: Keys, tmp_path: Path) -> None:
    group = click.Group()
    group.add_command(certificate)
    out = tmp_path / "s.pdf"
    result = CliRunner().invoke(group, ["certificate", "-n", "Boé", "-l", "or", "-y", "2025", "--pkcs12",
                                        str(keys.p12), "--passphrase", PASSPHRASE.decode(), "-o", str(out)])
    assert result.exit_code == 0, result.output
    status = validate(out.read_bytes(), keys)
    assert status.intact and status.valid


def test_bad_key_material_is_a_clear_error(keys: Keys, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="phrase de passe incorrecte"):
        load_signer(pkcs12=keys.p12, passphrase="mauvaise")
    with pytest.raises(InputError, match="clé privée illisible"):
        load_signer(key=keys.cert, cert=keys.cert)
    with pytest.raises(InputError, match="tous deux nécessaires"):
        load_signer(key=keys.key)
    group = click.Group()
    group.add_command(certificate)
    result = CliRunner().invoke(group, ["certificate", "-n", "Boé", "-l", "or", "-y", "2025", "--sign",
                                        str(keys.key), "--cert", str(keys.cert), "-o", str(tmp_path / "a.png")])
    assert result.exit_code == 1 and "seul un PDF peut être signé" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_rsa_and_ec_signatures_keep_pdf_1_7_and_date_the_metadata(kind: str, unsigned: bytes, keys: Keys,
                                                                 tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    if kind == "rsa":
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ADULLACT (test RSA)")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(private, hashes.SHA256()))
        key_path, cert_path = tmp_path / "rsa.pem", tmp_path / "rsa.crt"
        key_path.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        keys = Keys(key_path, cert_path, keys.p12)
    signed = sign_pdf(unsigned, keys.key, keys.cert)
    status = validate(signed, keys)
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        assert pdf.pdf_version == "1.7" and "/Version" not in pdf.Root, "PDF/A-2 est bâti sur PDF 1.7"
        assert set(pdf.Root.Extensions.keys()) == {"/ESIC"}  # PAdES, no PDF 2.0 extension
        meta = pdf.open_metadata()
        assert meta["xmp:MetadataDate"] == meta["xmp:ModifyDate"] != meta["xmp:CreateDate"]
        assert meta["pdfaid:part"] == "2"
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    if has_tool("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^PDF version: +1\.7$", info, re.M), info


def test_an_eddsa_certificate_is_refused_clearly(unsigned: bytes, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ed25519

    private = ed25519.Ed25519PrivateKey.generate()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ed25519 (test)")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3)).sign(private, None))
    (tmp_path / "k.pem").write_bytes(private.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(InputError, match="PDF 2.0, incompatible avec PDF/A-2"):
        sign_pdf(unsigned, tmp_path / "k.pem", tmp_path / "c.pem")


def test_verify_reads_a_signed_certificate_and_spots_a_change(signed: bytes, unsigned: bytes,
                                                             tmp_path: Path) -> None:
    from tnl_signage.cli import cli

    (tmp_path / "signee.pdf").write_bytes(signed)
    (tmp_path / "non-signee.pdf").write_bytes(unsigned)
    at = signed.index(b">2</pdfaid:part>")
    (tmp_path / "modifiee.pdf").write_bytes(signed[:at] + b">3</pdfaid:part>" + signed[at + 16:])
    run = CliRunner().invoke
    alone_signed = run(cli, ["verify", str(tmp_path / "signee.pdf")])  # intact, but withdrawal unknown offline
    assert alone_signed.exit_code == 1 and "retrait non vérifiable sans le site publié" in alone_signed.output
    site = tmp_path / "site"
    laureate = make_laureate(name="Ville d'Échirolles", level="or", year=2025, department="38",
                               today=date(2025, 12, 1))
    write_openbadges([laureate], site, "https://territoire-numerique-libre.org/verification")
    good = run(cli, ["verify", "--site", str(site), str(tmp_path / "signee.pdf")])
    assert good.exit_code == 0, good.output
    assert "numéro confirmé par le site publié" in good.output
    assert "attestation PDF/A-2 — Ville d'Échirolles" in good.output
    assert "signature intacte : Common Name: ADULLACT (test)" in good.output
    assert "numéro : TNL-2025-" in good.output and "=> VALIDE" in good.output
    if has_tool("zbarimg"):
        assert "code QR : https://territoire-numerique-libre.org/verification/2025/ville-d-echirolles/" in good.output
    changed = run(cli, ["verify", str(tmp_path / "modifiee.pdf")])
    assert changed.exit_code == 1 and "signature invalide" in changed.output
    alone = run(cli, ["verify", str(tmp_path / "non-signee.pdf")])
    assert alone.exit_code == 1 and "PDF non signé : seul le site publié" in alone.output
    if has_tool("zbarimg"):  # the number is confirmed through the QR target's page on the site
        assert run(cli, ["verify", "--site", str(site), str(tmp_path / "non-signee.pdf")]).exit_code == 0
