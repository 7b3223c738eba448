import BlockfenceBase
import Testing

@testable import OperatorCLI

struct InputValidationTests {
    @Test(
        "Volume names the control API accepts pass unchanged",
        arguments: ["pg-data", "a", "0", "db.v2", "x_y", "9lives", String(repeating: "a", count: 128)])
    func acceptsValidNames(name: String) throws {
        #expect(try InputValidation.volumeName(name) == name)
    }

    static let invalidNames: [(name: String, says: String)] = [
        ("", "a volume name is required"),
        ("PG", "contains 'P'"),
        ("pg data", "contains a space"),
        ("pg/data", "contains '/'"),
        ("pg\tdata", "contains the character U+0009"),
        ("bücher", "contains 'ü'"),
        ("-data", "must start with a lower-case letter or a digit"),
        (".hidden", "must start with a lower-case letter or a digit"),
        ("_x", "must start with a lower-case letter or a digit"),
        (String(repeating: "a", count: 129), "129 characters long; at most 128"),
    ]

    @Test("Volume names outside the control API's rules are refused with the reason", arguments: invalidNames)
    func refusesInvalidNames(name: String, says: String) {
        #expect(throws: OperatorError.self) { try InputValidation.volumeName(name) }
        #expect(usageMessage { try InputValidation.volumeName(name) }.contains(says))
    }

    @Test("A volume reference may be a name or an id the control core chose", arguments: ["pg-data", "9F2C-AB", "v:1"])
    func acceptsReferences(reference: String) throws {
        #expect(try InputValidation.volumeReference(reference) == reference)
    }

    @Test(
        "References that can be neither a name nor an id are refused",
        arguments: [("", "is required"), ("a b", "a space"), ("a\nb", "U+000A")])
    func refusesReferences(reference: String, says: String) {
        #expect(usageMessage { try InputValidation.volumeReference(reference) }.contains(says))
    }

    @Test("A node option names the option when its value is missing")
    func nodeNameMessages() throws {
        #expect(try InputValidation.nodeName("worker-1", option: "--node") == "worker-1")
        #expect(usageMessage { try InputValidation.nodeName("", option: "--to") } == "--to needs a node name")
        #expect(usageMessage { try InputValidation.nodeName("a b", option: "--node") }.contains("is not a node name"))
    }

    @Test(
        "Sizes are whole 4 KiB blocks of at least 1 MiB",
        arguments: [
            ("1MiB", UInt64(1 << 20)), ("64MiB", 64 << 20), ("10GiB", 10 << 30), ("1052672", 1_052_672),
            ("1.5MiB", 1_572_864),
        ])
    func acceptsSizes(text: String, bytes: UInt64) throws {
        #expect(try InputValidation.volumeSize(text) == bytes)
    }

    static let invalidSizes: [(text: String, says: String)] = [
        ("", "--size: a size is required"),
        ("abc", "--size: 'abc' is not a size"),
        ("12QB", "unknown size unit"),
        ("20000PiB", "does not fit in 64 bits"),
        ("512KiB", "below the smallest volume size, 1 MiB"),
        ("0", "below the smallest volume size"),
        ("1000000000", "is not a multiple of 4096 bytes; 1000001536 would be"),
        ("1049000", "(1049000 bytes) is not a multiple of 4096 bytes; 1052672 would be"),
    ]

    @Test("Sizes that are not whole blocks of at least 1 MiB are refused", arguments: invalidSizes)
    func refusesSizes(text: String, says: String) {
        let message = usageMessage { try InputValidation.volumeSize(text) }
        #expect(message.contains(says), "\(message)")
    }

    @Test("The largest size that is not a whole block is refused without a suggestion that would overflow")
    func refusesLargestSize() {
        let message = usageMessage { try InputValidation.volumeSize(String(UInt64.max)) }
        #expect(message.hasSuffix("is not a multiple of 4096 bytes"))
    }

    @Test("Replica counts are 1, 2 or 3")
    func replicaCounts() throws {
        for count in ["1", "2", "3"] { #expect(try InputValidation.replicaCount(count) == UInt32(count)) }
        for text in ["0", "4", "-1", "two", "", "2.0"] {
            #expect(usageMessage { try InputValidation.replicaCount(text) }.hasPrefix("--replicas must be 1, 2 or 3"))
        }
    }

    @Test("Parameters are KEY=VALUE, the value may hold '=' or be empty, and each key comes once")
    func parameters() throws {
        let parsed = try InputValidation.parameters(["fs=ext4", "options=a=b", "empty="])
        #expect(parsed == ["fs": "ext4", "options": "a=b", "empty": ""])
        #expect(usageMessage { try InputValidation.parameters(["novalue"]) }.contains("needs KEY=VALUE"))
        #expect(usageMessage { try InputValidation.parameters(["=x"]) }.contains("needs a KEY"))
        #expect(usageMessage { try InputValidation.parameters(["a=1", "a=2"]) }.contains("given twice"))
    }

    @Test("Timeouts are seconds above 0 and at most an hour")
    func timeouts() throws {
        #expect(try InputValidation.timeoutSeconds("10") == 10)
        #expect(try InputValidation.timeoutSeconds("0.25") == 0.25)
        #expect(try InputValidation.timeoutSeconds("3600") == 3600)
        for text in ["0", "-1", "3601", "abc", "", "nan", "inf"] {
            #expect(usageMessage { try InputValidation.timeoutSeconds(text) }.hasPrefix("--timeout must be"))
        }
    }

    @Test("Output formats are table and json only")
    func outputFormats() throws {
        #expect(try InputValidation.outputFormat("table") == .table)
        #expect(try InputValidation.outputFormat("json") == .json)
        #expect(
            usageMessage { try InputValidation.outputFormat("yaml") } == "--output must be table or json; got 'yaml'")
    }

    @Test("Control addresses are host:port or unix:/path, and a bad one names where it came from")
    func controlAddresses() throws {
        #expect(
            try InputValidation.controlAddress("127.0.0.1:7400", source: "--control")
                == .tcp(host: "127.0.0.1", port: 7400))
        #expect(
            try InputValidation.controlAddress("unix:/run/c.sock", source: "--control") == .unix(path: "/run/c.sock"))
        #expect(try InputValidation.controlAddress("[::1]:7400", source: "--control") == .tcp(host: "::1", port: 7400))
        let message = usageMessage { try InputValidation.controlAddress("nowhere", source: "BLOCKFENCE_CONTROL") }
        #expect(message.hasPrefix("BLOCKFENCE_CONTROL 'nowhere' is not a control core address"))
        #expect(
            usageMessage { try InputValidation.controlAddress("unix:", source: "--control") }.contains("needs a path"))
        #expect(usageMessage { try InputValidation.controlAddress("h:70000", source: "--control") }.contains("port"))
    }
}

/// The message of the usage error `body` throws, or a description of what happened instead.
func usageMessage<Value>(_ body: () throws -> Value) -> String {
    do {
        let value = try body()
        return "no error; returned \(value)"
    } catch {
        guard case .usage(let message) = error as? OperatorError else { return "not a usage error: \(error)" }
        return message
    }
}
