/// The rules requests must meet before they reach the state, as the API documents them.
enum Validation {
    static let maximumNameCharacters = 128
    static let sizeGranularityBytes: UInt64 = 4096
    static let minimumSizeBytes: UInt64 = 1 << 20
    /// Sizes are stored as signed 64-bit integers.
    static let maximumSizeBytes = UInt64(Int64.max) - UInt64(Int64.max) % 4096
    static let defaultReplicaCount = 2
    static let maximumReplicaCount = 3
    static let maximumParameters = 64
    static let maximumParameterKeyBytes = 256
    static let maximumParameterValueBytes = 4096

    /// Volume and node names: lower-case letters, digits, '-', '.', '_', starting with a letter
    /// or digit, at most 128 characters.
    static func nameProblem(_ name: String) -> String? {
        // An empty name could not be told apart from a missing one.
        guard let first = name.unicodeScalars.first else { return "it is empty" }
        // Names become paths on nodes and parts of NBD URIs; keep them short.
        guard name.unicodeScalars.count <= maximumNameCharacters else {
            return "it has \(name.unicodeScalars.count) characters; at most \(maximumNameCharacters) are allowed"
        }
        // Punctuation first would read as an option or a hidden file.
        guard isLowercaseLetterOrDigit(first) else { return "it must start with a lower-case letter or a digit" }
        // Anything else could need escaping somewhere.
        if let bad = name.unicodeScalars.first(where: {
            !isLowercaseLetterOrDigit($0) && !"-._".unicodeScalars.contains($0)
        }) {
            return "'\(bad.escaped(asASCII: true))' is not allowed; use lower-case letters, digits, '-', '.' and '_'"
        }
        return nil
    }

    static func validateVolumeName(_ name: String) throws(ControlError) {
        if let problem = nameProblem(name) { throw .invalidVolumeName(name: name, reason: problem) }
        // Requests name a volume by its name or by its id, and ids are lower-case UUIDs: a name of
        // that form could stand for another volume's id, and a lookup would pick the wrong one.
        if hasIDForm(name) {
            throw .invalidVolumeName(
                name: name, reason: "it has the form of a volume id (a UUID), which names cannot have")
        }
    }

    /// The form of a volume id: 8-4-4-4-12 hexadecimal digits, in any case.
    static func hasIDForm(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func validateNodeName(_ name: String) throws(ControlError) {
        if let problem = nameProblem(name) { throw .invalidNodeName(name: name, reason: problem) }
    }

    static func validateSize(_ sizeBytes: UInt64) throws(ControlError) {
        // Smaller volumes are not worth a replicated set of files.
        guard sizeBytes >= minimumSizeBytes else {
            throw .invalidSize(sizeBytes: sizeBytes, reason: "it must be at least 1 MiB")
        }
        // Block devices work in whole pages.
        guard sizeBytes % sizeGranularityBytes == 0 else {
            throw .invalidSize(sizeBytes: sizeBytes, reason: "it must be a multiple of 4096")
        }
        guard sizeBytes <= maximumSizeBytes else {
            throw .invalidSize(sizeBytes: sizeBytes, reason: "it must be at most \(maximumSizeBytes)")
        }
    }

    /// The replica count a request means: 0 is the default.
    static func replicaCount(_ requested: UInt32) throws(ControlError) -> Int {
        guard requested != 0 else { return defaultReplicaCount }
        guard requested <= maximumReplicaCount else { throw .invalidReplicaCount(requested) }
        return Int(requested)
    }

    static func validateParameters(_ parameters: [String: String]) throws(ControlError) {
        // Bounded so that a request cannot make every later answer large.
        guard parameters.count <= maximumParameters else {
            throw .invalidParameters(reason: "\(parameters.count) given; at most \(maximumParameters) are allowed")
        }
        for (key, value) in parameters {
            guard !key.isEmpty, key.utf8.count <= maximumParameterKeyBytes else {
                throw .invalidParameters(reason: "keys must have 1 to \(maximumParameterKeyBytes) bytes")
            }
            guard value.utf8.count <= maximumParameterValueBytes else {
                throw .invalidParameters(reason: "the value of '\(key)' is over \(maximumParameterValueBytes) bytes")
            }
        }
    }

    private static func isLowercaseLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
