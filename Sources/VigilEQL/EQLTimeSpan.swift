/// `with maxspan=5m`.
public struct EQLTimeSpan: Hashable, Sendable {
  /// The units Elasticsearch accepts (case-sensitive).
  public enum Unit: String, Hashable, Sendable, CaseIterable {
    case milliseconds = "ms"
    case seconds = "s"
    case minutes = "m"
    case hours = "h"
    case days = "d"

    /// Milliseconds in one unit.
    public var milliseconds: Int64 {
      switch self {
      case .milliseconds: 1
      case .seconds: 1_000
      case .minutes: 60_000
      case .hours: 3_600_000
      case .days: 86_400_000
      }
    }
  }

  public var value: Int64
  public var unit: Unit
  public var range: Range<Int>

  public init(value: Int64, unit: Unit, range: Range<Int>) {
    self.value = value
    self.unit = unit
    self.range = range
  }

  /// The span in milliseconds (saturating).
  public var milliseconds: Int64 {
    let (product, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
    return overflow ? Int64.max : product
  }
}
