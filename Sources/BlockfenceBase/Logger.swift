import Foundation
import Synchronization

/// How much a logger says. Per-request detail is `trace`, connection life is `debug`,
/// `warning` is reserved for what an operator must act on.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case trace
    case debug
    case info
    case warning
    case error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// Parses a level name as given to `--log-level`.
    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }
}

/// Where log lines go. One sink is shared by every logger of a process so lines never interleave.
public final class LogSink: Sendable {
    private let fileDescriptor: Int32
    private let lock = Mutex<Void>(())

    public init(fileDescriptor: Int32 = 2) {
        self.fileDescriptor = fileDescriptor
    }

    func write(_ line: String) {
        var line = line
        lock.withLock { _ in
            line.withUTF8 { bytes in
                var written = 0
                while written < bytes.count {
                    let result = Foundation.write(fileDescriptor, bytes.baseAddress! + written, bytes.count - written)
                    if result <= 0 { return }
                    written += result
                }
            }
        }
    }
}

/// A logger writes a fixed sentence followed by `key=value` fields, for example
/// `info nbd: Client connected. connection=4 peer=127.0.0.1:40122`.
///
/// Loggers are values passed to whoever logs; `with(_:)` adds fields that every line then carries.
public struct Logger: Sendable {
    public let scope: String
    public let level: LogLevel
    private let sink: LogSink
    private let context: String

    public init(scope: String, level: LogLevel, sink: LogSink = LogSink()) {
        self.scope = scope
        self.level = level
        self.sink = sink
        self.context = ""
    }

    private init(scope: String, level: LogLevel, sink: LogSink, context: String) {
        self.scope = scope
        self.level = level
        self.sink = sink
        self.context = context
    }

    /// A logger for another part of the program that shares this one's level and sink.
    public func scoped(_ scope: String) -> Logger {
        Logger(scope: scope, level: level, sink: sink, context: context)
    }

    /// A logger whose every line carries `fields` after the line's own fields.
    public func with(_ fields: KeyValuePairs<String, Any>) -> Logger {
        Logger(scope: scope, level: level, sink: sink, context: context + Logger.format(fields))
    }

    public func enabled(_ candidate: LogLevel) -> Bool { candidate >= level }

    public func trace(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]
    ) {
        log(.trace, message(), fields())
    }

    public func debug(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]
    ) {
        log(.debug, message(), fields())
    }

    public func info(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]
    ) {
        log(.info, message(), fields())
    }

    public func warning(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]
    ) {
        log(.warning, message(), fields())
    }

    public func error(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> KeyValuePairs<String, Any> = [:]
    ) {
        log(.error, message(), fields())
    }

    private func log(
        _ candidate: LogLevel, _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> KeyValuePairs<String, Any>
    ) {
        guard enabled(candidate) else { return }
        let timestamp = Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        sink.write("\(timestamp) \(candidate.name) \(scope): \(message())\(Logger.format(fields()))\(context)\n")
    }

    static func format(_ fields: KeyValuePairs<String, Any>) -> String {
        var text = ""
        for (key, value) in fields {
            text += " \(key)=\(quoted(String(describing: value)))"
        }
        return text
    }

    /// Values with spaces, quotes or nothing at all are quoted so a line splits unambiguously.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
