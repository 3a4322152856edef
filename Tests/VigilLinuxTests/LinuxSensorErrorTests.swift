import Testing

@testable import VigilLinux

struct LinuxSensorErrorTests {
  /// Issue 9: an unprivileged user gets EPERM joining the process events group on current kernels too (6.18), so the
  /// message must not promise that newer kernels let any user in.
  @Test func permissionDeniedSaysRootOrCapNetAdminIsNeeded() {
    let message = LinuxSensorError.permissionDenied(operation: "joining the process events group").description
    #expect(message.hasPrefix("joining the process events group: permission denied. "))
    #expect(message.contains("needs root or the CAP_NET_ADMIN capability"))
    #expect(!message.contains("6.6"))
    #expect(message.contains("--audit-log"))
  }
}
