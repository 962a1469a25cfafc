import CRMCore
import Store

/// `import contacts|users|orders` (§3): the rows are checked whole before anything is written.
///
/// Decisions where the contract is silent: an id (number) given twice in one file is an error; `email` must hold at
/// least one address, each with a local part and a domain (blanks around `;` are allowed, empty items are not);
/// `account_id` must name an account in the database; contact and user names may be empty.
extension ReferenceImporter {
    func importAddressBook(_ kind: ImportKind, _ table: CSVTable) throws -> ImportSummary {
        switch kind {
        case .contacts: return try database.importContacts(try contacts(table))
        case .users: return try database.importUsers(try users(table))
        default: return try database.importOrders(try orders(table))
        }
    }

    func contacts(_ table: CSVTable) throws -> [ContactRecord] {
        var seen: [ContactID: Int] = [:]
        let records = try table.rows.map { row in
            let id = ContactID(try row.nonEmpty("id"))
            if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
            seen[id] = row.line
            return ContactRecord(id: id, accountID: AccountID(try row.nonEmpty("account_id")), name: row["name"],
                                 addresses: try row.addresses("email"))
        }
        try checkAccounts(records.map(\.accountID), table)
        return records
    }

    func users(_ table: CSVTable) throws -> [UserRecord] {
        var seen: [UserID: Int] = [:]
        return try table.rows.map { row in
            let id = UserID(try row.nonEmpty("id"))
            if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
            seen[id] = row.line
            return UserRecord(id: id, name: row["name"], addresses: try row.addresses("email"))
        }
    }

    func orders(_ table: CSVTable) throws -> [OrderRecord] {
        var seen: [Int64: Int] = [:]
        let records = try table.rows.map { row in
            let text = row["number"].trimmingASCIIWhitespace()
            guard text.allSatisfy(\.isASCII), let number = Int64(text), number > 0 else {
                throw row.error("number", "\"\(row["number"])\" is not a positive integer")
            }
            if let first = seen[number] { throw row.error("number", "\(number) is given twice (first on line \(first))") }
            seen[number] = row.line
            return OrderRecord(number: OrderNumber(number), accountID: AccountID(try row.nonEmpty("account_id")),
                               description: row["description"])
        }
        try checkAccounts(records.map(\.accountID), table)
        return records
    }

    private func checkAccounts(_ accounts: [AccountID], _ table: CSVTable) throws {
        let missing = try database.missingAccounts(among: Set(accounts))
        if let index = accounts.firstIndex(where: { missing.contains($0) }) {
            throw table.rows[index].error("account_id", "\"\(accounts[index])\" names no account")
        }
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
