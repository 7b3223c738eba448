/// Accumulates generated Swift source with four-space indentation.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = ""

    /// The widest line the repository's style allows.
    static let maximumWidth = 120

    /// Writes one line. A call too wide for the style is broken after its first parenthesis,
    /// with the arguments on continuation lines; a declaration, after its first colon.
    mutating func line(_ content: String = "") {
        guard !content.isEmpty else {
            text += "\n"
            return
        }
        guard indentation.count + content.count > CodeWriter.maximumWidth else {
            text += indentation + content + "\n"
            return
        }
        guard let open = content.firstIndex(of: "(") else {
            guard let colon = content.firstIndex(of: ":") else {
                text += indentation + content + "\n"
                return
            }
            let rest = content[content.index(after: colon)...].drop { $0 == " " }
            text += indentation + content[...colon] + "\n"
            text += indentation + String(content.prefix { $0 == " " }) + "    " + rest + "\n"
            return
        }
        text += indentation + content[...open] + "\n"
        // Arguments that still do not fit are spread over lines, breaking after commas.
        let continuation = indentation + String(content.prefix { $0 == " " }) + "    "
        var current = ""
        for piece in content[content.index(after: open)...].split(separator: ", ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(piece) : current + ", " + piece
            if !current.isEmpty && continuation.count + candidate.count + 1 > CodeWriter.maximumWidth {
                text += continuation + current + ",\n"
                current = String(piece)
            } else {
                current = candidate
            }
        }
        text += continuation + current + "\n"
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
