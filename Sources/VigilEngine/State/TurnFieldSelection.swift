import VigilEvents

/// Which fields a matched event held for its turn keeps (``Event/HeldFields``): those its matched rules' executors
/// read then (``CompiledRuleSet/fieldsReadOnTurn(ofRule:)``), each once.
struct TurnFieldSelection {
  /// Every rule's fields back to back: rule `r`'s are `fields[starts[r]..<starts[r + 1]]`. Flat, so that reading a
  /// rule's list retains no array of its own.
  private let fields: [FieldID]
  private let starts: [Int32]
  /// Per field, the selection that last listed it.
  private var stamps: [UInt32]
  private var generation: UInt32 = 0
  private var selected: [FieldID] = []

  init(ruleSet: CompiledRuleSet) {
    var fields: [FieldID] = []
    var starts: [Int32] = [0]
    for position in ruleSet.rules.indices {
      fields += ruleSet.fieldsReadOnTurn(ofRule: position)
      starts.append(Int32(fields.count))
    }
    self.fields = fields
    self.starts = starts
    stamps = Array(repeating: 0, count: (fields.map(\.index).max() ?? -1) + 1)
  }

  /// The fields the executors of the `matched` rules read on the event's turn, each once, in no set order.
  mutating func select(_ matched: ArraySlice<RuleMatch>) -> [FieldID] {
    selected.removeAll(keepingCapacity: true)
    if generation == .max {
      for index in stamps.indices { stamps[index] = 0 }
      generation = 0
    }
    generation += 1
    let generation = self.generation
    fields.withUnsafeBufferPointer { fields in
      starts.withUnsafeBufferPointer { starts in
        stamps.withUnsafeMutableBufferPointer { stamps in
          for match in matched {
            let rule = Int(match.rule)
            for field in fields[Int(starts[rule])..<Int(starts[rule + 1])] where stamps[field.index] != generation {
              stamps[field.index] = generation
              selected.append(field)
            }
          }
        }
      }
    }
    return selected
  }
}
