import Foundation
import Testing

@testable import CSIPlugin

struct NodeSystemTests {
    @Test(arguments: [
        ("nbd://127.0.0.1:10809/pvc-1", NBDTarget(host: "127.0.0.1", port: 10809, exportName: "pvc-1")),
        ("nbd://[::1]:7/v", NBDTarget(host: "::1", port: 7, exportName: "v")),
        ("nbd://storage-2.example:10810/demo", NBDTarget(host: "storage-2.example", port: 10810, exportName: "demo")),
    ])
    func nbdAddressesAreRead(uri: String, expected: NBDTarget) {
        #expect(NBDTarget(uri: uri) == expected)
    }

    @Test(arguments: [
        "", "nbd://host/v", "nbd://host:port/v", "nbd://:1/v", "nbd://h:1/", "http://h:1/v", "nbd://h:70000/v",
    ])
    func malformedNBDAddressesAreRefused(uri: String) {
        #expect(NBDTarget(uri: uri) == nil)
    }

    @Test func theMountTableListsMountPointsWithEscapesDecoded() {
        let table = """
            22 1 0:21 / /proc rw,nosuid - proc proc rw
            40 28 43:0 / /var/lib/kubelet/pods/a/volumes/my\\040volume rw - ext4 /dev/nbd0 rw
            41 28 43:0 / /var/lib/kubelet/plugins/kubernetes.io/csi/volumeDevices/publish/pvc-1/uid rw - devtmpfs udev rw
            """
        let points = MountTable.mountPoints(mountInfo: table)
        #expect(points.contains("/proc"))
        #expect(points.contains("/var/lib/kubelet/pods/a/volumes/my volume"))
        #expect(points.contains("/var/lib/kubelet/plugins/kubernetes.io/csi/volumeDevices/publish/pvc-1/uid"))
        #expect(!points.contains("/var/lib/kubelet/pods/a/volumes/my\\040volume"))
        #expect(points.count == 3)
    }

    @Test func endpointsNameAnAbsoluteSocketPath() throws {
        #expect(try PluginServer.socketPath(endpoint: "unix:///csi/csi.sock") == "/csi/csi.sock")
        #expect(try PluginServer.socketPath(endpoint: "unix:/csi/csi.sock") == "/csi/csi.sock")
        #expect(try PluginServer.socketPath(endpoint: "/csi/csi.sock") == "/csi/csi.sock")
        for endpoint in ["tcp://127.0.0.1:10000", "unix://relative.sock", "", "unix://"] {
            #expect(throws: PluginStartError.self) { try PluginServer.socketPath(endpoint: endpoint) }
        }
    }
}
