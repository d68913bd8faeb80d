"""Format-free drawing: the scene, pens, marks, QR codes and the text engine."""
