/// Chooses the nodes of a new volume's replicas.
enum Placement {
    struct Candidate: Equatable {
        let name: String
        let replicas: Int
        let primaries: Int
    }

    /// `count` candidates: the preferred ones that are candidates first, in the order given, then
    /// the least loaded, fewest replicas first, then fewest primaries, then by name so that equal
    /// loads place the same way every time. Nil when there are not enough.
    static func choose(_ count: Int, from candidates: [Candidate], preferring preferred: [String] = []) -> [String]? {
        guard candidates.count >= count else { return nil }
        let first = preferred.reduce(into: [String]()) { chosen, name in
            if candidates.contains(where: { $0.name == name }) && !chosen.contains(name) { chosen.append(name) }
        }
        let ordered = candidates.filter { !first.contains($0.name) }.sorted { left, right in
            (left.replicas, left.primaries, left.name) < (right.replicas, right.primaries, right.name)
        }
        return Array((first + ordered.map(\.name)).prefix(count))
    }
}
