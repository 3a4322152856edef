/// The audit architectures Vigil knows, and their `execve`/`execveat` syscall numbers.
enum AuditSyscallTable {
  struct Architecture {
    var name: String
    var execve: Int
    var execveat: Int
  }

  /// By the `arch=` value of SYSCALL records (`AUDIT_ARCH_*` in hex).
  static let architectures: [String: Architecture] = [
    "c000003e": Architecture(name: "x86_64", execve: 59, execveat: 322),
    "40000003": Architecture(name: "i386", execve: 11, execveat: 358),
    "c00000b7": Architecture(name: "aarch64", execve: 221, execveat: 281),
    "40000028": Architecture(name: "arm", execve: 11, execveat: 387),
    "c00000f3": Architecture(name: "riscv64", execve: 221, execveat: 281),
    "80000015": Architecture(name: "ppc64", execve: 11, execveat: 362),
    "c0000015": Architecture(name: "ppc64le", execve: 11, execveat: 362),
    "80000016": Architecture(name: "s390x", execve: 11, execveat: 354),
  ]

  /// The syscall name of an exec, or `nil` when `syscall` is not one on `arch`. Enriched logs name it already.
  static func execName(arch: String?, syscall: String?, enrichedName: String?) -> String? {
    if let enrichedName, enrichedName == "execve" || enrichedName == "execveat" { return enrichedName }
    if let syscall, syscall == "execve" || syscall == "execveat" { return syscall }
    guard let arch, let architecture = architectures[arch.lowercased()], let number = syscall.flatMap({ Int($0) })
    else { return nil }
    if number == architecture.execve { return "execve" }
    if number == architecture.execveat { return "execveat" }
    return nil
  }
}
