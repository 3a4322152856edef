// The VigilEvents module. See DESIGN.md for what it owns.
