"""Reading and validating the palmarès: files in, laureates and problems out."""
