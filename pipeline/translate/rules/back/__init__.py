"""Back end: typed, analysed IR -> Rust text (the Emitter and its handler modules)."""
