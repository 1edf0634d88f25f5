"""USB sync between offices: encrypted package files, a deterministic merge, conflicts kept for review."""
