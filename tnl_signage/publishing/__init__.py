"""Assembling products for many laureates: URLs, kits, the static site."""
