"""The grading worker: the one place that knows every grader and runner.

Graders (notebooks in ``kodefag.grader``, games in ``kodefag.games``, micro:bit
in ``kodefag.microbit``) stand side by side and know nothing of the queue or the
portal. The worker claims jobs from the fair queue (``kodefag.queue``), runs the
grader or runner the job's kind names (:mod:`kodefag.worker.graders`), and
records the result through the portal's recorder (``kodefag.teacher_portal.results``).
"""
