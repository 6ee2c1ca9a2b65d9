"""StderrIsNotAnError: a library warning must not zero a correct answer."""
from __future__ import annotations

from nbgrader import utils as nbgrader_utils
from nbgrader.preprocessors import NbGraderPreprocessor


class StderrIsNotAnError(NbGraderPreprocessor):
    """Keep stderr text but stop it from zeroing a test cell.

    nbgrader's ``determine_grade`` gives 0 to any test cell with stderr output, so a
    library's DeprecationWarning would fail a correct answer. Only real errors
    (exceptions, timeouts) should count; stderr becomes a labelled stdout stream.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if nbgrader_utils.is_grade(cell) and cell.cell_type == "code":
            for output in cell.outputs:
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources
