"""kodefag.grader"""
