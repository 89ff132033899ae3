/// What changed in FaceValue's statistical methods since the previously committed results,
/// stated in every result so a reader comparing an old report with a new one knows which
/// numbers moved and why. Each entry names the old and the new method and where the
/// evidence is (docs/statistics.md has the simulations).
public enum MethodChanges {
  /// The changes of this version, in the order a report lists them.
  public static let current: [String] = [
    "Group-gap intervals now invert the subject-permutation test of the same gap, so they agree with its p-value and "
      + "hold their level with few people per group; they were percentile cluster bootstraps of the best-minus-worst gap, "
      + "which excluded a true zero in up to 30% of audits with 2 people per group. Gaps whose groups are too small for any "
      + "interval (e.g. 3 + 3 people) now show none, with the reason.",
    "Headline intervals are now delete-one-subject jackknife t intervals (percentile cluster bootstrap before, which "
      + "covered 90% instead of 95% with 10 subjects); the setting statistics: {interval: bootstrap} restores the old method.",
    "Per-group accuracy and UAR now carry jackknife t intervals.",
    "The chance test now permutes labels as the design allows (within subjects whose labels vary; one-label subjects "
      + "exchanged as wholes, Winkler et al. 2014); where every subject has several labels, as in every committed result, "
      + "the permutations are exactly those of before.",
    "The four-fifths flag and the worst group are now stated only when the ratio's or the UAR gap's permutation test is "
      + "significant; before, they were stated on any counts, including 1 versus 0 predictions.",
    "Reports now open with verdicts on hypotheses, those the experiment states under hypotheses: or, when it states "
      + "none, the standard ones (each run's UAR above chance; every attribute's largest UAR gap below 5 points): supported "
      + "when the Holm-adjusted p-value (within the hypotheses) is below 1 - level, not supported when the interval lies on "
      + "the wrong side of the claim, inconclusive otherwise. A no-gap claim is tested by two one-sided tests against the "
      + "margin (Schuirmann 1987), so a non-significant gap no longer reads as no gap; a claim whose test found no "
      + "difference states the smallest difference the design detects with 80% power. Before, reports gave estimates and "
      + "p-values without verdicts.",
    "The linear SVM (model: svm) is now fitted by a primal trust-region Newton solver (liblinear -s 2) instead of dual "
      + "coordinate descent: the same objective and optimum, now reached where the dual solver stopped at its pass cap "
      + "(docs/classifiers.md); no committed result uses it.",
    "Logistic regression is now fitted by trust-region Newton (conjugate gradients on exact Hessian-vector products) "
      + "instead of L-BFGS: the same objective and stopping rule, so the same optimum to the solver's tolerance, in about "
      + "a third of the CPU time; probabilities move within that tolerance, in their last digits (docs/classifiers.md).",
    "Logistic regression's conjugate-gradient steps are now preconditioned by a Kronecker-factored approximation of its "
      + "Hessian (docs/classifiers.md): the same objective and stopping rule, so the same optimum to the solver's "
      + "tolerance, with about a sixth of the Hessian products; probabilities move within that tolerance, in their last digits.",
    "The multilayer perceptron (model: mlp) now trains in single precision, as scikit-learn's MLPClassifier does on "
      + "float32 input (checked against it by the golden replay), about twice as fast; no committed result uses it.",
  ]
}
