import BlockfenceBase
import CShims
import Glibc

/// The network of a namespaced run, built from scratch and removed afterwards:
///
/// - a hub namespace holding three bridges: the control network, the client network and the
///   peer (replication) network;
/// - one namespace per server, with one veth pair into each bridge;
/// - two veth pairs from this namespace into the hub, for the control core and for the runner's
///   own NBD clients, so that nothing else in this namespace changes.
///
/// A partition sets the hub's end of a server's link down; healing sets it up again. Only the
/// namespaces and links created here are touched, and all by the names they were given here.
final class NetworkLab {
    enum LabError: Error, CustomStringConvertible {
        case command(String, status: Int32, log: String)

        var description: String {
            switch self {
            case .command(let line, let status, let log):
                "'\(line)' exited with status \(status) (network namespaces need root); see \(log)"
            }
        }
    }

    let tag: String
    let hub: String
    let subnetBase: Int
    let logPath: String
    let ipPath: String
    private var created: [String] = []
    private var hostLinks: [String] = []

    init(logPath: String) {
        let random = UInt32.random(in: 0...UInt32.max)
        tag = String(random % 0xfffff, radix: 16)
        hub = "bfs\(tag)hub"
        subnetBase = Self.subnetBase(random: random)
        self.logPath = logPath
        ipPath = Self.ipPath
    }

    static let ipPath: String =
        ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { (path: String) in access(path, X_OK) == 0 }
        ?? "ip"

    /// Three /24s in 10.237.0.0/16, which nothing in blockfence's own tests uses, skipping any
    /// that an interface of this namespace already has an address in (another run, for example).
    static func subnetBase(random: UInt32) -> Int {
        let used = addressesInUse()
        var candidate = Int(random >> 20) % 80
        for _ in 0..<80 {
            let base = candidate * 3 + 10
            if !(base...(base + 2)).contains(where: { used.contains("inet 10.237.\($0).") }) { return base }
            candidate = (candidate + 1) % 80
        }
        return Int(random >> 20) % 80 * 3 + 10
    }

    /// The text of `ip -o -4 addr show`, or "" when it cannot be run.
    static func addressesInUse() -> String {
        let path = "/tmp/blockfence-addresses-\(getpid())"
        defer { unlink(path) }
        let words = [ipPath, "-o", "-4", "addr", "show"]
        let pointers = words.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        let pid = pointers.withUnsafeBufferPointer { bf_spawn(ipPath, $0.baseAddress!, path) }
        guard pid > 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    var controlHostAddress: String { "10.237.\(subnetBase).254" }
    var clientHostAddress: String { "10.237.\(subnetBase + 1).254" }
    func namespace(of server: String) -> String { "bfs\(tag)\(server)" }
    func controlAddress(of index: Int) -> String { "10.237.\(subnetBase).\(10 + index)" }
    func clientAddress(of index: Int) -> String { "10.237.\(subnetBase + 1).\(10 + index)" }
    func peerAddress(of index: Int) -> String { "10.237.\(subnetBase + 2).\(10 + index)" }

    /// The hub, its bridges and this namespace's two links into it.
    func create(servers: [String]) throws {
        try ip(["netns", "add", hub])
        created.append(hub)
        try inHub(["link", "set", "dev", "lo", "up"])
        for network in ["ctl", "cli", "peer"] {
            try inHub(["link", "add", "name", "bridge\(network)", "type", "bridge"])
            try inHub(["link", "set", "dev", "bridge\(network)", "up"])
        }
        for (network, address) in [("ctl", controlHostAddress), ("cli", clientHostAddress)] {
            let link = "bfs\(tag)\(network)"
            try ip(["link", "add", "name", link, "type", "veth", "peer", "name", "host\(network)", "netns", hub])
            hostLinks.append(link)
            try inHub(["link", "set", "dev", "host\(network)", "master", "bridge\(network)", "up"])
            try ip(["addr", "add", "\(address)/24", "dev", link])
            try ip(["link", "set", "dev", link, "up"])
        }
        for (index, server) in servers.enumerated() {
            let namespace = namespace(of: server)
            try ip(["netns", "add", namespace])
            created.append(namespace)
            try ip(["-n", namespace, "link", "set", "dev", "lo", "up"])
            let links = [
                ("ctl", controlAddress(of: index)), ("cli", clientAddress(of: index)), ("peer", peerAddress(of: index)),
            ]
            for (network, address) in links {
                let hubEnd = "\(server)\(network)"
                try inHub(["link", "add", "name", hubEnd, "type", "veth", "peer", "name", network, "netns", namespace])
                try inHub(["link", "set", "dev", hubEnd, "master", "bridge\(network)", "up"])
                try ip(["-n", namespace, "addr", "add", "\(address)/24", "dev", network])
                try ip(["-n", namespace, "link", "set", "dev", network, "up"])
            }
        }
    }

    /// Sets the hub's ends of a server's links down (`up: false`) or up.
    func setLinks(of server: String, side: PartitionSide, up: Bool) throws {
        let networks: [String]
        switch side {
        case .control: networks = ["ctl"]
        case .peers: networks = ["peer"]
        case .clients: networks = ["cli"]
        case .all: networks = ["ctl", "cli", "peer"]
        }
        for network in networks { try inHub(["link", "set", "dev", "\(server)\(network)", up ? "up" : "down"]) }
    }

    /// Deletes what was created, by name; deleting a namespace deletes the links inside it.
    func destroy() {
        for namespace in created.reversed() { _ = try? ip(["netns", "del", namespace]) }
        created.removeAll()
        for link in hostLinks where access("/sys/class/net/\(link)", F_OK) == 0 { _ = try? ip(["link", "del", link]) }
        hostLinks.removeAll()
    }

    /// The arguments that run a command inside a server's namespace.
    func prefix(for server: String) -> (executable: String, arguments: [String]) {
        (ipPath, ["netns", "exec", namespace(of: server)])
    }

    private func inHub(_ arguments: [String]) throws { try ip(["-n", hub] + arguments) }

    private func ip(_ arguments: [String]) throws {
        let words = [ipPath] + arguments
        let pointers = words.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        let pid = pointers.withUnsafeBufferPointer { bf_spawn(ipPath, $0.baseAddress!, logPath) }
        guard pid > 0 else { throw SystemError.last("posix_spawn", subject: "ip") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw LabError.command(words.joined(separator: " "), status: status >> 8, log: logPath)
        }
    }
}
