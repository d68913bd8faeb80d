"""A custom theme's words reach every text of the kit: LISEZMOI, the code to paste, the print files' notes."""

from __future__ import annotations

from pathlib import Path

from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.snippets import snippets
from tnl_signage.publishing.kit.builder import KitOptions, make_kit
from tnl_signage.resources import data_file


def custom_theme(tmp_path: Path) -> Path:
    text = data_file("themes", "light.toml").read_text(encoding="utf-8")
    text = text.replace('label = "Territoire Numérique Libre"', 'label = "Commune Libre Exemplaire"')
    text = text.replace('organiser = "ADULLACT"', 'organiser = "Association Exemple"')
    fonts = Path(__file__).resolve().parent.parent / "fonts"
    text = text.replace('regular = "', f'regular = "{fonts}/').replace('bold = "', f'bold = "{fonts}/')
    path = tmp_path / "perso.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_wording_reaches_lisezmoi_and_snippets(tmp_path: Path) -> None:
    theme = custom_theme(tmp_path)
    laureate = make_laureate(name="Ville de Boé", level="or", year=2025)
    code = snippets(laureate, "https://example.org", "seal", "light", wording=str(theme))
    assert 'alt="Label Commune Libre Exemplaire 2025 : Label Or, Ville de Boé"' in code["html"]
    outcome = make_kit(laureate, tmp_path / "kits", KitOptions(base_url="https://example.org", theme=str(theme)))
    readme = (outcome.folder / "LISEZMOI.html").read_text(encoding="utf-8")
    assert "Commune Libre Exemplaire · Association Exemple" in readme
    assert "Territoire Numérique Libre" not in readme
    for pasted in ("badge-seal.html", "badge-seal.md"):
        text = (outcome.folder / "web" / pasted).read_text(encoding="utf-8")
        assert "Commune Libre Exemplaire" in text and "Territoire Numérique Libre" not in text, pasted
    notice = outcome.folder / "impression" / "panneau-800x400-2025-ville-de-boe-notice-de-pose.pdf"
    assert notice.is_file()
