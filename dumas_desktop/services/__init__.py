"""Use cases: plain values in, plain results out; the CLI and the window share them."""
