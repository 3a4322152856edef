// The VigilQuery module. See DESIGN.md for what it owns.
