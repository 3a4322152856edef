/// The field paths a decoder knows, as a trie of path segments stored in flat buffers.
///
/// Node 0 is the root. A child is found by hashing (parent, segment bytes) into an open-addressed table, so a key
/// costs one hash and one byte comparison per dotted segment. The trie owns the catalog of its decoder.
final class KeyTrie {
  struct Node {
    var parent: Int32
    var start: Int32
    var count: Int32
    /// The field of this path, or -1 when the path is only a prefix of wanted paths.
    var field: Int32
    var childCount: Int32
  }

  private(set) var catalog: FieldCatalog
  private var nodes: [Node] = [Node(parent: -1, start: 0, count: 0, field: -1, childCount: 0)]
  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCount = 0
  private var arenaCapacity = 4096
  private var table: UnsafeMutablePointer<Int32>
  private var tableMask = 1023

  init(catalog: FieldCatalog) {
    self.catalog = catalog
    arena = .allocate(capacity: arenaCapacity)
    table = .allocate(capacity: tableMask + 1)
    table.initialize(repeating: -1, count: tableMask + 1)
  }

  deinit {
    arena.deallocate()
    table.deallocate()
  }

  /// Adds every path of the catalog, each node on the way, and marks the path's node with its field.
  func addCatalogPaths() {
    for (index, path) in catalog.allPaths.enumerated() {
      var node: Int32 = 0
      for segment in path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        let bytes = Array(segment)
        node = bytes.withUnsafeBufferPointer { child(of: node, $0.baseAddress!, $0.count, inserting: true) }
      }
      nodes[Int(node)].field = Int32(index)
    }
  }

  @inline(__always)
  func field(_ node: Int32) -> Int32 { nodes[Int(node)].field }

  @inline(__always)
  func hasChildren(_ node: Int32) -> Bool { nodes[Int(node)].childCount > 0 }

  /// The field of `node`, interning its path in the catalog first when it has none.
  func internField(_ node: Int32) -> Int32 {
    let existing = nodes[Int(node)].field
    if existing >= 0 { return existing }
    let id = Int32(catalog.intern(path(node)).rawValue)
    nodes[Int(node)].field = id
    return id
  }

  /// The dotted path of `node`.
  func path(_ node: Int32) -> String {
    var segments: [String] = []
    var current = node
    while current > 0 {
      let entry = nodes[Int(current)]
      segments.append(String(decoding: UnsafeBufferPointer(start: arena + Int(entry.start), count: Int(entry.count)),
                             as: UTF8.self))
      current = entry.parent
    }
    return segments.reversed().joined(separator: ".")
  }

  /// The child of `parent` named by `count` bytes at `key`, or -1; with `inserting`, a new child is made instead.
  @inline(__always)
  func child(of parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int, inserting: Bool) -> Int32 {
    var slot = Self.hash(parent, key, count) & tableMask
    while true {
      let candidate = table[slot]
      if candidate < 0 { break }
      let node = nodes[Int(candidate)]
      if node.parent == parent && Int(node.count) == count && memoryEqual(arena + Int(node.start), key, count) {
        return candidate
      }
      slot = (slot + 1) & tableMask
    }
    guard inserting else { return -1 }
    return insert(parent, key, count, at: slot)
  }

  /// FNV-1a over the segment, seeded with the parent.
  @inline(__always)
  static func hash(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15)
    for k in 0..<count { hash = (hash ^ UInt64(key[k])) &* 0x0000_0100_0000_01B3 }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  private func insert(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int, at slot: Int) -> Int32 {
    if arenaCount + count > arenaCapacity {
      let capacity = max(arenaCapacity * 2, arenaCount + count)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      grown.update(from: arena, count: arenaCount)
      arena.deallocate()
      arena = grown
      arenaCapacity = capacity
    }
    (arena + arenaCount).update(from: key, count: count)
    let id = Int32(nodes.count)
    nodes.append(Node(parent: parent, start: Int32(arenaCount), count: Int32(count), field: -1, childCount: 0))
    nodes[Int(parent)].childCount += 1
    arenaCount += count
    table[slot] = id
    if nodes.count * 2 > tableMask { rehash() }
    return id
  }

  private func rehash() {
    let size = (tableMask + 1) * 2
    table.deallocate()
    table = .allocate(capacity: size)
    table.initialize(repeating: -1, count: size)
    tableMask = size - 1
    for id in 1..<nodes.count {
      let node = nodes[id]
      var slot = Self.hash(node.parent, arena + Int(node.start), Int(node.count)) & tableMask
      while table[slot] >= 0 { slot = (slot + 1) & tableMask }
      table[slot] = Int32(id)
    }
  }
}

@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  var k = 0
  while k + 8 <= count {
    if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) {
      return false
    }
    k += 8
  }
  while k < count {
    if a[k] != b[k] { return false }
    k += 1
  }
  return true
}
