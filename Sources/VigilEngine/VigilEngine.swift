// The VigilEngine module. See DESIGN.md for what it owns.
