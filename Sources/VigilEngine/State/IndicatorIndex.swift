import VigilEvents
import VigilQuery
import VigilRules

/// The threat indicators one `threat_match` rule matches events against: the documents its threat query, filters
/// and index select, and for each mapping entry a lookup from indicator value to indicators.
///
/// As in Kibana, a group of one entry uses only an indicator's first value of the mapped field, and a group of
/// several entries skips indicators with more than one value in a mapped field.
public struct IndicatorIndex: Sendable {
  /// One indicator document.
  public struct Indicator: Sendable {
    public var bytes: [UInt8]
    public var index: String?
    public var id: String
  }

  public private(set) var indicators: [Indicator] = []
  /// For each group and entry, normalized value → indicator positions.
  private var lookups: [[[String: [Int]]]]
  private let mapping: [[ThreatMatchOptions.MappingEntry]]
  private let indicatorFields: [[FieldID]]
  private let indicatorTypes: [[FieldType?]]

  init(mapping: [[ThreatMatchOptions.MappingEntry]], fields: inout FieldResolver) {
    self.mapping = mapping
    var ids: [[FieldID]] = []
    var types: [[FieldType?]] = []
    for group in mapping {
      let bindings = group.map { fields.bind($0.value) }
      ids.append(bindings.map(\.id))
      types.append(group.map { FieldTypes.type(of: $0.field) ?? FieldTypes.type(of: $0.value) })
    }
    indicatorFields = ids
    indicatorTypes = types
    lookups = mapping.map { group in group.map { _ in [:] } }
  }

  /// Adds an indicator document (already selected by the rule's threat query, filters and index).
  mutating func add(_ event: Event, index: String?) {
    let position = indicators.count
    var added = false
    for (group, fields) in indicatorFields.enumerated() {
      for (entry, field) in fields.enumerated() {
        let values = event.keywordTexts(field)
        guard !values.isEmpty, fields.count == 1 || values.count == 1 else { continue }
        let key = Self.normalized(values[0], type: indicatorTypes[group][entry])
        lookups[group][entry][key, default: []].append(position)
        added = true
      }
    }
    guard added else { return }
    let id = SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID).id
    indicators.append(Indicator(bytes: event.bytes, index: index, id: id))
  }

  /// One match of an event against an indicator through one mapping entry.
  struct Match {
    var indicator: Int
    var eventField: String
    var atomic: String
  }

  /// The indicators an event matches: a group matches when all its entries match the same indicator (negated
  /// entries must not), any group will do.
  func matches(_ event: Event, fields eventFields: [[FieldID]]) -> [Match] {
    var found: [Match] = []
    for (group, entries) in mapping.enumerated() {
      let positive = entries.indices.filter { !entries[$0].negate }
      guard let first = positive.first else { continue }
      let firstValues = event.keywordTexts(eventFields[group][first])
      for value in firstValues {
        let key = Self.normalized(value, type: indicatorTypes[group][first])
        for candidate in lookups[group][first][key] ?? [] {
          var matches = [Match(indicator: candidate, eventField: entries[first].field, atomic: value)]
          var holds = true
          for entry in entries.indices where entry != first {
            let eventValues = Set(event.keywordTexts(eventFields[group][entry]).map {
              Self.normalized($0, type: indicatorTypes[group][entry])
            })
            let hit = eventValues.first { lookups[group][entry][$0]?.contains(candidate) == true }
            if entries[entry].negate ? hit != nil : hit == nil {
              holds = false
              break
            }
            if let hit { matches.append(Match(indicator: candidate, eventField: entries[entry].field, atomic: hit)) }
          }
          if holds { found += matches }
        }
      }
    }
    return found
  }

  /// IP addresses compare by value; everything else by its text.
  static func normalized(_ text: String, type: FieldType?) -> String {
    if type == .ip, let address = IPAddress(text) { return address.description }
    return text
  }
}
