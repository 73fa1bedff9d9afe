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
    return np.clip(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0)
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
    if s[-1] == 0:
        return np.inf
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
        mistakes=("matmul-no-shape-check",),
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
        mistakes=("result-shape-keeps-inner",),
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
        mistakes=("scores-element-wise",),
    ),
    Scenario(
        name="ranking_reverses_an_ascending_argsort",
        summary="Ranks with np.argsort(s)[::-1]: right without ties, ties come out in reverse order.",
        cells={"worked_scores_code": SCORES_OK + '''

def ranking(X, w):
    return np.argsort(scores(X, w))[::-1]
'''},
        loses=("worked_scores",),
        message=r"equal scores are not in row order",
        mistakes=("ranking-ties-out-of-order",),
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
        mistakes=("transpose-by-reshape", "product-built-on-wrong-helpers"),
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
        mistakes=("product-transpose-keeps-order",),
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
        message=r"NumPy's \* would broadcast these shapes",
        mistakes=("hadamard-broadcasts",),
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
        mistakes=("hadamard-is-matmul",),
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
        mistakes=("l1-no-abs",),
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
        mistakes=("zero-vector-not-rejected",),
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
        mistakes=("cosine-not-clipped", "angle-not-clipped"),
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
        mistakes=("projection-wrong-way",),
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
        mistakes=("cosine-plain-dot", "angle-built-on-wrong-cosine"),
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
        message=r"on the sphere up to rounding must count as 'on'",
        mistakes=("sphere-tolerance-too-narrow",),
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
        mistakes=("sphere-ignores-center", "mask-counts-on-points"),
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
        mistakes=("normal-equation-inverse",),
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
        mistakes=("ridge-lambda-everywhere",),
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
        message=r"not in ascending order",
        mistakes=("eigenvalues-not-ascending", "eigenvectors-not-reordered"),
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
        mistakes=("eigenvectors-as-rows",),
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
        mistakes=("init-global-generator", "experiment-built-on-wrong-init"),
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
        mistakes=("cond-from-eigenvalues", "experiment-built-on-wrong-helper"),
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
        message=r"the x data are 0, 1, \.\.\.",
        mistakes=("plot-x-from-zero",),
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
        mistakes=("svd-wrong-slices",),
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
        mistakes=("svd-error-squared",),
    ),
    # ============================================================== values-only and contract mistakes
    Scenario(
        name="result_shape_returns_a_list",
        summary="Returns [m, p]: the right numbers, but the contract asks for a tuple.",
        cells={"matmul_shapes_code": '''
def result_shape(shape_a, shape_b):
    if shape_a[1] != shape_b[0]:
        raise ValueError("inner dimensions differ")
    return [shape_a[0], shape_b[1]]
''' + MATMUL_OK},
        loses=("matmul_shapes",),
        message=r"must return a tuple",
        mistakes=("result-shape-not-a-tuple",),
    ),
    Scenario(
        name="matmul_sum_starts_at_one",
        summary="Thinks of the sum over k = 1 .. n from the formula and loops over range(1, n).",
        cells={"matmul_shapes_code": RESULT_SHAPE_OK + '''

def matmul(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    n = A.shape[1]
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(1, n):
                C[i, j] += A[i, k] * B[k, j]
    return C
'''},
        loses=("matmul_shapes",),
        message=r"skipped one term",
        mistakes=("matmul-sum-skips-a-term", "product-built-on-wrong-helpers"),
    ),
    Scenario(
        name="scores_summed_over_the_wrong_axis",
        summary="Writes the dot products as np.sum(X * w, axis=0), summing over the samples.",
        cells={"worked_scores_code": '''
def scores(X, w):
    return np.sum(X * w, axis=0)


def churn_probabilities(X, w):
    return 1 / (1 + np.exp(-(X @ w)))
''' + RANKING_OK},
        loses=("worked_scores",),
        message=r"over the rows \(axis=0\)",
        mistakes=("scores-sum-over-wrong-axis",),
    ),
    Scenario(
        name="churn_sigmoid_applied_twice",
        summary="Squashes the scores with the sigmoid, then squashes the probabilities once more.",
        cells={"worked_scores_code": '''
def scores(X, w):
    return X @ w


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def churn_probabilities(X, w):
    p = sigmoid(scores(X, w))
    return sigmoid(p)
''' + RANKING_OK},
        loses=("worked_scores",),
        message=r"applied twice",
        mistakes=("sigmoid-applied-twice",),
    ),
    Scenario(
        name="ranking_with_the_default_argsort",
        summary="np.argsort(-s) without kind='stable': right for short arrays, ties shuffled for long ones.",
        cells={"worked_scores_code": SCORES_OK + '''

def ranking(X, w):
    return np.argsort(-scores(X, w))
'''},
        loses=("worked_scores",),
        message=r"not stable",
        mistakes=("ranking-ties-out-of-order",),
    ),
    Scenario(
        name="hadamard_multiplies_in_place",
        summary="Saves memory with A *= B and returns A, which changes the caller's matrix.",
        cells={"hadamard_code": '''
def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    A *= B
    return A
''' + RULES_OK},
        loses=("hadamard",),
        message=r"changed its argument",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="product_rules_as_a_list",
        summary="Returns [equal shapes, inner dimensions match] as a list, the contract says a tuple.",
        cells={"hadamard_code": HADAMARD_OK + '''

def product_rules(shape_a, shape_b):
    return [shape_a == shape_b, shape_a[1] == shape_b[0]]
'''},
        loses=("hadamard",),
        message=r"must return a tuple of two bools",
        mistakes=("rules-not-a-tuple-of-bools",),
    ),
    Scenario(
        name="l2_norm_as_a_root_mean_square",
        summary="Takes np.sqrt(np.mean(v ** 2)) for the L2 norm (the RMS), off by a factor sqrt(n).",
        cells={"norms_code": '''
def vector_norms(v):
    return {"l1": np.sum(np.abs(v)), "l2": np.sqrt(np.mean(v ** 2)), "linf": np.max(np.abs(v))}
''' + UNIT_OK},
        loses=("norms",),
        message=r"not the root of their mean",
        mistakes=("l2-mean-not-sum",),
    ),
    Scenario(
        name="unit_vector_normalises_in_place",
        summary="Divides v by its length in place (v /= length) and returns v.",
        cells={"norms_code": NORMS_OK + '''

def unit_vector(v):
    length = np.linalg.norm(v)
    if length == 0:
        raise ValueError("zero vector")
    v /= length
    return v
'''},
        loses=("norms",),
        message=r"changed its argument `v` in place",
        mistakes=("modifies-argument",),
    ),
    Scenario(
        name="cosine_not_clipped_but_angle_clipped",
        summary="Clips the cosine inside angle_between only, so cosine_similarity can return 1.0000000000000002.",
        cells={"similarity_code": '''
def cosine_similarity(a, b):
    if not np.any(a) or not np.any(b):
        raise ValueError("zero vector")
    return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
''' + ANGLE_OK + PROJECTIONS_OK},
        loses=("similarity",),
        message=r"outside \[-1, 1\]",
        mistakes=("cosine-not-clipped",),
    ),
    Scenario(
        name="degrees_converted_the_wrong_way",
        summary="Converts the angle with theta * pi / 180 instead of theta * 180 / pi.",
        cells={"similarity_code": COSINE_OK + '''

def angle_between(a, b, degrees=False):
    theta = np.arccos(np.clip(cosine_similarity(a, b), -1, 1))
    return theta * np.pi / 180 if degrees else theta
''' + PROJECTIONS_OK},
        loses=("similarity",),
        message=r"the conversion went the wrong way",
        mistakes=("angle-wrong-conversion",),
    ),
    Scenario(
        name="sphere_threshold_with_a_strict_inequality",
        summary="Writes abs(d2 - r**2) < 1e-9 * r**2: a point exactly at the threshold is not 'on'.",
        cells={"hypersphere_code": '''
def sphere_position(p, r, center=None):
    c = np.zeros(len(p)) if center is None else center
    d2 = np.sum((p - c) ** 2)
    if abs(d2 - r ** 2) < 1e-9 * r ** 2:
        return "on"
    return "inside" if d2 < r ** 2 else "outside"


def inside_mask(P, r, center=None):
    c = np.zeros(P.shape[1]) if center is None else center
    d2 = np.sum((P - c) ** 2, axis=1)
    on = np.abs(d2 - r ** 2) < 1e-9 * r ** 2
    return (d2 < r ** 2) & ~on
'''},
        loses=("hypersphere",),
        message=r"\(<=, not <\)",
        mistakes=("sphere-strict-inequality",),
    ),
    Scenario(
        name="sphere_with_an_absolute_tolerance",
        summary="Compares abs(d2 - r**2) <= 1e-9, an absolute tolerance, as for numbers near 1.",
        cells={"hypersphere_code": '''
def sphere_position(p, r, center=None):
    c = np.zeros(len(p)) if center is None else center
    d2 = np.sum((p - c) ** 2)
    if abs(d2 - r ** 2) <= 1e-9:
        return "on"
    return "inside" if d2 < r ** 2 else "outside"


def inside_mask(P, r, center=None):
    c = np.zeros(P.shape[1]) if center is None else center
    d2 = np.sum((P - c) ** 2, axis=1)
    return (d2 < r ** 2) & (np.abs(d2 - r ** 2) > 1e-9)
'''},
        loses=("hypersphere",),
        message=r"the tolerance must be relative",
        mistakes=("sphere-absolute-tolerance",),
    ),
    Scenario(
        name="inside_mask_counts_points_on_the_sphere",
        summary="inside_mask returns d2 < r**2, forgetting that points 'on' the sphere are not inside.",
        cells={"hypersphere_code": SPHERE_OK + '''

def inside_mask(P, r, center=None):
    c = np.zeros(P.shape[1]) if center is None else center
    return np.sum((P - c) ** 2, axis=1) < r ** 2
'''},
        loses=("hypersphere",),
        message=r"counted points ON the sphere",
        mistakes=("mask-counts-on-points",),
    ),
    Scenario(
        name="ridge_penalty_scaled_by_the_sample_count",
        summary="Derives the ridge system from the MEAN squared error and puts n * lam on the diagonal.",
        cells={"normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    n, d = X.shape
    return np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)
'''},
        loses=("normal_equation",),
        message=r"lam is scaled",
        mistakes=("ridge-lambda-scaled",),
    ),
    Scenario(
        name="eigen_residuals_over_the_wrong_axis",
        summary="Takes np.linalg.norm(A @ V - V * values, axis=1): the norms of the rows.",
        cells={"eigenpairs_code": EIGENPAIRS_OK + '''

def eigen_residuals(A, values, vectors):
    return np.linalg.norm(A @ vectors - vectors * values, axis=1)
'''},
        loses=("eigenpairs",),
        message=r"norms of the ROWS",
        mistakes=("residuals-wrong-axis",),
    ),
    Scenario(
        name="init_weights_from_one_shared_generator",
        summary="Creates rng = np.random.default_rng(0) once, outside the function, and draws from it at "
                "every call: the first matrix is right, later ones are not, and the seed is never used.",
        cells={"spectra_code": '''
rng = np.random.default_rng(0)


def init_weights(n, scheme="xavier", seed=0):
    gain = 2.0 if scheme == "he" else 1.0
    return rng.standard_normal((n, n)) * np.sqrt(gain / n)
''' + SPECTRA_OK + CONDITION_OK + EXPERIMENT_OK + PLOT_OK},
        loses=("spectra",),
        message=r"two different matrices for the same arguments",
        mistakes=("init-not-reproducible",),
    ),
    Scenario(
        name="condition_number_divides_by_zero",
        summary="Returns s[0] / s[-1] with NumPy floats: inf for a singular matrix, with a division warning.",
        cells={"spectra_code": INIT_OK + SPECTRA_OK + '''

def condition_number(W):
    s = np.linalg.svd(W, compute_uv=False)
    return s[0] / s[-1]
''' + EXPERIMENT_OK + PLOT_OK},
        loses=("spectra",),
        message=r"RuntimeWarning",
        mistakes=("raises-warning",),
    ),
    Scenario(
        name="eigenvalues_sorted_before_their_moduli",
        summary="Sorts the complex eigenvalues, then takes np.abs: np.sort orders them by real part.",
        cells={"spectra_code": INIT_OK + '''

def sorted_spectra(W):
    return np.abs(np.sort(np.linalg.eigvals(W)))[::-1], np.linalg.svd(W, compute_uv=False)
''' + CONDITION_OK + EXPERIMENT_OK + PLOT_OK},
        loses=("spectra",),
        message=r"sorted before taking their moduli",
        mistakes=("spectra-sorted-before-abs", "experiment-built-on-wrong-helper", "plot-built-on-wrong-spectra"),
    ),
    Scenario(
        name="plot_on_the_current_axes",
        summary="Draws with plt.plot on whatever Axes is current and returns plt.gca(): every call adds its "
                "lines to the previous plot.",
        cells={"spectra_code": INIT_OK + SPECTRA_OK + CONDITION_OK + EXPERIMENT_OK + '''

def plot_spectra(matrices, labels, kind="singular"):
    for W, label in zip(matrices, labels):
        values = sorted_spectra(W)[1 if kind == "singular" else 0]
        plt.plot(np.arange(1, len(values) + 1), values, label=label)
    plt.xlabel("index")
    plt.ylabel(kind)
    plt.title("spectra")
    plt.legend()
    return plt.gca()
'''},
        loses=("spectra",),
        message=r"already held the lines of an earlier call",
        mistakes=("plot-reuses-axes",),
    ),
    Scenario(
        name="approximation_error_adds_the_dropped_singular_values",
        summary="Returns the sum of the dropped singular values instead of the root of the sum of their squares.",
        cells={"svd_rank1_code": SVD_OK + '''

def approximation_error(M, k):
    s = np.linalg.svd(M, compute_uv=False)
    return float(np.sum(s[k:]))
'''},
        loses=("svd_rank1",),
        message=r"SQUARES",
        mistakes=("svd-error-sum-not-squares",),
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
        mistakes=(),
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
        mistakes=(),
    ),

    # ============================================================== correct alternatives
    Scenario(
        name="numpy_library_calls_throughout",
        summary="np.einsum / np.dot / np.multiply with explicit checks, .T, np.linalg.norm with ord, "
                "a Python-sorted ranking list, np.linalg.cond, lstsq on an augmented ridge system.",
        full_marks=True,
        mistakes=(),
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
    return (np.bool_(tuple(shape_a) == tuple(shape_b)), np.bool_(shape_a[1] == shape_b[0]))
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
        mistakes=(),
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
        mistakes=(),
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
                "log scale; product_rules from two comparisons.",
        full_marks=True,
        mistakes=(),
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
    return (shape_a[0] == shape_b[0] and shape_a[1] == shape_b[1], shape_a[1] == shape_b[0])
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
    Scenario(
        name="legend_from_a_list_stable_python_sorts_and_isclose",
        summary="Labels given to ax.legend(labels) instead of label=, and a reference line; ranking with sorted(..., reverse=True) (stable); "
                "the sphere rule with np.isclose(d2, r**2, rtol=1e-9, atol=0) and a mask built from "
                "sphere_position row by row; result_shape as a tuple of NumPy ints; matmul from comprehensions; "
                "norms with np.hypot.reduce; cosines from unit vectors.",
        full_marks=True,
        mistakes=(),
        cells={
            "matmul_shapes_code": '''
def result_shape(shape_a, shape_b):
    if shape_a[1] != shape_b[0]:
        raise ValueError(f"{shape_a} @ {shape_b}: inner dimensions differ")
    return tuple(np.array([shape_a[0], shape_b[1]]))


def matmul(A, B):
    m, p = result_shape(A.shape, B.shape)
    n = A.shape[1]
    return np.array([[sum(A[i, k] * B[k, j] for k in range(n)) for j in range(p)] for i in range(m)], dtype=float)
''',
            "worked_scores_code": '''
def scores(X, w):
    return np.tensordot(X, w, axes=1)


def churn_probabilities(X, w):
    z = scores(X, w)
    return np.exp(z) / (1.0 + np.exp(z))


def ranking(X, w):
    s = scores(X, w)
    return sorted(range(len(s)), key=lambda i: s[i], reverse=True)
''',
            "norms_code": '''
def vector_norms(v):
    return {"l1": float(np.abs(v).sum()), "l2": float(np.hypot.reduce(v)), "linf": float(np.abs(v).max())}


def unit_vector(v):
    length = np.hypot.reduce(v)
    if length == 0:
        raise ValueError("the zero vector has no direction")
    return v / length
''',
            "similarity_code": '''
def cosine_similarity(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        raise ValueError("zero vector")
    return float(np.clip(np.sum((a / na) * (b / nb)), -1.0, 1.0))


def angle_between(a, b, degrees=False):
    theta = np.arccos(cosine_similarity(a, b))
    return np.rad2deg(theta) if degrees else theta


def scalar_projection(a, b):
    return np.linalg.norm(a) * cosine_similarity(a, b)


def vector_projection(a, b):
    return (np.dot(a, b) / np.dot(b, b)) * b
''',
            "hypersphere_code": '''
def sphere_position(p, r, center=None):
    if center is None:
        center = np.zeros_like(p)
    d2 = np.dot(p - center, p - center)
    if np.isclose(d2, r ** 2, rtol=1e-9, atol=0.0):
        return "on"
    return "inside" if d2 < r ** 2 else "outside"


def inside_mask(P, r, center=None):
    return np.array([sphere_position(point, r, center) == "inside" for point in P], dtype=bool)
''',
            "spectra_code": INIT_OK + SPECTRA_OK + CONDITION_OK + EXPERIMENT_OK + '''

def plot_spectra(matrices, labels, kind="singular"):
    fig, ax = plt.subplots()
    for W in matrices:
        magnitudes, singular = sorted_spectra(W)
        values = singular if kind == "singular" else magnitudes
        ax.plot(range(1, len(values) + 1), values)
    ax.legend(labels)
    ax.axhline(1.0, color="gray", linestyle=":")   # a reference level, added after the legend
    ax.set_xlabel("rank")
    ax.set_ylabel("value")
    ax.set_title(f"{kind} spectrum")
    return ax
''',
        },
    ),
    Scenario(
        name="qr_solve_math_isclose_and_loops",
        summary="Ridge by QR of the augmented matrix [X; sqrt(lam) I]; math.isclose for the sphere; eigh on the "
                "symmetrised matrix with an explicit argsort; residuals with vectors @ diag(values); hadamard and "
                "transpose with loops and comprehensions; init_weights with rng.normal(0, scale); spectra sorted "
                "by -np.sort(-x); the Frobenius error from the dropped singular values.",
        full_marks=True,
        mistakes=(),
        cells={
            "transpose_code": '''
def transpose(A):
    m, n = A.shape
    return np.array([[A[j, i] for j in range(m)] for i in range(n)])


def transpose_of_product(A, B):
    return matmul(transpose(B), transpose(A))
''',
            "hadamard_code": '''
def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError(f"shapes {A.shape} and {B.shape} differ")
    C = np.empty(A.shape)
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            C[i, j] = A[i, j] * B[i, j]
    return C


def product_rules(shape_a, shape_b):
    return (bool(np.array_equal(shape_a, shape_b)), bool(shape_a[1] == shape_b[0]))
''',
            "hypersphere_code": '''
import math


def sphere_position(p, r, center=None):
    diff = p if center is None else p - center
    d2 = float(np.sum(diff * diff))
    if math.isclose(d2, r * r, rel_tol=1e-9):
        return "on"
    return "inside" if d2 < r * r else "outside"


def inside_mask(P, r, center=None):
    diff = P if center is None else P - center
    d2 = np.einsum("ij,ij->i", diff, diff)
    on = np.abs(d2 - r * r) <= 1e-9 * r * r
    return (d2 < r * r) & ~on
''',
            "normal_equation_code": '''
def normal_equation(X, y, lam=0.0):
    n, d = X.shape
    A = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    b = np.concatenate([y, np.zeros(d)])
    Q, R = np.linalg.qr(A)
    return np.linalg.solve(R, Q.T @ b)
''',
            "eigenpairs_code": '''
def symmetric_eigenpairs(A):
    values, vectors = np.linalg.eigh((A + A.T) / 2)
    order = np.argsort(values)
    return values[order], vectors[:, order]


def eigen_residuals(A, values, vectors):
    R = A @ vectors - vectors @ np.diag(values)
    return np.sqrt(np.sum(R ** 2, axis=0))
''',
            "spectra_code": '''
def init_weights(n, scheme="xavier", seed=0):
    gain = {"xavier": 1, "he": 2}[scheme]
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, np.sqrt(gain / n), size=(n, n))


def sorted_spectra(W):
    return -np.sort(-np.abs(np.linalg.eigvals(W))), -np.sort(-np.linalg.svd(W, compute_uv=False))


def condition_number(W):
    return float(np.linalg.cond(W))
''' + EXPERIMENT_OK + PLOT_OK,
            "svd_rank1_code": '''
def rank1_approximation(M):
    return rank_k_approximation(M, 1)


def rank_k_approximation(M, k):
    U, s, Vt = np.linalg.svd(M, full_matrices=True)
    return (U[:, :k] * s[:k]) @ Vt[:k, :]


def approximation_error(M, k):
    return float(np.linalg.norm(M - rank_k_approximation(M, k), "fro"))
''',
        },
    ),
]
