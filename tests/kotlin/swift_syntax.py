"""Parses Swift sources with tree-sitter's Swift grammar and prints each
syntax error: no Swift toolchain runs here, so this is the one check that
the generated Swift (and the conversions core/uniffi.toml writes into it)
is Swift at all. Syntax only: no types are checked.

    python tests/kotlin/swift_syntax.py FILE.swift...
"""

import re
import sys

import tree_sitter
import tree_sitter_swift

# An underscored attribute uniffi writes and the grammar does not know.
UNKNOWN = re.compile(rb"@_documentation\(visibility: private\)")


def errors(source: bytes) -> list:
    tree = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language())).parse(source)
    found, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(node)
        else:
            stack.extend(node.children)
    return sorted(found, key=lambda n: n.start_point)


def main(paths: list) -> int:
    bad = 0
    for path in paths:
        with open(path, "rb") as f:
            source = UNKNOWN.sub(b"", f.read())
        for node in errors(source):
            bad += 1
            line = source.split(b"\n")[node.start_point[0]].decode(errors="replace").strip()
            print(f"{path}:{node.start_point[0] + 1}: not Swift: {line[:160]}", file=sys.stderr)
    return 1 if bad or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
