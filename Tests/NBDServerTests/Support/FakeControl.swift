import BlockfenceBase
import ControlAPI
import Foundation
import RPC
import Synchronization

/// A control core reduced to what storage servers need, driven by the test: it hands out the
/// assignments the test sets, grants long leases, and records what nodes report and confirm.
final class FakeControl: Blockfence_Control_V1_StorageNodesService, Sendable {
    struct State {
        var nodes: [String: Blockfence_Control_V1_NodeAddress] = [:]
        var assignments: [String: Blockfence_Control_V1_Assignment] = [:]
        var handOvers: [Blockfence_Control_V1_HandOver] = []
        var confirmedHandOvers: [Blockfence_Control_V1_ConfirmHandOverRequest] = []
        var failureReports: [Blockfence_Control_V1_ReportMemberFailureRequest] = []
        var reports: [String: [Blockfence_Control_V1_ReplicaReport]] = [:]
        /// When set, a confirmed hand-over promotes this node with the next epoch.
        var promoteOnConfirm = true
    }

    let state = Mutex(State())
    let leaseMilliseconds: UInt64

    init(leaseMilliseconds: UInt64 = 60_000) {
        self.leaseMilliseconds = leaseMilliseconds
    }

    func setAssignment(_ assignment: Blockfence_Control_V1_Assignment) {
        state.withLock { $0.assignments[assignment.volumeID] = assignment }
    }

    func assignment(_ volumeID: String) -> Blockfence_Control_V1_Assignment? {
        state.withLock { $0.assignments[volumeID] }
    }

    func directives(for node: String) -> Blockfence_Control_V1_NodeDirectives {
        state.withLock { state in
            var directives = Blockfence_Control_V1_NodeDirectives()
            directives.assignments = state.assignments.values.filter { $0.replicaNodes.contains(node) }
            directives.handOvers = state.handOvers.filter { handOver in
                state.assignments[handOver.volumeID]?.primaryNode == node
                    && state.assignments[handOver.volumeID]?.epoch == handOver.epoch
            }
            directives.peers = Array(state.nodes.values)
            return directives
        }
    }

    func register(
        _ request: Blockfence_Control_V1_RegisterRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_RegisterResponse {
        state.withLock { state in
            var address = Blockfence_Control_V1_NodeAddress()
            address.nodeName = request.nodeName
            address.nbdAddress = request.nbdAddress
            address.replicationAddress = request.replicationAddress
            state.nodes[request.nodeName] = address
        }
        var response = Blockfence_Control_V1_RegisterResponse()
        response.leaseMs = leaseMilliseconds
        response.heartbeatIntervalMs = 100
        response.directives = directives(for: request.nodeName)
        return response
    }

    func heartbeat(
        _ request: Blockfence_Control_V1_HeartbeatRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_HeartbeatResponse {
        state.withLock { $0.reports[request.nodeName] = request.replicas }
        var response = Blockfence_Control_V1_HeartbeatResponse()
        response.leaseMs = leaseMilliseconds
        response.directives = directives(for: request.nodeName)
        return response
    }

    func watch(
        _ request: Blockfence_Control_V1_WatchRequest, responses: ResponseWriter<Blockfence_Control_V1_NodeDirectives>,
        context: ServerContext
    ) async throws {
        while !context.isCancelled {
            try await responses.send(directives(for: request.nodeName))
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func reportMemberFailure(
        _ request: Blockfence_Control_V1_ReportMemberFailureRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ReportMemberFailureResponse {
        let assignment = state.withLock { state -> Blockfence_Control_V1_Assignment? in
            state.failureReports.append(request)
            guard var current = state.assignments[request.volumeID], current.primaryNode == request.nodeName,
                current.epoch == request.epoch
            else { return state.assignments[request.volumeID] }
            current.epoch += 1
            current.inSyncMembers.removeAll { request.failedMembers.contains($0) }
            state.assignments[request.volumeID] = current
            return current
        }
        var response = Blockfence_Control_V1_ReportMemberFailureResponse()
        response.assignment = assignment
        return response
    }

    func confirmHandOver(
        _ request: Blockfence_Control_V1_ConfirmHandOverRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ConfirmHandOverResponse {
        state.withLock { state in
            state.confirmedHandOvers.append(request)
            guard state.promoteOnConfirm,
                let handOver = state.handOvers.first(where: {
                    $0.volumeID == request.volumeID && $0.epoch == request.epoch
                }),
                var current = state.assignments[request.volumeID], current.epoch == request.epoch
            else { return }
            current.epoch += 1
            current.primaryNode = handOver.successor
            state.assignments[request.volumeID] = current
        }
        return Blockfence_Control_V1_ConfirmHandOverResponse()
    }
}
