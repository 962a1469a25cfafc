/// The values bound to a statement's `?` placeholders, in order.
struct StatementArguments: ExpressibleByArrayLiteral {
    var values: [DatabaseValue]

    init() { values = [] }

    init(_ values: [(any DatabaseValueConvertible)?]) {
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    init(_ values: [any DatabaseValueConvertible]) {
        self.values = values.map(\.databaseValue)
    }

    init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        self.init(elements)
    }

    static func + (lhs: StatementArguments, rhs: StatementArguments) -> StatementArguments {
        var sum = lhs
        sum.values += rhs.values
        return sum
    }

    static func += (lhs: inout StatementArguments, rhs: StatementArguments) {
        lhs.values += rhs.values
    }
}
