"""One laureate's products (badges, print sets, certificate, snippets, Open Badges): layout plus writers."""
