"""Read a submitted notebook as data and decide which cells the worker runs.

Parsed with `json` and checked by hand rather than through nbformat: a submission is untrusted
input, every problem must become a clear message, and nbformat's import alone costs about a second.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import NotebookUnusable


# Locked cells that only serve the students' public checks (otter's set-up and check_all): the
# grader never runs them, as it never runs the grade cells that call grader.check(...).
PUBLIC_CHECK_CELLS = frozenset({"otter_setup", "otter_check_all"})


@dataclass(frozen=True)
class Cell:
    index: int
    cell_type: str
    source: str
    nbgrader: dict

    @property
    def grade_id(self) -> str | None:
        value = self.nbgrader.get("grade_id")
        return value if isinstance(value, str) else None

    @property
    def is_test_cell(self) -> bool:
        """A locked grade cell without a solution: nbgrader's autograder-tests cell."""
        return bool(self.nbgrader.get("grade")) and not self.nbgrader.get("solution")


@dataclass(frozen=True)
class Notebook:
    cells: tuple[Cell, ...]

    def code_to_run(self) -> list[tuple[int, str]]:
        """The code cells the worker executes: all but the public checks (grade cells and otter's)."""
        return [(cell.index, cell.source) for cell in self.cells
                if cell.cell_type == "code" and not cell.is_test_cell and cell.source.strip()
                and cell.grade_id not in PUBLIC_CHECK_CELLS]

    def grade_ids(self) -> set[str]:
        return {cell.grade_id for cell in self.cells if cell.grade_id}


def _source_text(source, index: int) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    raise NotebookUnusable(f"cell {index} has a source that is neither text nor a list of lines")


def parse_notebook(raw: bytes) -> Notebook:
    """Validate the bytes of an .ipynb file; raise NotebookUnusable naming the problem."""
    if not raw.strip():
        raise NotebookUnusable("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookUnusable(f"the file is not UTF-8 text (byte {exc.start}); was it saved as a notebook?") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookUnusable(f"the file is not valid notebook JSON ({exc.msg} at line {exc.lineno}); "
                               "it may be truncated or not a notebook") from None
    except RecursionError:
        raise NotebookUnusable("the file's JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise NotebookUnusable("the file is JSON but not a notebook (no top-level object)")
    version = data.get("nbformat")
    if version != 4:
        raise NotebookUnusable(f"nbformat {version!r} is not supported: open the notebook in a current "
                               "Jupyter and save it again (nbformat 4)")
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise NotebookUnusable("the notebook has no list of cells")
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    kernel = metadata.get("kernelspec") if isinstance(metadata.get("kernelspec"), dict) else {}
    language = kernel.get("language")
    if language is None:
        info = metadata.get("language_info")
        language = info.get("name") if isinstance(info, dict) else None
    if isinstance(language, str) and language.lower() != "python":
        raise NotebookUnusable(f"the notebook's kernel language is {language!r}, not Python")
    parsed = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict):
            raise NotebookUnusable(f"cell {index} is not an object")
        cell_type = cell.get("cell_type")
        if cell_type not in ("code", "markdown", "raw"):
            raise NotebookUnusable(f"cell {index} has an unknown type {str(cell_type)[:30]!r}")
        cell_metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        nbgrader = cell_metadata.get("nbgrader") if isinstance(cell_metadata.get("nbgrader"), dict) else {}
        parsed.append(Cell(index, cell_type, _source_text(cell.get("source", ""), index), nbgrader))
    return Notebook(tuple(parsed))


def read_submission_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a submitted notebook: a plain file, never a link (it could point at a device that
    never ends, or outside the course), a folder or a pipe; at most `max_bytes` are read."""
    import os
    import stat

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if os.path.islink(path):
            raise NotebookUnusable("the notebook is a symbolic link, not a file: hand in the notebook itself") from None
        if os.path.isdir(path):
            raise NotebookUnusable("the notebook is a folder, not a file") from None
        raise NotebookUnusable(f"the file cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise NotebookUnusable("the notebook is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotebookUnusable("the notebook is not a regular file (a device or a pipe)")
        if info.st_size > max_bytes:
            raise NotebookUnusable(f"the notebook is {info.st_size / 1e6:.0f} MB, over the limit of "
                                   f"{max_bytes / 1e6:.0f} MB (clear large outputs and submit again)")
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise NotebookUnusable(f"the notebook is over the limit of {max_bytes / 1e6:.0f} MB")
    return data


def load_notebook(path: Path, max_bytes: int) -> Notebook:
    return parse_notebook(read_submission_file(path, max_bytes))


def _is_locked_original(cell: Cell) -> bool:
    return bool(cell.grade_id and cell.nbgrader.get("locked") and not cell.nbgrader.get("solution"))


def code_with_locked_cells_restored(submission: Notebook, release: Notebook | None):
    """The code cells to run, with every locked cell as it was released, and notes for the student.

    A locked cell (setup code, data, public checks) that was edited is replaced by the released
    original; one that was deleted is put back before the next cell that follows it in the release.
    Grade cells are never run: the hidden suite grades whatever the notebook still contains.
    """
    if release is None:
        return submission.code_to_run(), []
    originals = {cell.grade_id: cell for cell in release.cells if _is_locked_original(cell)}
    release_order = {cell.grade_id: position for position, cell in enumerate(release.cells) if cell.grade_id}
    notes, seen, cells = [], set(), []
    for cell in submission.cells:
        original = originals.get(cell.grade_id)
        if original is not None:
            seen.add(cell.grade_id)
            if (cell.source, cell.cell_type) != (original.source, original.cell_type) and original.cell_type == "code":
                what = "graded cell" if original.is_test_cell else "locked cell"
                notes.append(f"the {what} '{cell.grade_id}' was changed; the released version was used instead")
                cell = Cell(cell.index, original.cell_type, original.source, original.nbgrader)
        cells.append(cell)
    for grade_id, original in originals.items():
        if grade_id in seen or original.cell_type != "code":
            continue
        if original.is_test_cell:
            notes.append(f"the graded cell '{grade_id}' was deleted; the hidden tests ran as usual")
            continue
        notes.append(f"the locked cell '{grade_id}' was deleted; the released version was run in its place")
        position = release_order[grade_id]
        later = [i for i, cell in enumerate(cells) if release_order.get(cell.grade_id, -1) > position]
        at = later[0] if later else len(cells)
        index = cells[at].index if at < len(cells) else len(submission.cells)
        cells.insert(at, Cell(index, "code", original.source, original.nbgrader))
    return Notebook(tuple(cells)).code_to_run(), notes


def nbgrader_checksum(cell: Cell, cell_type: str, points=None) -> str:
    """nbgrader's checksum of a cell (nbgrader.utils.compute_checksum), with the cell type and the
    points of the release, as nbgrader computes it after restoring them."""
    import hashlib

    flags = cell.nbgrader
    grade, solution = bool(flags.get("grade")), bool(flags.get("solution"))
    locked = False if solution else (True if grade else bool(flags.get("locked")))
    digest = hashlib.md5()
    for part in (cell.source, cell_type, str(grade), str(solution), str(locked), str(cell.grade_id)):
        digest.update(part.encode("utf-8"))
    if grade:
        digest.update(str(float(points if points is not None else 0)).encode("utf-8"))
    return digest.hexdigest()


def solution_cells_answered(submission: Notebook, release: Notebook | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(answered, unanswered): the submission's solution cells that differ from the release, and
    those left exactly as released (nbgrader's "No response."), by nbgrader's checksum rule."""
    if release is None:
        return (), ()
    released = {cell.grade_id: cell for cell in release.cells if cell.grade_id and cell.nbgrader.get("solution")}
    answered, unanswered = [], []
    for cell in submission.cells:
        original = released.get(cell.grade_id)
        if original is None or not cell.nbgrader.get("solution"):
            continue
        checksum = original.nbgrader.get("checksum")
        same = checksum == nbgrader_checksum(cell, original.cell_type, original.nbgrader.get("points"))
        (unanswered if same else answered).append(cell.grade_id)
    return tuple(answered), tuple(unanswered)
