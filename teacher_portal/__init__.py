"""kodefag.teacher_portal"""
