import BlockfenceBase
import CSQLite
import ControlAPI
import RPC

/// What a scenario needs to know of a volume, read from the control core.
public struct VolumeState: Sendable, Equatable {
    public var id: String
    public var primary: String
    public var epoch: UInt64
    public var nbdURI: String
    public var inSyncMembers: [String]
    public var healthy: Bool
    /// Every node holding a replica, in sync or not.
    public var replicaNodes: [String] = []
    /// The nodes whose replica the primary is catching up.
    public var syncingNodes: [String] = []
}

/// A control API call that failed, in the words of the RPC layer.
struct ControlCallError: Error, CustomStringConvertible {
    let description: String
}

/// The runner's calls to the control core, each bounded by a timeout, from plain threads.
final class ControlLink: Sendable {
    let address: String
    private let client: Blockfence_Control_V1_ControlClient

    init(address: String) throws {
        self.address = address
        let configuration = RPCChannelConfiguration(
            initialReconnectBackoff: .milliseconds(100), maximumReconnectBackoff: .milliseconds(500))
        client = Blockfence_Control_V1_ControlClient(
            channel: try RPCChannel(target: .parse(address), configuration: configuration))
    }

    func volume(_ name: String, timeoutSeconds: Int64 = 2) -> Result<VolumeState, ControlCallError> {
        let client = self.client
        return runBlocking {
            var request = Blockfence_Control_V1_GetVolumeRequest()
            request.volume = name
            do {
                let response = try await client.getVolume(
                    request, options: CallOptions(timeout: .seconds(timeoutSeconds)))
                return .success(Self.state(of: response.volume ?? Blockfence_Control_V1_Volume()))
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    private static func state(of volume: Blockfence_Control_V1_Volume) -> VolumeState {
        // Read through the optional: an assignment is only ever made by the control core's
        // publisher, and the source scan that keeps it so does not tell readers from makers.
        let assignment = volume.assignment
        return VolumeState(
            id: volume.id, primary: assignment?.primaryNode ?? "", epoch: assignment?.epoch ?? 0,
            nbdURI: volume.nbdURI, inSyncMembers: assignment?.inSyncMembers ?? [],
            healthy: volume.health == .healthy,
            replicaNodes: Array(Set((assignment?.replicaNodes ?? []) + volume.replicas.map(\.nodeName))).sorted(),
            syncingNodes: volume.replicas.filter { $0.state == .syncing }.map(\.nodeName))
    }

    /// Every volume the control core knows, by name.
    func volumes() -> Result<[String: VolumeState], ControlCallError> {
        let client = self.client
        return runBlocking {
            do {
                let response = try await client.listVolumes(
                    Blockfence_Control_V1_ListVolumesRequest(), options: CallOptions(timeout: .seconds(2)))
                var states: [String: VolumeState] = [:]
                for volume in response.volumes { states[volume.name] = Self.state(of: volume) }
                return .success(states)
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    /// An operation on a node: drain, cordon or uncordon.
    enum NodeOperation: String {
        case drain
        case cordon
        case uncordon
    }

    func node(_ name: String, _ operation: NodeOperation) -> Result<String, ControlCallError> {
        let client = self.client
        return runBlocking {
            // A drain waits for every hand-over, which takes a few leases at most.
            let options = CallOptions(timeout: .seconds(60))
            do {
                switch operation {
                case .drain:
                    var request = Blockfence_Control_V1_DrainNodeRequest()
                    request.node = name
                    let response = try await client.drainNode(request, options: options)
                    return .success(
                        response.moves.map { "\($0.volume)" + ($0.newPrimary.isEmpty ? "" : " to \($0.newPrimary)") }
                            .joined(separator: ", "))
                case .cordon:
                    var request = Blockfence_Control_V1_CordonNodeRequest()
                    request.node = name
                    _ = try await client.cordonNode(request, options: options)
                case .uncordon:
                    var request = Blockfence_Control_V1_UncordonNodeRequest()
                    request.node = name
                    _ = try await client.uncordonNode(request, options: options)
                }
                return .success("")
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    func rebuild(volume: String, node: String, to target: String?) -> Result<Void, ControlCallError> {
        let client = self.client
        return runBlocking {
            var request = Blockfence_Control_V1_RebuildReplicaRequest()
            request.volume = volume
            request.node = node
            request.targetNode = target ?? ""
            do {
                _ = try await client.rebuildReplica(request, options: CallOptions(timeout: .seconds(20)))
                return .success(())
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    func aliveNodes() -> Result<Set<String>, ControlCallError> {
        let client = self.client
        return runBlocking {
            do {
                let nodes = try await client.listNodes(
                    Blockfence_Control_V1_ListNodesRequest(), options: CallOptions(timeout: .seconds(2)))
                return .success(Set(nodes.nodes.filter(\.alive).map(\.name)))
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    func createVolume(_ spec: VolumeSpec) -> Result<Void, ControlCallError> {
        let client = self.client
        return runBlocking {
            var request = Blockfence_Control_V1_CreateVolumeRequest()
            request.name = spec.name
            request.sizeBytes = spec.sizeBytes
            request.replicaCount = spec.replicas
            do {
                _ = try await client.createVolume(request, options: CallOptions(timeout: .seconds(10)))
                return .success(())
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }

    func failover(volume: String, to target: String?) -> Result<String, ControlCallError> {
        let client = self.client
        return runBlocking {
            var request = Blockfence_Control_V1_FailoverRequest()
            request.volume = volume
            request.targetNode = target ?? ""
            do {
                let response = try await client.failover(request, options: CallOptions(timeout: .seconds(20)))
                return .success("from \(response.previousPrimary) at epoch \(response.previousEpoch)")
            } catch {
                return .failure(ControlCallError(description: "\(error)"))
            }
        }
    }
}

/// Reads the control core's assignment history from its SQLite file, read-only: the authority on
/// who was primary when, which the writer's log is checked against.
enum AssignmentHistory {
    enum ReadError: Error, CustomStringConvertible {
        case sqlite(call: String, message: String)

        var description: String {
            switch self {
            case .sqlite(let call, let message): "cannot read the assignment history: \(call): \(message)"
            }
        }
    }

    static func read(databasePath: String, volumeID: String) throws(ReadError) -> [AssignmentRecord] {
        var database: OpaquePointer?
        guard sqlite3_open_v2(databasePath, &database, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(database)
            throw .sqlite(call: "sqlite3_open_v2", message: message)
        }
        defer { sqlite3_close(database) }
        sqlite3_busy_timeout(database, 5000)
        var statement: OpaquePointer?
        let query = "SELECT epoch, primary_node, minted_at_ms FROM assignments WHERE volume_id = ?1 ORDER BY epoch"
        guard sqlite3_prepare_v2(database, query, -1, &statement, nil) == SQLITE_OK else {
            throw .sqlite(call: "sqlite3_prepare_v2", message: String(cString: sqlite3_errmsg(database)))
        }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_text(statement, 1, volumeID, -1, bf_sqlite_transient())
        var records: [AssignmentRecord] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw .sqlite(call: "sqlite3_step", message: String(cString: sqlite3_errmsg(database)))
            }
            records.append(
                AssignmentRecord(
                    epoch: UInt64(sqlite3_column_int64(statement, 0)),
                    primary: String(cString: sqlite3_column_text(statement, 1)),
                    mintedAtMilliseconds: Double(sqlite3_column_int64(statement, 2))))
        }
        return records
    }
}
