import BlockfenceBase

/// How `--output` prints a command's answer.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned text for people; its layout may change between versions.
    case table
    /// One JSON object with the field names of docs/cli.md, which do not change.
    case json
}

/// Checks of what the operator typed, made before anything is sent so that a mistake gets a
/// clear message at once. The rules repeat the control API's (Protos/blockfence/control.proto);
/// the control core checks them again and stays the authority.
public enum InputValidation {
    /// The longest volume name the control API accepts.
    public static let maximumNameLength = 128
    /// Volume sizes are whole 4 KiB blocks, so that every NBD client's block size divides them.
    public static let sizeGranularityBytes: UInt64 = 4096
    public static let minimumSizeBytes: UInt64 = 1 << 20
    public static let replicaCounts: ClosedRange<UInt32> = 1...3
    public static let maximumTimeoutSeconds = 3600.0

    /// A name for a new volume: lower-case letters, digits, '-', '.' and '_', starting with a
    /// letter or digit, at most 128 characters.
    public static func volumeName(_ name: String) throws(OperatorError) -> String {
        let allowed = "lower-case letters, digits, '-', '.' and '_', starting with a letter or digit"
        // An empty name would reach the control core as "no name at all".
        guard !name.isEmpty else { throw .usage("a volume name is required: \(allowed)") }
        // The control API's character set, which keeps a name safe in an NBD URI, a path and a log line.
        if let wrong = name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
            throw .usage("volume name '\(TextFormat.printable(name))' contains \(describe(wrong)); use \(allowed)")
        }
        // A leading '-' would read as an option, a leading '.' as a hidden file.
        guard let first = name.unicodeScalars.first, isLowercaseLetterOrDigit(first) else {
            throw .usage("volume name '\(name)' must start with a lower-case letter or a digit")
        }
        // Only ASCII is left, so bytes and characters agree.
        guard name.utf8.count <= maximumNameLength else {
            throw .usage("volume name is \(name.utf8.count) characters long; at most \(maximumNameLength) are allowed")
        }
        return name
    }

    /// A volume the operator names for an existing volume: its name or its id. Ids are the
    /// control core's to choose, so only what can never be either is refused here.
    public static func volumeReference(_ text: String) throws(OperatorError) -> String {
        try reference(text, missing: "a volume name or id is required", kind: "a volume name or id")
    }

    /// A node's name as the storage server registered it.
    public static func nodeName(_ text: String, option: String) throws(OperatorError) -> String {
        try reference(text, missing: "\(option) needs a node name", kind: "a node name")
    }

    private static func reference(_ text: String, missing: String, kind: String) throws(OperatorError) -> String {
        // An empty string would select nothing and read as "not given" on the wire.
        guard !text.isEmpty else { throw .usage(missing) }
        // Spaces and control characters are never part of a name or id; they point at a quoting mistake.
        if let wrong = text.unicodeScalars.first(where: { $0.properties.isWhitespace || isControl($0) }) {
            throw .usage("'\(TextFormat.printable(text))' is not \(kind): it contains \(describe(wrong))")
        }
        return text
    }

    /// A volume size: a number with an optional unit, a multiple of 4096 bytes, at least 1 MiB.
    public static func volumeSize(_ text: String, option: String = "--size") throws(OperatorError) -> UInt64 {
        let bytes: UInt64
        do { bytes = try ByteSize.parse(text) } catch { throw .usage("\(option): \(error)") }
        // The smallest volume worth a filesystem; smaller ones are always a typing mistake.
        guard bytes >= minimumSizeBytes else {
            throw .usage("\(option) \(text) is below the smallest volume size, \(ByteSize.format(minimumSizeBytes))")
        }
        // Whole blocks only; suggest the next size up rather than leave the arithmetic to the operator.
        guard bytes % sizeGranularityBytes == 0 else {
            let roundedUp = bytes.addingReportingOverflow(sizeGranularityBytes - bytes % sizeGranularityBytes)
            let suggestion = roundedUp.overflow ? "" : "; \(roundedUp.partialValue) would be"
            throw .usage(
                "\(option) \(text) (\(bytes) bytes) is not a multiple of \(sizeGranularityBytes) bytes\(suggestion)")
        }
        return bytes
    }

    /// `--replicas`: 1, 2 or 3.
    public static func replicaCount(_ text: String) throws(OperatorError) -> UInt32 {
        guard let count = UInt32(text), replicaCounts.contains(count) else {
            throw .usage("--replicas must be 1, 2 or 3; got '\(TextFormat.printable(text))'")
        }
        return count
    }

    /// Repeated `--param KEY=VALUE`, each key once.
    public static func parameters(_ values: [String]) throws(OperatorError) -> [String: String] {
        var parameters: [String: String] = [:]
        for value in values {
            // The value may contain '=' itself; the key ends at the first one.
            guard let equals = value.firstIndex(of: "=") else {
                throw .usage("--param needs KEY=VALUE; got '\(TextFormat.printable(value))'")
            }
            let key = String(value[..<equals])
            // An empty key could never be looked up.
            guard !key.isEmpty else { throw .usage("--param needs a KEY before '='; got '\(value)'") }
            // Two values for one key would silently lose one of them.
            guard parameters[key] == nil else { throw .usage("--param \(key) is given twice; give each key once") }
            parameters[key] = String(value[value.index(after: equals)...])
        }
        return parameters
    }

    /// `--timeout`: seconds, fractions allowed, above 0 and at most an hour.
    public static func timeoutSeconds(_ text: String) throws(OperatorError) -> Double {
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= maximumTimeoutSeconds else {
            let limit = Int(maximumTimeoutSeconds)
            throw .usage(
                "--timeout must be a number of seconds above 0 and at most \(limit); "
                    + "got '\(TextFormat.printable(text))'"
            )
        }
        return seconds
    }

    public static func outputFormat(_ text: String) throws(OperatorError) -> OutputFormat {
        guard let format = OutputFormat(rawValue: text) else {
            throw .usage("--output must be table or json; got '\(TextFormat.printable(text))'")
        }
        return format
    }

    /// The control core's address from `--control` or the environment; `source` names which,
    /// so that a bad value in the environment is not blamed on the command line.
    public static func controlAddress(_ text: String, source: String) throws(OperatorError) -> ListenAddress {
        do {
            return try ListenAddress.parse(text)
        } catch {
            throw .usage("\(source) '\(TextFormat.printable(text))' is not a control core address: \(error)")
        }
    }

    private static func isLowercaseLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLowercaseLetterOrDigit(scalar) || scalar == "-" || scalar == "." || scalar == "_"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A character named so that the operator can find it, even when it is invisible.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if isControl(scalar) || scalar.properties.isWhitespace {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "the character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(scalar)'"
    }
}
