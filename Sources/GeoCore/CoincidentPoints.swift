/// Points at identical coordinates (`==`, so 0 and -0 are one point), grouped: lieux that stand at
/// one place are reported, merged for the geometry work and add up their capacities by these groups.
public enum CoincidentPoints {
    /// The indices of `points` at each distinct point: groups in order of first occurrence, indices
    /// ascending in each.
    public static func groups(_ points: [XY]) -> [[Int]] {
        var groupAt: [XY: Int] = [:]
        var groups: [[Int]] = []
        for (index, point) in points.enumerated() {
            if let group = groupAt[point] {
                groups[group].append(index)
            } else {
                groupAt[point] = groups.count
                groups.append([index])
            }
        }
        return groups
    }
}
