"""kodefag.microbit"""
