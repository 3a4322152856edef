import Glibc

/// The `host.*` fields every event carries, read once at start.
public struct HostInfo: Sendable, Equatable {
  /// `host.id`: the machine id (`/etc/machine-id`), empty when the file is missing.
  public var id: String
  public var hostname: String
  public var architecture: String?
  public var osFamily: String?
  public var osName: String?
  public var osPlatform: String?
  public var osVersion: String?
  public var osFull: String?
  public var osKernel: String?

  public init(
    id: String, hostname: String, architecture: String? = nil, osFamily: String? = nil, osName: String? = nil,
    osPlatform: String? = nil, osVersion: String? = nil, osFull: String? = nil, osKernel: String? = nil
  ) {
    self.id = id
    self.hostname = hostname
    self.architecture = architecture
    self.osFamily = osFamily
    self.osName = osName
    self.osPlatform = osPlatform
    self.osVersion = osVersion
    self.osFull = osFull
    self.osKernel = osKernel
  }

  /// The kernel's own description, as `uname(2)` gives it.
  public struct Uname: Sendable, Equatable {
    public var nodeName: String
    public var release: String
    public var machine: String

    public init(nodeName: String, release: String, machine: String) {
      self.nodeName = nodeName
      self.release = release
      self.machine = machine
    }

    /// This machine's `uname`.
    public static func current() -> Uname {
      var info = utsname()
      _ = uname(&info)
      func text<T>(_ field: T) -> String {
        withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      }
      return Uname(nodeName: text(info.nodename), release: text(info.release), machine: text(info.machine))
    }
  }

  /// Reads `etc/machine-id` (or `var/lib/dbus/machine-id`) and `etc/os-release` (or `usr/lib/os-release`) under
  /// `root`, and takes the host name, kernel release and architecture from `uname`.
  public static func read(root: String = "/", uname: Uname = .current()) -> HostInfo {
    let base = root.hasSuffix("/") ? root : root + "/"
    let machineID =
      (FileReading.text(base + "etc/machine-id") ?? FileReading.text(base + "var/lib/dbus/machine-id"))?
      .split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
    let release = osRelease(
      FileReading.text(base + "etc/os-release") ?? FileReading.text(base + "usr/lib/os-release") ?? "")
    let platform = release["ID"]
    let version = release["VERSION_ID"]
    let name = release["NAME"]
    return HostInfo(
      id: machineID, hostname: uname.nodeName, architecture: uname.machine.isEmpty ? nil : uname.machine,
      osFamily: family(id: platform, like: release["ID_LIKE"]), osName: name, osPlatform: platform,
      osVersion: version, osFull: release["PRETTY_NAME"] ?? [name, version].compactMap { $0 }.joined(separator: " "),
      osKernel: uname.release.isEmpty ? nil : uname.release)
  }

  /// Parses `KEY=value` lines, removing shell quotes.
  static func osRelease(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      var value = line[line.index(after: equals)...]
      if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
        value = value.dropFirst().dropLast()
      }
      result[String(line[..<equals])] = value.replacingOccurrences(of: "\\\"", with: "\"")
    }
    return result
  }

  /// The distribution family as Elastic agents name it: `debian`, `redhat`, `suse`, `arch`, else the id.
  static func family(id: String?, like: String?) -> String? {
    let words = ([id] + (like?.split(separator: " ").map(String.init) ?? [])).compactMap { $0 }
    for word in words {
      switch word {
      case "debian", "ubuntu": return "debian"
      case "rhel", "fedora", "centos", "rocky", "almalinux", "amzn": return "redhat"
      case "suse", "opensuse", "sles": return "suse"
      case "arch": return "arch"
      default: continue
      }
    }
    return id
  }

  /// Adds the `host.*` fields to a document.
  public func apply(to document: inout ECSDocument) {
    document.set("host.id", nonEmpty: id)
    document.set("host.name", nonEmpty: hostname)
    document.set("host.hostname", nonEmpty: hostname)
    document.set("host.architecture", nonEmpty: architecture)
    document["host.os.type"] = "linux"
    document.set("host.os.family", nonEmpty: osFamily)
    document.set("host.os.name", nonEmpty: osName)
    document.set("host.os.platform", nonEmpty: osPlatform)
    document.set("host.os.version", nonEmpty: osVersion)
    document.set("host.os.full", nonEmpty: osFull)
    document.set("host.os.kernel", nonEmpty: osKernel)
  }
}

extension Substring {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    String(self).split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
