extension EQLExpression: CustomStringConvertible {
  /// The canonical form (see ``EQLPrinter``).
  public var description: String { EQLPrinter.canonical(self) }
}
