import Testing

@testable import OperatorCLI

struct TextFormatTests {
    @Test(
        "Durations read in the largest sensible units",
        arguments: [
            (UInt64(0), "0 ms"), (850, "850 ms"), (1000, "1 s"), (2500, "2.5 s"), (59_940, "59.9 s"),
            (60_000, "1 min"), (725_000, "12 min 5 s"), (3_723_000, "1 h 2 min"), (7_200_000, "2 h"),
            (187_200_000, "2 d 4 h"),
        ])
    func durations(milliseconds: UInt64, text: String) {
        #expect(TextFormat.duration(milliseconds: milliseconds) == text)
    }

    @Test("Times are printed in UTC whatever the machine's zone, and zero reads never")
    func timestamps() {
        #expect(TextFormat.timestamp(unixMilliseconds: 1_714_564_800_000) == "2024-05-01 12:00:00 UTC")
        #expect(TextFormat.timestamp(unixMilliseconds: 1_000) == "1970-01-01 00:00:01 UTC")
        #expect(TextFormat.timestamp(unixMilliseconds: 0) == "never")
    }

    @Test("Ages count back from now, and a time ahead of this clock reads just now")
    func ages() {
        #expect(TextFormat.age(ofUnixMilliseconds: 9_600, now: 10_000) == "400 ms ago")
        #expect(TextFormat.age(ofUnixMilliseconds: 10_000, now: 75_000) == "1 min 5 s ago")
        #expect(TextFormat.age(ofUnixMilliseconds: 11_000, now: 10_000) == "just now")
        #expect(TextFormat.age(ofUnixMilliseconds: 0, now: 10_000) == "never")
    }

    @Test("Control characters from the control core cannot reach the terminal")
    func printable() {
        #expect(TextFormat.printable("node-1") == "node-1")
        #expect(TextFormat.printable("evil\u{1B}[2Jname\nnext\u{9B}") == "evil?[2Jname?next?")
        #expect(TextFormat.printable("Größe") == "Größe")
    }

    @Test("Seconds drop a zero fraction")
    func seconds() {
        #expect(TextFormat.seconds(10) == "10 s")
        #expect(TextFormat.seconds(0.5) == "0.5 s")
    }

    @Test("Lists join with commas or read none")
    func lists() {
        #expect(TextFormat.list([]) == "none")
        #expect(TextFormat.list(["a", "b\n"]) == "a, b?")
    }
}

struct TextTableTests {
    @Test("Columns are left-aligned two spaces apart, with no trailing spaces")
    func alignment() {
        let table = TextTable(
            headers: ["NAME", "SIZE", "ATTACHED TO"], rows: [["pg-data", "10 GiB", ""], ["a", "1 MiB", "w1"]])
        let expected = """
            NAME     SIZE    ATTACHED TO
            pg-data  10 GiB
            a        1 MiB   w1
            """
        #expect(table.rendered() == expected)
    }

    @Test("Pairs align their values and may be indented")
    func pairs() {
        let table = TextTable(pairs: [("epoch", "7"), ("in-sync members", "n1, n2")])
        #expect(table.rendered(indent: 2) == "  epoch            7\n  in-sync members  n1, n2")
    }

    @Test("A cell with a control character cannot break a row")
    func sanitizesCells() {
        let table = TextTable(headers: ["NAME"], rows: [["two\nlines"]])
        #expect(table.rendered() == "NAME\ntwo?lines")
    }
}
