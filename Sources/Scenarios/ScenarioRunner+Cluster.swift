import BlockfenceBase
import Glibc

extension ScenarioRunner {
    /// The network (when the scenario partitions), the control core, the servers, and the writer.
    func startCluster() throws {
        try makeDirectories(options.workDirectory + "/logs")
        // A child started below ends when this process does, even if it is killed.
        setenv("BLOCKFENCE_SUPERVISOR_PID", String(getpid()), 1)
        let cluster = scenario.cluster
        let names = cluster.serverNames
        var controlAddress = "127.0.0.1:\(try freePort())"
        if scenario.needsNamespaces {
            let lab = NetworkLab(logPath: options.workDirectory + "/logs/network.log")
            self.lab = lab
            try lab.create(servers: names)
            controlAddress = "\(lab.controlHostAddress):7400"
        }
        let control = ManagedProcess(
            name: "control", executable: options.executable,
            arguments: [
                "control", "--data-dir", options.workDirectory + "/control", "--listen", controlAddress,
                "--listen", "unix:\(options.workDirectory)/control.sock", "--lease-ms",
                String(cluster.leaseMilliseconds),
                "--heartbeat-interval-ms", String(cluster.heartbeatMilliseconds),
                "--lease-margin-ms", String(cluster.leaseMarginMilliseconds), "--log-level", "debug",
            ],
            logPath: options.workDirectory + "/logs/control.log")
        self.control = control
        try control.start()
        let link = try ControlLink(address: controlAddress)
        controlLink = link
        try waitFor("the control core to answer", seconds: 30) {
            if case .success = link.aliveNodes() { return true }
            return false
        }

        for (index, name) in names.enumerated() {
            var listen = "127.0.0.1:\(try freePort())"
            var replication = "127.0.0.1:\(try freePort())"
            var executable = options.executable
            var prefix: [String] = []
            if let lab {
                listen = "\(lab.clientAddress(of: index)):10809"
                replication = "\(lab.peerAddress(of: index)):7410"
                (executable, prefix) = lab.prefix(for: name)
                prefix.append(options.executable)
            }
            serverAddresses[listen] = name
            let server = ManagedProcess(
                name: name, executable: executable,
                arguments: prefix + [
                    "server", "--name", name, "--data-dir", "\(options.workDirectory)/nodes/\(name)", "--listen",
                    listen,
                    "--replication-listen", replication, "--control", controlAddress, "--log-level", "debug",
                ],
                logPath: "\(options.workDirectory)/logs/\(name).log")
            servers[name] = server
            try server.start()
        }
        try waitFor("every server to register", seconds: 30) {
            if case .success(let alive) = link.aliveNodes() { return Set(names).isSubset(of: alive) }
            return false
        }
        if let workload = scenario.workload {
            writer = Writer(
                workload: workload, control: link, servers: serverAddresses, log: writeLog,
                logger: logger.scoped("writer"))
        }
    }

    func createVolumes() throws {
        for spec in scenario.volumes { try createVolume(spec) }
    }

    /// Creates a volume and waits until its primary serves it.
    func createVolume(_ spec: VolumeSpec) throws {
        guard let link = controlLink else { throw StepError("no control core") }
        if case .failure(let error) = link.createVolume(spec) { throw error }
        try waitFor("volume \(spec.name) to be served", seconds: 30) {
            guard case .success(let state) = link.volume(spec.name), !state.nbdURI.isEmpty else { return false }
            lastKnown[spec.name] = state
            // A volume created after the last fault compares with itself as created.
            if mark.volumes[spec.name] == nil { mark.volumes[spec.name] = state }
            return true
        }
    }

    func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = wallMilliseconds() + seconds * 1000
        while !condition() {
            guard !interruption.isInterrupted else { throw StepError("interrupted while waiting for \(what)") }
            guard wallMilliseconds() < deadline else {
                throw StepError("timed out after \(durationText(seconds)) s waiting for \(what)")
            }
            usleep(100_000)
        }
    }

    /// Ends the writer, every process by its PID (servers first), and the network; reports any
    /// process that crashed or exited without being told to.
    func cleanUp() {
        stopWriter()
        var problems: [String] = []
        let processes = scenario.cluster.serverNames.compactMap { servers[$0] } + [control].compactMap { $0 }
        for process in processes {
            process.terminate()
            problems += process.unexpectedExits.map { "\(process.name) \($0)" }
            if let crash = process.crashReport() { problems.append("\(process.name) crashed: \(crash)") }
        }
        lab?.destroy()
        lab = nil
        if !interruption.isInterrupted {
            record(
                Verdict(
                    line: nil, check: "no process crashed or exited unasked", passed: problems.isEmpty,
                    detail: problems.isEmpty ? "every process ended when told to" : problems.joined(separator: "; ")))
        }
    }

    func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError.last("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw SystemError.last("bind") }
        return UInt16(bigEndian: address.sin_port)
    }

    func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw SystemError.last("mkdir", subject: current) }
        }
    }
}
