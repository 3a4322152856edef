// The VigilIO module. See DESIGN.md for what it owns.
