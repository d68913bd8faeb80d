"""Optional PAdES signature of a certificate PDF (pyhanko), as an incremental update.

The signed bytes are the unsigned PDF/A file followed by one appended revision (signature field,
widget, signature dictionary, refreshed Info/XMP): the archival parts stay intact. pyhanko writes the
signing time from the clock into the signature and the metadata, so a signed file is NOT
byte-reproducible, while the unsigned one is.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..errors import InputError, os_reason

PathLike = str | os.PathLike[str]


def _read(path: PathLike, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{what} illisible : « {path} » ({os_reason(exc)})") from None


def load_signer(*, key: PathLike | None = None, cert: PathLike | None = None, pkcs12: PathLike | None = None,
                passphrase: str | bytes | None = None) -> object:
    """A pyhanko signer from a PEM/DER key + certificate, or from a PKCS#12 file; InputError if unusable.

    Loaded here rather than with pyhanko's `SimpleSigner.load`, which logs a traceback and returns
    None on a bad file: a user must get one clear line instead.
    """
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    secret = passphrase.encode() if isinstance(passphrase, str) else passphrase
    if pkcs12 is not None:
        if key is not None or cert is not None:
            raise InputError("signature : donner soit une clé et un certificat, soit un fichier PKCS#12")
        try:
            return SimpleSigner.load_pkcs12_data(_read(pkcs12, "fichier PKCS#12"), other_certs=(),
                                                 passphrase=secret)
        except ValueError:
            raise InputError(f"fichier PKCS#12 illisible ou phrase de passe incorrecte : « {pkcs12} »") from None
    if key is None or cert is None:
        raise InputError("signature : la clé privée et le certificat sont tous deux nécessaires")
    try:
        private = load_private_key_from_pemder_data(_read(key, "clé privée"), passphrase=secret)
    except (ValueError, TypeError):
        raise InputError(f"clé privée illisible (PEM ou DER attendu, phrase de passe ?) : « {key} »") from None
    try:
        certs = list(load_certs_from_pemder_data(_read(cert, "certificat")))
    except (ValueError, TypeError):
        certs = []
    if not certs:
        raise InputError(f"certificat illisible (PEM ou DER attendu) : « {cert} »")
    return SimpleSigner(signing_cert=certs[0], signing_key=private,
                        cert_registry=SimpleCertificateStore.from_certs(certs))


def _align_producer(writer: object) -> None:
    """Keep Info /Producer equal to XMP pdf:Producer, as PDF/A requires.

    pyhanko sets XMP pdf:Producer to "pyHanko x.y" but only appends "; pyHanko x.y" to an existing
    Info /Producer, which would leave the two different: start from its exact value instead.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    info_ref = getattr(writer, "_info", None)
    if info_ref is None:
        return
    info = info_ref.get_object()
    info["/Producer"] = generic.TextStringObject(VENDOR)
    writer.update_container(info)  # type: ignore[attr-defined]


def _invisible_field(writer: object, name: str) -> None:
    """An invisible signature field whose widget still has an (empty) appearance stream.

    pyhanko's own invisible field has none; PDF/A wants every widget to carry /AP (ISO 19005-2, 6.3.3),
    and viewers such as Ghostscript warn about it. Empty and zero-sized, it draws nothing.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.sign import fields

    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name))  # type: ignore[arg-type]
    for found, _, ref in fields.enumerate_sig_fields(writer, with_name=name):  # type: ignore[arg-type]
        widget = ref.get_object()
        appearance = generic.StreamObject({
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(0)] * 4),
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
        }, stream_data=b"")
        widget[generic.pdf_name("/AP")] = generic.DictionaryObject(
            {generic.pdf_name("/N"): writer.add_object(appearance)})  # type: ignore[attr-defined]
        writer.update_container(widget)  # type: ignore[attr-defined]
        assert found == name


def sign_pdf(data: bytes, key: PathLike | None = None, cert: PathLike | None = None, *,
             pkcs12: PathLike | None = None, passphrase: str | bytes | None = None, signer: object = None,
             reason: str | None = "Attestation de labellisation", location: str | None = None,
             field_name: str = "Signature") -> bytes:
    """`data` signed (PAdES baseline B, SHA-256, invisible signature field) by `signer` or the given files."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    chosen = signer if signer is not None else load_signer(key=key, cert=cert, pkcs12=pkcs12,
                                                           passphrase=passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    _align_producer(writer)
    _invisible_field(writer, field_name)
    out = signers.PdfSigner(meta, signer=chosen).sign_pdf(writer)  # type: ignore[arg-type]
    return bytes(out.getbuffer())
