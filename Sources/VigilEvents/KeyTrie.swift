/// The field paths a decoder knows, as a trie of path segments stored in flat buffers.
///
/// Node 0 is the root. A child is found by hashing (parent, segment bytes) into an open-addressed table, so a key
/// costs one hash and one byte comparison per dotted segment. The trie owns the catalog of its decoder. Lookups go
/// through a ``View`` of raw pointers (no exclusivity checks on the hot path); inserting invalidates views.
final class KeyTrie {
  struct Node {
    var parent: Int32
    var start: Int32
    var count: Int32
    /// The field of this path, or -1 when the path is only a prefix of wanted paths.
    var field: Int32
    var childCount: Int32
    /// The child met first the last time an object at this path was decoded (a guess for the next document).
    var firstGuess: Int32 = -1
    /// The sibling that followed this node the last time.
    var nextGuess: Int32 = -1
  }

  /// The `field` of a node made for a key no wanted path goes through: its value is skipped.
  static let skipped: Int32 = -2
  /// How many nodes a decoder of wanted fields adds for unwanted keys (to predict them); past this, they are
  /// looked up and missed each time.
  static let maximumSkippedNodes = 1 << 16

  /// Read-only pointers into the trie's storage, valid until the next insertion.
  struct View {
    let nodes: UnsafeMutablePointer<Node>
    let arena: UnsafeMutablePointer<UInt8>
    let table: UnsafeMutablePointer<Int32>
    let mask: Int

    /// The child of `parent` named by `count` bytes at `key`, and the table slot where it is or would go.
    @inline(__always)
    func find(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> (node: Int32, slot: Int) {
      var slot = KeyTrie.hash(parent, key, count) & mask
      while true {
        let candidate = table[slot]
        if candidate < 0 { return (-1, slot) }
        let node = nodes[Int(candidate)]
        if node.parent == parent && Int(node.count) == count && memoryEqual(arena + Int(node.start), key, count) {
          return (candidate, slot)
        }
        slot = (slot + 1) & mask
      }
    }
  }

  private(set) var catalog: FieldCatalog
  private(set) var view: View
  private(set) var nodeCount = 1
  private var nodeCapacity = 256
  private var arenaCount = 0
  private var arenaCapacity = 4096

  init(catalog: FieldCatalog) {
    self.catalog = catalog
    let nodes = UnsafeMutablePointer<Node>.allocate(capacity: 256)
    nodes.initialize(to: Node(parent: -1, start: 0, count: 0, field: -1, childCount: 0))
    let table = UnsafeMutablePointer<Int32>.allocate(capacity: 1024)
    table.initialize(repeating: -1, count: 1024)
    view = View(nodes: nodes, arena: .allocate(capacity: 4096), table: table, mask: 1023)
  }

  deinit {
    view.nodes.deallocate()
    view.arena.deallocate()
    view.table.deallocate()
  }

  /// Adds every path of the catalog, each node on the way, and marks the path's node with its field.
  func addCatalogPaths() {
    for (index, path) in catalog.allPaths.enumerated() {
      var node: Int32 = 0
      for segment in path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        let bytes = Array(segment)
        node = bytes.withUnsafeBufferPointer { buffer in
          let base = buffer.baseAddress ?? UnsafePointer(view.arena)
          let (found, slot) = view.find(node, base, buffer.count)
          return found >= 0 ? found : insert(node, base, buffer.count, at: slot)
        }
      }
      view.nodes[Int(node)].field = Int32(index)
    }
  }

  /// The field of `node`, interning its path in the catalog first when it has none.
  func internField(_ node: Int32) -> Int32 {
    let existing = view.nodes[Int(node)].field
    if existing >= 0 { return existing }
    let id = Int32(catalog.intern(path(node)).rawValue)
    view.nodes[Int(node)].field = id
    return id
  }

  /// The dotted path of `node`.
  func path(_ node: Int32) -> String {
    var segments: [String] = []
    var current = node
    while current > 0 {
      let entry = view.nodes[Int(current)]
      segments.append(
        String(
          decoding: UnsafeBufferPointer(start: view.arena + Int(entry.start), count: Int(entry.count)),
          as: UTF8.self))
      current = entry.parent
    }
    return segments.reversed().joined(separator: ".")
  }

  /// FNV-1a over the segment, seeded with the parent.
  @inline(__always)
  static func hash(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15)
    for k in 0..<count { hash = (hash ^ UInt64(key[k])) &* 0x0000_0100_0000_01B3 }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  /// Adds a child of `parent` named by `count` bytes at `key`, at the free table `slot` ``View/find`` returned. A
  /// `skipped` node stands for an unwanted key and does not count as a child.
  func insert(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int, at slot: Int, skipped: Bool = false) -> Int32
  {
    var nodes = view.nodes
    var arena = view.arena
    if arenaCount + count > arenaCapacity {
      let capacity = max(arenaCapacity * 2, arenaCount + count)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      grown.update(from: arena, count: arenaCount)
      arena.deallocate()
      arena = grown
      arenaCapacity = capacity
    }
    if nodeCount == nodeCapacity {
      let grown = UnsafeMutablePointer<Node>.allocate(capacity: nodeCapacity * 2)
      grown.moveInitialize(from: nodes, count: nodeCount)
      nodes.deallocate()
      nodes = grown
      nodeCapacity *= 2
    }
    (arena + arenaCount).update(from: key, count: count)
    let id = Int32(nodeCount)
    (nodes + nodeCount).initialize(
      to: Node(
        parent: parent, start: Int32(arenaCount), count: Int32(count), field: skipped ? Self.skipped : -1,
        childCount: 0))
    if !skipped { nodes[Int(parent)].childCount += 1 }
    nodeCount += 1
    arenaCount += count
    view.table[slot] = id
    view = View(nodes: nodes, arena: arena, table: view.table, mask: view.mask)
    if nodeCount * 2 > view.mask { rehash() }
    return id
  }

  private func rehash() {
    let size = (view.mask + 1) * 2
    view.table.deallocate()
    let table = UnsafeMutablePointer<Int32>.allocate(capacity: size)
    table.initialize(repeating: -1, count: size)
    for id in 1..<nodeCount {
      let node = view.nodes[id]
      var slot = Self.hash(node.parent, view.arena + Int(node.start), Int(node.count)) & (size - 1)
      while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
      table[slot] = Int32(id)
    }
    view = View(nodes: view.nodes, arena: view.arena, table: table, mask: size - 1)
  }
}

/// Whether `count` bytes at `a` and `b` are equal: eight bytes at a time, the last (partial) word read again from
/// the end rather than byte by byte (keys are mostly a few bytes past a multiple of eight); never past `count`.
@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  @inline(__always) func word<T: FixedWidthInteger>(_ p: UnsafePointer<UInt8>, _ offset: Int, _: T.Type) -> T {
    UnsafeRawPointer(p + offset).loadUnaligned(as: T.self)
  }
  if count >= 8 {
    var k = 0
    while k + 8 < count {
      if word(a, k, UInt64.self) != word(b, k, UInt64.self) { return false }
      k += 8
    }
    return word(a, count - 8, UInt64.self) == word(b, count - 8, UInt64.self)
  }
  if count >= 4 {
    return word(a, 0, UInt32.self) == word(b, 0, UInt32.self)
      && word(a, count - 4, UInt32.self) == word(b, count - 4, UInt32.self)
  }
  if count >= 2 { return word(a, 0, UInt16.self) == word(b, 0, UInt16.self) && a[count - 1] == b[count - 1] }
  return count == 0 || a[0] == b[0]
}
