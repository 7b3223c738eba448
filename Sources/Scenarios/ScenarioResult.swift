/// The outcome of one check: an assertion, a wait, a step that could not be carried out, or one
/// of the checks every run ends with.
public struct Verdict: Sendable, Equatable {
    /// The scenario file's line, or nil for the end-of-run checks.
    public var line: Int?
    public var check: String
    public var passed: Bool
    public var detail: String

    public init(line: Int?, check: String, passed: Bool, detail: String) {
        self.line = line
        self.check = check
        self.passed = passed
        self.detail = detail
    }
}

/// The outcome of one scenario.
public struct ScenarioResult: Sendable {
    public var name: String
    public var file: String
    public var verdicts: [Verdict] = []
    public var writesAcknowledged = 0
    public var writesFailed = 0
    public var durationSeconds = 0.0
    public var workDirectory: String
    /// Set when the run was stopped by a signal; an interrupted run never passes.
    public var interrupted = false

    public var passed: Bool { !interrupted && !verdicts.isEmpty && verdicts.allSatisfy(\.passed) }

    public init(name: String, file: String, workDirectory: String) {
        self.name = name
        self.file = file
        self.workDirectory = workDirectory
    }

    /// The result as a JSON object.
    public var json: String {
        let verdictObjects = verdicts.map { verdict in
            JSONText.object([
                ("line", verdict.line.map(String.init) ?? "null"), ("check", JSONText.string(verdict.check)),
                ("passed", String(verdict.passed)), ("detail", JSONText.string(verdict.detail)),
            ])
        }
        return JSONText.object([
            ("name", JSONText.string(name)), ("file", JSONText.string(file)), ("passed", String(passed)),
            ("interrupted", String(interrupted)), ("duration_seconds", String(Int(durationSeconds * 10) / 10)),
            ("writes_acknowledged", String(writesAcknowledged)), ("writes_failed", String(writesFailed)),
            ("work_directory", JSONText.string(workDirectory)),
            ("verdicts", "[" + verdictObjects.joined(separator: ", ") + "]"),
        ])
    }
}

/// Just enough JSON writing for results: objects of already-encoded values, and strings.
public enum JSONText {
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    public static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
