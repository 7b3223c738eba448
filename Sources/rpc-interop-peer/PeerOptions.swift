import BlockfenceBase

/// `--name value` options as the peer's commands take them; a name given twice keeps both values.
struct PeerOptions {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Options that take no value.
    static let flagNames: Set<String> = ["--wait-for-ready", "--canonical-nan", "--single-entry-maps"]

    init(_ words: ArraySlice<String>) throws(PeerUsageError) {
        var remaining = words[...]
        while let word = remaining.popFirst() {
            guard word.hasPrefix("--") else { throw PeerUsageError("unexpected argument '\(word)'") }
            if PeerOptions.flagNames.contains(word) {
                flags.insert(word)
                continue
            }
            guard let value = remaining.popFirst() else { throw PeerUsageError("\(word) needs a value") }
            values[word, default: []].append(value)
        }
    }

    func string(_ name: String, default fallback: String = "") -> String {
        values[name]?.last ?? fallback
    }

    func strings(_ name: String) -> [String] {
        values[name] ?? []
    }

    func integer(_ name: String, default fallback: Int = 0) throws(PeerUsageError) -> Int {
        guard let text = values[name]?.last else { return fallback }
        guard let value = Int(text) else { throw PeerUsageError("\(name) needs a whole number, not '\(text)'") }
        return value
    }

    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    func address(_ name: String) throws(PeerUsageError) -> ListenAddress {
        do {
            return try ListenAddress.parse(string(name))
        } catch {
            throw PeerUsageError("\(name): \(error)")
        }
    }
}

struct PeerUsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
