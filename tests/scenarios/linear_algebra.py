"""Sample submissions for `linear_algebra`: the chapter's common mistakes and correct alternatives.

Each scenario replaces whole solution cells (by grade_id) of the source notebook:
matmul_shapes_code, worked_scores_code, transpose_code, hadamard_code, norms_code, similarity_code,
hypersphere_code, normal_equation_code, eigenpairs_code, spectra_code, svd_rank1_code.
"""

from autograder.scenarios import Scenario

ALL_PROBLEMS = ("matmul_shapes", "worked_scores", "transpose", "hadamard", "norms", "similarity",
                "hypersphere", "normal_equation", "eigenpairs", "spectra", "svd_rank1")

# ------------------------------------------------------------------ correct cells, reused below
RESULT_SHAPE_OK = '''
def result_shape(shape_a, shape_b):
    if shape_a[1] != shape_b[0]:
        raise ValueError("inner dimensions differ")
    return (shape_a[0], shape_b[1])
'''

MATMUL_OK = '''
def matmul(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C
'''

SCORES_OK = '''
def scores(X, w):
    return X @ w


def churn_probabilities(X, w):
    return 1 / (1 + np.exp(-(X @ w)))
'''

RANKING_OK = '''
def ranking(X, w):
    return np.argsort(-(X @ w), kind="stable")
'''

TRANSPOSE_OK = '''
def transpose(A):
    m, n = A.shape
    T = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            T[i, j] = A[j, i]
    return T
'''

PRODUCT_OF_TRANSPOSES_OK = '''
def transpose_of_product(A, B):
    return transpose(B) @ transpose(A)
'''

HADAMARD_OK = '''
def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    return A * B
'''

RULES_OK = '''
def product_rules(shape_a, shape_b):
    return (shape_a == shape_b, shape_a[1] == shape_b[0])
'''

NORMS_OK = '''
def vector_norms(v):
    return {"l1": np.sum(np.abs(v)), "l2": np.sqrt(np.sum(v ** 2)), "linf": np.max(np.abs(v))}
'''

UNIT_OK = '''
def unit_vector(v):
    length = np.sqrt(np.sum(v ** 2))
    if length == 0:
        raise ValueError("zero vector")
    return v / length
'''

COSINE_OK = '''
def cosine_similarity(a, b):
    if not np.any(a) or not np.any(b):
        raise ValueError("zero vector")
    return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
'''

ANGLE_OK = '''
def angle_between(a, b, degrees=False):
    theta = np.arccos(np.clip(cosine_similarity(a, b), -1, 1))
    return np.degrees(theta) if degrees else theta
'''

PROJECTIONS_OK = '''
def scalar_projection(a, b):
    return np.dot(a, b) / np.linalg.norm(b)


def vector_projection(a, b):
    return np.dot(a, b) / np.dot(b, b) * b
'''

SPHERE_OK = '''
def sphere_position(p, r, center=None):
    c = np.zeros(len(p)) if center is None else center
    d2 = np.sum((p - c) ** 2)
    if abs(d2 - r ** 2) <= 1e-9 * r ** 2:
        return "on"
    return "inside" if d2 < r ** 2 else "outside"
'''

MASK_OK = '''
def inside_mask(P, r, center=None):
    c = np.zeros(P.shape[1]) if center is None else center
    d2 = np.sum((P - c) ** 2, axis=1)
    return (d2 < r ** 2) & (np.abs(d2 - r ** 2) > 1e-9 * r ** 2)
'''

EIGENPAIRS_OK = '''
def symmetric_eigenpairs(A):
    return np.linalg.eigh(A)
'''

RESIDUALS_OK = '''
def eigen_residuals(A, values, vectors):
    return np.linalg.norm(A @ vectors - vectors * values, axis=0)
'''

INIT_OK = '''
def init_weights(n, scheme="xavier", seed=0):
    rng = np.random.default_rng(seed)
    gain = 2.0 if scheme == "he" else 1.0
    return rng.standard_normal((n, n)) * np.sqrt(gain / n)
'''

SPECTRA_OK = '''
def sorted_spectra(W):
    return np.sort(np.abs(np.linalg.eigvals(W)))[::-1], np.linalg.svd(W, compute_uv=False)
'''

CONDITION_OK = '''
def condition_number(W):
    s = np.linalg.svd(W, compute_uv=False)
    return s[0] / s[-1]
'''

EXPERIMENT_OK = '''
def spectra_experiment(sizes=(50, 100, 200), seed=0):
    out = {}
    for scheme in ("xavier", "he"):
        mats = [init_weights(n, scheme, seed) for n in sizes]
        out[scheme] = {"radius": [sorted_spectra(W)[0][0] for W in mats],
                       "cond": [condition_number(W) for W in mats]}
    return out
'''

PLOT_OK = '''
def plot_spectra(matrices, labels, kind="singular"):
    fig, ax = plt.subplots()
    for W, label in zip(matrices, labels):
        values = sorted_spectra(W)[1 if kind == "singular" else 0]
        ax.plot(np.arange(1, len(values) + 1), values, label=label)
    ax.set_xlabel("index")
    ax.set_ylabel(kind)
    ax.set_title("spectra")
    ax.legend()
    return ax
'''

SVD_OK = '''
def rank1_approximation(M):
    U, s, Vt = np.linalg.svd(M)
    return s[0] * np.outer(U[:, 0], Vt[0])


def rank_k_approximation(M, k):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
'''

ERROR_OK = '''
def approximation_error(M, k):
    return np.linalg.norm(M - rank_k_approximation(M, k))
'''


def _raise(signature: str) -> str:
    return f"def {signature}:\n    raise ValueError('not done')\n"


SCENARIOS = [
    # ============================================================== matmul_shapes
    Scenario(
        name="matmul_loops_without_a_shape_check",
        summary="Loops over k in range(A.shape[1]) without comparing the shapes first.",
        cells={"matmul_shapes_code": RESULT_SHAPE_OK + '''

def matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C
'''},
        loses=("matmul_shapes",),
        message=r"instead of raising ValueError.*silently ignores the last row|raised IndexError",
    ),
    Scenario(
        name="result_shape_keeps_the_inner_dimension",
        summary="Answers (m, n, p) for (m, n) @ (n, p), option (d) of the chapter's MCQ 1.",
        cells={"matmul_shapes_code": '''
def result_shape(shape_a, shape_b):
    if shape_a[1] != shape_b[0]:
        raise ValueError("inner dimensions differ")
    return (shape_a[0], shape_a[1], shape_b[1])
''' + MATMUL_OK},
        loses=("matmul_shapes",),
        message=r"the inner dimension disappears in the product",
    ),
    # ============================================================== worked_scores
    Scenario(
        name="scores_with_the_element_wise_product",
        summary="Writes X * w (a broadcast Hadamard product) instead of X @ w.",
        cells={"worked_scores_code": '''
def scores(X, w):
    return X * w


def churn_probabilities(X, w):
    return 1 / (1 + np.exp(-scores(X, w)))
''' + RANKING_OK},
        loses=("worked_scores",),
        message=r"scores multiplied element-wise.*Hadamard",
    ),
    Scenario(
        name="ranking_reverses_an_ascending_argsort",
        summary="Ranks with np.argsort(s)[::-1]: right without ties, ties come out in reverse order.",
        cells={"worked_scores_code": SCORES_OK + '''

def ranking(X, w):
    return np.argsort(scores(X, w))[::-1]
'''},
        loses=("worked_scores",),
        message=r"equal scores are in the wrong order",
    ),
    # ============================================================== transpose
    Scenario(
        name="transpose_by_reshape",
        summary="Uses A.reshape(n, m), which keeps the reading order of the entries.",
        cells={"transpose_code": '''
def transpose(A):
    m, n = A.shape
    return A.reshape(n, m)
''' + PRODUCT_OF_TRANSPOSES_OK},
        loses=("transpose",),
        message=r"transpose used reshape",
    ),
    Scenario(
        name="transpose_of_product_keeps_the_order",
        summary="Computes A^T B^T instead of B^T A^T.",
        cells={"transpose_code": TRANSPOSE_OK + '''

def transpose_of_product(A, B):
    return transpose(A) @ transpose(B)
'''},
        loses=("transpose",),
        message=r"computed A\^T B\^T: transposing a product reverses the order",
    ),
    # ============================================================== hadamard
    Scenario(
        name="hadamard_relies_on_broadcasting",
        summary="Returns A * B without checking the shapes, so (2, 3) and (1, 3) broadcast.",
        cells={"hadamard_code": '''
def hadamard(A, B):
    return A * B
''' + RULES_OK},
        loses=("hadamard",),
        message=r"NumPy's \* broadcast the shapes",
    ),
    Scenario(
        name="hadamard_is_the_matrix_product",
        summary="The chapter's Mistake 1: uses @ where the element-wise product is meant.",
        cells={"hadamard_code": '''
def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    return A @ B
''' + RULES_OK},
        loses=("hadamard",),
        message=r"hadamard computed the matrix product A @ B",
    ),
    # ============================================================== norms
    Scenario(
        name="l1_norm_and_max_without_absolute_values",
        summary="Sums the entries and takes the largest entry, forgetting the absolute values.",
        cells={"norms_code": '''
def vector_norms(v):
    return {"l1": np.sum(v), "l2": np.sqrt(np.sum(v ** 2)), "linf": np.max(v)}
''' + UNIT_OK},
        loses=("norms",),
        message=r"the L1 norm sums ABSOLUTE values",
    ),
    Scenario(
        name="unit_vector_of_zero_gives_nan",
        summary="Divides by the length without checking for the zero vector.",
        cells={"norms_code": NORMS_OK + '''

def unit_vector(v):
    return v / np.linalg.norm(v)
'''},
        loses=("norms",),
        message=r"the zero vector has length 0 and no direction",
    ),
    # ============================================================== similarity
    Scenario(
        name="angle_without_clipping",
        summary="Takes np.arccos of the raw cosine, which is nan for some parallel vectors.",
        cells={"similarity_code": '''
def cosine_similarity(a, b):
    if not np.any(a) or not np.any(b):
        raise ValueError("zero vector")
    return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))


def angle_between(a, b, degrees=False):
    theta = np.arccos(cosine_similarity(a, b))
    return np.degrees(theta) if degrees else theta
''' + PROJECTIONS_OK},
        loses=("similarity",),
        message=r"clip it to \[-1, 1\] before np.arccos",
    ),
    Scenario(
        name="projection_onto_the_wrong_vector",
        summary="Projects b onto a instead of a onto b.",
        cells={"similarity_code": COSINE_OK + ANGLE_OK + '''

def scalar_projection(a, b):
    return np.dot(a, b) / np.linalg.norm(a)


def vector_projection(a, b):
    return np.dot(a, b) / np.dot(a, a) * a
'''},
        loses=("similarity",),
        message=r"projected b onto a|the projection went the wrong way",
    ),
    Scenario(
        name="cosine_without_normalising",
        summary="Returns the plain dot product as the cosine similarity.",
        cells={"similarity_code": '''
def cosine_similarity(a, b):
    return float(np.dot(a, b))
''' + ANGLE_OK + PROJECTIONS_OK},
        loses=("similarity",),
        message=r"returned the plain dot product: divide by",
    ),
    # ============================================================== hypersphere
    Scenario(
        name="sphere_test_with_exact_equality",
        summary="Says 'on' only when the squared distance equals r**2 exactly.",
        cells={"hypersphere_code": '''
def sphere_position(p, r, center=None):
    c = np.zeros(len(p)) if center is None else center
    d2 = np.sum((p - c) ** 2)
    if d2 == r ** 2:
        return "on"
    return "inside" if d2 < r ** 2 else "outside"
''' + MASK_OK},
        loses=("hypersphere",),
        message=r"'on' only up to rounding",
    ),
    Scenario(
        name="sphere_test_ignores_the_center",
        summary="Measures the distance from the origin even when a center is given.",
        cells={"hypersphere_code": '''
def sphere_position(p, r, center=None):
    d2 = np.sum(p ** 2)
    if abs(d2 - r ** 2) <= 1e-9 * r ** 2:
        return "on"
    return "inside" if d2 < r ** 2 else "outside"


def inside_mask(P, r, center=None):
    return np.sum(P ** 2, axis=1) < r ** 2
'''},
        loses=("hypersphere",),
        message=r"ignored the center",
    ),
    # ============================================================== normal_equation
    Scenario(
        name="normal_equation_with_the_inverse",
        summary="Computes inv(X^T X) @ X^T y, as the formula on paper reads.",
        cells={"normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    d = X.shape[1]
    return np.linalg.inv(X.T @ X + lam * np.eye(d)) @ X.T @ y
'''},
        loses=("normal_equation",),
        message=r"Forming the inverse .* loses accuracy: solve the system instead",
    ),
    Scenario(
        name="ridge_penalty_added_everywhere",
        summary="Adds lam to every entry of X^T X instead of lam * I.",
        cells={"normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    return np.linalg.solve(X.T @ X + lam, X.T @ y)
'''},
        loses=("normal_equation",),
        message=r"lam was added to EVERY entry",
    ),
    # ============================================================== eigenpairs
    Scenario(
        name="eigenpairs_from_eig_unsorted",
        summary="Uses np.linalg.eig on the symmetric matrix and keeps its order.",
        cells={"eigenpairs_code": '''
def symmetric_eigenpairs(A):
    values, vectors = np.linalg.eig(A)
    return values.real, vectors.real
''' + RESIDUALS_OK},
        loses=("eigenpairs",),
        message=r"eigenvalues are not sorted|descending order",
    ),
    Scenario(
        name="eigenvectors_returned_as_rows",
        summary="Transposes the eigenvector matrix, so that the eigenvectors are its rows.",
        cells={"eigenpairs_code": '''
def symmetric_eigenpairs(A):
    values, vectors = np.linalg.eigh(A)
    return values, vectors.T
''' + RESIDUALS_OK},
        loses=("eigenpairs",),
        message=r"the eigenvectors are the ROWS of your array",
    ),
    # ============================================================== spectra
    Scenario(
        name="init_weights_from_the_global_generator",
        summary="Seeds NumPy's global state and draws with np.random.randn, as the chapter's sketch does.",
        cells={"spectra_code": '''
def init_weights(n, scheme="xavier", seed=0):
    np.random.seed(seed)
    gain = 2.0 if scheme == "he" else 1.0
    return np.random.randn(n, n) * np.sqrt(gain / n)
''' + SPECTRA_OK + CONDITION_OK + EXPERIMENT_OK + PLOT_OK},
        loses=("spectra",),
        message=r"global generator",
    ),
    Scenario(
        name="condition_number_from_eigenvalues",
        summary="Divides the largest eigenvalue magnitude by the smallest.",
        cells={"spectra_code": INIT_OK + SPECTRA_OK + '''

def condition_number(W):
    m = np.abs(np.linalg.eigvals(W))
    return m.max() / m.min()
''' + EXPERIMENT_OK + PLOT_OK},
        loses=("spectra",),
        message=r"the ratio of eigenvalue magnitudes is not the condition number",
    ),
    Scenario(
        name="spectrum_plotted_from_index_zero",
        summary="Plots the sorted values against 0 .. n-1 instead of 1 .. n.",
        cells={"spectra_code": INIT_OK + SPECTRA_OK + CONDITION_OK + EXPERIMENT_OK + '''

def plot_spectra(matrices, labels, kind="singular"):
    fig, ax = plt.subplots()
    for W, label in zip(matrices, labels):
        values = sorted_spectra(W)[1 if kind == "singular" else 0]
        ax.plot(values, label=label)
    ax.set_xlabel("index")
    ax.set_ylabel("value")
    ax.set_title("spectra")
    ax.legend()
    return ax
'''},
        loses=("spectra",),
        message=r"the x data are not 1, 2, \.\.\.",
    ),
    # ============================================================== svd_rank1
    Scenario(
        name="rank1_from_a_row_of_u",
        summary="Takes U[0] (a row) as the first left singular vector.",
        cells={"svd_rank1_code": '''
def rank1_approximation(M):
    U, s, Vt = np.linalg.svd(M)
    return s[0] * np.outer(U[0], Vt[0])


def rank_k_approximation(M, k):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
''' + ERROR_OK},
        loses=("svd_rank1",),
        message=r"u_1 is the first COLUMN of U",
    ),
    Scenario(
        name="approximation_error_squared",
        summary="Returns the sum of the squared dropped singular values (no square root).",
        cells={"svd_rank1_code": SVD_OK + '''

def approximation_error(M, k):
    s = np.linalg.svd(M, compute_uv=False)
    return np.sum(s[k:] ** 2)
'''},
        loses=("svd_rank1",),
        message=r"squared Frobenius norm",
    ),
    # ============================================================== whole-notebook failures
    Scenario(
        name="raises_everywhere",
        summary="Every function raises ValueError.",
        cells={
            "matmul_shapes_code": _raise("result_shape(shape_a, shape_b)") + _raise("matmul(A, B)"),
            "worked_scores_code": _raise("scores(X, w)") + _raise("churn_probabilities(X, w)")
            + _raise("ranking(X, w)"),
            "transpose_code": _raise("transpose(A)") + _raise("transpose_of_product(A, B)"),
            "hadamard_code": _raise("hadamard(A, B)") + _raise("product_rules(shape_a, shape_b)"),
            "norms_code": _raise("vector_norms(v)") + _raise("unit_vector(v)"),
            "similarity_code": _raise("cosine_similarity(a, b)") + _raise("angle_between(a, b, degrees=False)")
            + _raise("scalar_projection(a, b)") + _raise("vector_projection(a, b)"),
            "hypersphere_code": _raise("sphere_position(p, r, center=None)") + _raise("inside_mask(P, r, center=None)"),
            "normal_equation_code": _raise("normal_equation(X, y, lam=0.0)"),
            "eigenpairs_code": _raise("symmetric_eigenpairs(A)") + _raise("eigen_residuals(A, values, vectors)"),
            "spectra_code": _raise("init_weights(n, scheme='xavier', seed=0)") + _raise("sorted_spectra(W)")
            + _raise("condition_number(W)") + _raise("spectra_experiment(sizes=(50, 100, 200), seed=0)")
            + _raise("plot_spectra(matrices, labels, kind='singular')"),
            "svd_rank1_code": _raise("rank1_approximation(M)") + _raise("rank_k_approximation(M, k)")
            + _raise("approximation_error(M, k)"),
        },
        loses=ALL_PROBLEMS,
        message=r"raised ValueError: not done",
    ),
    Scenario(
        name="infinite_loop_in_a_cell",
        summary="The eigenpairs cell ends with a top-level `while True: pass` (waiting for a result).",
        cells={"eigenpairs_code": EIGENPAIRS_OK + RESIDUALS_OK + '''

converged = False
while True:
    pass
'''},
        loses=("eigenpairs",),
        message=r"does not define|did not finish|time limit",
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="numpy_library_calls_throughout",
        summary="np.einsum / np.dot / np.multiply with explicit checks, .T, np.linalg.norm with ord, "
                "a Python-sorted ranking list, np.linalg.cond, lstsq on an augmented ridge system.",
        full_marks=True,
        cells={
            "matmul_shapes_code": '''
def result_shape(shape_a, shape_b):
    m, n = shape_a
    n2, p = shape_b
    if n != n2:
        raise ValueError(f"cannot multiply {shape_a} by {shape_b}")
    return m, p


def matmul(A, B):
    result_shape(A.shape, B.shape)
    return np.einsum("ik,kj->ij", A, B)
''',
            "worked_scores_code": '''
def scores(X, w):
    return np.dot(X, w)


def churn_probabilities(X, w):
    z = np.dot(X, w)
    return np.exp(-np.logaddexp(0, -z))


def ranking(X, w):
    s = np.dot(X, w)
    return sorted(range(len(s)), key=lambda i: -s[i])
''',
            "transpose_code": '''
def transpose(A):
    return A.T.copy()


def transpose_of_product(A, B):
    return np.dot(B.T, A.T)
''',
            "hadamard_code": '''
def hadamard(A, B):
    if np.shape(A) != np.shape(B):
        raise ValueError("the Hadamard product needs equal shapes")
    return np.multiply(A, B)


def product_rules(shape_a, shape_b):
    return [np.bool_(tuple(shape_a) == tuple(shape_b)), np.bool_(shape_a[1] == shape_b[0])]
''',
            "norms_code": '''
def vector_norms(v):
    return {"l1": np.linalg.norm(v, ord=1), "l2": np.linalg.norm(v), "linf": np.linalg.norm(v, ord=np.inf)}


def unit_vector(v):
    n = np.linalg.norm(v)
    if n == 0:
        raise ValueError("cannot normalise the zero vector")
    return v / n
''',
            "normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    d = X.shape[1]
    A = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    b = np.concatenate([y, np.zeros(d)])
    return np.linalg.lstsq(A, b, rcond=None)[0]
''',
            "spectra_code": INIT_OK + SPECTRA_OK + '''

def condition_number(W):
    return np.linalg.cond(W)
''' + EXPERIMENT_OK + PLOT_OK,
        },
    ),
    Scenario(
        name="flipped_signs_and_loops",
        summary="Eigenpairs from eigh(UPLO='U') re-sorted with every other eigenvector negated; residuals "
                "in a loop; rank-1 from negated singular vectors and a sum of outer products.",
        full_marks=True,
        cells={
            "eigenpairs_code": '''
def symmetric_eigenpairs(A):
    values, vectors = np.linalg.eigh(A, UPLO="U")
    order = np.argsort(-values)[::-1]
    signs = np.where(np.arange(len(values)) % 2 == 0, -1.0, 1.0)
    return values[order], vectors[:, order] * signs


def eigen_residuals(A, values, vectors):
    out = []
    for i in range(len(values)):
        v = vectors[:, i]
        out.append(np.sqrt(np.sum((A @ v - values[i] * v) ** 2)))
    return np.array(out)
''',
            "svd_rank1_code": '''
def rank1_approximation(M):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    u, v = -U[:, 0], -Vt[0, :]
    return s[0] * u[:, None] * v[None, :]


def rank_k_approximation(M, k):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    total = np.zeros(M.shape)
    for i in range(k):
        total += s[i] * np.outer(U[:, i], Vt[i, :])
    return total


def approximation_error(M, k):
    s = np.linalg.svd(M, compute_uv=False)
    return float(np.sqrt(np.sum(s[k:] ** 2)))
''',
        },
    ),
    Scenario(
        name="distances_with_sqrt_and_arctan2_angles",
        summary="Sphere tests on the distance (not squared) with a matching tolerance, angles from "
                "arctan2, cosines from unit vectors, projections via the unit vector of b.",
        full_marks=True,
        cells={
            "hypersphere_code": '''
def sphere_position(p, r, center=None):
    if center is None:
        center = np.zeros_like(p)
    d = np.linalg.norm(np.asarray(p) - np.asarray(center))
    if abs(d - r) <= 0.5e-9 * r:
        return "on"
    if d < r:
        return "inside"
    return "outside"


def inside_mask(P, r, center=None):
    return np.array([sphere_position(row, r, center) == "inside" for row in P])
''',
            "similarity_code": '''
def cosine_similarity(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        raise ValueError("zero vector")
    return float(np.clip(np.dot(a / na, b / nb), -1.0, 1.0))


def angle_between(a, b, degrees=False):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    ua, ub = a / np.linalg.norm(a), b / np.linalg.norm(b)
    theta = 2 * np.arctan2(np.linalg.norm(ua - ub), np.linalg.norm(ua + ub))
    return float(theta * 180 / np.pi) if degrees else float(theta)


def scalar_projection(a, b):
    return float(np.dot(a, b / np.linalg.norm(b)))


def vector_projection(a, b):
    unit = b / np.linalg.norm(b)
    return np.dot(a, unit) * unit
''',
            "worked_scores_code": SCORES_OK + '''

def ranking(X, w):
    s = X @ w
    return [int(i) for i in np.lexsort((np.arange(len(s)), -s))]
''',
        },
    ),
    Scenario(
        name="loops_everywhere_and_a_returned_figure",
        summary="Pure-Python loops for scores, norms and the Hadamard product; Cholesky for the normal "
                "equation; singular values from eigvalsh(W^T W); a figure returned from plt.* calls on a "
                "log scale; product_rules as a list.",
        full_marks=True,
        cells={
            "worked_scores_code": '''
def scores(X, w):
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    out = np.zeros((X.shape[0],) + w.shape[1:])
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            out[i] += X[i, j] * w[j]
    return out


def churn_probabilities(X, w):
    return 1.0 / (1.0 + np.exp(-scores(X, w)))


def ranking(X, w):
    s = scores(X, w)
    order = list(range(len(s)))
    order.sort(key=lambda i: (-s[i], i))
    return order
''',
            "hadamard_code": '''
def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    C = np.zeros(A.shape)
    for idx in np.ndindex(A.shape):
        C[idx] = A[idx] * B[idx]
    return C


def product_rules(shape_a, shape_b):
    return [shape_a[0] == shape_b[0] and shape_a[1] == shape_b[1], shape_a[1] == shape_b[0]]
''',
            "norms_code": '''
def vector_norms(v):
    l1 = sum(abs(x) for x in v)
    l2 = sum(x * x for x in v) ** 0.5
    linf = max(abs(x) for x in v)
    return {"l1": l1, "l2": l2, "linf": linf}
''' + UNIT_OK,
            "normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    G = X.T @ X + lam * np.eye(X.shape[1])
    L = np.linalg.cholesky(G)
    z = np.linalg.solve(L, X.T @ y)
    return np.linalg.solve(L.T, z)
''',
            "spectra_code": '''
def init_weights(n, scheme="xavier", seed=0):
    scale = {"xavier": np.sqrt(1 / n), "he": np.sqrt(2 / n)}[scheme]
    return np.random.default_rng(seed).standard_normal(size=(n, n)) * scale


def sorted_spectra(W):
    magnitudes = sorted(np.abs(np.linalg.eigvals(W)), reverse=True)
    singular = sorted(np.sqrt(np.maximum(np.linalg.eigvalsh(W.T @ W), 0)), reverse=True)
    return np.array(magnitudes), np.array(singular)


def condition_number(W):
    _, s = sorted_spectra(W)
    return float(s.max() / s.min()) if s.min() > 0 else np.inf


def spectra_experiment(sizes=(50, 100, 200), seed=0):
    return {scheme: {"radius": [float(np.max(np.abs(np.linalg.eigvals(init_weights(n, scheme, seed)))))
                                for n in sizes],
                     "cond": [condition_number(init_weights(n, scheme, seed)) for n in sizes]}
            for scheme in ("xavier", "he")}


def plot_spectra(matrices, labels, kind="singular"):
    fig = plt.figure(figsize=(6, 3))
    for W, label in zip(matrices, labels):
        mags, sing = sorted_spectra(W)
        values = sing if kind == "singular" else mags
        plt.semilogy(range(1, len(values) + 1), values, "o-", markersize=2, label=label)
    plt.xlabel("rank")
    plt.ylabel("value (log scale)")
    plt.title(f"{kind} spectrum")
    plt.legend()
    return fig
''',
        },
    ),
]
