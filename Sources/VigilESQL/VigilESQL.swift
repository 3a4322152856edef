// The VigilESQL module. See DESIGN.md for what it owns.
