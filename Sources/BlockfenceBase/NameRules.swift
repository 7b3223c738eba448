/// The rule for volume and node names, in one place for the control core, which enforces it, and
/// for the tools that check a request before sending it (the scenario runner).
public enum NameRules {
    public static let maximumCharacters = 128

    /// Why a volume or node name is refused, or nil: lower-case letters, digits, '-', '.', '_',
    /// starting with a letter or digit, at most 128 characters.
    public static func problem(_ name: String) -> String? {
        // An empty name could not be told apart from a missing one.
        guard let first = name.unicodeScalars.first else { return "it is empty" }
        // Names become paths on nodes and parts of NBD URIs; keep them short.
        guard name.unicodeScalars.count <= maximumCharacters else {
            return "it has \(name.unicodeScalars.count) characters; at most \(maximumCharacters) are allowed"
        }
        // Punctuation first would read as an option or a hidden file.
        guard isLowercaseLetterOrDigit(first) else { return "it must start with a lower-case letter or a digit" }
        // Anything else could need escaping somewhere.
        if let bad = name.unicodeScalars.first(where: {
            !isLowercaseLetterOrDigit($0) && !"-._".unicodeScalars.contains($0)
        }) {
            return "'\(bad.escaped(asASCII: true))' is not allowed; use lower-case letters, digits, '-', '.' and '_'"
        }
        return nil
    }

    /// Why a name for a new volume is refused, or nil: the name rule, and not the form of an id.
    /// Requests name a volume by its name or by its id, and ids are UUIDs: a name of that form
    /// could stand for another volume's id, and a lookup would pick the wrong one.
    public static func volumeNameProblem(_ name: String) -> String? {
        if let problem = problem(name) { return problem }
        if hasVolumeIDForm(name) { return "it has the form of a volume id (a UUID), which names cannot have" }
        return nil
    }

    /// The form of a volume id: 8-4-4-4-12 hexadecimal digits, in any case.
    public static func hasVolumeIDForm(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    private static func isLowercaseLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
