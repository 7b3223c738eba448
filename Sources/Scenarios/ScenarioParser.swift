import BlockfenceBase
import YAML

/// Why a scenario file cannot be played, with where in the file.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let position: YAMLPosition?

    public init(_ message: String, at position: YAMLPosition?) {
        self.message = message
        self.position = position
    }

    public var description: String { position.map { "\($0): \(message)" } ?? message }
}

/// Reads a scenario from YAML text: every key is known, every value checked, every reference to a
/// volume or a server resolved before anything starts.
public enum ScenarioParser {
    public static func parse(_ text: String, defaultName: String) throws(ScenarioError) -> Scenario {
        let root: YAMLNode
        do {
            root = try YAMLReader.read(text)
        } catch {
            if case .syntax(_, _, let at) = error { throw ScenarioError("\(error)", at: at).withoutDuplicatePosition }
            throw ScenarioError("\(error)", at: nil)
        }
        let top = try mapping(root, what: "a scenario", allowed: ["name", "cluster", "volumes", "workload", "steps"])
        let name = try top["name"].map { node throws(ScenarioError) in try scalar(node, what: "name") } ?? defaultName
        // The name becomes a directory name.
        guard isPlainName(name) else {
            throw ScenarioError(
                "the scenario's name '\(name)' must be letters, digits, '.', '-' or '_', not starting with '.'",
                at: top["name"]?.position ?? root.position)
        }
        var scenario = Scenario(name: name, cluster: ClusterSpec(), volumes: [], workload: nil, steps: [])
        if let cluster = top["cluster"] { scenario.cluster = try parseCluster(cluster) }
        if let volumes = top["volumes"] {
            scenario.volumes = try sequence(volumes, what: "volumes").map { node throws(ScenarioError) in
                try parseVolume(node)
            }
        }
        if let workload = top["workload"] { scenario.workload = try parseWorkload(workload) }
        guard let steps = top["steps"] else { throw ScenarioError("a scenario needs steps", at: root.position) }
        scenario.steps = try sequence(steps, what: "steps").map { node throws(ScenarioError) in try parseStep(node) }
        try Validation.check(scenario)
        try Validation.checkWorkloadFits(scenario, at: top["workload"]?.position)
        return scenario
    }

    // MARK: - Sections

    static func parseCluster(_ node: YAMLNode) throws(ScenarioError) -> ClusterSpec {
        let fields = try mapping(
            node, what: "cluster",
            allowed: ["servers", "lease-ms", "heartbeat-interval-ms", "lease-margin-ms", "network"])
        var cluster = ClusterSpec()
        if let servers = fields["servers"] { cluster.servers = try integer(servers, what: "servers", range: 1...9) }
        if let lease = fields["lease-ms"] {
            cluster.leaseMilliseconds = UInt64(try integer(lease, what: "lease-ms", range: 200...60_000))
        }
        if let heartbeat = fields["heartbeat-interval-ms"] {
            cluster.heartbeatMilliseconds = UInt64(
                try integer(heartbeat, what: "heartbeat-interval-ms", range: 50...10_000))
        }
        if let margin = fields["lease-margin-ms"] {
            cluster.leaseMarginMilliseconds = UInt64(try integer(margin, what: "lease-margin-ms", range: 0...60_000))
        }
        if let network = fields["network"] {
            let text = try scalar(network, what: "network")
            guard let value = ClusterSpec.Network(rawValue: text) else {
                throw ScenarioError("network must be loopback or namespaces, not '\(text)'", at: network.position)
            }
            cluster.network = value
        }
        return cluster
    }

    static func parseVolume(_ node: YAMLNode) throws(ScenarioError) -> VolumeSpec {
        let fields = try mapping(node, what: "a volume", allowed: ["name", "size", "replicas"])
        guard let name = fields["name"] else { throw ScenarioError("a volume needs a name", at: node.position) }
        var volume = VolumeSpec(name: try scalar(name, what: "name"), sizeBytes: 64 << 20, replicas: 2)
        // What the control core would refuse is refused here, before a cluster is started for it.
        if let problem = volumeNameProblem(volume.name) {
            throw ScenarioError("the volume name '\(volume.name)' is not valid: \(problem)", at: name.position)
        }
        if let size = fields["size"] {
            volume.sizeBytes = try byteSize(size)
            guard volume.sizeBytes >= minimumVolumeBytes else {
                throw ScenarioError(
                    "a volume's size must be at least 1 MiB, not \(volume.sizeBytes) bytes", at: size.position)
            }
            guard volume.sizeBytes % 4096 == 0 else {
                throw ScenarioError(
                    "a volume's size must be a multiple of 4096, not \(volume.sizeBytes)", at: size.position)
            }
        }
        if let replicas = fields["replicas"] {
            volume.replicas = UInt32(try integer(replicas, what: "replicas", range: 1...3))
        }
        return volume
    }

    static func parseWorkload(_ node: YAMLNode) throws(ScenarioError) -> WorkloadSpec {
        let fields = try mapping(node, what: "workload", allowed: ["volume", "block-size", "blocks", "durability"])
        guard let volume = fields["volume"] else {
            throw ScenarioError("the workload needs a volume", at: node.position)
        }
        var workload = WorkloadSpec(volume: try scalar(volume, what: "volume"))
        if let size = fields["block-size"] {
            workload.blockBytes = try integer(size, what: "block-size", range: 512...(1 << 20))
            guard workload.blockBytes % 512 == 0 else {
                throw ScenarioError("block-size must be a multiple of 512", at: size.position)
            }
        }
        if let blocks = fields["blocks"] { workload.blocks = try integer(blocks, what: "blocks", range: 1...65_536) }
        if let durability = fields["durability"] {
            let text = try scalar(durability, what: "durability")
            guard let value = WorkloadSpec.Durability(rawValue: text) else {
                throw ScenarioError("durability must be fua or flush, not '\(text)'", at: durability.position)
            }
            workload.durability = value
        }
        return workload
    }

    // MARK: - Steps

    static func parseStep(_ node: YAMLNode) throws(ScenarioError) -> Step {
        let line = node.position.line
        // A step without arguments may be written as a bare word.
        if let word = node.scalar {
            switch word {
            case "start-writer": return Step(action: .startWriter, line: line)
            case "stop-writer": return Step(action: .stopWriter, line: line)
            case "heal": return Step(action: .heal(nil), line: line)
            default: throw ScenarioError("unknown step '\(word)'", at: node.position)
            }
        }
        guard let entries = node.entries, entries.count == 1, let (name, value) = entries.first else {
            throw ScenarioError("a step is a mapping with one key, the step's name", at: node.position)
        }
        let action: Step.Action
        switch name {
        case "create-volume": action = .createVolume(try parseVolume(value))
        case "start-writer": action = .startWriter
        case "stop-writer": action = .stopWriter
        case "kill": action = .kill(try target(value))
        case "stop": action = .stop(try target(value))
        case "continue": action = .resume(try target(value))
        case "restart": action = .restart(try target(value))
        case "partition":
            let fields = try mapping(value, what: "partition", allowed: ["server", "from"])
            guard let server = fields["server"] else {
                throw ScenarioError("partition needs a server", at: value.position)
            }
            var side = PartitionSide.all
            if let from = fields["from"] {
                let text = try scalar(from, what: "from")
                guard let parsed = PartitionSide(rawValue: text) else {
                    throw ScenarioError(
                        "from must be control, peers, clients or all, not '\(text)'", at: from.position)
                }
                side = parsed
            }
            action = .partition(try target(server), from: side)
        case "heal":
            action = .heal(value.scalar == "all" ? nil : try target(value))
        case "failover":
            if let volume = value.scalar {
                action = .failover(volume: volume, to: nil)
            } else {
                let fields = try mapping(value, what: "failover", allowed: ["volume", "to"])
                guard let volume = fields["volume"] else {
                    throw ScenarioError("failover needs a volume", at: value.position)
                }
                action = .failover(
                    volume: try scalar(volume, what: "volume"),
                    to: try fields["to"].map { node throws(ScenarioError) in try scalar(node, what: "to") })
            }
        case "drain": action = .drain(try target(value))
        case "cordon": action = .cordon(try target(value))
        case "uncordon": action = .uncordon(try target(value))
        case "rebuild":
            let fields = try mapping(value, what: "rebuild", allowed: ["volume", "node", "to"])
            guard let volume = fields["volume"], let node = fields["node"] else {
                throw ScenarioError("rebuild needs volume and node", at: value.position)
            }
            let name = try scalar(node, what: "node")
            guard isServerName(name) else {
                throw ScenarioError("'\(name)' is not a server name (n1, n2, …)", at: node.position)
            }
            var to: String?
            if let target = fields["to"] {
                to = try scalar(target, what: "to")
                guard isServerName(to ?? "") else {
                    throw ScenarioError("'\(to ?? "")' is not a server name (n1, n2, …)", at: target.position)
                }
            }
            action = .rebuild(volume: try scalar(volume, what: "volume"), node: name, to: to)
        case "wait":
            let fields = try mapping(value, what: "wait", allowed: nil)
            var timeout = 30.0
            if let limit = fields["timeout"] { timeout = try duration(limit) }
            let rest = fields.filter { $0.key != "timeout" }
            action = .wait(try condition(rest, at: value.position), timeoutSeconds: timeout)
        case "sleep": action = .sleep(seconds: try duration(value))
        case "assert":
            let fields = try mapping(value, what: "assert", allowed: nil)
            action = .assert(try condition(fields, at: value.position))
        case "repeat":
            let fields = try mapping(value, what: "repeat", allowed: ["times", "steps"])
            guard let times = fields["times"], let steps = fields["steps"] else {
                throw ScenarioError("repeat needs times and steps", at: value.position)
            }
            action = .repeat(
                times: try integer(times, what: "times", range: 1...1000),
                steps: try sequence(steps, what: "steps").map { node throws(ScenarioError) in try parseStep(node) })
        default:
            throw ScenarioError("unknown step '\(name)'", at: node.position)
        }
        return Step(action: action, line: line)
    }

    static func target(_ node: YAMLNode) throws(ScenarioError) -> Target {
        let text = try scalar(node, what: "a process")
        if text == "control" { return .control }
        if text.hasPrefix("previous primary of ") {
            return .previousPrimary(volume: String(text.dropFirst("previous primary of ".count)))
        }
        if text.hasPrefix("primary of ") { return .primary(volume: String(text.dropFirst("primary of ".count))) }
        guard isServerName(text) else {
            throw ScenarioError(
                "'\(text)' is not a process: write control, a server (n1, n2, …), 'primary of VOLUME' or 'previous primary of VOLUME'",
                at: node.position)
        }
        return .server(text)
    }

    static func isPlainName(_ text: String) -> Bool {
        !text.isEmpty && text.first != "."
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }

    static func isServerName(_ text: String) -> Bool {
        text.count >= 2 && text.first == "n" && Int(text.dropFirst()) != nil
    }

    static func nodeReference(_ node: YAMLNode, volume: String?) throws(ScenarioError) -> NodeReference {
        let text = try scalar(node, what: "a server")
        if text == "previous-primary" {
            guard let volume else {
                throw ScenarioError("previous-primary needs the condition's volume", at: node.position)
            }
            return .previousPrimary(volume: volume)
        }
        guard isServerName(text) else {
            throw ScenarioError("'\(text)' is not a server name (n1, n2, …) or previous-primary", at: node.position)
        }
        return .named(text)
    }

    /// A condition is written as one key naming it, with the volume (or a count, or a server) as its
    /// value; conditions about a server of a volume take `volume` and `node`.
    static func condition(
        _ fields: [(key: String, value: YAMLNode)], at position: YAMLPosition
    ) throws(ScenarioError) -> Condition {
        guard fields.count == 1, let (name, value) = fields.first else {
            throw ScenarioError("name exactly one condition", at: position)
        }
        switch name {
        case "healthy": return .healthy(volume: try scalar(value, what: "volume"))
        case "serving": return .serving(volume: try scalar(value, what: "volume"))
        case "primary-changed": return .primaryChanged(volume: try scalar(value, what: "volume"))
        case "epoch-advanced": return .epochAdvanced(volume: try scalar(value, what: "volume"))
        case "caught-up-incrementally", "caught-up-by-full-copy", "catch-up-bytes-below":
            let allowed: Set<String> =
                name == "catch-up-bytes-below" ? ["volume", "node", "bytes"] : ["volume", "node"]
            let fields = try mapping(value, what: name, allowed: allowed)
            guard let volumeNode = fields["volume"], let node = fields["node"] else {
                throw ScenarioError("\(name) needs volume and node", at: value.position)
            }
            let volume = try scalar(volumeNode, what: "volume")
            let reference = try nodeReference(node, volume: volume)
            if name == "caught-up-incrementally" { return .caughtUp(volume: volume, node: reference, fullCopy: false) }
            if name == "caught-up-by-full-copy" { return .caughtUp(volume: volume, node: reference, fullCopy: true) }
            guard let bytes = fields["bytes"] else {
                throw ScenarioError("catch-up-bytes-below needs bytes", at: value.position)
            }
            return .catchUpBytesBelow(volume: volume, node: reference, bytes: try byteSize(bytes))
        case "in-sync-members":
            let fields = try mapping(value, what: name, allowed: ["volume", "count"])
            guard let volume = fields["volume"], let count = fields["count"] else {
                throw ScenarioError("in-sync-members needs volume and count", at: value.position)
            }
            return .inSyncMemberCount(
                volume: try scalar(volume, what: "volume"), count: try integer(count, what: "count", range: 0...9))
        case "holds-no-replica": return .holdsNoReplica(node: try nodeReference(value, volume: nil))
        case "primary-is", "primary-is-not", "in-sync", "syncing":
            let pair = try mapping(value, what: name, allowed: ["volume", "node"])
            guard let volumeNode = pair["volume"], let node = pair["node"] else {
                throw ScenarioError("\(name) needs volume and node", at: value.position)
            }
            let volume = try scalar(volumeNode, what: "volume")
            let reference = try nodeReference(node, volume: volume)
            if name == "primary-is" { return .primaryIs(volume: volume, node: reference) }
            if name == "primary-is-not" { return .primaryIsNot(volume: volume, node: reference) }
            if name == "syncing" { return .syncing(volume: volume, node: reference) }
            return .inSync(volume: volume, node: reference)
        case "writes-acknowledged":
            return .writesAcknowledged(moreThan: try integer(value, what: name, range: 0...Int.max))
        case "writes-acknowledged-since-fault":
            return .writesAcknowledgedSinceFault(moreThan: try integer(value, what: name, range: 0...Int.max))
        case "no-io-after-fence":
            if let fields = value.entries {
                let volume = fields.first { $0.key == "volume" }?.value.scalar
                guard let node = fields.first(where: { $0.key == "node" })?.value else {
                    throw ScenarioError("no-io-after-fence needs a node", at: value.position)
                }
                return .noIOAfterFence(node: try nodeReference(node, volume: volume))
            }
            return .noIOAfterFence(node: try nodeReference(value, volume: nil))
        case "io-stopped-within-lease": return .ioStoppedWithinLease(volume: try scalar(value, what: "volume"))
        case "alive": return .alive(node: try nodeReference(value, volume: nil))
        default: throw ScenarioError("unknown condition '\(name)'", at: position)
        }
    }

    // MARK: - Values

    static func mapping(
        _ node: YAMLNode, what: String, allowed: Set<String>?
    ) throws(ScenarioError) -> [(key: String, value: YAMLNode)] {
        guard let entries = node.entries else {
            throw ScenarioError("\(what) must be a mapping, not \(node.kind)", at: node.position)
        }
        if let allowed, let unknown = entries.first(where: { !allowed.contains($0.key) }) {
            throw ScenarioError(
                "unknown key '\(unknown.key)' in \(what); known: \(allowed.sorted().joined(separator: ", "))",
                at: unknown.value.position)
        }
        return entries
    }

    static func sequence(_ node: YAMLNode, what: String) throws(ScenarioError) -> [YAMLNode] {
        guard let items = node.items else {
            throw ScenarioError("\(what) must be a sequence, not \(node.kind)", at: node.position)
        }
        return items
    }

    static func scalar(_ node: YAMLNode, what: String) throws(ScenarioError) -> String {
        guard let text = node.scalar, !text.isEmpty else {
            throw ScenarioError("\(what) must be a plain value, not \(node.kind)", at: node.position)
        }
        return text
    }

    /// `64MiB`, `4096`: a size as `ByteSize` reads it.
    /// The smallest volume the control core creates.
    static let minimumVolumeBytes: UInt64 = 1 << 20

    /// Why the control core would refuse a volume name, or nil.
    static func volumeNameProblem(_ name: String) -> String? {
        NameRules.volumeNameProblem(name)
    }

    static func byteSize(_ node: YAMLNode) throws(ScenarioError) -> UInt64 {
        let text = try scalar(node, what: "a size")
        do {
            return try ByteSize.parse(text)
        } catch {
            throw ScenarioError("\(error)", at: node.position)
        }
    }

    static func integer(_ node: YAMLNode, what: String, range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let text = try scalar(node, what: what)
        guard let value = Int(text), range.contains(value) else {
            throw ScenarioError(
                "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                at: node.position)
        }
        return value
    }

    /// `2s`, `500ms`, `1.5s`, `2m`, or a bare number of seconds.
    static func duration(_ node: YAMLNode) throws(ScenarioError) -> Double {
        let text = try scalar(node, what: "a duration")
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let number = Double(text.dropLast(suffix.count)), number >= 0, number <= 3600 / scale {
                return number * scale
            }
        }
        if let number = Double(text), number >= 0, number <= 3600 { return number }
        throw ScenarioError("'\(text)' is not a duration such as 500ms, 2s or 1m (at most an hour)", at: node.position)
    }
}

extension ScenarioError {
    /// libyaml's messages already carry the position.
    var withoutDuplicatePosition: ScenarioError { ScenarioError(message, at: nil) }
}

extension [(key: String, value: YAMLNode)] {
    subscript(key: String) -> YAMLNode? { first { $0.key == key }?.value }
}
