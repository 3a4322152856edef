extension EQLQuery: CustomStringConvertible {
  /// The canonical one-line form (see ``EQLPrinter``).
  public var description: String { EQLPrinter.canonical(self) }
}
