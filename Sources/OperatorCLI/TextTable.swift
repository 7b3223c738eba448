/// Columns of text for people: left-aligned, two spaces apart, no trailing spaces, every cell
/// made printable first.
public struct TextTable: Sendable {
    public var headers: [String]?
    public var rows: [[String]]

    /// A table with a header row.
    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// Label and value pairs, aligned like a table without headers.
    public init(pairs: [(String, String)]) {
        headers = nil
        rows = pairs.map { [$0.0, $0.1] }
    }

    /// The lines, each prefixed by `indent` spaces, without a final newline.
    public func rendered(indent: Int = 0) -> String {
        let all = ((headers.map { [$0] } ?? []) + rows).map { $0.map(TextFormat.printable) }
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let prefix = String(repeating: " ", count: indent)
        let lines = all.map { row in
            var line = prefix
            for (column, cell) in row.enumerated() {
                let isLast = column == row.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
        return lines.joined(separator: "\n")
    }
}
