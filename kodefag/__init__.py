"""kodefag: coding as a school subject."""
