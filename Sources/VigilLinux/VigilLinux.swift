// The VigilLinux module: live host events (process connector, /proc, auditd). See DESIGN.md.
