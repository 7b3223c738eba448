import RPC

/// Why a CSI call failed. `status` is the plugin's one mapping to gRPC status codes; the table
/// follows the CSI specification's per-call error tables:
///
/// | condition | code | what the caller does |
/// |---|---|---|
/// | a required field is missing or a field is invalid | INVALID_ARGUMENT | fixes the request |
/// | an access mode, access type, file system or content source not offered | INVALID_ARGUMENT | asks for another |
/// | the volume or node does not exist | NOT_FOUND | stops, or creates it first |
/// | a name asks for a different volume; a publication with other options | ALREADY_EXISTS | picks another name |
/// | no size our granularity can give fits the capacity range | OUT_OF_RANGE | widens the range |
/// | attached elsewhere; another's staging path; foreign mount; unstaged; in use | FAILED_PRECONDITION | fix it |
/// | another operation on the volume is running; a page token not ours | ABORTED | retries, or lists again |
/// | the control core cannot be reached | UNAVAILABLE | retries with backoff |
/// | a system tool failed | INTERNAL | looks at the plugin's log |
/// | snapshots, modifying | UNIMPLEMENTED | does not retry |
public enum CSIError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingField(String)
    case invalidField(field: String, reason: String)
    case unsupportedCapability(String)
    case volumeNotFound(String)
    case nodeNotFound(String)
    case volumeExists(name: String, reason: String)
    case capacityOutOfRange(String)
    case attachedElsewhere(volume: String, nodes: [String])
    case stagingPathInUse(path: String, volume: String)
    case foreignMount(path: String)
    case notStaged(volume: String, stagingPath: String)
    case stagingPathNotSet(volume: String)
    case stillPublished(volume: String, targets: [String])
    case operationInProgress(volume: String)
    case invalidStartingToken(String)
    case control(action: String, RPCError)
    case system(action: String, reason: String)
    case unimplemented(String)

    public var description: String {
        switch self {
        case .missingField(let field): "\(field) is required"
        case .invalidField(let field, let reason): "\(field) is invalid: \(reason)"
        case .unsupportedCapability(let reason): "unsupported volume capability: \(reason)"
        case .volumeNotFound(let volume): "volume '\(volume)' does not exist"
        case .nodeNotFound(let node): "node '\(node)' is not a blockfence storage node"
        case .volumeExists(let name, let reason): "volume '\(name)' already exists \(reason)"
        case .capacityOutOfRange(let reason): "capacity out of range: \(reason)"
        case .attachedElsewhere(let volume, let nodes):
            "volume '\(volume)' allows one node and is published to \(nodes.joined(separator: ", "))"
        case .stagingPathInUse(let path, let volume): "staging path \(path) already holds volume '\(volume)'"
        case .foreignMount(let path): "\(path) is a mount point the plugin did not make"
        case .notStaged(let volume, let stagingPath): "volume '\(volume)' is not staged at \(stagingPath)"
        case .stagingPathNotSet(let volume):
            "staging_target_path is required to publish volume '\(volume)': the plugin stages volumes"
        case .stillPublished(let volume, let targets):
            "volume '\(volume)' is still published at \(targets.joined(separator: ", "))"
        case .operationInProgress(let volume): "another operation on volume '\(volume)' is in progress"
        case .invalidStartingToken(let token): "starting_token '\(token)' was not issued by this plugin"
        case .control(let action, let error): "\(action): the control core answered \(error)"
        case .system(let action, let reason): "\(action): \(reason)"
        case .unimplemented(let what): "\(what) is not supported by blockfence"
        }
    }

    /// Status messages are cut to this many bytes: ids are echoed in them, and gRPC refuses a
    /// status whose metadata exceeds its limit, which the caller would see instead of the code.
    static let maximumMessageBytes = 1024

    /// The status a CSI caller receives, with its message bounded.
    public var status: RPCError {
        let status = unboundedStatus
        guard status.message.utf8.count > Self.maximumMessageBytes else { return status }
        var message = ""
        for character in status.message {
            guard message.utf8.count + character.utf8.count <= Self.maximumMessageBytes - 3 else { break }
            message.append(character)
        }
        return RPCError(status.code, message + "...")
    }

    private var unboundedStatus: RPCError {
        switch self {
        case .missingField, .invalidField, .unsupportedCapability: RPCError(.invalidArgument, description)
        case .volumeNotFound, .nodeNotFound: RPCError(.notFound, description)
        case .volumeExists: RPCError(.alreadyExists, description)
        case .capacityOutOfRange: RPCError(.outOfRange, description)
        case .attachedElsewhere, .stagingPathInUse, .foreignMount, .notStaged, .stagingPathNotSet, .stillPublished:
            RPCError(.failedPrecondition, description)
        case .operationInProgress, .invalidStartingToken: RPCError(.aborted, description)
        // The control core already answers in CSI's vocabulary (NOT_FOUND, ALREADY_EXISTS,
        // FAILED_PRECONDITION, UNAVAILABLE), so its code passes through unchanged.
        case .control(_, let error): RPCError(error.code, description)
        case .system: RPCError(.internal, description)
        case .unimplemented: RPCError(.unimplemented, description)
        }
    }
}

/// Runs a handler and turns its `CSIError` into the status the caller receives.
func answering<Response>(_ body: () async throws(CSIError) -> Response) async throws(RPCError) -> Response {
    do {
        return try await body()
    } catch {
        throw error.status
    }
}
