/// A binary min-heap of (key, vertex) pairs for the searches on the road network. Stale
/// entries are left in and skipped by the caller (lazy deletion), which is cheaper than a
/// decrease-key on graphs whose vertices have three or four edges.
struct MinHeap {
    private(set) var items: [(key: Double, vertex: Int32)] = []

    var isEmpty: Bool { items.isEmpty }
    var minimum: Double? { items.first?.key }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Double, _ vertex: Int32) {
        items.append((key, vertex))
        var i = items.count - 1
        while i > 0 {
            let up = (i - 1) / 2
            if items[up].key <= key { break }
            items.swapAt(up, i)
            i = up
        }
    }

    mutating func pop() -> (key: Double, vertex: Int32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && items[l].key < items[m].key { m = l }
                if r < n && items[r].key < items[m].key { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}
