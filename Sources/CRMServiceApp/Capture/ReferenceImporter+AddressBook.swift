import CRMCore
import Store

/// `import contacts|users|orders` (§3): the rows are checked whole before anything is written.
///
/// Decisions where the contract is silent: an id (number) given twice in one file is an error; `email` must hold at
/// least one address, each with a local part and a domain (blanks around `;` are allowed, empty items are not);
/// `account_id` must name an account in the database; contact and user names may be empty.
extension ReferenceImporter {
    func contacts(_ table: CSVTable, _ problems: inout RowProblems) throws -> [ContactRecord] {
        var seen: [ContactID: Int] = [:]
        var records: [ContactRecord] = []
        var accounts: [(AccountID, CSVTable.Row)] = []
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> ContactRecord in
                let id = ContactID(try row.nonEmpty("id"))
                if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
                return ContactRecord(id: id, accountID: AccountID(try row.nonEmpty("account_id")), name: row["name"],
                                     addresses: try row.addresses("email"))
            }) else { continue }
            seen[record.id] = row.line
            accounts.append((record.accountID, row))
            records.append(record)
        }
        try checkAccounts(accounts, &problems)
        return records
    }

    func users(_ table: CSVTable, _ problems: inout RowProblems) throws -> [UserRecord] {
        var seen: [UserID: Int] = [:]
        var records: [UserRecord] = []
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> UserRecord in
                let id = UserID(try row.nonEmpty("id"))
                if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
                return UserRecord(id: id, name: row["name"], addresses: try row.addresses("email"))
            }) else { continue }
            seen[record.id] = row.line
            records.append(record)
        }
        return records
    }

    func orders(_ table: CSVTable, _ problems: inout RowProblems) throws -> [OrderRecord] {
        var seen: [Int64: Int] = [:]
        var records: [OrderRecord] = []
        var accounts: [(AccountID, CSVTable.Row)] = []
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> OrderRecord in
                let text = row["number"].trimmingASCIIWhitespace()
                guard text.allSatisfy(\.isASCII), let number = Int64(text), number > 0 else {
                    throw row.error("number", "\"\(row["number"])\" is not a positive integer")
                }
                if let first = seen[number] {
                    throw row.error("number", "\(number) is given twice (first on line \(first))")
                }
                return OrderRecord(number: OrderNumber(number), accountID: AccountID(try row.nonEmpty("account_id")),
                                   description: row["description"])
            }) else { continue }
            seen[record.number.rawValue] = row.line
            accounts.append((record.accountID, row))
            records.append(record)
        }
        try checkAccounts(accounts, &problems)
        return records
    }
}

extension CSVTable.Row {
    /// `a@x; b@y`: one or more addresses separated by `;`, normalised (§2), repeats dropped.
    func addresses(_ column: String) throws -> [EmailAddress] {
        let items = self[column].split(separator: ";", omittingEmptySubsequences: false)
        var result: [EmailAddress] = []
        for item in items {
            guard let address = EmailAddress(item), !address.value.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw error(column, "\"\(item.trimmingASCIIWhitespace())\" is not an e-mail address")
            }
            if !result.contains(address) { result.append(address) }
        }
        guard !result.isEmpty else { throw error(column, "must hold at least one address") }
        return result
    }
}
