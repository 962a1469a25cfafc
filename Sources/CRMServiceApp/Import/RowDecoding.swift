import Foundation
import CRMCore

/// Field checks shared by the importers; each names the field and quotes the bad value.
extension CSVTable.Row {
    func nonEmpty(_ column: String) throws -> String {
        let value = self[column]
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(column, "must not be empty") }
        return value
    }

    func currency(_ column: String) throws -> CurrencyCode {
        guard let code = CurrencyCode(rawValue: self[column]) else {
            throw error(column, "\"\(self[column])\" is not a currency code (three capital letters)")
        }
        return code
    }

    func decimal(_ column: String) throws -> Amount {
        guard let amount = Amount(self[column]) else {
            throw error(column, "\"\(self[column])\" is not a decimal (digits with an optional '.' and at most \(Amount.maxParsedScale) decimals)")
        }
        return amount
    }

    func wholeUnits(_ column: String) throws -> Int64 {
        guard let value = Int64(self[column]) else { throw error(column, "\"\(self[column])\" is not a whole number") }
        return value
    }
}
