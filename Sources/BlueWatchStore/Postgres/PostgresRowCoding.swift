import Foundation
import PostgresNIO

/// Reads a Codable record from a PostgreSQL row, one column per coding key. PostgreSQL folds
/// unquoted identifiers to lower case, so `stationId` is looked up as `stationid`. Supports the
/// column types the schema uses: text, double precision, bigint, boolean and bytea.
struct PostgresRowDecoder: Decoder {
    let row: PostgresRandomAccessRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is not a single value"))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PostgresRandomAccessRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { row.contains(key.stringValue.lowercased()) }

        func decodeNil(forKey key: Key) throws -> Bool {
            !contains(key) || row[key.stringValue.lowercased()].bytes == nil
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard contains(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(key.stringValue.lowercased())"))
            }
            let cell = row[key.stringValue.lowercased()]
            func value<V: PostgresDecodable>(_ v: V.Type) throws -> T {
                // swiftlint:disable:next force_cast
                try cell.decode(V.self) as! T
            }
            switch type {
            case is String.Type: return try value(String.self)
            case is Double.Type: return try value(Double.self)
            case is Int.Type: return try value(Int.self)
            case is Int64.Type: return try value(Int64.self)
            case is Bool.Type: return try value(Bool.self)
            case is Data.Type: return try value(Data.self)
            default:
                throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "column \(key.stringValue) of type \(type) is not supported"))
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "nested values are not stored"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "nested values are not stored"))
        }
        func superDecoder() throws -> any Decoder { throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "no super")) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder() }
    }
}

/// Writes a Codable record as column names and bound values (nil optionals left out, so the
/// column takes its default: NULL, or the next id of an identity column).
final class PostgresRowEncoder: Encoder {
    private(set) var columns: [String] = []
    private(set) var bindings = PostgresBindings()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func encode<T: Encodable>(_ value: T) throws -> (columns: [String], bindings: PostgresBindings) {
        let encoder = PostgresRowEncoder()
        try value.encode(to: encoder)
        return (encoder.columns, encoder.bindings)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Keyed<Key>(encoder: self)) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a record is encoded as columns") }
    func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a record is encoded as columns") }

    func append<V: PostgresEncodable>(_ value: V, column: String) throws {
        columns.append(column)
        try bindings.append(value)
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: PostgresRowEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {
            encoder.columns.append(key.stringValue)
            encoder.bindings.appendNull()
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let column = key.stringValue
            switch value {
            case let v as String: try encoder.append(v, column: column)
            case let v as Double: try encoder.append(v, column: column)
            case let v as Int: try encoder.append(v, column: column)
            case let v as Int64: try encoder.append(v, column: column)
            case let v as Bool: try encoder.append(v, column: column)
            case let v as Data: try encoder.append(v, column: column)
            default:
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "column \(column) of type \(T.self) is not supported"))
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            fatalError("nested values are not stored")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("nested values are not stored") }
        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }
}
