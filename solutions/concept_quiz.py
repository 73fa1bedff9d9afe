"""Reference answers of the concept quiz: the ten multiple-choice questions of chapter seed 000,
section A, with an explanation for every option.

The grader imports this module; students never see it. The hidden suite compares each submitted
letter with `ANSWERS` and, for a wrong letter, shows `feedback(question, letter)`: why the chosen
option is wrong and why the right one is right.

Answer format shared with the student notebook (see `normalise`): one letter "a" to "d" per
question, as a string; upper or lower case; surrounding spaces are ignored, and so are parentheses
around the letter ("(b)") or one closing parenthesis after it ("b)").

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
    why: dict  # letter -> why this option is wrong (or, for `correct`, why it is right)

    def __post_init__(self):
        if set(self.options) != set(LETTERS) or set(self.why) != set(LETTERS):
            raise ValueError(f"question {self.topic!r}: options and explanations need the letters a-d")
        if self.correct not in LETTERS:
            raise ValueError(f"question {self.topic!r}: the correct letter must be one of a-d")


QUESTIONS = {
    1: Question(
        topic="the shape of a (64, 128) @ (128, 10) matrix product",
        options={"a": "(128, 128)", "b": "(64, 10)", "c": "(10, 64)", "d": "(64, 128, 10)"},
        correct="b",
        why={
            "a": "(128, 128) keeps the shared inner size 128, which is exactly the size that disappears: "
                 "in an (m, n) @ (n, p) product the n terms of each row-column pair are summed away and "
                 "only the outer sizes m and p remain",
            "b": "the inner sizes (128 and 128) must agree and are summed over; the result keeps the rows "
                 "of the first matrix and the columns of the second: (64, 128) @ (128, 10) -> (64, 10), "
                 "one row of 10 scores per sample",
            "c": "(10, 64) is the shape of the transposed product (AB)^T = B^T A^T; the product AB itself "
                 "keeps the rows of A (64) first and the columns of B (10) second",
            "d": "the product of two 2-D matrices is again 2-D: the 128 products of each row-column pair "
                 "are added up into one number, not kept along a third axis",
        },
    ),
    2: Question(
        topic="the operation of LSTM gates",
        options={"a": "matrix multiplication", "b": "the Hadamard (element-wise) product",
                 "c": "the matrix inverse", "d": "the eigendecomposition"},
        correct="b",
        why={
            "a": "a matrix product does appear inside a gate (W [h, x] + b, before the sigmoid), but the "
                 "gate's output then scales the cell state entry by entry; a matrix product would mix "
                 "the entries of the cell state with each other instead of keeping or forgetting each one",
            "b": "each gate value lies in (0, 1) and multiplies the matching entry of the cell state: "
                 "f * c_prev forgets, i * c_candidate writes, o * tanh(c) outputs, where * is the "
                 "element-wise (Hadamard) product of two vectors of the same shape",
            "c": "no matrix is inverted in an LSTM step: an inverse is expensive (O(n^3)), often badly "
                 "conditioned, and a gate only needs to scale each entry by a number between 0 and 1",
            "d": "eigenvalues describe a matrix (they explain, for example, why repeated multiplication by "
                 "the same matrix makes gradients explode or vanish), but no eigendecomposition is "
                 "computed when a gate is applied",
        },
    ),
    3: Question(
        topic="the derivative of the sigmoid",
        options={"a": "sigma(z)^2", "b": "sigma(z) (1 - sigma(z))", "c": "1 - sigma(z)^2",
                 "d": "e^(-z) / (1 + e^(-z))"},
        correct="b",
        why={
            "a": "sigma(z)^2 lacks the factor (1 - sigma(z)): it tends to 1 for large z, while the "
                 "sigmoid flattens out there and its slope tends to 0 (at z = 2: 0.776 instead of 0.105)",
            "b": "differentiating (1 + e^(-z))^(-1) gives e^(-z) / (1 + e^(-z))^2 = "
                 "[1 / (1 + e^(-z))] * [e^(-z) / (1 + e^(-z))] = sigma(z) (1 - sigma(z))",
            "c": "1 - sigma(z)^2 has the pattern of the tanh derivative, tanh'(z) = 1 - tanh(z)^2; for the "
                 "sigmoid it would give 0.75 at z = 0, while the true slope there is 0.25",
            "d": "e^(-z) / (1 + e^(-z)) equals 1 - sigma(z): the chain rule gives "
                 "e^(-z) / (1 + e^(-z))^2, and the square of the denominator was lost",
        },
    ),
    4: Question(
        topic="the maximum of the sigmoid's derivative",
        options={"a": "1.0", "b": "0.5", "c": "0.25", "d": "0.1"},
        correct="c",
        why={
            "a": "1.0 is the value the sigmoid itself approaches for large z (and the slope of ReLU for "
                 "positive inputs), not a slope of the sigmoid: sigma'(z) = sigma(z) (1 - sigma(z)) is a "
                 "product of two numbers in (0, 1) that add up to 1, so it is at most 0.5 * 0.5",
            "b": "0.5 is sigma(0), the value of the sigmoid itself at the point where its slope is "
                 "largest, not the slope there: sigma'(0) = 0.5 * (1 - 0.5) = 0.25",
            "c": "sigma'(z) = s (1 - s) with s = sigma(z) is largest for s = 0.5, that is at z = 0, where "
                 "it is 0.5 * 0.5 = 0.25; so every sigmoid layer shrinks a backpropagated gradient at "
                 "least 4 times, and ten of them by about 0.25^10 = 1e-6 (vanishing gradients)",
            "d": "sigma'(z) equals 0.1 only near |z| = 2.06, on the flanks of the curve; its maximum is at "
                 "z = 0",
        },
    ),
    5: Question(
        topic="the chain rule",
        options={"a": "f'(x) g'(x)", "b": "f'(g(x)) g'(x)", "c": "f(g'(x))", "d": "f'(g(x)) + g'(x)"},
        correct="b",
        why={
            "a": "the derivative of the outer function must be evaluated at the inner value g(x), not at "
                 "x: for sin(x^2) this option gives cos(x) * 2x instead of cos(x^2) * 2x",
            "b": "the derivative of the outer function, evaluated at the inner value, times the "
                 "derivative of the inner function: d/dx sin(x^2) = cos(x^2) * 2x; backpropagation "
                 "applies this rule layer after layer",
            "c": "f(g'(x)) never differentiates f: it feeds the inner derivative into the outer "
                 "function; for sin(x^2) it gives sin(2x) instead of cos(x^2) * 2x",
            "d": "rates of change through a composition multiply, they do not add: if g stretches small "
                 "changes 2 times and f stretches them 3 times, f(g(x)) stretches them 6 times, not 5",
        },
    ),
    6: Question(
        topic="where binary cross-entropy comes from",
        options={"a": "Mean Squared Error", "b": "Maximum A Posteriori estimation",
                 "c": "Maximum Likelihood Estimation", "d": "Least Absolute Deviation"},
        correct="c",
        why={
            "a": "mean squared error is a different loss: it is what maximum likelihood gives for "
                 "targets with Gaussian noise, not for 0/1 labels, and with a sigmoid output it gives tiny gradients "
                 "to confidently wrong predictions",
            "b": "maximum a posteriori estimation adds a prior over the parameters (which turns into a "
                 "regularisation term such as an L2 penalty); cross-entropy alone has no prior, it is "
                 "the likelihood only",
            "c": "model each label as a Bernoulli variable with P(y = 1) = y_hat: the likelihood of the "
                 "data is the product of y_hat^y (1 - y_hat)^(1 - y); maximising it is minimising its "
                 "negative log, -sum[y log(y_hat) + (1 - y) log(1 - y_hat)], which is the BCE",
            "d": "least absolute deviation minimises the sum of |y - y_hat| (the mean absolute error, "
                 "linked to Laplace noise); there is no logarithm in it",
        },
    ),
    7: Question(
        topic="the loss of a fraud sample predicted at 0.01",
        options={"a": "-log(0.03)", "b": "-log(0.01) = 4.61", "c": "-log(0.99) = 0.01", "d": "-log(0.97)"},
        correct="b",
        why={
            "a": "0.03 is how common fraud is in the data, not what the model predicted; the loss of one "
                 "sample only uses the probability the model gave to that sample's true class",
            "b": "with y = 1 only the term -log(y_hat) is left, and the model gave the true class "
                 "y_hat = 0.01: -ln(0.01) = 4.61, a large loss for a confident miss",
            "c": "0.99 = 1 - y_hat is the predicted probability of 'not fraud'; the term -log(1 - y_hat) "
                 "belongs to samples with y = 0. Here it would give the model a tiny loss for missing "
                 "a real fraud",
            "d": "0.97 = 1 - 0.03 is the share of legitimate transactions in the data: it mixes up the "
                 "data's base rate with the model's prediction, and takes the wrong class as well",
        },
    ),
    8: Question(
        topic="what is always true of the KL divergence",
        options={"a": "negative", "b": "zero", "c": "non-negative (>= 0)", "d": "symmetric"},
        correct="c",
        why={
            "a": "the KL divergence is never negative: by Jensen's inequality "
                 "-D_KL(p||q) = sum p log(q / p) <= log(sum q) = log(1) = 0 (Gibbs' inequality)",
            "b": "D_KL(p||q) is zero only when p = q; for any two different distributions it is "
                 "positive, which is what makes it a measure of mismatch (the chapter's Swiggy example "
                 "gives 0.009 and 0.828 nats)",
            "c": "Gibbs' inequality: D_KL(p||q) >= 0 for all p and q, with equality exactly when p = q",
            "d": "the KL divergence is not symmetric: for p = (0.5, 0.5) and q = (0.9, 0.1), "
                 "D_KL(p||q) = 0.511 nats but D_KL(q||p) = 0.368 nats; it is not a distance",
        },
    ),
    9: Question(
        topic="the direction of the gradient",
        options={"a": "steepest descent", "b": "steepest ascent", "c": "zero change",
                 "d": "a random direction"},
        correct="b",
        why={
            "a": "the gradient points uphill; gradient descent goes downhill by moving along -grad f, "
                 "which is why its update is w <- w - lr * grad f",
            "b": "grad f points where f increases fastest, and its length is that rate of increase; "
                 "gradient descent therefore steps the opposite way, along -grad f",
            "c": "the directions of zero change are perpendicular to grad f (along the level curves); "
                 "grad f itself is the direction of fastest change",
            "d": "grad f is fully determined by the partial derivatives at the point; nothing about it "
                 "is random (stochastic gradient descent only estimates it from a random mini-batch)",
        },
    ),
    10: Question(
        topic="entropy, cross-entropy and KL divergence",
        options={"a": "H(p, q) = H(p) - D_KL(p||q)", "b": "H(p, q) = H(p) + D_KL(p||q)",
                 "c": "H(p, q) = D_KL(p||q) - H(p)", "d": "H(p, q) = H(p) * D_KL(p||q)"},
        correct="b",
        why={
            "a": "as D_KL >= 0, this would make the cross-entropy smaller than the entropy; it is the "
                 "other way round: H(p, q) >= H(p), and the excess is exactly the KL divergence",
            "b": "H(p, q) = -sum p log q = -sum p log p + sum p log(p / q) = H(p) + D_KL(p||q); in the "
                 "chapter's Swiggy example 1.280 + 0.009 = 1.289 nats for model A",
            "c": "the signs are mixed up: D_KL = H(p, q) - H(p), so H(p, q) = D_KL + H(p); with q = p "
                 "this option would even give H(p, q) = -H(p), a negative cross-entropy",
            "d": "the terms add, they do not multiply: log q = log p - log(p / q) splits the sum in two; "
                 "with q = p a product would give H(p, q) = 0, while it must then equal H(p)",
        },
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
    """Why `letter` is a wrong answer to question `number`, and why the right option is right."""
    question = QUESTIONS[number]
    if letter == question.correct:
        raise ValueError(f"{letter!r} is the right answer to question {number}")
    right = question.correct
    return (f"Question {number} ({question.topic}): you chose {option(number, letter)}, which is "
            f"wrong. Why: {question.why[letter]}. The right answer is {option(number, right)}: "
            f"{question.why[right]}.")
