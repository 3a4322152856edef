// The VigilKQL module. See DESIGN.md for what it owns.
