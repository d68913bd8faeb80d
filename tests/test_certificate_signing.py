"""PAdES signature of a certificate: pyhanko validates it, and the file stays PDF/A-2b (incremental update).

Keys and certificates are throwaway ones made here with `cryptography`; the self-signed certificate is
the validator's only trust root.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
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

from tnl_signage.cli.certificate import certificate
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.certificates import certificate as make_certificate
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


def test_signed_file_is_still_pdfa_2b(signed: bytes, tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
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
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("gs"):
        gs = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", str(path)],
                            capture_output=True, text=True, check=False)
        assert gs.returncode == 0 and "WARNING" not in gs.stdout + gs.stderr, gs.stdout + gs.stderr
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Helvetica" not in rows
        assert all(row.split()[-5] == "yes" for row in rows.splitlines()[2:])


def test_tampering_breaks_the_signature(signed: bytes, keys: Keys) -> None:
    at = signed.index(b"<pdfaid:part>2")  # the original XMP packet, covered by the signature
    tampered = signed[:at] + b"<pdfaid:part>3" + signed[at + 14:]
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
