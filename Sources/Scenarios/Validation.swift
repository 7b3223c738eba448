import YAML

/// Checks that every name a scenario uses exists by the time its step runs, so that a typo fails
/// before any process starts rather than minutes into a run.
enum Validation {
    static func check(_ scenario: Scenario) throws(ScenarioError) {
        var volumes = Set<String>()
        for volume in scenario.volumes {
            // Every volume is created once; a second one with the same name is a typo.
            guard volumes.insert(volume.name).inserted else {
                throw ScenarioError("the volume '\(volume.name)' is declared twice", at: nil)
            }
            guard volume.replicas <= scenario.cluster.servers else {
                throw ScenarioError(
                    "the volume '\(volume.name)' wants \(volume.replicas) replicas but the cluster has "
                        + "\(scenario.cluster.servers) servers", at: nil)
            }
        }
        try walk(scenario.steps, scenario: scenario, volumes: &volumes)
        if let workload = scenario.workload, !volumes.contains(workload.volume) {
            throw ScenarioError("the workload writes to '\(workload.volume)', which no step creates", at: nil)
        }
    }

    /// The writer's blocks must lie inside its volume, or its first write past the end fails only
    /// once the cluster runs.
    static func checkWorkloadFits(_ scenario: Scenario, at position: YAMLPosition?) throws(ScenarioError) {
        guard let workload = scenario.workload, let size = volumeSizes(scenario)[workload.volume],
            UInt64(workload.blocks) * UInt64(workload.blockBytes) > size
        else { return }
        throw ScenarioError(
            "the workload writes \(workload.blocks) blocks of \(workload.blockBytes) bytes, more than the "
                + "\(size) bytes of volume '\(workload.volume)'", at: position)
    }

    /// Every volume's size, declared or created by a step.
    private static func volumeSizes(_ scenario: Scenario) -> [String: UInt64] {
        var sizes: [String: UInt64] = [:]
        for volume in scenario.volumes { sizes[volume.name] = volume.sizeBytes }
        func collect(_ steps: [Step]) {
            for step in steps {
                switch step.action {
                case .createVolume(let spec): sizes[spec.name] = spec.sizeBytes
                case .repeat(_, let inner): collect(inner)
                default: break
                }
            }
        }
        collect(scenario.steps)
        return sizes
    }

    private static func walk(_ steps: [Step], scenario: Scenario, volumes: inout Set<String>) throws(ScenarioError) {
        let servers = Set(scenario.cluster.serverNames)
        for step in steps {
            func fail(_ message: String) -> ScenarioError {
                ScenarioError("step on line \(step.line): \(message)", at: nil)
            }
            func volume(_ name: String) throws(ScenarioError) {
                guard volumes.contains(name) else { throw fail("no volume '\(name)' exists at this step") }
            }
            func target(_ target: Target) throws(ScenarioError) {
                switch target {
                case .control: break
                case .server(let name): guard servers.contains(name) else { throw fail("no server '\(name)'") }
                case .primary(let name), .previousPrimary(let name): try volume(name)
                }
            }
            func node(_ reference: NodeReference) throws(ScenarioError) {
                switch reference {
                case .named(let name): guard servers.contains(name) else { throw fail("no server '\(name)'") }
                case .previousPrimary(let name): try volume(name)
                }
            }
            func condition(_ condition: Condition) throws(ScenarioError) {
                switch condition {
                case .healthy(let name), .serving(let name), .primaryChanged(let name), .epochAdvanced(let name),
                    .ioStoppedWithinLease(let name):
                    try volume(name)
                case .primaryIs(let name, let reference), .primaryIsNot(let name, let reference),
                    .inSync(let name, let reference):
                    try volume(name)
                    try node(reference)
                case .syncing(let name, let reference), .caughtUp(let name, let reference, _),
                    .catchUpBytesBelow(let name, let reference, _):
                    try volume(name)
                    try node(reference)
                case .inSyncMemberCount(let name, _): try volume(name)
                case .noIOAfterFence(let reference), .alive(let reference), .holdsNoReplica(let reference):
                    try node(reference)
                case .writesAcknowledged, .writesAcknowledgedSinceFault: break
                }
                switch condition {
                case .writesAcknowledged, .writesAcknowledgedSinceFault, .noIOAfterFence, .ioStoppedWithinLease:
                    guard scenario.workload != nil else { throw fail("\(condition) needs a workload") }
                default: break
                }
            }
            switch step.action {
            case .createVolume(let spec):
                guard volumes.insert(spec.name).inserted else { throw fail("the volume '\(spec.name)' exists") }
            case .startWriter, .stopWriter:
                guard let workload = scenario.workload else { throw fail("there is no workload to start or stop") }
                try volume(workload.volume)
            case .kill(let value), .stop(let value), .resume(let value), .restart(let value): try target(value)
            case .partition(let value, _):
                guard value != .control else { throw fail("partition a server; the control core is the other side") }
                try target(value)
            case .heal(let value): if let value { try target(value) }
            case .drain(let value), .cordon(let value), .uncordon(let value):
                guard value != .control else { throw fail("drain, cordon and uncordon take a server") }
                try target(value)
            case .rebuild(let name, let server, let to):
                try volume(name)
                for server in [server] + (to.map { [$0] } ?? []) where !servers.contains(server) {
                    throw fail("no server '\(server)'")
                }
            case .failover(let name, let to):
                try volume(name)
                if let to, !servers.contains(to) { throw fail("no server '\(to)'") }
            case .wait(let value, _), .assert(let value): try condition(value)
            case .sleep: break
            case .repeat(_, let nested): try walk(nested, scenario: scenario, volumes: &volumes)
            }
        }
    }
}
