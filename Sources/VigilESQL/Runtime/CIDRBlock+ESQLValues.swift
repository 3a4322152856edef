import VigilQuery

extension CIDRBlock {
  /// The blocks among `values` (elements of multi-values included): those that are strings of a block; the others
  /// match nothing, as `CIDR_MATCH` skips them.
  static func blocks(in values: some Sequence<ESQLValue>) -> [CIDRBlock] {
    values.flatMap(\.elements).compactMap { element in
      if case .string(let text) = element { CIDRBlock(text) } else { nil }
    }
  }
}
