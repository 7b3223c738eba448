import BlockfenceBase
import Glibc

extension ScenarioRunner {
    struct Outcome {
        var holds: Bool
        var detail: String
    }

    func evaluate(_ condition: Condition) -> Outcome {
        switch condition {
        case .healthy(let volume):
            return volumeOutcome(volume) { $0.healthy && !$0.nbdURI.isEmpty }
        case .serving(let volume):
            return volumeOutcome(volume) { !$0.nbdURI.isEmpty }
        case .primaryChanged(let volume):
            let before = mark.volumes[volume]?.primary ?? ""
            return volumeOutcome(volume) { !$0.nbdURI.isEmpty && $0.primary != before && !$0.primary.isEmpty }
        case .epochAdvanced(let volume):
            let before = mark.volumes[volume]?.epoch ?? 0
            return volumeOutcome(volume) { $0.epoch > before }
        case .primaryIs(let volume, let reference):
            let node = resolve(reference)
            return volumeOutcome(volume) { !$0.nbdURI.isEmpty && $0.primary == node }
        case .primaryIsNot(let volume, let reference):
            let node = resolve(reference)
            return volumeOutcome(volume) { !$0.primary.isEmpty && $0.primary != node }
        case .inSync(let volume, let reference):
            let node = resolve(reference)
            return volumeOutcome(volume) { $0.inSyncMembers.contains(node) }
        case .writesAcknowledged(let count):
            let acknowledged = writeLog.acknowledgedCount()
            return Outcome(holds: acknowledged > count, detail: "\(acknowledged) writes acknowledged")
        case .writesAcknowledgedSinceFault(let count):
            let acknowledged = writeLog.acknowledgedCount(after: mark.timeMilliseconds)
            return Outcome(
                holds: acknowledged > count, detail: "\(acknowledged) writes acknowledged since the last fault")
        case .noIOAfterFence(let reference):
            let node = resolve(reference)
            return historyOutcome { history in
                let problems = InvariantChecker.writesByFencedServers(
                    writeLog.all.filter { $0.node == node }, history: history)
                return Outcome(
                    holds: problems.isEmpty,
                    detail: problems.isEmpty ? "\(node) acknowledged writes only while primary" : summary(problems))
            }
        case .ioStoppedWithinLease(let volume):
            let node = mark.volumes[volume]?.primary ?? ""
            let deadline = mark.timeMilliseconds + Double(scenario.cluster.leaseMilliseconds)
            return historyOutcome { history in
                let late = InvariantChecker.lateAcknowledgements(
                    writeLog.all, node: node, deadline: deadline, history: history)
                let last = writeLog.all.filter { $0.node == node && $0.acknowledged }.map(\.answeredAtMilliseconds)
                    .max()
                let lastText = last.map {
                    "its last acknowledgement came \(Int($0 - mark.timeMilliseconds)) ms after the fault"
                }
                return Outcome(
                    holds: late.isEmpty,
                    detail: late.isEmpty
                        ? "\(node): " + (lastText ?? "acknowledged nothing")
                        : "\(node) acknowledged \(late.count) writes more than a lease after the fault, "
                            + "the first at +\(Int(late[0].answeredAtMilliseconds - mark.timeMilliseconds)) ms")
            }
        case .syncing(let volume, let reference):
            let node = resolve(reference)
            return volumeOutcome(volume) { $0.syncingNodes.contains(node) }
        case .inSyncMemberCount(let volume, let count):
            return volumeOutcome(volume) { $0.inSyncMembers.count == count }
        case .holdsNoReplica(let reference):
            let node = resolve(reference)
            guard let link = controlLink, case .success(let volumes) = link.volumes() else {
                return Outcome(holds: false, detail: "the control core did not answer")
            }
            let holding = volumes.filter { $0.value.replicaNodes.contains(node) }.keys.sorted()
            return Outcome(
                holds: holding.isEmpty,
                detail: holding.isEmpty
                    ? "no replica on \(node) among \(volumes.count) volumes"
                    : "\(node) holds replicas of \(holding.joined(separator: ", "))")
        case .caughtUp(let volume, let reference, let fullCopy):
            let node = resolve(reference)
            guard let catchUp = lastCatchUp(volume: volume, member: node) else {
                return Outcome(holds: false, detail: "no catch-up of \(node) on \(volume) finished")
            }
            return Outcome(holds: catchUp.fullCopy == fullCopy, detail: catchUp.description)
        case .catchUpBytesBelow(let volume, let reference, let bytes):
            let node = resolve(reference)
            guard let catchUp = lastCatchUp(volume: volume, member: node) else {
                return Outcome(holds: false, detail: "no catch-up of \(node) on \(volume) finished")
            }
            return Outcome(holds: catchUp.bytesCopied < bytes, detail: catchUp.description)
        case .alive(let reference):
            let node = resolve(reference)
            guard let link = controlLink, case .success(let alive) = link.aliveNodes() else {
                return Outcome(holds: false, detail: "the control core did not answer")
            }
            return Outcome(holds: alive.contains(node), detail: "alive: \(alive.sorted().joined(separator: ", "))")
        }
    }

    func resolve(_ reference: NodeReference) -> String {
        switch reference {
        case .named(let name): name
        case .previousPrimary(let volume): mark.volumes[volume]?.primary ?? ""
        }
    }

    func volumeOutcome(_ volume: String, _ test: (VolumeState) -> Bool) -> Outcome {
        guard let link = controlLink else { return Outcome(holds: false, detail: "no control core") }
        switch link.volume(volume) {
        case .success(let state):
            lastKnown[volume] = state
            return Outcome(
                holds: test(state),
                detail: "primary \(state.primary.isEmpty ? "none" : state.primary) at epoch \(state.epoch), "
                    + "in sync \(state.inSyncMembers.joined(separator: ",")), "
                    + (state.nbdURI.isEmpty ? "not served" : "served") + (state.healthy ? ", healthy" : ""))
        case .failure(let error):
            return Outcome(holds: false, detail: "the control core did not answer: \(error)")
        }
    }

    func historyOutcome(_ check: ([AssignmentRecord]) -> Outcome) -> Outcome {
        guard let workload = scenario.workload, let id = lastKnown[workload.volume]?.id else {
            return Outcome(holds: false, detail: "the written volume is unknown")
        }
        do {
            return check(try AssignmentHistory.read(databasePath: databasePath, volumeID: id))
        } catch {
            return Outcome(holds: false, detail: "\(error)")
        }
    }

    func restoreCluster() {
        if let lab {
            for name in scenario.cluster.serverNames { try? lab.setLinks(of: name, side: .all, up: true) }
        }
        for process in [control].compactMap({ $0 }) + scenario.cluster.serverNames.compactMap({ servers[$0] }) {
            if process.running {
                process.signal(SIGCONT)
            } else {
                do {
                    try process.start()
                } catch {
                    logger.error(
                        "Cannot start a process again for the final checks.", ["process": process.name, "error": error])
                }
            }
        }
    }

    func summary(_ problems: [String]) -> String {
        problems.prefix(3).joined(separator: "; ") + (problems.count > 3 ? "; and \(problems.count - 3) more" : "")
    }

    /// The checks every run with a workload ends with: every acknowledged write reads back from
    /// the final primary, and no write was acknowledged by a server that was not primary then.
    ///
    /// Before reading, the cluster is made whole again: frozen processes continue, every link is
    /// up, and processes the scenario killed are started again. Acknowledged writes must survive
    /// all of that (they were durable on every in-sync member), and a scenario that stopped early
    /// still gets a meaningful read-back.
    func finalChecks() {
        stopWriter()
        guard let workload = scenario.workload else { return }
        restoreCluster()
        let log = writeLog.all
        guard !log.isEmpty else {
            record(Verdict(line: nil, check: "the writer wrote", passed: false, detail: "no write was attempted"))
            return
        }
        let served =
            (try? waitFor("the volume to be served for the final read", seconds: 60) {
                guard case .success(let state)? = controlLink?.volume(workload.volume), !state.nbdURI.isEmpty else {
                    return false
                }
                lastKnown[workload.volume] = state
                return true
            }) != nil
        var readBack = Verdict(line: nil, check: "every acknowledged write reads back", passed: false, detail: "")
        if served, let state = lastKnown[workload.volume] {
            do {
                let client = try NBDClient(uri: state.nbdURI, timeoutSeconds: 10)
                let problems = try InvariantChecker.lostWrites(log, blocks: workload.blocks) { block in
                    let data = try client.read(offset: UInt64(block * workload.blockBytes), length: workload.blockBytes)
                    return BlockPattern.decode(data, block: block)
                }
                readBack.passed = problems.isEmpty
                let checked = log.filter(\.acknowledged).count
                readBack.detail =
                    problems.isEmpty
                    ? "\(checked) acknowledged writes checked on \(state.primary) at epoch \(state.epoch)"
                    : summary(problems)
            } catch {
                readBack.detail = "cannot read the volume back: \(error)"
            }
        } else {
            readBack.detail = "the volume was not served within 60 s"
        }
        record(readBack)
        let fence = historyOutcome { history in
            let problems = InvariantChecker.writesByFencedServers(log, history: history)
            return Outcome(
                holds: problems.isEmpty,
                detail: problems.isEmpty
                    ? "\(log.filter(\.acknowledged).count) acknowledgements, each by the primary of its moment "
                        + "(\(history.count) assignments)"
                    : summary(problems))
        }
        record(
            Verdict(
                line: nil, check: "only the primary of the moment acknowledged writes", passed: fence.holds,
                detail: fence.detail))
    }
}
