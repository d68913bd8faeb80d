"""tnl-signage: the signage of the Territoire Numérique Libre label, from one palmarès."""

__version__ = "0.1.0"
