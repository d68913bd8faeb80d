"""Optional PAdES signature of a certificate PDF (pyhanko), as an incremental update.

The signed bytes are the unsigned PDF/A file followed by one appended revision (signature field,
widget, signature dictionary, refreshed Info/XMP): the archival parts stay intact. pyhanko writes the
signing time from the clock into the signature and the metadata (xmp:ModifyDate, and here also
xmp:MetadataDate, which the XMP specification says changes with the metadata), so a signed file is NOT
byte-reproducible, while the unsigned one is.

The file stays PDF 1.7, as PDF/A-2 requires, with RSA or ECDSA keys: pyhanko would declare ISO/TS 32002
(the PDF 2.0 extension listing ECDSA curves) and raise the file to PDF 2.0 for an EC key. A CMS ECDSA
signature with SHA-256 is plain PAdES that PDF 1.7 readers check (ETSI EN 319 142-1), so only the ESIC
extension is declared. EdDSA keys really need PDF 2.0 and are refused with a clear message.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

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
        widget[generic.pdf_name("/TU")] = generic.TextStringObject("Signature électronique de l'attestation")
        writer.update_container(widget)  # type: ignore[attr-defined]
        _tag_widget(writer, ref, widget)
        assert found == name


def _tag_widget(writer: Any, ref: Any, widget: Any) -> None:
    """In a tagged file, the signature widget joins the structure tree as a `Form` element (PDF/UA, 7.18.4),
    so the signed certificate stays as accessible as the unsigned one."""
    from pyhanko.pdf_utils import generic

    root = writer.root
    if "/StructTreeRoot" not in root:
        return
    tree = root["/StructTreeRoot"]
    document_ref = tree.raw_get("/K")[0] if isinstance(tree["/K"], generic.ArrayObject) else tree.raw_get("/K")
    document = document_ref.get_object()
    page_ref = widget.raw_get("/P") if "/P" in widget else None
    key = int(tree["/ParentTreeNextKey"])
    name = generic.pdf_name
    objr = generic.DictionaryObject({name("/Type"): name("/OBJR"), name("/Obj"): ref})
    form = generic.DictionaryObject({name("/Type"): name("/StructElem"), name("/S"): name("/Form"),
                                     name("/P"): document_ref, name("/K"): objr,
                                     name("/Alt"): generic.TextStringObject("Signature électronique de l'attestation")})
    if page_ref is not None:
        form[name("/Pg")] = page_ref
        objr[name("/Pg")] = page_ref
    form_ref = writer.add_object(form)
    document["/K"].append(form_ref)
    writer.update_container(document)
    parents = tree["/ParentTree"]
    parents["/Nums"].extend([generic.NumberObject(key), form_ref])
    writer.update_container(parents)
    tree[name("/ParentTreeNextKey")] = generic.NumberObject(key + 1)
    writer.update_container(tree)
    widget[name("/StructParent")] = generic.NumberObject(key)
    writer.update_container(widget)


def _pdf17_writer(data: bytes) -> object:
    """An incremental writer that also sets xmp:MetadataDate to the new xmp:ModifyDate (the signing time)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata import model, xmp_xml

    metadata_date = model.ExpandedName(ns=model.NS["xmp"], local_name="MetadataDate")

    class Writer(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            super()._update_meta()
            try:
                stream = self.root["/Metadata"]  # pyhanko's parsed view of the packet it just updated
            except KeyError:
                return
            if not isinstance(stream, xmp_xml.MetadataStream):
                return
            fields = {name: value for root in stream.xmp for name, value in root}
            if model.XMP_MODDATE in fields:
                fields[metadata_date] = fields[model.XMP_MODDATE]
                replaced = xmp_xml.MetadataStream.from_xmp([model.XmpStructure(fields)])
                self.root["/Metadata"] = self.add_object(replaced)
                self.update_root()

    return Writer(io.BytesIO(data))


def _pdf17_signer(meta: object, signer: object) -> object:
    """A PdfSigner that keeps PDF 1.7 (PAdES ESIC extension only; see the module docstring)."""
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.constants import ESIC_EXTENSION_1

    class Signer(signers.PdfSigner):
        def register_extensions(self, pdf_out: object, *, md_algorithm: str) -> None:
            mechanism = self.signer.get_signature_mechanism_for_digest(md_algorithm)
            if mechanism.signature_algo in ("ed25519", "ed448"):
                raise InputError("signature : une clé EdDSA (Ed25519) impose PDF 2.0, incompatible avec "
                                 "PDF/A-2 ; utilisez une clé RSA ou EC (P-256)")
            if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
                pdf_out.ensure_output_version(version=(1, 7))  # type: ignore[attr-defined]
                pdf_out.register_extension(ESIC_EXTENSION_1)  # type: ignore[attr-defined]

    return Signer(meta, signer=signer)  # type: ignore[arg-type]


def sign_pdf(data: bytes, key: PathLike | None = None, cert: PathLike | None = None, *,
             pkcs12: PathLike | None = None, passphrase: str | bytes | None = None, signer: object = None,
             reason: str | None = "Attestation de labellisation", location: str | None = None,
             field_name: str = "Signature") -> bytes:
    """`data` signed (PAdES baseline B, SHA-256, invisible signature field) by `signer` or the given files."""
    from pyhanko.sign import fields, signers

    chosen = signer if signer is not None else load_signer(key=key, cert=cert, pkcs12=pkcs12,
                                                           passphrase=passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location,
    )
    writer = _pdf17_writer(data)
    _align_producer(writer)
    _invisible_field(writer, field_name)
    out = _pdf17_signer(meta, chosen).sign_pdf(writer)  # type: ignore[attr-defined]
    return bytes(out.getbuffer())
