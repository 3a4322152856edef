// The VigilEQL module. See DESIGN.md for what it owns.
