/// Accumulates generated Swift source with four-space indentation.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = ""

    /// The widest line the repository's style allows.
    static let maximumWidth = 120

    /// Writes one line. A call too wide for the style is broken after its first parenthesis,
    /// with the arguments on a continuation line.
    mutating func line(_ content: String = "") {
        guard !content.isEmpty else {
            text += "\n"
            return
        }
        guard indentation.count + content.count > CodeWriter.maximumWidth,
            let open = content.firstIndex(of: "(")
        else {
            text += indentation + content + "\n"
            return
        }
        text += indentation + content[...open] + "\n"
        text += indentation + "    " + content[content.index(after: open)...] + "\n"
    }

    /// Writes `opening`, the body one level deeper, then `closing`.
    mutating func block<Failure: Error>(
        _ opening: String, closing: String = "}", _ body: (inout CodeWriter) throws(Failure) -> Void
    ) throws(Failure) {
        line(opening)
        indentation += "    "
        try body(&self)
        indentation.removeLast(4)
        line(closing)
    }

    /// Writes a switch statement; its cases sit at the level of `switch`, as Swift style has them.
    mutating func switchBlock(_ subject: String, _ body: (inout CodeWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }

    /// Writes a documentation comment, one `///` line per line of `text`.
    mutating func documentation(_ text: String) {
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line(part.isEmpty ? "///" : "/// \(part)")
        }
    }
}
