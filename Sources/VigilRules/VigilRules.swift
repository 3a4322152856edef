// The VigilRules module. See DESIGN.md for what it owns.
