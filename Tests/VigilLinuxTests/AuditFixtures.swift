@testable import VigilLinux

/// auditd log lines for tests, written as auditd writes them (raw format; one enriched line).
enum AuditFixtures {
  /// curl run by alice through a setuid wrapper: hex and quoted arguments, CWD, two PATHs, PROCTITLE, EOE.
  static let curl = [
    #"type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=59 success=yes exit=0 a0=55d0c2b0 a1=55d0c2c0 a2=55d0c2d0 a3=0 items=2 ppid=1200 pid=4242 auid=1000 uid=1000 gid=1000 euid=0 suid=0 fsuid=0 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm="curl" exe="/usr/bin/curl" key="exec""#,
    #"type=EXECVE msg=audit(1700000000.123:456): argc=4 a0="curl" a1="-s" a2=687474703A2F2F6578616D706C652E636F6D2F612062 a3="-o/tmp/x""#,
    #"type=CWD msg=audit(1700000000.123:456): cwd="/home/alice""#,
    #"type=PATH msg=audit(1700000000.123:456): item=0 name="/usr/bin/curl" inode=1234 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0"#,
    #"type=PATH msg=audit(1700000000.123:456): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=99 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL"#,
    #"type=PROCTITLE msg=audit(1700000000.123:456): proctitle=6375726C002D7300687474703A2F2F6578616D706C652E636F6D2F612062"#,
    #"type=EOE msg=audit(1700000000.123:456): "#,
  ]

  /// An `openat` (not an exec) with its EOE.
  static let open = [
    #"type=SYSCALL msg=audit(1700000000.200:457): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffd a2=0 a3=0 items=1 ppid=1 pid=99 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="cat" exe="/usr/bin/cat" key=(null)"#,
    #"type=CWD msg=audit(1700000000.200:457): cwd="/""#,
    #"type=EOE msg=audit(1700000000.200:457): "#,
  ]

  /// A root shell's `ls` with no EOE (lost, or a kernel that does not write one), a long argument in hex chunks.
  static let lsWithoutEnd = [
    #"type=SYSCALL msg=audit(1700000000.300:458): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=2 ppid=1 pid=700 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="ls" exe="/usr/bin/ls" key=(null)"#,
    #"type=EXECVE msg=audit(1700000000.300:458): argc=2 a0="ls" a1_len=8 a1[0]=41424344 a1[1]=45464748"#,
    #"type=CWD msg=audit(1700000000.300:458): cwd=2F746D702F612062"#,
  ]

  /// A failed execve on aarch64, in auditd's enriched format (names after a 0x1D separator), with a node name.
  static let enrichedFailure = [
    "node=web-2 type=SYSCALL msg=audit(1700000001.5:460): arch=c00000b7 syscall=221 success=no exit=-2 a0=1 a1=2 a2=3 a3=0 items=1 ppid=10 pid=11 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts1 ses=2 comm=\"sh\" exe=\"/usr/bin/dash\" key=(null)\u{1D}ARCH=aarch64 SYSCALL=execve AUID=\"bob\" UID=\"bob\" GID=\"staff\" EUID=\"bob\" SUID=\"bob\" FSUID=\"bob\" EGID=\"staff\" SGID=\"staff\" FSGID=\"staff\"",
    "node=web-2 type=EXECVE msg=audit(1700000001.5:460): argc=1 a0=\"./missing\"",
    "node=web-2 type=EOE msg=audit(1700000001.5:460): ",
  ]

  static let users = UserDirectory(users: [0: "root", 1000: "alice"], groups: [0: "root", 1000: "alice"])

  static func mapper() -> AuditExecMapper { AuditExecMapper(host: ProcFixture.host, users: users) }
}
