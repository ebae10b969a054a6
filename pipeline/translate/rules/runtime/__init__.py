"""The std-only Rust runtime (pyrt.rs) and the selection of the helpers a crate uses."""
