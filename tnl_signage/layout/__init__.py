"""Layouts: pure geometry turning model + theme (+ format) into scenes. No writer is imported here."""
