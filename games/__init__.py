"""kodefag.games"""
