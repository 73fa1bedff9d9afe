"""Pairs of submissions whose solution code is suspiciously alike: `autograder similarity <a>`.

For the course staff only. Each submission `submitted/<student>/<a>/*.ipynb` (course.find_submissions;
notebook.load_notebook: never a link, a device or an oversized file; a notebook that cannot be read
is skipped with its reason) becomes one Python document: its solution code cells in notebook order (a
cell counts when the release has its grade_id as a solution code cell, or when it is marked
`solution: true`), each under a comment line that names it. copydetect fingerprints the documents
(winnowing, as MOSS):

- **tokens, not text**: copydetect's filter for Python turns every identifier into V (F for a defined
  function, O for a class) and every string into S, and drops comments and whitespace. Renamed
  variables, edited comments and reformatting hide nothing.
- **fingerprints**: the hashes of every k-gram of the filtered code (k = NOISE_THRESHOLD characters
  of filtered code; guarantee threshold = noise threshold, so the window is 1 and every k-gram is a
  fingerprint: no fingerprint depends on which hash happens to be the smallest, and the figures are
  the same in every run whatever PYTHONHASHSEED). They are compared as sets: reordered functions
  still match, one function copied out of several is one run of matches.
- **k = 50, not copydetect's 25**: after the filter, idioms that every student of a NumPy course
  writes are long: `with np.errstate(all="ignore"): for i in range(steps):` is 45 characters of
  filtered code (`withV.V(all="S"):forVinrange(V):V`), `ax.set_xlabel(...)` three times is 24. With 25,
  two honest students who share two such idioms score as high as a student who copied one whole
  function (tests/test_similarity.py); with 50 a match is about three statements of identical
  structure.
- **boilerplate**, the released stub (assignments/<a>/<a>.ipynb, the same cells): first, every line of
  a student's cell that the released cell has too (signature, docstring, `value = None`,
  `raise NotImplementedError()`, `return value`) is blanked before fingerprinting, so a k-gram made
  of a stub line and the student's first statement is not shared code; then every k-gram of the stub
  is removed as copydetect's boilerplate (a signature retyped in a rewritten cell). Two untouched
  stubs share nothing. (The removal is a set test here: copydetect 0.5.0's own also drops one
  occurrence of any fingerprint that a document holds twice.)

**The score of a pair.** copydetect gives two directional similarities: the share of A's fingerprinted
code covered by fingerprints that B has too, and the same for B. The score is the larger of the two: a
student who copied a whole solution and added code of their own, or who copied everything they handed
in from a longer solution, is as suspect as a verbatim copy, and the mean would halve them. A document
with little code of its own (under MIN_COVERAGE characters of filtered code) cannot score high through
one common function: its share counts in proportion to its size.

**All pairs at once.** Every pair is scored exactly as copydetect's compare_files would (the
characters of A's filtered code covered by the k-grams at the positions of the fingerprints A shares
with B, over the characters covered by all of A's fingerprints), but with NumPy over an incidence
matrix of the fingerprints that two documents or more hold: copydetect's own pairwise loop costs
0.2 ms of CPU a pair, about 100 s for the 499,500 pairs of a class of 1,000 (6 s here; the whole
command: benchmarks/bench.py, row "similarity"). compare_files itself runs on the pairs the page
shows, for the highlighted code. From PARALLEL_FROM submissions on, the documents are fingerprinted
on every core, in forked processes (never spawned: copydetect hashes k-grams with Python's hash(),
salted per interpreter; a forked process keeps its parent's salt).

Written: reports/<a>-similarity.html (pairs ranked, each with both documents side by side and the
matching code marked; Jinja2, autoescaped, the shared stylesheet, one file) and
reports/<a>-similarity.csv (student_a,student_b,similarity: every pair with a non-zero score, high to
low). `similarity_pairs()` gives the top pairs to the class report.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import course
from .config import Limits, default_jobs
from .errors import NotebookUnusable, UsageError
from .export import csv_text
from .notebook import Notebook, load_notebook
from .sinks.common import environment, printable, stylesheet, write_text

NOISE_THRESHOLD = 50      # k: characters of filtered code in one fingerprint (copydetect's default: 25)
MIN_COVERAGE = 200        # a document with less own code counts in proportion (see the module's doc)
SHOWN_PAIRS = 20          # pairs shown with their code on the page (the CSV has every pair)
LISTED_PAIRS = 200        # pairs in the page's ranked table
BLOCK_ROWS = 256          # documents compared at once against one (bounds the memory of the scoring)
PARALLEL_FROM = 100       # fingerprint on every core from this many submissions on
CELL_HEADER = "# ---- {} ----\n"


# ----------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Skipped:
    student: str
    reason: str


@dataclass
class Document:
    """One submission's solution code: `text` as handed in (shown), and copydetect's CodeFingerprint of
    the student's own part of it (the stub's lines blanked: offsets into one are offsets into the other)."""

    student: str
    text: str
    own: str
    fingerprint: object
    coverage: int          # characters of filtered code covered by the document's fingerprints


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float
    share_a: float   # copydetect's similarity of a to b: the share of a's code that b has too
    share_b: float


@dataclass
class Similarity:
    assignment: str
    documents: list[Document]
    pairs: list[Pair]                        # every pair with a non-zero score, high to low
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    noise_threshold: int = NOISE_THRESHOLD
    seconds: float = 0.0

    @property
    def compared(self) -> int:
        return len(self.documents)


# ----------------------------------------------------------------------------- documents
def _solution_cells(notebook: Notebook, solution_ids: set[str]):
    return [cell for cell in notebook.cells
            if cell.cell_type == "code" and (cell.grade_id in solution_ids or cell.nbgrader.get("solution"))]


def solution_cell_ids(release: Notebook) -> set[str]:
    """The grade_ids of the release's solution code cells."""
    return {cell.grade_id for cell in release.cells
            if cell.cell_type == "code" and cell.nbgrader.get("solution") and cell.grade_id}


def stub_lines(release: Notebook) -> dict[str, frozenset[str]]:
    """grade_id -> the stripped non-blank lines of that solution cell as released."""
    found: dict[str, set[str]] = {}
    for cell in _solution_cells(release, solution_cell_ids(release)):
        found.setdefault(cell.grade_id, set()).update(line.strip() for line in cell.source.splitlines() if line.strip())
    return {grade_id: frozenset(lines) for grade_id, lines in found.items()}


def blank_lines(source: str, lines: frozenset[str]) -> str:
    """`source` with every line that is also a line of `lines` (stripped) made of spaces: the same
    length and the same newlines, so that an offset into the result is an offset into `source`."""
    return "\n".join(" " * len(line) if line.strip() in lines else line for line in source.split("\n"))


def solution_code(notebook: Notebook, solution_ids: set[str], stub: dict | None = None) -> tuple[str, str]:
    """(the code shown, the student's own code) of a notebook: its solution code cells, each under a
    comment line naming it; in the second, the lines of the released cell of the same grade_id are
    blanked (the header too: comments are not fingerprinted anyway)."""
    shown, own = [], []
    for cell in _solution_cells(notebook, solution_ids):
        header = CELL_HEADER.format(printable(cell.grade_id or f"cell {cell.index}", 60))
        source = cell.source.rstrip() + "\n"
        shown.append(header + source)
        own.append(" " * (len(header) - 1) + "\n" + blank_lines(source, (stub or {}).get(cell.grade_id, frozenset())))
    return "\n".join(shown), "\n".join(own)


def _copydetect():
    import matplotlib

    matplotlib.use("Agg")  # copydetect imports pyplot (for its own report): never a display
    from copydetect import CodeFingerprint, compare_files

    return CodeFingerprint, compare_files


def boilerplate_hashes(stub_code: str, k: int = NOISE_THRESHOLD):
    """Every k-gram hash of the stub's filtered code (as copydetect takes boilerplate: window 1)."""
    import numpy as np

    code_fingerprint, _ = _copydetect()
    stub = code_fingerprint("stub.py", k, 1, language="python", fp=io.StringIO(stub_code))
    return np.array(sorted(stub.hashes), dtype=np.int64)


def fingerprint(student: str, text: str, own: str, boilerplate, k: int = NOISE_THRESHOLD) -> Document:
    """copydetect's fingerprint of the student's own code, the stub's k-grams removed."""
    import numpy as np
    from copydetect.utils import get_token_coverage

    code_fingerprint, _ = _copydetect()
    fp = code_fingerprint(f"{student}.py", k, 1, language="python", fp=io.StringIO(own))
    hashes = np.fromiter(fp.hash_idx, dtype=np.int64, count=len(fp.hash_idx))
    common = set(hashes[np.isin(hashes, boilerplate)].tolist()) if len(boilerplate) else set()
    # plain ints (copydetect leaves NumPy scalars): quicker to look up, to compare and to pickle
    fp.hash_idx = {int(h): [int(p) for p in idx] for h, idx in fp.hash_idx.items() if int(h) not in common}
    fp.hashes = set(fp.hash_idx)
    if common:
        fp.token_coverage = get_token_coverage(fp.hash_idx, k, len(fp.filtered_code))
    return Document(student, text, own, fp, int(fp.token_coverage))


def release_path(course_root: Path, assignment: str) -> Path:
    return Path(course_root) / "assignments" / assignment / f"{assignment}.ipynb"


def _fingerprint_or_skip(job):
    student, text, own, boilerplate, k = job
    try:
        return fingerprint(student, text, own, boilerplate, k)
    except Exception as exc:  # noqa: BLE001 - one odd notebook never stops the comparison of a class
        return Skipped(student, f"its code could not be fingerprinted ({type(exc).__name__})")


def fingerprint_all(jobs: list[tuple], processes: int = 1) -> list:
    """fingerprint() of each (student, text, own, boilerplate, k), in order; on `processes` forked
    processes when there are many. Forked, never spawned: copydetect hashes k-grams with Python's
    hash(), which is salted per interpreter, and a forked process keeps its parent's salt."""
    import multiprocessing

    if processes > 1 and len(jobs) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(_fingerprint_or_skip, jobs, chunksize=max(1, len(jobs) // (4 * processes)))
    return [_fingerprint_or_skip(job) for job in jobs]


def load_documents(course_root: Path, assignment: str, k: int = NOISE_THRESHOLD, max_bytes: int | None = None,
                   processes: int | None = None):
    """(documents in student order, skipped) of an assignment's submissions."""
    max_bytes = max_bytes or (Limits().notebook_mb << 20)
    path = release_path(course_root, assignment)
    try:
        release = load_notebook(path, max_bytes)
    except NotebookUnusable as exc:
        raise UsageError(f"the released notebook {path} cannot be read ({exc.reason}): its stub is the "
                         "boilerplate that every submission starts from") from None
    ids = solution_cell_ids(release)
    if not ids:
        raise UsageError(f"the released notebook {path} has no solution code cells (nbgrader metadata "
                         "solution: true) to compare")
    stub = stub_lines(release)
    boilerplate = boilerplate_hashes(solution_code(release, ids)[0], k)
    jobs, skipped = [], []
    for submission in course.find_submissions(course_root, assignment, assignment):
        if submission.refused:
            skipped.append(Skipped(submission.student, submission.refused))
            continue
        try:
            notebook = load_notebook(submission.notebook, max_bytes)
        except NotebookUnusable as exc:
            skipped.append(Skipped(submission.student, exc.reason))
            continue
        text, own = solution_code(notebook, ids, stub)
        if not text.strip():
            skipped.append(Skipped(submission.student, "the notebook has no solution code cells"))
            continue
        jobs.append((submission.student, text, own, boilerplate, k))
    documents = []
    for done in fingerprint_all(jobs, default_jobs() if processes is None else processes):
        (documents if isinstance(done, Document) else skipped).append(done)
    documents.sort(key=lambda doc: doc.student)
    return documents, skipped


# ----------------------------------------------------------------------------- every pair at once
def directional_matrix(documents: list[Document], k: int = NOISE_THRESHOLD):
    """shares[i, j]: copydetect's similarity of document i to document j (compare_files' first value).

    That is the characters of i's filtered code covered by the k-grams at the positions of the
    fingerprints that j holds too, over the characters covered by all of i's fingerprints. Only a
    fingerprint that two documents or more hold can be shared: an incidence matrix (documents x such
    fingerprints) is built; then for document i the rows of the other documents are read at i's
    positions at once, and the characters covered by the selected positions p are the sum of
    min(k, next selected position - p), the last counting k."""
    import numpy as np

    n = len(documents)
    shares = np.zeros((n, n), dtype=np.float64)
    owners: dict[int, list[int]] = {}
    for i, doc in enumerate(documents):
        for h in doc.fingerprint.hash_idx:
            owners.setdefault(h, []).append(i)
    column = {}
    for h, who in owners.items():
        if len(who) > 1:
            column[h] = len(column)
    if not column:
        return shares
    incidence = np.zeros((n, len(column)), dtype=bool)
    for h, c in column.items():
        incidence[owners[h], c] = True
    never = np.int32(1 << 30)  # "no selected position after this one": beyond any document
    for i, doc in enumerate(documents):
        at = sorted(((p, column[h]) for h, positions in doc.fingerprint.hash_idx.items() if h in column
                     for p in positions), reverse=True)
        if not at or not doc.coverage:
            continue
        positions = np.array([p for p, _ in at], dtype=np.int32)             # descending
        columns = np.array([c for _, c in at], dtype=np.int64)
        others = np.flatnonzero(incidence[:, np.unique(columns)].any(axis=1))
        others = others[others != i]
        for start in range(0, len(others), BLOCK_ROWS):
            rows = others[start:start + BLOCK_ROWS]
            selected = incidence[np.ix_(rows, columns)]                          # rows x i's positions
            # positions descend, so the next selected position after positions[t] is the smallest
            # selected one among positions[:t]: a running minimum, left to right (never: none)
            following = np.minimum.accumulate(np.where(selected[:, :-1], positions[:-1], never), axis=1)
            gaps = np.minimum(following - positions[1:], k).astype(np.int32)
            covered = (gaps * selected[:, 1:]).sum(axis=1) + k * selected[:, 0]
            shares[i, rows] = covered / doc.coverage
    return shares


def rank_pairs(documents: list[Document], shares) -> list[Pair]:
    """Every pair with a non-zero score, high to low (equal scores: in the documents' order, the
    students' order). The score is the larger directional similarity, a document under MIN_COVERAGE
    counting in proportion."""
    import numpy as np

    n = len(documents)
    if n < 2:
        return []
    coverage = np.array([doc.coverage for doc in documents], dtype=np.float64)
    weighted = shares * (np.minimum(coverage, MIN_COVERAGE) / MIN_COVERAGE)[:, None]
    first, second = np.triu_indices(n, 1)
    scores = np.round(np.maximum(weighted[first, second], weighted[second, first]), 4)
    keep = scores > 0
    first, second, scores = first[keep], second[keep], scores[keep]
    order = np.lexsort((second, first, -scores))
    names = [doc.student for doc in documents]
    return [Pair(names[i], names[j], score, round(float(shares[i, j]), 4), round(float(shares[j, i]), 4))
            for i, j, score in zip(first[order].tolist(), second[order].tolist(), scores[order].tolist())]


def find_similar(course_root: Path, assignment: str, k: int = NOISE_THRESHOLD) -> Similarity:
    """Every submission of `assignment` under `course_root` compared with every other."""
    started = time.perf_counter()
    documents, skipped = load_documents(course_root, assignment, k)
    pairs = rank_pairs(documents, directional_matrix(documents, k))
    notes = []
    empty = [doc.student for doc in documents if not doc.coverage]
    if empty:
        notes.append(f"{len(empty)} submission(s) hold no code of their own beyond the stub (long enough to "
                     f"fingerprint), so they are similar to nobody: " + ", ".join(empty[:10])
                     + (" ..." if len(empty) > 10 else ""))
    return Similarity(assignment, documents, pairs, skipped, notes, k, time.perf_counter() - started)


def similarity_pairs(course_root: Path, assignment: str, top: int = 10) -> list[tuple[str, str, float]]:
    """The `top` most similar pairs (student_a, student_b, score in [0, 1]), high to low, of the
    submissions under `course_root`/submitted: what the class report's section shows."""
    return [(pair.a, pair.b, pair.score) for pair in find_similar(course_root, assignment).pairs[:top]]


# ----------------------------------------------------------------------------- highlighted code
STUB, OWN, MATCHED, FOLDED = 0, 1, 2, 3   # the kinds of the pieces of code on the page


def marked_pieces(text: str, own: str, slices) -> list[tuple[str, int]]:
    """`text` cut into (piece, kind): MATCHED (in copydetect's slices of copied code, given as starts and
    ends in the text's offsets), OWN (the student's other code) or STUB (a line of the released stub,
    a cell header). Within a slice, each line is marked from its first to its last character of the
    student's own code: copydetect's slice ends run on over the whitespace (and the blanked stub lines)
    that follow a match."""
    kinds = bytearray(len(text))
    at = 0
    for line in text.split("\n"):   # `own` has its newlines where `text` has them
        stub = bool(line.strip()) and not own[at:at + len(line)].strip()
        kinds[at:at + len(line) + 1] = bytes([STUB if stub else OWN]) * (len(line) + 1)
        at += len(line) + 1
    del kinds[len(text):]
    if slices is not None and len(slices) == 2:
        for start, end in zip((int(s) for s in slices[0]), (int(e) for e in slices[1])):
            start, end = max(start, 0), min(end, len(text))
            while start < end:
                line_end = own.find("\n", start, end)
                line_end = end if line_end == -1 else line_end
                segment = own[start:line_end]
                first, last = len(segment) - len(segment.lstrip()), len(segment.rstrip())
                if last > first:
                    kinds[start + first:start + last] = bytes([MATCHED]) * (last - first)
                start = line_end + 1
    pieces, at = [], 0
    while at < len(text):
        end = at
        while end < len(text) and kinds[end] == kinds[at]:
            end += 1
        pieces.append((text[at:end], kinds[at]))
        at = end
    return pieces


def folded(pieces: list[tuple[str, int]], longest: int = 3) -> list[tuple[str, int]]:
    """The pieces with the long parts of the stub (docstrings) folded: in a run of stub lines, more than
    `longest` lines in a row that are neither a signature nor a cell header become one FOLDED line that
    says how many lines it hides."""
    merged: list[list] = []
    for text, kind in pieces:   # blank lines between stub lines belong to the stub's run
        if merged and merged[-1][1] == STUB and (kind == STUB or not text.strip()):
            merged[-1][0] += text
        else:
            merged.append([text, kind])
    out = []
    for text, kind in merged:
        if kind != STUB:
            out.append((text, kind))
            continue
        lines = text.splitlines(keepends=True)
        keep = [i == 0 or i == len(lines) - 1 or line.lstrip().startswith(("def ", "class ", "# ---- "))
                for i, line in enumerate(lines)]
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and not keep[j]:
                j += 1
            if j - i > longest:
                indent = min(len(line) - len(line.lstrip()) for line in lines[i:j] if line.strip())
                out.append((" " * indent + f"... {j - i} lines of the stub\n", FOLDED))
            elif j > i:
                out.append(("".join(lines[i:j]), STUB))
            if j < len(lines):
                out.append((lines[j], STUB))
            i = j + 1
    return out


def visible(text: str) -> str:
    """Student text for the page: control and format characters (bidi overrides, zero-width ones) shown
    as escapes such as `\\u202e`, so that code cannot look other than it is; line ends and tabs kept."""
    import unicodedata

    if text.isprintable():
        return text
    return "".join(char if char in "\n\t\r" or not (unicodedata.category(char)[0] == "C"
                                                   or unicodedata.category(char) in ("Zl", "Zp"))
                   else f"\\u{ord(char):04x}" for char in text)


def highlighted(a: Document, b: Document) -> tuple[list, list]:
    """copydetect's compare_files on a pair: both documents cut into pieces, the matching code marked."""
    _, compare_files = _copydetect()
    _, _, (slices_a, slices_b) = compare_files(a.fingerprint, b.fingerprint)
    return marked_pieces(a.text, a.own, slices_a), marked_pieces(b.text, b.own, slices_b)


# ----------------------------------------------------------------------------- the page and the CSV
def csv_content(result: Similarity) -> str:
    """student_a,student_b,similarity, high to low; ids (folder names) that a spreadsheet would run as
    a formula get a leading quote (export.csv_text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student_a", "student_b", "similarity"])
    for pair in result.pairs:
        writer.writerow([csv_text(pair.a), csv_text(pair.b), f"{pair.score:.4f}"])
    return out.getvalue()


def shown_pair(pair: Pair) -> Pair:
    return Pair(visible(pair.a), visible(pair.b), pair.score, pair.share_a, pair.share_b)


def render(result: Similarity, shown: int = SHOWN_PAIRS, listed: int = LISTED_PAIRS) -> str:
    by_student = {doc.student: doc for doc in result.documents}
    sections = []
    for rank, pair in enumerate(result.pairs[:shown], start=1):
        left, right = (folded([(visible(text), kind) for text, kind in pieces])
                       for pieces in highlighted(by_student[pair.a], by_student[pair.b]))
        sections.append({"rank": rank, "pair": shown_pair(pair), "left": left, "right": right})
    n = result.compared
    cards = [("submissions compared", str(n)), ("pairs", str(n * (n - 1) // 2)),
             ("pairs sharing code", str(len(result.pairs))), ("skipped", str(len(result.skipped)))]
    return environment().get_template("similarity.html.j2").render(
        title=f"Similar submissions: {result.assignment}", style=stylesheet(),
        generated=f"{datetime.now():%Y-%m-%d %H:%M}", cards=cards,
        ranked=[shown_pair(p) for p in result.pairs[:listed]], more=max(len(result.pairs) - listed, 0),
        sections=sections, skipped=[Skipped(visible(s.student), visible(s.reason)) for s in result.skipped],
        notes=[visible(note) for note in result.notes],
        k=result.noise_threshold, min_coverage=MIN_COVERAGE, seconds=result.seconds,
        csv_name=f"{result.assignment}-similarity.csv")


def report_paths(course_root: Path, assignment: str) -> tuple[Path, Path]:
    folder = Path(course_root) / "reports"
    return folder / f"{assignment}-similarity.html", folder / f"{assignment}-similarity.csv"


def write_similarity_report(result: Similarity, course_root: Path, shown: int = SHOWN_PAIRS) -> tuple[Path, Path]:
    html_path, csv_path = report_paths(course_root, result.assignment)
    write_text(csv_path, csv_content(result))
    write_text(html_path, render(result, shown))
    return html_path, csv_path


def run(course_root: Path, assignment: str, shown: int = SHOWN_PAIRS, k: int = NOISE_THRESHOLD,
        out=print) -> Similarity:
    """`autograder similarity`: compare, write both files, print the top pairs and what was skipped."""
    result = find_similar(course_root, assignment, k)
    html_path, csv_path = write_similarity_report(result, course_root, shown)
    out(f"compared {result.compared} submission(s) of {printable(assignment, 60)} in {result.seconds:.1f} s: "
        f"{len(result.pairs)} pair(s) share code")
    for pair in result.pairs[:10]:
        out(f"  {pair.score:5.2f}  {printable(pair.a, 40)}  {printable(pair.b, 40)}")
    for skipped in result.skipped:
        out(f"skipped {printable(skipped.student, 40)}: {printable(skipped.reason)}")
    for note in result.notes:
        out(f"note: {printable(note, 400)}")
    out(f"similarity report: {html_path}")
    out(f"similarity table: {csv_path}")
    return result
