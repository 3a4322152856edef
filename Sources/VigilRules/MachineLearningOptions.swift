/// The settings of a `machine_learning` rule. Vigil loads these rules but cannot run them: they need Elastic ML jobs.
public struct MachineLearningOptions: Hashable, Sendable {
  public var jobIDs: [String]
  public var anomalyThreshold: Int

  public init(jobIDs: [String], anomalyThreshold: Int) {
    self.jobIDs = jobIDs
    self.anomalyThreshold = anomalyThreshold
  }
}
