"""kodefag.hub"""
