import BlockfenceBase
import Testing

@testable import NBDKernel

struct NBDTargetTests {
    static let valid: [(String, NBDTarget)] = [
        ("nbd://127.0.0.1:10810/demo", NBDTarget(address: .tcp(host: "127.0.0.1", port: 10810), exportName: "demo")),
        ("nbd://storage-1/pg-data", NBDTarget(address: .tcp(host: "storage-1", port: 10809), exportName: "pg-data")),
        ("nbd://[::1]:7000/v", NBDTarget(address: .tcp(host: "::1", port: 7000), exportName: "v")),
        ("nbd://[::1]/v", NBDTarget(address: .tcp(host: "::1", port: 10809), exportName: "v")),
        ("nbd://10.0.0.1:1", NBDTarget(address: .tcp(host: "10.0.0.1", port: 1), exportName: "")),
        (
            "nbd+unix:///demo?socket=/run/nbd.sock",
            NBDTarget(address: .unix(path: "/run/nbd.sock"), exportName: "demo")
        ),
    ]

    @Test("NBD URIs as the control core gives them out are read", arguments: valid)
    func parsesURIs(uri: String, expected: NBDTarget) throws {
        #expect(try NBDTarget.parse(uri: uri) == expected)
    }

    static let invalid: [(String, NBDTarget.ParseError)] = [
        ("", .unsupportedScheme("")),
        ("http://host/demo", .unsupportedScheme("http://host/demo")),
        ("nbd+unix:///demo", .missingSocketPath("nbd+unix:///demo")),
        ("nbd+unix:///demo?socket=", .missingSocketPath("nbd+unix:///demo?socket=")),
        ("nbd://host:99999/demo", .invalidAddress("nbd://host:99999/demo", .invalidPort("99999"))),
    ]

    @Test("Other URIs are refused with the reason", arguments: invalid)
    func refusesOtherURIs(uri: String, expected: NBDTarget.ParseError) {
        #expect(throws: expected) { try NBDTarget.parse(uri: uri) }
    }

    @Test("A client behind NAT reaches the announced port through another host")
    func reachesThroughAnotherHost() throws {
        let target = try NBDTarget.parse(uri: "nbd://127.0.0.1:10810/demo")
        #expect(target.reached(through: "10.0.2.2").address == .tcp(host: "10.0.2.2", port: 10810))
        #expect(target.reached(through: nil) == target)
        #expect(target.reached(through: "10.0.2.2").exportName == "demo")
    }

    static let devices: [(String, UInt32?)] = [
        ("/dev/nbd0", 0), ("/dev/nbd15", 15), ("3", 3), ("/dev/nbd", nil), ("/dev/sda", nil), ("/dev/nbd-1", nil),
        ("nbd0", nil), ("", nil),
    ]

    @Test("Device paths name an NBD device by its number", arguments: devices)
    func readsDeviceIndexes(path: String, expected: UInt32?) throws {
        if let expected {
            #expect(try NBDDevices.index(of: path) == expected)
        } else {
            #expect(throws: NBDKernelError.self) { try NBDDevices.index(of: path) }
        }
    }
}
