"""Loading: files of every format -> Document (text, lines, structure hints)."""
