import NBDKernel
import Testing

@testable import CSIPlugin

struct KernelAttacherTests {
    @Test func theAttacherPicksTheLowestUnconnectedDeviceNotReservedOrRecorded() {
        let devices = [10, 0, 2, 1].map { NBDDeviceStatus(index: UInt32($0), connected: $0 == 0) }
        #expect(KernelAttacher.firstFree(devices, excluding: []) == "/dev/nbd1")
        #expect(KernelAttacher.firstFree(devices, excluding: ["/dev/nbd1"]) == "/dev/nbd2")
        #expect(KernelAttacher.firstFree(devices, excluding: ["/dev/nbd1", "/dev/nbd2"]) == "/dev/nbd10")
        #expect(KernelAttacher.firstFree(devices, excluding: ["/dev/nbd1", "/dev/nbd2", "/dev/nbd10"]) == nil)
        #expect(KernelAttacher.firstFree([], excluding: []) == nil)
    }
}
