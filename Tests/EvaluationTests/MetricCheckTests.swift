import Testing
import _TestSupport

/// `MetricChecks` on every metric in its registry, and the registry against Evaluation.
@Suite struct MetricCheckTests {
  @Test(arguments: MetricChecks.registry)
  func metricKeepsItsInvariants(metric: CheckedMetric) {
    MetricChecks.all(metric)
  }

  /// Every public static function of Evaluation that returns a `MetricValue` is in the
  /// registry, and nothing else is.
  @Test func registryHoldsEveryMetric() throws {
    let declared = try EvaluationSources.names(matching: #"public static func (\w+)\([^)]*\)\s*->\s*MetricValue"#)
    #expect(Set(MetricChecks.registry.map(\.name)) == declared)
    #expect(MetricChecks.registry.count == declared.count, "a metric is registered twice")
  }
}
