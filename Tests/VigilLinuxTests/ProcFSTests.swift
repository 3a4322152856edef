import Foundation
import Glibc
import Testing

@testable import VigilLinux

@Suite struct ProcFSTests {
  @Test func readsEveryFactOfAProcess() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    let snapshot = try #require(fixture.proc.snapshot(pid: 100))
    #expect(snapshot.pid == 100)
    #expect(snapshot.parentPID == 1)
    #expect(snapshot.command == "curl")  // status Name wins over stat's comm
    #expect(snapshot.executable == "/usr/bin/curl")
    #expect(snapshot.name == "curl")
    #expect(snapshot.args == ["curl", "-s", "http://example.com/a b"])
    #expect(snapshot.commandLine == "curl -s http://example.com/a b")
    #expect(snapshot.workingDirectory == "/home/alice")
    #expect(snapshot.realUserID == 1000)
    #expect(snapshot.effectiveUserID == 0)
    #expect(snapshot.realGroupID == 1000)
    #expect(snapshot.processGroupID == 100)
    #expect(snapshot.sessionID == 90)
    #expect(snapshot.startTicks == 12345)
    #expect(snapshot.terminal == 34816)
    #expect(snapshot.effectiveCapabilities == 0x80)
    #expect(snapshot.permittedCapabilities == 0xc0)
    #expect(snapshot.denied.isEmpty)
  }

  @Test func statCommandMayHoldSpacesAndParentheses() {
    let stat = ProcStat(Array("7 (a) b (c)) R 3 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0".utf8))
    #expect(stat?.command == "a) b (c)")
    #expect(stat?.parentPID == 3)
    #expect(stat?.startTicks == 99)
  }

  @Test func aVanishedProcessHasNoSnapshot() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    #expect(fixture.proc.snapshot(pid: 4242) == nil)
  }

  @Test func unreadableFilesLeaveTheirFieldsOutAndKeepTheRest() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    // A kernel thread: no exe, no cwd, an empty cmdline.
    try fixture.addProcess(
      pid: 2, command: "kthreadd", name: "kthreadd", parent: 0, group: 0, session: 0, start: 2, uids: "0\t0\t0\t0",
      gids: "0\t0\t0\t0", cmdline: [], exe: nil, cwd: nil)
    try fixture.folder.write("proc/2/cmdline", "")
    let snapshot = try #require(fixture.proc.snapshot(pid: 2))
    #expect(snapshot.executable == nil)
    #expect(snapshot.workingDirectory == nil)
    #expect(snapshot.args == nil)
    #expect(snapshot.name == "kthreadd")
    #expect(snapshot.effectiveUserID == 0)
  }

  @Test func permissionDeniedIsRecorded() throws {
    // Root reads any file mode, so this is checked only as an ordinary user.
    guard geteuid() != 0 else {
      print("ProcFSTests.permissionDeniedIsRecorded: skipped, running as root (file modes do not apply)")
      return
    }
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    chmod(fixture.folder.path + "/proc/100/cmdline", 0)
    let snapshot = try #require(fixture.proc.snapshot(pid: 100))
    #expect(snapshot.denied == ["cmdline"])
    #expect(snapshot.args == nil)
    #expect(snapshot.executable == "/usr/bin/curl")
  }

  @Test func readsThisProcessFromTheRealProc() throws {
    let snapshot = try #require(ProcFS().snapshot(pid: getpid()))
    #expect(snapshot.parentPID == getppid())
    #expect(snapshot.executable?.hasPrefix("/") == true)
    #expect(snapshot.args?.isEmpty == false)
    #expect(snapshot.startTicks != nil)
    #expect(ProcFS().bootTime().map { $0 > 1_000_000_000 } == true)
  }

  @Test func capabilityMasksReadAsNames() {
    #expect(LinuxCapability.names(of: 0) == [])
    #expect(LinuxCapability.names(of: 1 << 21 | 1) == ["CAP_CHOWN", "CAP_SYS_ADMIN"])
    #expect(LinuxCapability.names(of: 1 << 40 | 1 << 41) == ["CAP_CHECKPOINT_RESTORE", "CAP_41"])
  }

  @Test func bootTimeComesFromStat() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    #expect(fixture.proc.bootTime() == 1_700_000_000)
  }
}

@Suite struct HostAndUserTests {
  @Test func hostFactsComeFromEtcAndUname() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    try folder.write("etc/machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n")
    try folder.write(
      "etc/os-release",
      "PRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nID_LIKE=debian\n")
    let host = HostInfo.read(
      root: folder.path, uname: HostInfo.Uname(nodeName: "web-1", release: "6.5.0-14-generic", machine: "x86_64"))
    var document = ECSDocument()
    host.apply(to: &document)
    #expect(document["host.id"] == "3d1219c7c4c5404aaa1f6d2a48adfda4")
    #expect(document["host.name"] == "web-1")
    #expect(document["host.hostname"] == "web-1")
    #expect(document["host.architecture"] == "x86_64")
    #expect(document["host.os.type"] == "linux")
    #expect(document["host.os.family"] == "debian")
    #expect(document["host.os.platform"] == "ubuntu")
    #expect(document["host.os.name"] == "Ubuntu")
    #expect(document["host.os.version"] == "22.04")
    #expect(document["host.os.full"] == "Ubuntu 22.04.3 LTS")
    #expect(document["host.os.kernel"] == "6.5.0-14-generic")
  }

  @Test func missingFilesStillGiveTheOSType() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let host = HostInfo.read(root: folder.path, uname: HostInfo.Uname(nodeName: "h", release: "", machine: ""))
    var document = ECSDocument()
    host.apply(to: &document)
    #expect(document["host.os.type"] == "linux")
    #expect(document["host.id"] == nil)
    #expect(document["host.os.kernel"] == nil)
  }

  @Test func familyFollowsIDAndIDLike() {
    #expect(HostInfo.family(id: "rocky", like: "rhel centos fedora") == "redhat")
    #expect(HostInfo.family(id: "linuxmint", like: "ubuntu debian") == "debian")
    #expect(HostInfo.family(id: "alpine", like: nil) == "alpine")
  }

  @Test func namesComeFromPasswdAndGroup() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    try folder.write(
      "etc/passwd",
      "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000::/home/alice:/bin/sh\ntoor:x:0:0::/:/bin/sh\n")
    try folder.write("etc/group", "root:x:0:\nwheel:x:10:alice\n")
    let users = UserDirectory.read(root: folder.path)
    #expect(users.userName(0) == "root")  // the first name for an id wins
    #expect(users.userName(1000) == "alice")
    #expect(users.userName(4) == nil)
    #expect(users.groupName(10) == "wheel")
  }
}
