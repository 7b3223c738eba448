import BlockfenceBase
import Glibc

/// A mistake on the command line: the message says what is wrong, and the command prints how
/// to ask for help. Exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A failure while running a well-formed command (a file that cannot be opened, a port in use).
/// Exit code 1.
struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The arguments of one subcommand, consumed as the command reads them. Options take their
/// value as `--name value` or `--name=value`; anything left unread is an error.
struct Arguments {
    enum Item: Equatable {
        case option(name: String, value: String)
        case flag(String)
        case positional(String)
    }

    private(set) var items: [Item] = []

    /// Splits the raw words, knowing which options take a value.
    init(_ words: [String], valued: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                items += words[index...].map { .positional($0) }
                break
            }
            guard word.hasPrefix("-"), word != "-" else {
                items.append(.positional(word))
                continue
            }
            var name = word
            var inlineValue: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            if valued.contains(name) {
                if let inlineValue {
                    items.append(.option(name: name, value: inlineValue))
                } else {
                    guard index < words.count else { throw UsageError("\(name) needs a value") }
                    items.append(.option(name: name, value: words[index]))
                    index += 1
                }
            } else {
                guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                items.append(.flag(name))
            }
        }
    }

    /// Whether `--help` or `-h` was given anywhere.
    var wantsHelp: Bool { items.contains(.flag("--help")) || items.contains(.flag("-h")) }

    /// The last value of an option given at most once.
    mutating func value(_ name: String) throws(UsageError) -> String? {
        let values = self.values(name)
        guard values.count <= 1 else { throw UsageError("\(name) was given \(values.count) times; give it once") }
        return values.first
    }

    /// A directory option: given at most once and never empty (an empty value would mean the
    /// current directory, which nobody asks for on purpose).
    mutating func directory(_ name: String) throws(UsageError) -> String? {
        guard let path = try value(name) else { return nil }
        guard !path.isEmpty else { throw UsageError("\(name) needs a directory; got an empty value") }
        return path
    }

    /// Every value of a repeatable option, in order.
    mutating func values(_ name: String) -> [String] {
        var found: [String] = []
        items.removeAll { item in
            if case .option(name, let value) = item {
                found.append(value)
                return true
            }
            return false
        }
        return found
    }

    mutating func flag(_ name: String) -> Bool {
        let present = items.contains(.flag(name))
        items.removeAll { $0 == .flag(name) }
        return present
    }

    mutating func positionals() -> [String] {
        var found: [String] = []
        items.removeAll { item in
            if case .positional(let value) = item {
                found.append(value)
                return true
            }
            return false
        }
        return found
    }

    /// Fails on anything the command did not read.
    func finish() throws(UsageError) {
        guard let first = items.first else { return }
        switch first {
        case .option(let name, _), .flag(let name): throw UsageError("unknown option \(name)")
        case .positional(let value): throw UsageError("unexpected argument '\(value)'")
        }
    }
}

/// Options every long-running command shares.
struct LoggingOptions {
    static let valued: Set<String> = ["--log-level"]

    static func logger(_ arguments: inout Arguments, scope: String) throws(UsageError) -> Logger {
        Logger(scope: scope, level: try level(&arguments).level)
    }

    /// The level from --log-level, else BLOCKFENCE_LOG_LEVEL, else info; with its name as given.
    static func level(_ arguments: inout Arguments) throws(UsageError) -> (level: LogLevel, name: String) {
        let option = try arguments.value("--log-level")
        let text = option ?? Environment.value("BLOCKFENCE_LOG_LEVEL") ?? "info"
        guard let level = LogLevel(name: text) else {
            let source = option == nil ? "BLOCKFENCE_LOG_LEVEL" : "--log-level"
            throw UsageError("\(source) must be one of trace, debug, info, warning, error; got '\(text)'")
        }
        return (level, text)
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let text = String(cString: raw)
        return text.isEmpty ? nil : text
    }
}
