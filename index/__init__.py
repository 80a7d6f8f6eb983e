"""The write path: load files, split them into sentence-aligned chunks, embed them into Chroma."""
