"""Check a file this tool made, offline: a baked badge (PNG or SVG, Open Badges 2.0 or 3.0), a JSON assertion
or credential, or a certificate PDF. Says in French what it is, for whom, whether it is intact and whether
the award was withdrawn.

Nothing is fetched: what a verifier would download (the hosted 2.0 assertion, the issuer's key, the 3.0
status list) is read from a local copy of the published site (`--site DIR`, or the site folder the file
sits in), mapping each URL under the site's base address to its file.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..products.openbadges.baking import BakingError, unbake_png, unbake_svg
from ..products.openbadges.ob3 import verify_credential
from ..products.openbadges.paths import SiteUrls
from ..products.openbadges.status import bit_is_set

JsonDict = dict[str, Any]
_NUMBER = re.compile(r"TNL-\d{4}-[A-Z2-7]{8}")


@dataclass
class Verdict:
    """What `verify_file` found; `ok` only for an intact, confirmed award that was not withdrawn."""

    path: Path
    kind: str = "fichier inconnu"
    subject: str = ""
    intact: bool = False
    withdrawn: str = ""
    status_known: bool = False  # whether a withdrawal could be looked up (it needs the published site)
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.status_known and not self.withdrawn and not self.problems

    def lines(self) -> list[str]:
        """The French report: the file, its facts and problems, then the verdict."""
        head = f"{self.path.name} : {self.kind}" + (f" — {self.subject}" if self.subject else "")
        out = [head, *(f"  {fact}" for fact in self.facts), *(f"  problème : {p}" for p in self.problems)]
        if self.withdrawn:
            out.append(f"  statut : {self.withdrawn}")
        elif self.intact and not self.problems and self.status_known:
            out.append("  statut : distinction en vigueur (non retirée)")
        elif self.intact and not self.problems:
            out.append("  statut : retrait non vérifiable sans le site publié (--site DOSSIER)")
        verdict = "VALIDE" if self.ok else "RETIRÉE" if self.withdrawn and self.intact else "NON VALIDE"
        out.append(f"  => {verdict}")
        return out


class SiteCopy:
    """A local copy of the published site: URLs under its base address read as files (never the network)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        base = None
        for rel in (SiteUrls.REL_ISSUER_V3, SiteUrls.REL_ISSUER):
            doc = _json_file(root / rel)
            if isinstance(doc, dict) and str(doc.get("id", "")).endswith("/" + rel):
                base = str(doc["id"])[: -len(rel) - 1]
                break
        self.base = base
        self.checked_lists: dict[str, str] = {}  # status list URL -> "" if authentic, else the reason

    @classmethod
    def find(cls, start: Path, given: Path | None) -> SiteCopy | None:
        """The site given, else the first parent folder of `start` holding openbadges/issuer*.json."""
        if given is not None:
            return cls(given)
        for folder in start.resolve().parents:
            if (folder / SiteUrls.REL_ISSUER).is_file() or (folder / SiteUrls.REL_ISSUER_V3).is_file():
                return cls(folder)
        return None

    def load(self, url: str) -> JsonDict | None:
        """The JSON document published at `url`, if this copy holds it."""
        if not self.base or not url.startswith(self.base + "/"):
            return None
        rel = url[len(self.base) + 1:].split("#", 1)[0].split("?", 1)[0]
        target = (self.root / rel).resolve()
        if not rel or not target.is_relative_to(self.root.resolve()):  # never read outside the site copy
            return None
        doc = _json_file(target)
        return doc if isinstance(doc, dict) else None


def _json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _types(doc: JsonDict) -> list[str]:
    kind = doc.get("type", [])
    return [kind] if isinstance(kind, str) else [str(k) for k in kind] if isinstance(kind, list) else []


# ------------------------------------------------------------------------------------------------------------
# Open Badges


def _laureate_of(evidence: Any) -> str:
    """« Ville de Boé (2025) » from the evidence name « Page de vérification : Ville de Boé (2025) »."""
    first = evidence[0] if isinstance(evidence, list) and evidence else {}
    name = str(first.get("name", "")) if isinstance(first, dict) else ""
    return name.split(" : ", 1)[-1]


def _withdrawal_reason(site: SiteCopy, page_url: str) -> str:
    """The reason published in the hosted 2.0 assertion beside the verification page, if any."""
    hosted = site.load(page_url.rstrip("/") + "/assertion.json") if page_url else None
    return str(hosted.get("revocationReason", "")) if hosted else ""


def _published(verdict: Verdict, site: SiteCopy | None, url: str, *, need: str, missing: str) -> JsonDict | None:
    """The document published at `url` in the local site copy; None, with the French reason (`need` when there
    is no copy: nothing is ever downloaded; `missing` when the copy does not hold it)."""
    if site is None:
        verdict.problems.append(f"{need} : il faut le site publié (--site DOSSIER), rien n'est téléchargé")
        return None
    found = site.load(url)
    if found is None:
        verdict.problems.append(f"{missing} du site {site.root}")
    return found


def _check_ob2(verdict: Verdict, baked: JsonDict | None, url: str | None, site: SiteCopy | None) -> None:
    verdict.kind += " Open Badges 2.0 (vérification hébergée)"
    assertion_url = url or (str(baked.get("id", "")) if baked else "")
    if baked is not None:
        verdict.subject = _laureate_of(baked.get("evidence"))
    hosted = _published(verdict, site, assertion_url, need="vérification hébergée",
                        missing=f"assertion {assertion_url} absente")
    if site is None or hosted is None:
        return
    verdict.subject = _laureate_of(hosted.get("evidence"))
    if baked is not None and baked != hosted:
        verdict.problems.append("le badge ne correspond pas à l'assertion publiée : il a été modifié")
        return
    badge = site.load(str(hosted.get("badge", "")))
    if badge is None or "Assertion" not in _types(hosted):
        verdict.problems.append("assertion ou BadgeClass publiée introuvable ou malformée")
        return
    verdict.facts.append(f"distinction : {badge.get('name', '?')}")
    verdict.facts.append(f"assertion publiée : {assertion_url}")
    verdict.intact = True
    verdict.status_known = True
    if hosted.get("revoked") is True:
        verdict.withdrawn = str(hosted.get("revocationReason") or "assertion marquée « revoked »")


def _check_status(verdict: Verdict, credential: JsonDict, controller: JsonDict, site: SiteCopy) -> None:
    status = credential.get("credentialStatus")
    if status is None:
        verdict.facts.append("aucune liste de révocation déclarée par le badge")
        verdict.status_known = True
        return
    entries = status if isinstance(status, list) else [status]
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("statusPurpose") != "revocation":
            continue
        list_url = str(entry.get("statusListCredential", ""))
        listed = site.load(list_url)
        if listed is None:
            verdict.problems.append(f"liste de révocation {list_url} absente du site")
            return
        if list_url not in site.checked_lists:  # one signature check per list, however many badges use it
            checked = verify_credential(listed, controller)
            site.checked_lists[list_url] = "" if checked.valid else checked.reason or "?"
        if site.checked_lists[list_url]:
            verdict.problems.append(f"liste de révocation non authentique ({site.checked_lists[list_url]})")
            return
        subject = listed.get("credentialSubject", {})
        try:
            revoked = bit_is_set(str(subject.get("encodedList", "")), int(str(entry.get("statusListIndex"))))
        except ValueError as exc:
            verdict.problems.append(f"liste de révocation illisible ({exc})")
            return
        verdict.facts.append(f"liste de révocation signée : {list_url} (bit {entry.get('statusListIndex')})")
        verdict.status_known = True
        if revoked:
            page = next((str(e.get("id", "")) for e in credential.get("evidence", []) if isinstance(e, dict)), "")
            verdict.withdrawn = _withdrawal_reason(site, page) or "bit de révocation levé"


def _check_ob3(verdict: Verdict, credential: JsonDict, site: SiteCopy | None) -> None:
    verdict.kind += " Open Badges 3.0 (attestation vérifiable signée)"
    verdict.subject = _laureate_of(credential.get("evidence"))
    issuer = credential.get("issuer")
    issuer_id = str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or "")
    controller = _published(verdict, site, issuer_id, need="clé de l'émetteur inconnue",
                            missing=f"document de l'émetteur {issuer_id} absent")
    if site is None or controller is None:
        return
    checked = verify_credential(credential, controller)
    if not checked.valid:
        verdict.problems.append(f"signature refusée : {checked.reason} (le badge a été modifié ou n'est pas "
                                "de cet émetteur)")
        return
    verdict.intact = True
    achievement = credential.get("credentialSubject", {}).get("achievement", {})
    verdict.facts.append(f"distinction : {achievement.get('name', '?')}")
    verdict.facts.append(f"signature valide : clé {credential.get('proof', {}).get('verificationMethod')}, "
                         f"signée le {credential.get('proof', {}).get('created')}")
    _check_status(verdict, credential, controller, site)


def _check_json(verdict: Verdict, doc: Any, url: str | None, site: SiteCopy | None) -> None:
    if not isinstance(doc, dict):
        verdict.problems.append("ni assertion Open Badges 2.0 ni attestation Open Badges 3.0")
    elif "VerifiableCredential" in _types(doc):
        _check_ob3(verdict, doc, site)
    elif "Assertion" in _types(doc):
        _check_ob2(verdict, doc, url, site)
    else:
        verdict.problems.append("ni assertion Open Badges 2.0 ni attestation Open Badges 3.0")


def _baked(verdict: Verdict, data: bytes, suffix: str, site: SiteCopy | None) -> None:
    """A baked image: 3.0 first (self-contained), else 2.0 (the JSON, or in old files only its URL)."""
    verdict.kind = f"image {suffix.upper()}"
    for version in (3, 2):
        try:
            if suffix == "png":
                text = unbake_png(data, version)
                value: Any = json.loads(text) if text.lstrip().startswith("{") else None
                url = None if value is not None else text
            else:
                value, url = unbake_svg(data, version)
        except (BakingError, ValueError):
            continue
        if version == 3:
            _check_ob3(verdict, value, site) if isinstance(value, dict) else verdict.problems.append(
                "badge 3.0 illisible")
        else:
            _check_ob2(verdict, value if isinstance(value, dict) else None, url, site)
        return
    verdict.problems.append("aucun Open Badge dans cette image")


# ------------------------------------------------------------------------------------------------------------
# Certificate PDF


def _qr_target(path: Path) -> str | None:
    """The address the certificate's QR code leads to, read as a phone would (poppler + zbar), if available."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page"
        done = subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(path), str(page)],
                              capture_output=True, timeout=60, check=False)
        if done.returncode != 0:
            return None
        read = subprocess.run(["zbarimg", "--raw", "-q", str(page) + ".png"], capture_output=True, text=True,
                              timeout=60, check=False)
    lines = [line for line in read.stdout.splitlines() if line.strip()]
    return lines[0].strip() if lines else None


def _signature(verdict: Verdict, data: bytes) -> bool | None:
    """True if signed and intact over the whole file, False if signed but altered, None if unsigned."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        return None
    from pyhanko_certvalidator import ValidationContext

    # No trust list is read from the system: whether the signer is who it says is for the reader to judge
    # (the certificate's name is printed); what is checked here is that the file is unchanged.
    quiet = logging.getLogger("pyhanko")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # an untrusted chain is reported below in French, not as a traceback
    try:
        status = validate_pdf_signature(signatures[-1], ValidationContext(trust_roots=[]))
    finally:
        quiet.setLevel(level)
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else "?"
    whole = str(status.coverage).endswith("ENTIRE_FILE")
    if status.intact and status.valid and whole:
        trust = "certificat reconnu" if status.trusted else "certificat à vérifier : non reconnu par ce poste"
        verdict.facts.append(f"signature intacte : {signer}, le {when} ; {trust}")
        return True
    verdict.problems.append("signature invalide : le fichier a été modifié après la signature" if status.valid
                            or not status.intact else "signature cryptographiquement invalide")
    return False


def _certificate(verdict: Verdict, path: Path, data: bytes, site: SiteCopy | None) -> None:
    import pikepdf

    verdict.kind = "attestation PDF"
    try:
        with pikepdf.open(path) as pdf:
            info: Any = pdf.trailer.get("/Info", pikepdf.Dictionary())
            keywords = str(info.get("/Keywords", ""))
            title = str(info.get("/Title", ""))
            with pdf.open_metadata() as meta:
                part = meta.get("pdfaid:part")
    except pikepdf.PdfError as exc:
        verdict.problems.append(f"PDF illisible ({exc})")
        return
    match = _NUMBER.search(keywords)
    number = match.group(0) if match else None
    verdict.kind = f"attestation PDF/A-{part}" if part else "PDF"
    verdict.subject = title.split(" — ", 1)[-1] if " — " in title else title
    verdict.facts.append(f"numéro : {number or 'introuvable'}")
    signed = _signature(verdict, data)
    url = _qr_target(path)
    verdict.facts.append(f"code QR : {url}" if url else "code QR : non lu")
    confirmed = False
    if site is not None and url and number:
        hosted = site.load(url.rstrip("/") + "/assertion.json")
        narrative = json.dumps(hosted.get("evidence", []), ensure_ascii=False) if hosted else ""
        if hosted is None:
            verdict.problems.append(f"aucun lauréat publié à {url} dans le site {site.root}")
        elif number not in narrative:
            verdict.problems.append(f"le site publie un autre numéro pour {url}")
        else:
            confirmed = True
            verdict.status_known = True
            verdict.facts.append("numéro confirmé par le site publié")
            if hosted.get("revoked") is True:
                verdict.withdrawn = str(hosted.get("revocationReason") or "distinction retirée")
    if signed is None and not confirmed:
        verdict.problems.append("PDF non signé : seul le site publié (--site DOSSIER) peut confirmer son numéro")
    verdict.intact = bool(signed) or (signed is None and confirmed)


def verify_file(path: Path, site_dir: Path | SiteCopy | None = None) -> Verdict:
    """Check one file; the site copy is `site_dir` or the site folder the file lies in."""
    verdict = Verdict(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        verdict.problems.append(f"lecture impossible ({exc.strerror or exc})")
        return verdict
    site = site_dir if isinstance(site_dir, SiteCopy) else SiteCopy.find(path, site_dir)
    if site is not None and site.base is None:
        verdict.problems.append(f"{site.root} n'est pas un site tnl-signage (openbadges/issuer.json absent)")
        site = None
    if data.startswith(b"%PDF-"):
        _certificate(verdict, path, data, site)
    elif data.startswith(b"\x89PNG"):
        _baked(verdict, data, "png", site)
    elif path.suffix.lower() == ".svg" or b"<svg" in data[:2048]:
        _baked(verdict, data, "svg", site)
    else:
        verdict.kind = "document JSON"
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            verdict.kind = "fichier inconnu"
            verdict.problems.append("ni image PNG/SVG, ni JSON, ni PDF")
            return verdict
        _check_json(verdict, doc, None, site)
    return verdict
