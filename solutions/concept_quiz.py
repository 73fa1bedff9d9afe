"""Reference answers of the concept quiz: the ten multiple-choice questions of chapter seed 000,
section A, with an explanation for every option.

The grader imports this module; students never see it. The hidden suite compares each submitted
letter with `ANSWERS` and, for a wrong letter, shows `feedback(question, letter)`: why the chosen
option is wrong, never which option is right (a student who resubmits learns nothing from the
feedback but that this one option is wrong). Each wrong option is a named mistake with a stable id.

Answer format shared with the student notebook (see `normalise`): one letter "a" to "d" per
question, as a string; upper or lower case; surrounding spaces are ignored, and so are parentheses
around the letter ("(b)") or one closing parenthesis after it ("b)"). ANSWERS is a dict whose keys are
the question numbers 1 to 10 (or the strings "1" to "10"; a key may appear in both forms only if at
most one of them holds an answer) and nothing else, or a list or tuple of exactly ten answers.

Option texts below are plain ASCII renderings of the options the notebook shows (the notebook writes
them in LaTeX); the letters and the order of the options are the same.
"""

import re
from dataclasses import dataclass

LETTERS = ("a", "b", "c", "d")
N_QUESTIONS = 10

# One letter, optionally wrapped as "(b)" or followed by ")" as in "b)"; applied after strip().lower().
_ACCEPTED = re.compile(r"\(?([a-d])\)?")


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: its options, the right letter and why each option is (not) it."""

    topic: str
    options: dict  # letter -> the option's text
    correct: str
    # letter -> why this option is wrong (or, for `correct`, why it is right: for the staff only). The
    # explanation of a wrong option never names or implies the right one: no letter, no option text,
    # no value or term that singles it out (tests/test_quiz_feedback_hides_the_answer.py checks it).
    why: dict
    ids: dict  # wrong letter -> the stable id of that mistake (class report, scenario catalogue)

    def __post_init__(self):
        if set(self.options) != set(LETTERS) or set(self.why) != set(LETTERS):
            raise ValueError(f"question {self.topic!r}: options and explanations need the letters a-d")
        if self.correct not in LETTERS:
            raise ValueError(f"question {self.topic!r}: the correct letter must be one of a-d")
        if set(self.ids) != set(LETTERS) - {self.correct}:
            raise ValueError(f"question {self.topic!r}: every wrong option needs a mistake id")


QUESTIONS = {
    1: Question(
        topic="the shape of a (64, 128) @ (128, 10) matrix product",
        options={"a": "(128, 128)", "b": "(64, 10)", "c": "(10, 64)", "d": "(64, 128, 10)"},
        correct="b",
        why={
            "a": "(128, 128) is built only from the shared inner size 128, yet that is the size a matrix "
                 "product sums over: every entry of the result adds up 128 products, so 128 cannot "
                 "survive as an axis, let alone as both",
            "b": "the inner sizes (128 and 128) must agree and are summed over; the result keeps the rows "
                 "of the first matrix and the columns of the second: (64, 128) @ (128, 10) -> (64, 10), "
                 "one row of 10 scores per sample",
            "c": "(10, 64) lists the sizes as if the weight matrix came first: in a product the rows come "
                 "from the first factor and the columns from the second, and swapping the factors gives a "
                 "different matrix",
            "d": "the product of two 2-D matrices is again 2-D: the 128 products of each row-column pair "
                 "are added up into one number, not kept along a third axis",
        },
        ids={"a": "q1-keeps-the-inner-size", "c": "q1-transposed-shape", "d": "q1-three-axes"},
    ),
    2: Question(
        topic="the operation of LSTM gates",
        options={"a": "matrix multiplication", "b": "the Hadamard (element-wise) product",
                 "c": "the matrix inverse", "d": "the eigendecomposition"},
        correct="b",
        why={
            "a": "a gate and the cell state are two vectors of the same length: a matrix product of the "
                 "two either fails on the shapes or collapses them into one number (a dot product), and "
                 "a product with a matrix would mix all the memory cells together, so no gate could keep "
                 "one cell while clearing its neighbour; the matrix products of an LSTM happen earlier, "
                 "inside each gate (W [h, x] + b, before the sigmoid)",
            "b": "each gate value lies in (0, 1) and multiplies the matching entry of the cell state: "
                 "f * c_prev forgets, i * c_candidate writes, o * tanh(c) outputs, where * is the "
                 "element-wise (Hadamard) product of two vectors of the same shape",
            "c": "no matrix is inverted in an LSTM step: a gate is a vector of numbers between 0 and 1, "
                 "not a square matrix, and an inverse would be expensive (O(n^3)) and unstable whenever "
                 "the matrix is nearly singular",
            "d": "eigenvalues describe a matrix (they explain, for example, why repeated multiplication by "
                 "the same matrix makes gradients explode or vanish), but a gate is a vector, which has "
                 "no eigendecomposition, and none is computed when a gate is applied",
        },
        ids={"a": "q2-matrix-product", "c": "q2-matrix-inverse", "d": "q2-eigendecomposition"},
    ),
    3: Question(
        topic="the derivative of the sigmoid",
        options={"a": "sigma(z)^2", "b": "sigma(z) (1 - sigma(z))", "c": "1 - sigma(z)^2",
                 "d": "e^(-z) / (1 + e^(-z))"},
        correct="b",
        why={
            "a": "sigma(z)^2 tends to 1 as z grows, but the sigmoid flattens out there, so its slope must "
                 "tend to 0: an expression that approaches 1 where the curve is flat cannot be its slope",
            "b": "differentiating (1 + e^(-z))^(-1) gives e^(-z) / (1 + e^(-z))^2 = "
                 "[1 / (1 + e^(-z))] * [e^(-z) / (1 + e^(-z))] = sigma(z) (1 - sigma(z))",
            "c": "1 - sigma(z)^2 has the pattern of the tanh derivative, tanh'(z) = 1 - tanh(z)^2; for the "
                 "sigmoid it tends to 1 as z goes to minus infinity, where the curve is flat and its slope "
                 "must tend to 0",
            "d": "e^(-z) / (1 + e^(-z)) equals 1 - sigma(z): it tends to 1 as z goes to minus infinity, "
                 "where the curve is flat, so it cannot be the slope; the chain rule applied to "
                 "(1 + e^(-z))^(-1) gives a different denominator",
        },
        ids={"a": "q3-sigma-squared", "c": "q3-tanh-derivative-pattern", "d": "q3-one-minus-sigma"},
    ),
    4: Question(
        topic="the maximum of the sigmoid's derivative",
        options={"a": "1.0", "b": "0.5", "c": "0.25", "d": "0.1"},
        correct="c",
        why={
            "a": "1.0 is the value the sigmoid itself approaches for large z (and the slope of ReLU for "
                 "positive inputs), not a slope of the sigmoid: where the sigmoid approaches 1 it is "
                 "almost flat, and at its centre it climbs far more slowly than the line y = z",
            "b": "0.5 is sigma(0), the VALUE of the sigmoid at its centre, not the slope of the curve "
                 "there: a value and a slope are different quantities",
            "c": "sigma'(z) = s (1 - s) with s = sigma(z) is largest for s = 0.5, that is at z = 0, where "
                 "it is 0.5 * 0.5 = 0.25; so every sigmoid layer shrinks a backpropagated gradient at "
                 "least 4 times, and ten of them by about 0.25^10 = 1e-6 (vanishing gradients)",
            "d": "the slope of the sigmoid is about 0.1 only on the flanks of the curve, near |z| = 2.06; "
                 "the curve is steeper at its centre, z = 0",
        },
        ids={"a": "q4-limit-of-the-sigmoid", "b": "q4-value-instead-of-slope", "d": "q4-slope-on-the-flank"},
    ),
    5: Question(
        topic="the chain rule",
        options={"a": "f'(x) g'(x)", "b": "f'(g(x)) g'(x)", "c": "f(g'(x))", "d": "f'(g(x)) + g'(x)"},
        correct="b",
        why={
            "a": "this evaluates f' at x, but in f(g(x)) the function f is never applied to x itself; for "
                 "sin(x^2) this option gives cos(x) * 2x, which at x = 2 is -1.66, far from the measured "
                 "slope of sin(x^2) there, (sin(2.001^2) - sin(1.999^2)) / 0.002",
            "b": "the derivative of the outer function, evaluated at the inner value, times the "
                 "derivative of the inner function: d/dx sin(x^2) = cos(x^2) * 2x; backpropagation "
                 "applies this rule layer after layer",
            "c": "f(g'(x)) never differentiates f: it feeds the inner derivative into f itself; for "
                 "sin(x^2) it gives sin(2x), which is 0 at x = pi / 2, although sin(x^2) is far from flat "
                 "there",
            "d": "rates of change through a composition multiply, they do not add: if g stretches small "
                 "changes 2 times and f stretches them 3 times, f(g(x)) stretches them 6 times, not 5",
        },
        ids={"a": "q5-outer-derivative-at-x", "c": "q5-no-outer-derivative", "d": "q5-adds-the-rates"},
    ),
    6: Question(
        topic="where binary cross-entropy comes from",
        options={"a": "Mean Squared Error", "b": "Maximum A Posteriori estimation",
                 "c": "Maximum Likelihood Estimation", "d": "Least Absolute Deviation"},
        correct="c",
        why={
            "a": "mean squared error is another loss, not the origin of this one: it has no logarithm, and "
                 "with a sigmoid output it gives a confidently wrong prediction a tiny gradient (the "
                 "chapter's -1.98 against -100), which is exactly what the cross-entropy avoids",
            "b": "maximum a posteriori estimation adds a prior over the parameters, which shows up in the "
                 "loss as an extra penalty on the weights (an L2 term for a Gaussian prior); the binary "
                 "cross-entropy has no term that depends on the weights alone",
            "c": "model each label as a Bernoulli variable with P(y = 1) = y_hat: the likelihood of the "
                 "data is the product of y_hat^y (1 - y_hat)^(1 - y); maximising it is minimising its "
                 "negative log, -sum[y log(y_hat) + (1 - y) log(1 - y_hat)], which is the BCE",
            "d": "least absolute deviation minimises the sum of |y - y_hat| (the mean absolute error); "
                 "there is no logarithm in it, while the binary cross-entropy is a sum of logarithms of "
                 "predicted probabilities",
        },
        ids={"a": "q6-mean-squared-error", "b": "q6-maximum-a-posteriori", "d": "q6-least-absolute-deviation"},
    ),
    7: Question(
        topic="the loss of a fraud sample predicted at 0.01",
        options={"a": "-log(0.03)", "b": "-log(0.01) = 4.61", "c": "-log(0.99) = 0.01", "d": "-log(0.97)"},
        correct="b",
        why={
            "a": "0.03 is how common fraud is in the whole data set (the base rate), not anything the model "
                 "said about this transaction; the loss of a sample is computed from the model's "
                 "prediction, and the base rate does not appear in it",
            "b": "with y = 1 only the term -log(y_hat) is left, and the model gave the true class "
                 "y_hat = 0.01: -ln(0.01) = 4.61, a large loss for a confident miss",
            "c": "0.99 is 1 - y_hat, the model's probability of 'not fraud'; the loss in the question, "
                 "-y log(y_hat), is written with y_hat itself, and taking the other class would give a "
                 "tiny loss to a model that missed a real fraud",
            "d": "0.97 = 1 - 0.03 is the share of legitimate transactions in the data: it mixes the data's "
                 "base rate with the model's prediction, and takes the other class as well",
        },
        ids={"a": "q7-base-rate", "c": "q7-other-class", "d": "q7-base-rate-of-the-other-class"},
    ),
    8: Question(
        topic="what is always true of the KL divergence",
        options={"a": "negative", "b": "zero", "c": "non-negative (>= 0)", "d": "symmetric"},
        correct="c",
        why={
            "a": "for q = p every term p log(p / q) is p log 1 = 0, so D_KL(p||p) = 0, which is not "
                 "negative: a statement that fails for two equal distributions does not hold for every "
                 "pair",
            "b": "D_KL(p||q) is zero only when p = q: for p = (0.5, 0.5) and q = (0.9, 0.1) it is 0.511 nats, "
                 "so it is not zero for every pair (which is what makes it a measure of mismatch)",
            "c": "Gibbs' inequality: D_KL(p||q) >= 0 for all p and q, with equality exactly when p = q",
            "d": "swapping the two distributions changes the value: for p = (0.5, 0.5) and q = (0.9, 0.1), "
                 "D_KL(p||q) = 0.511 nats but D_KL(q||p) = 0.368 nats; it is not a distance",
        },
        ids={"a": "q8-negative", "b": "q8-always-zero", "d": "q8-symmetric"},
    ),
    9: Question(
        topic="the direction of the gradient",
        options={"a": "steepest descent", "b": "steepest ascent", "c": "zero change",
                 "d": "a random direction"},
        correct="b",
        why={
            "a": "check it on f(x, y) = x^2 + y^2 at the point (1, 0), where grad f = (2, 0): compare f at "
                 "(1, 0) with f one small step along grad f, at (1.1, 0), and with f at the minimum (0, 0)",
            "b": "grad f points where f increases fastest, and its length is that rate of increase; "
                 "gradient descent therefore steps the opposite way, along -grad f",
            "c": "the directions in which f does not change are perpendicular to grad f (along the level "
                 "curves); a nonzero grad f is never one of them",
            "d": "grad f is fully determined by the partial derivatives of f at the point: the same point "
                 "always gives the same vector (stochastic gradient descent only estimates it from a random "
                 "mini-batch)",
        },
        ids={"a": "q9-steepest-descent", "c": "q9-zero-change", "d": "q9-random-direction"},
    ),
    10: Question(
        topic="entropy, cross-entropy and KL divergence",
        options={"a": "H(p, q) = H(p) - D_KL(p||q)", "b": "H(p, q) = H(p) + D_KL(p||q)",
                 "c": "H(p, q) = D_KL(p||q) - H(p)", "d": "H(p, q) = H(p) * D_KL(p||q)"},
        correct="b",
        why={
            "a": "test the identity on p = (0.5, 0.5) and q = (0.9, 0.1), computing each side from the "
                 "definitions H(p, q) = -sum p log q, H(p) = -sum p log p and D_KL(p||q) = sum p log(p / q): "
                 "the two sides of this option differ there",
            "b": "H(p, q) = -sum p log q = -sum p log p + sum p log(p / q) = H(p) + D_KL(p||q); in the "
                 "chapter's Swiggy example 1.280 + 0.009 = 1.289 nats for model A",
            "c": "with q = p the KL divergence is 0, and this option would give H(p, p) = -H(p), a negative "
                 "cross-entropy, while H(p, p) is H(p) itself",
            "d": "with q = p the KL divergence is 0, and a product would give H(p, p) = 0 for every p, "
                 "while H(p, p) is H(p) itself, which is positive for any uncertain p",
        },
        ids={"a": "q10-minus-kl", "c": "q10-signs-swapped", "d": "q10-product"},
    ),
}

#: The reference solution of the notebook: question number -> letter of the right option.
ANSWERS = {number: question.correct for number, question in QUESTIONS.items()}


def normalise(answer):
    """Return the letter "a".."d" that `answer` stands for, or None if it is not an accepted format.

    Accepted: a str holding one letter a-d in either case, with any surrounding whitespace, bare
    ("b"), in parentheses ("(b)") or followed by a closing parenthesis ("b)"). Anything else
    (None, numbers, option texts such as "(64, 10)", two letters) gives None.
    """
    if not isinstance(answer, str):
        return None
    match = _ACCEPTED.fullmatch(answer.strip().lower())
    return match.group(1) if match else None


def option(number, letter):
    """'(b) (64, 10)': an option of question `number` as the feedback quotes it."""
    return f"({letter}) {QUESTIONS[number].options[letter]}"


def feedback(number, letter):
    """Why `letter` is a wrong answer to question `number`: the chosen option only. The right option is
    never named or implied, so that a resubmission gains nothing from the feedback but the knowledge
    that this one option is wrong."""
    question = QUESTIONS[number]
    if letter == question.correct:
        raise ValueError(f"{letter!r} is the right answer to question {number}")
    return (f"Question {number} ({question.topic}): you chose {option(number, letter)}, which is not "
            f"right. Why: {question.why[letter]}")


def mistake_id(number, letter):
    """The stable id of choosing the wrong option `letter` in question `number` (e.g. "q1-transposed-shape")."""
    return QUESTIONS[number].ids[letter]
