"""Tagged PDF: the structure tree a screen reader walks (PDF/UA-1, PDF/A-2a).

The drawing wraps each tagged scene group in a marked-content sequence (`/P <</MCID 3>> BDC … EMC`) and
everything else in `/Artifact BMC … EMC` (frames, rules: decoration). This module then writes what ties
those marks to meaning: one `Document` element holding, in reading order, one element per tagged group
(`H1`, `H2`, `P`, `Figure` with its `/Alt` text), the page's `/StructParents`, the `ParentTree` that maps
each MCID back to its element, `/MarkInfo /Marked true`, and the tab order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

# PDF/UA identification and the XMP extension schema PDF/A asks for any property outside its predefined set
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
PDFUA_EXTENSION = f"""<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{PDFUA_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


@dataclass(frozen=True)
class Tagged:
    """One marked-content sequence of the page: its structure type, MCID and alternative text."""

    tag: str
    mcid: int
    alt: str | None = None


def add_structure(pdf: pikepdf.Pdf, tagged: list[Tagged], title: str) -> None:
    """Write the structure tree for the page's marked content (one page), in the order given."""
    page = pdf.pages[0].obj
    root = pdf.Root
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree,
                                            T=pikepdf.String(title)))
    kids = Array()
    by_mcid = Array()
    for item in sorted(tagged, key=lambda t: t.mcid):
        element = Dictionary(Type=Name.StructElem, S=Name(f"/{item.tag}"), P=document, Pg=page, K=item.mcid)
        if item.alt:
            element.Alt = pikepdf.String(item.alt)
        ref = pdf.make_indirect(element)
        kids.append(ref)
        by_mcid.append(ref)
    document.K = kids
    tree.K = Array([document])
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, by_mcid])))
    tree.ParentTreeNextKey = 1
    page.StructParents = 0
    page.Tabs = Name.S  # tab order follows the structure (PDF/UA, 7.18.3)
    root.StructTreeRoot = tree
    root.MarkInfo = Dictionary(Marked=True)


def add_ua_extension_schema(pdf: pikepdf.Pdf) -> None:
    """Declare the pdfuaid schema in the XMP packet, as PDF/A requires for properties it does not predefine.

    pikepdf's metadata API sets simple properties; this nested declaration is a fixed block placed as
    one more rdf:Description of the packet.
    """
    stream = pdf.Root.Metadata
    packet = stream.read_bytes().decode("utf-8")
    at = packet.rindex("</rdf:RDF>")
    stream.write((packet[:at] + PDFUA_EXTENSION + "\n" + packet[at:]).encode("utf-8"))
