import BlockfenceBase

/// The rules requests must meet before they reach the state, as the API documents them.
enum Validation {
    static let sizeGranularityBytes: UInt64 = 4096
    static let minimumSizeBytes: UInt64 = 1 << 20
    /// Sizes are stored as signed 64-bit integers.
    static let maximumSizeBytes = UInt64(Int64.max) - UInt64(Int64.max) % 4096
    static let defaultReplicaCount = 2
    static let maximumReplicaCount = 3
    static let maximumParameters = 64
    static let maximumParameterKeyBytes = 256
    static let maximumParameterValueBytes = 4096

    /// Volume and node names: the shared rule (`NameRules`).
    static func nameProblem(_ name: String) -> String? {
        NameRules.problem(name)
    }

    static func validateVolumeName(_ name: String) throws(ControlError) {
        if let problem = NameRules.volumeNameProblem(name) { throw .invalidVolumeName(name: name, reason: problem) }
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
}
