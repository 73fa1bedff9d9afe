"""Reference solutions for the assignment `linear_algebra`.

Problems (grade ids of the source notebook, in notebook order):
    matmul_shapes    result_shape(shape_a, shape_b), matmul(A, B) from the definition
    worked_scores    scores(X, w), churn_probabilities(X, w), ranking(X, w) on the IRCTC and Jio data
    transpose        transpose(A), transpose_of_product(A, B) = B^T A^T
    hadamard         hadamard(A, B) for equal shapes only, product_rules(shape_a, shape_b)
    norms            vector_norms(v) -> {"l1", "l2", "linf"}, unit_vector(v)
    similarity       cosine_similarity, angle_between, scalar_projection, vector_projection
    hypersphere      sphere_position(p, r, center), inside_mask(P, r, center)
    normal_equation  normal_equation(X, y, lam) solving (X^T X + lam I) w = X^T y
    eigenpairs       symmetric_eigenpairs(A), eigen_residuals(A, values, vectors)
    spectra          init_weights, sorted_spectra, condition_number, spectra_experiment, plot_spectra
    svd_rank1        rank1_approximation(M), rank_k_approximation(M, k), approximation_error(M, k)

Conventions shared with the student notebook:
* matrices are 2-D NumPy arrays, vectors are 1-D arrays of shape (n,);
* functions never modify their arguments and never print (the hidden tests check the first);
* invalid input named in a contract (mismatched shapes, a zero vector) raises ValueError;
* types stated in a contract are graded as stated: "a tuple" is not a list, "a NumPy array" is not a list,
  "a boolean array" has dtype bool, "lists of floats" are lists.

Only NumPy is imported at module level; matplotlib is imported inside `plot_spectra`.
"""

import numpy as np

# ---------------------------------------------------------------------------------------------
# Data of the chapter's worked examples (seed 000)
# ---------------------------------------------------------------------------------------------

#: 5 IRCTC passengers x 4 features: age, fare (rupees), distance (km), class (1/2/3).
IRCTC_X = np.array([
    [28.0, 1450.0, 850.0, 3.0],
    [45.0, 3200.0, 1200.0, 2.0],
    [32.0, 5800.0, 2100.0, 1.0],
    [56.0, 1800.0, 950.0, 3.0],
    [23.0, 4500.0, 1800.0, 1.0],
])
#: Weights of the "will book again" score.
IRCTC_W = np.array([0.01, 0.0002, 0.0003, -0.5])

#: 3 Jio users x 3 features: data usage (GB), recharge (rupees), calls (minutes).
JIO_X = np.array([
    [12.0, 399.0, 45.0],
    [5.0, 199.0, 80.0],
    [25.0, 599.0, 20.0],
])
#: Weights of the churn score.
JIO_W = np.array([0.1, 0.005, -0.02])

#: Relative tolerance of "on the sphere": |d^2 - r^2| <= SPHERE_RTOL * r^2.
SPHERE_RTOL = 1e-9

#: Gain g of the initialisation schemes: W = N(0, 1) draws * sqrt(g / n).
GAINS = {"xavier": 1.0, "he": 2.0}
SCHEMES = ("xavier", "he")


# ---------------------------------------------------------------------------------------------
# matmul_shapes
# ---------------------------------------------------------------------------------------------


def result_shape(shape_a, shape_b):
    """Shape of A @ B for 2-D shapes: (m, n) and (n, p) give (m, p).

    shape_a, shape_b: tuples (or lists) of two ints. Returns a tuple (not a list or an array) of two ints
    (students may return NumPy integers). Raises ValueError when the inner dimensions n differ.
    """
    m, n = shape_a
    n_b, p = shape_b
    if n != n_b:
        raise ValueError(f"inner dimensions differ: {tuple(shape_a)} @ {tuple(shape_b)}")
    return (int(m), int(p))


def matmul(A, B):
    """C = A B from the definition C[i, j] = sum_k A[i, k] * B[k, j].

    A: 2-D array (m, n); B: 2-D array (n, p), ints or floats. Returns a float64 array of shape (m, p)
    (students may return integers for integer inputs). Raises ValueError when A.shape[1] != B.shape[0]
    (checked first: a loop over k runs without error for some mismatched shapes).
    """
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    m, p = result_shape(A.shape, B.shape)
    n = A.shape[1]
    C = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            total = 0.0
            for k in range(n):
                total += A[i, k] * B[k, j]
            C[i, j] = total
    return C


# ---------------------------------------------------------------------------------------------
# worked_scores
# ---------------------------------------------------------------------------------------------


def scores(X, w):
    """Linear scores of every row of X: X @ w.

    X: (n, d) array, one sample per row. w: (d,) weight vector -> result (n,);
    or (d, k) weight matrix -> result (n, k). Returns a NumPy float array.
    """
    return np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64)


def churn_probabilities(X, w):
    """sigmoid(X @ w) = 1 / (1 + exp(-X @ w)) for every row, a NumPy float array shaped as `scores`."""
    z = scores(X, w)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def ranking(X, w):
    """Row indices (0-based) from the highest score to the lowest; ties keep the lower index first.

    X: (n, d); w: (d,). Returns a 1-D int array of length n (a permutation of 0 .. n-1); students may
    return a list of ints. The order of ties holds for any n (the default np.argsort is not stable).
    """
    s = scores(X, w)
    return np.argsort(-s, kind="stable")


# ---------------------------------------------------------------------------------------------
# transpose
# ---------------------------------------------------------------------------------------------


def transpose(A):
    """The transpose of a 2-D array: A of shape (m, n) gives T of shape (n, m), T[i, j] = A[j, i] (dtype of A)."""
    A = np.asarray(A)
    m, n = A.shape
    T = np.empty((n, m), dtype=A.dtype)
    for i in range(n):
        for j in range(m):
            T[i, j] = A[j, i]
    return T


def transpose_of_product(A, B):
    """(A B)^T computed as B^T A^T without forming A B first (only the result is graded).

    A: (m, n); B: (n, p). Returns an array of shape (p, m).
    """
    return matmul(transpose(B), transpose(A))


# ---------------------------------------------------------------------------------------------
# hadamard
# ---------------------------------------------------------------------------------------------


def hadamard(A, B):
    """Element-wise (Hadamard) product C[i, j] = A[i, j] * B[i, j].

    A and B: arrays of the SAME shape. Raises ValueError when the shapes differ, even when NumPy
    could broadcast them (the Hadamard product is defined only for equal shapes).
    Returns a float array of that shape (students may return integers for integer matrices).
    """
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.shape != B.shape:
        raise ValueError(f"the Hadamard product needs equal shapes, got {A.shape} and {B.shape}")
    return A * B


def product_rules(shape_a, shape_b):
    """Which products of a matrix of shape_a with a matrix of shape_b are defined.

    shape_a, shape_b: 2-D shapes (tuples of two ints). Returns a tuple (not a list) of two bools
    (hadamard_defined, matmul_defined), Python or NumPy bools: the Hadamard product needs equal shapes,
    A @ B needs shape_a[1] == shape_b[0].
    """
    hadamard_defined = tuple(shape_a) == tuple(shape_b)
    matmul_defined = shape_a[1] == shape_b[0]
    return (bool(hadamard_defined), bool(matmul_defined))


# ---------------------------------------------------------------------------------------------
# norms
# ---------------------------------------------------------------------------------------------


def vector_norms(v):
    """The L1, L2 and L-infinity norms of a 1-D vector.

    Returns {"l1": sum |v_i|, "l2": sqrt(sum v_i^2), "linf": max |v_i|} with float values.
    """
    v = np.asarray(v, dtype=np.float64)
    return {"l1": float(np.sum(np.abs(v))), "l2": float(np.sqrt(np.sum(v * v))),
            "linf": float(np.max(np.abs(v)))}


def unit_vector(v):
    """v / ||v||_2: the unit vector with the direction of v, a new float array. Raises ValueError for the zero
    vector (every entry 0) and only for it: tiny non-zero vectors such as [3e-10, -4e-10] have a direction."""
    v = np.asarray(v, dtype=np.float64)
    length = np.sqrt(np.sum(v * v))
    if length == 0.0:
        raise ValueError("the zero vector has no direction")
    return v / length


# ---------------------------------------------------------------------------------------------
# similarity
# ---------------------------------------------------------------------------------------------


def cosine_similarity(a, b):
    """cos(theta) = a.b / (||a|| ||b||) for two non-zero 1-D vectors; a float in [-1, 1], clipped (parallel
    vectors can round to 1.0000000000000002 otherwise).

    Raises ValueError when a or b is the zero vector.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0.0 or norm_b == 0.0:
        raise ValueError("cosine similarity is undefined for the zero vector")
    return float(np.clip(np.dot(a, b) / (norm_a * norm_b), -1.0, 1.0))


def angle_between(a, b, degrees=False):
    """The angle theta = arccos(cosine_similarity(a, b)) in [0, pi] (radians), or in degrees.

    The cosine is clipped to [-1, 1] before arccos, so parallel vectors give exactly 0 (and
    opposite vectors pi), never nan.
    """
    theta = float(np.arccos(np.clip(cosine_similarity(a, b), -1.0, 1.0)))
    return float(np.degrees(theta)) if degrees else theta


def scalar_projection(a, b):
    """Signed length of the projection of a onto the direction of b: a.b / ||b|| (b non-zero)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    norm_b = np.linalg.norm(b)
    if norm_b == 0.0:
        raise ValueError("cannot project onto the zero vector")
    return float(np.dot(a, b) / norm_b)


def vector_projection(a, b):
    """Projection of a onto the line of b: (a.b / b.b) b, a 1-D array of the shape of b."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    bb = np.dot(b, b)
    if bb == 0.0:
        raise ValueError("cannot project onto the zero vector")
    return (np.dot(a, b) / bb) * b


# ---------------------------------------------------------------------------------------------
# hypersphere
# ---------------------------------------------------------------------------------------------


def _squared_distance(p, center):
    p = np.asarray(p, dtype=np.float64)
    c = np.zeros(p.shape[-1]) if center is None else np.asarray(center, dtype=np.float64)
    diff = p - c
    return np.sum(diff * diff, axis=-1)


def sphere_position(p, r, center=None):
    """Where the point p lies with respect to the sphere of radius r > 0 around center.

    p: 1-D point of n coordinates; center: 1-D point (default: the origin). With
    d2 = sum_i (p_i - c_i)^2, returns "on" when |d2 - r^2| <= 1e-9 * r^2 (equality included: the
    tolerance is relative to r^2), else "inside" when d2 < r^2 and "outside" when d2 > r^2.
    """
    d2 = float(_squared_distance(p, center))
    r2 = float(r) ** 2
    if abs(d2 - r2) <= SPHERE_RTOL * r2:
        return "on"
    return "inside" if d2 < r2 else "outside"


def inside_mask(P, r, center=None):
    """Boolean array (N,), dtype bool: True where row i of P (shape (N, n)) is "inside" the sphere.

    Same rule as sphere_position: points "on" the sphere (within the tolerance) are not inside.
    """
    d2 = _squared_distance(np.asarray(P, dtype=np.float64), center)
    r2 = float(r) ** 2
    return (d2 < r2) & ~(np.abs(d2 - r2) <= SPHERE_RTOL * r2)


# ---------------------------------------------------------------------------------------------
# normal_equation
# ---------------------------------------------------------------------------------------------


def normal_equation(X, y, lam=0.0):
    """Least-squares (ridge for lam > 0) weights from the normal equation.

    X: (n, d) design matrix; y: (n,) targets; lam >= 0. Returns w of shape (d,) solving
    (X^T X + lam I) w = X^T y with np.linalg.solve (the inverse is never formed; the hidden tests accept any
    backward-stable solver: Cholesky, QR, lstsq). X must have full column rank when lam == 0.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)


def normal_equation_backward_error(X, y, w, lam=0.0):
    """||G w - b|| / (||G||_2 ||w|| + ||b||) with G = X^T X + lam I and b = X^T y.

    About 1e-16 for a backward-stable solver (solve, lstsq, Cholesky), larger when the inverse is
    formed and the system is ill-conditioned. Used by the hidden tests, not by students.
    """
    X = np.asarray(X, dtype=np.float64)
    G = X.T @ X + lam * np.eye(X.shape[1])
    b = X.T @ np.asarray(y, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return float(np.linalg.norm(G @ w - b) / (np.linalg.norm(G, 2) * np.linalg.norm(w) + np.linalg.norm(b)))


# ---------------------------------------------------------------------------------------------
# eigenpairs
# ---------------------------------------------------------------------------------------------


def symmetric_eigenpairs(A):
    """Eigenvalues and eigenvectors of a real symmetric matrix, eigenvalues in ascending order.

    A: (n, n) symmetric. Returns (values, vectors): values of shape (n,) in ascending order,
    vectors of shape (n, n) whose COLUMN i is a unit eigenvector for values[i]
    (A @ vectors[:, i] = values[i] * vectors[:, i]); the columns are orthonormal, also for a
    repeated eigenvalue. Each eigenvector is defined up to its sign.
    """
    values, vectors = np.linalg.eigh(np.asarray(A, dtype=np.float64))
    return values, vectors


def eigen_residuals(A, values, vectors):
    """||A v_i - lambda_i v_i||_2 for every pair (values[i], column i of vectors).

    A: (n, n); values: (k,); vectors: (n, k). Returns a float array of shape (k,). No
    normalisation: a correct pair gives (almost) 0.
    """
    A = np.asarray(A, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    vectors = np.asarray(vectors, dtype=np.float64)
    return np.linalg.norm(A @ vectors - vectors * values, axis=0)


# ---------------------------------------------------------------------------------------------
# spectra
# ---------------------------------------------------------------------------------------------


def init_weights(n, scheme="xavier", seed=0):
    """An (n, n) weight matrix: rng.standard_normal((n, n)) * sqrt(g / n).

    One fresh generator rng = np.random.default_rng(seed) at every call (the same arguments give the same
    matrix) and one draw. g = 1 for "xavier", g = 2 for "he". Raises ValueError for any other scheme (the
    student notebook does not ask for this).
    """
    if scheme not in GAINS:
        raise ValueError(f"unknown scheme {scheme!r}: use 'xavier' or 'he'")
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, n)) * np.sqrt(GAINS[scheme] / n)


def sorted_spectra(W):
    """(eigenvalue magnitudes, singular values) of a square matrix, each sorted in DEScending order.

    W: (n, n) real, not necessarily symmetric (its eigenvalues may be complex: their moduli
    |lambda| are returned). Returns two float arrays of shape (n,).
    """
    W = np.asarray(W, dtype=np.float64)
    magnitudes = np.sort(np.abs(np.linalg.eigvals(W)))[::-1]
    singular = np.linalg.svd(W, compute_uv=False)  # already descending
    return magnitudes, singular


def condition_number(W):
    """The 2-norm condition number sigma_max / sigma_min of a square matrix (inf if sigma_min is 0, returned
    without dividing by 0: no division-by-zero warning)."""
    singular = np.linalg.svd(np.asarray(W, dtype=np.float64), compute_uv=False)
    if singular[-1] == 0.0:
        return float("inf")
    return float(singular[0] / singular[-1])


def spectra_experiment(sizes=(50, 100, 200), seed=0):
    """Spectral radius and condition number of Xavier and He matrices of several sizes.

    For each scheme in ("xavier", "he") and each n in sizes (a tuple or a list, in order), W = init_weights(n,
    scheme, seed) (the same seed for every matrix, so W_he = sqrt(2) * W_xavier). Returns
    {"xavier": {"radius": [...], "cond": [...]}, "he": {...}}: lists of floats, one per size,
    radius = max |eigenvalue| and cond = condition_number(W).
    """
    result = {}
    for scheme in SCHEMES:
        radius, cond = [], []
        for n in sizes:
            W = init_weights(n, scheme, seed)
            magnitudes, _ = sorted_spectra(W)
            radius.append(float(magnitudes[0]))
            cond.append(condition_number(W))
        result[scheme] = {"radius": radius, "cond": cond}
    return result


def plot_spectra(matrices, labels, kind="singular"):
    """Plot the sorted spectrum of each matrix on one new Axes and return the Axes (students may return its
    Figure).

    matrices: a list of square arrays; labels: one string per matrix. kind="singular" plots the
    singular values, kind="eigen" the eigenvalue magnitudes, each sorted in descending order,
    against the index 1, 2, ..., n, on a new figure at every call. One line per matrix, labelled with its
    label (students may give the labels to ax.legend(labels) instead of label=, and add decoration such as a
    reference line); x label, y label, title and a legend are set.
    """
    import matplotlib.pyplot as plt

    if kind not in ("singular", "eigen"):
        raise ValueError("kind must be 'singular' or 'eigen'")
    fig, ax = plt.subplots(figsize=(7, 4))
    for W, label in zip(matrices, labels):
        magnitudes, singular = sorted_spectra(W)
        values = singular if kind == "singular" else magnitudes
        ax.plot(np.arange(1, len(values) + 1), values, label=label)
    ax.set_xlabel("index (sorted, largest first)")
    ax.set_ylabel("singular value" if kind == "singular" else "|eigenvalue|")
    ax.set_title("Sorted singular values" if kind == "singular" else "Sorted eigenvalue magnitudes")
    ax.legend()
    return ax


# ---------------------------------------------------------------------------------------------
# svd_rank1
# ---------------------------------------------------------------------------------------------


def rank_k_approximation(M, k):
    """The best rank-k approximation of M (Eckart-Young): sum_{i<k} s_i u_i v_i^T.

    M: (m, n); k: int with 1 <= k <= min(m, n). Returns an (m, n) float array.
    """
    M = np.asarray(M, dtype=np.float64)
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k, :]


def rank1_approximation(M):
    """s_1 u_1 v_1^T: the outer product of the first left and right singular vectors, scaled."""
    return rank_k_approximation(M, 1)


def approximation_error(M, k):
    """Frobenius norm ||M - M_k||_F of the rank-k error, = sqrt(sum of s_i^2 for i > k)."""
    M = np.asarray(M, dtype=np.float64)
    return float(np.linalg.norm(M - rank_k_approximation(M, k)))
