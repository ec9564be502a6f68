/// A stable order of many entries by 64-bit keys, for the sorts of millions of population units.
enum StableOrder {
    /// Positions of `keys` in ascending key order, equal keys in position order (LSD radix sort,
    /// 16 bits a pass). The bit patterns of non-negative doubles (zero as +0) sort as their values.
    static func ascending(keys: [UInt64]) -> [UInt32] {
        let count = keys.count
        var keys = keys, order = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialised in
            for position in 0..<count { buffer[position] = UInt32(position) }
            initialised = count
        }
        var nextKeys = [UInt64](repeating: 0, count: count), nextOrder = [UInt32](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: UInt64(0), to: 64, by: 16) {
            let moved = counts.withUnsafeMutableBufferPointer { counts -> Bool in
                keys.withUnsafeBufferPointer { keys in
                    for k in counts.indices { counts[k] = 0 }
                    for key in keys { counts[Int((key >> shift) & 0xFFFF)] += 1 }
                    if counts.contains(count) { return false }  // one digit for all: nothing moves
                    var start = 0
                    for k in counts.indices { let c = counts[k]; counts[k] = start; start += c }
                    order.withUnsafeBufferPointer { order in
                        nextKeys.withUnsafeMutableBufferPointer { nextKeys in
                            nextOrder.withUnsafeMutableBufferPointer { nextOrder in
                                for position in 0..<count {
                                    let key = keys[position]
                                    let digit = Int((key >> shift) & 0xFFFF)
                                    let target = counts[digit]
                                    nextKeys[target] = key
                                    nextOrder[target] = order[position]
                                    counts[digit] = target + 1
                                }
                            }
                        }
                    }
                    return true
                }
            }
            if moved {
                swap(&keys, &nextKeys)
                swap(&order, &nextOrder)
            }
        }
        return order
    }
}
