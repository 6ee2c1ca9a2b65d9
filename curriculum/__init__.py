"""kodefag.curriculum"""
