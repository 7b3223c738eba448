/// Chooses the nodes of a new volume's replicas.
enum Placement {
    struct Candidate: Equatable {
        let name: String
        let replicas: Int
        let primaries: Int
    }

    /// The `count` least loaded candidates, fewest replicas first, then fewest primaries, then by
    /// name so that equal loads place the same way every time. Nil when there are not enough.
    static func choose(_ count: Int, from candidates: [Candidate]) -> [String]? {
        guard candidates.count >= count else { return nil }
        let ordered = candidates.sorted { left, right in
            (left.replicas, left.primaries, left.name) < (right.replicas, right.primaries, right.name)
        }
        return ordered.prefix(count).map(\.name)
    }
}
