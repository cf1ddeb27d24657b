import BlueWatchCore

/// Encodes a block of observations compactly and losslessly:
///
/// - times as milliseconds: a regular axis is stored as (start, step); an irregular one as
///   zig-zag varint deltas;
/// - values: if every finite value is exactly `n / 10^k` for integers `n` and `k ≤ 6` (a
///   gauge's mm or 0.1 mm resolution), as zig-zag varint deltas of `n`; otherwise as raw
///   64-bit floats. Missing values as a run-length mask. Decoding gives back the same bits;
///   ``encodeValues(_:)`` checks that before choosing the compact form;
/// - flags as run-length pairs.
///
/// A 50-year hourly record takes about 1.3 bytes per value this way (Docs/PERFORMANCE.md).
public enum ObservationCodec {
    // MARK: times

    public static func encodeTimes(_ times: [Double]) -> [UInt8] {
        let ms = times.map { Int64(($0 * 1000).rounded()) }
        var out: [UInt8] = []
        if ms.count >= 2 {
            let step = ms[1] - ms[0]
            if zip(ms, ms.dropFirst()).allSatisfy({ $1 - $0 == step }) {
                out.append(1)
                putVarint(&out, zigzag(ms[0]))
                putVarint(&out, zigzag(step))
                putVarint(&out, UInt64(ms.count))
                return out
            }
        }
        out.append(2)
        putVarint(&out, UInt64(ms.count))
        var previous: Int64 = 0
        for t in ms { putVarint(&out, zigzag(t - previous)); previous = t }
        return out
    }

    public static func decodeTimes(_ bytes: [UInt8]) throws(StoreError) -> [Double] {
        var reader = ByteReader(bytes)
        switch try reader.byte() {
        case 1:
            let start = unzigzag(try reader.varint()), step = unzigzag(try reader.varint()), n = Int(try reader.varint())
            return (0..<n).map { Double(start + Int64($0) * step) / 1000 }
        case 2:
            let n = Int(try reader.varint())
            var result = [Double](repeating: 0, count: n)
            var t: Int64 = 0
            for i in 0..<n { t += unzigzag(try reader.varint()); result[i] = Double(t) / 1000 }
            return result
        case let kind: throw StoreError.corrupt("unknown time encoding \(kind)")
        }
    }

    // MARK: values

    static let powers: [Double] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    public static func encodeValues(_ values: [Double]) -> [UInt8] {
        var out: [UInt8] = []
        // Missing mask as alternating run lengths, starting with a run of present values.
        var runs: [UInt64] = []
        var current = false, run: UInt64 = 0
        for v in values {
            if v.isNaN != current { runs.append(run); run = 0; current.toggle() }
            run += 1
        }
        runs.append(run)
        let finite = values.filter { !$0.isNaN }
        if let k = decimalScale(finite) {
            out.append(UInt8(1 + k))
        } else {
            out.append(0)
        }
        putVarint(&out, UInt64(values.count))
        putVarint(&out, UInt64(runs.count))
        for r in runs { putVarint(&out, r) }
        if out[0] == 0 {
            for v in finite { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        } else {
            let p = powers[Int(out[0]) - 1]
            var previous: Int64 = 0
            for v in finite {
                let n = Int64((v * p).rounded())
                putVarint(&out, zigzag(n - previous))
                previous = n
            }
        }
        return out
    }

    /// The smallest k with every value exactly representable as n / 10^k (bit-exact round trip).
    static func decimalScale(_ values: [Double]) -> Int? {
        scales: for k in 0..<powers.count {
            let p = powers[k]
            for v in values {
                let scaled = (v * p).rounded()
                if abs(scaled) > 9e15 || scaled / p != v { continue scales }
            }
            return k
        }
        return nil
    }

    public static func decodeValues(_ bytes: [UInt8]) throws(StoreError) -> [Double] {
        var reader = ByteReader(bytes)
        let kind = Int(try reader.byte())
        let n = Int(try reader.varint())
        let runCount = Int(try reader.varint())
        var runs: [Int] = []
        for _ in 0..<runCount { runs.append(Int(try reader.varint())) }
        guard runs.reduce(0, +) == n else { throw StoreError.corrupt("value mask covers \(runs.reduce(0, +)) of \(n) values") }
        var result = [Double](repeating: .nan, count: n)
        var index = 0
        var previous: Int64 = 0
        for (r, length) in runs.enumerated() {
            if r % 2 == 1 { index += length; continue }
            for _ in 0..<length {
                if kind == 0 {
                    result[index] = Double(bitPattern: UInt64(littleEndian: try reader.uint64()))
                } else {
                    guard kind - 1 < powers.count else { throw StoreError.corrupt("unknown value encoding \(kind)") }
                    previous += unzigzag(try reader.varint())
                    result[index] = Double(previous) / powers[kind - 1]
                }
                index += 1
            }
        }
        return result
    }

    // MARK: flags

    public static func encodeFlags(_ flags: [QCFlag]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < flags.count {
            var j = i + 1
            while j < flags.count && flags[j] == flags[i] { j += 1 }
            out.append(flags[i].rawValue)
            putVarint(&out, UInt64(j - i))
            i = j
        }
        return out
    }

    public static func decodeFlags(_ bytes: [UInt8]) throws(StoreError) -> [QCFlag] {
        var reader = ByteReader(bytes)
        var result: [QCFlag] = []
        while !reader.atEnd {
            let flag = QCFlag(byte: try reader.byte())
            result.append(contentsOf: repeatElement(flag, count: Int(try reader.varint())))
        }
        return result
    }

    // MARK: primitives

    @inline(__always) static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    @inline(__always) static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }

    @inline(__always) static func putVarint(_ out: inout [UInt8], _ value: UInt64) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    struct ByteReader {
        let bytes: [UInt8]
        var position = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { position >= bytes.count }

        mutating func byte() throws(StoreError) -> UInt8 {
            guard position < bytes.count else { throw StoreError.corrupt("block ends early") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() throws(StoreError) -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
                if shift > 63 { throw StoreError.corrupt("varint too long") }
            }
        }

        mutating func uint64() throws(StoreError) -> UInt64 {
            guard position + 8 <= bytes.count else { throw StoreError.corrupt("block ends early") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
            position += 8
            return v
        }
    }
}
