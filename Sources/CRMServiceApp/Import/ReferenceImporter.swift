import CRMCore
import Foundation
import Store

/// `crmservice import KIND CSV` (§3) and the console's imports: reads and checks the whole file, then writes it in one
/// transaction. Every row is decoded even after a bad one, so a rejection lists all bad rows (`ImportRejected`, each
/// problem with its line and field); when there is any, nothing of the file is written.
public struct ReferenceImporter {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Imports the file at `path`.
    public func importFile(_ kind: ImportKind, path: String, now: Date = Date()) throws -> ImportSummary {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try importBytes(kind, bytes, file: (path as NSString).lastPathComponent, now: now)
    }

    /// Imports CSV `bytes`; `file` names it in errors. Throws `ImportRejected` when any row is bad.
    public func importBytes(_ kind: ImportKind, _ bytes: [UInt8], file: String, now: Date = Date()) throws -> ImportSummary {
        let (rows, problems, _) = try decode(kind, bytes, file: file)
        guard problems.isEmpty else { throw ImportRejected(problems: problems) }
        switch rows {
        case .accounts(let records): return try database.importAccounts(records, at: now)
        case .contracts(let records): return try database.importContracts(records)
        case .ratingRules(let rules): return try database.importRatingRules(rules)
        case .exchangeRates(let rates): return try database.importExchangeRates(rates)
        case .contacts(let records): return try database.importContacts(records)
        case .users(let records): return try database.importUsers(records)
        case .orders(let records): return try database.importOrders(records)
        case .appointments(let rows): return try database.importAppointments(rows, at: now)
        }
    }

    /// The validation pass: decodes every row as the import would and lists every problem, writing nothing.
    public func check(_ kind: ImportKind, _ bytes: [UInt8], file: String) throws -> ImportCheck {
        let (_, problems, goodRows) = try decode(kind, bytes, file: file)
        return ImportCheck(kind: kind, goodRows: goodRows, problems: problems)
    }

    /// The rows of the file, the problems of the rows that could not be decoded or checked, by line, and how many
    /// data rows have no problem. A file whose header or CSV syntax is broken has one problem and no rows.
    func decode(_ kind: ImportKind, _ bytes: [UInt8], file: String) throws -> (DecodedRows, [CSVError], goodRows: Int) {
        let table: CSVTable
        do { table = try CSVTable(bytes, file: file, columns: kind.columns) } catch let error as CSVError {
            return (DecodedRows.empty(kind), [error], 0)
        }
        var problems = RowProblems(table.problems)
        let rows: DecodedRows = switch kind {
        case .accounts: .accounts(try accounts(table, &problems))
        case .contracts: .contracts(try contracts(table, &problems))
        case .ratingRules: .ratingRules(try ratingRules(table, &problems))
        case .exchangeRates: .exchangeRates(try exchangeRates(table, &problems))
        case .contacts: .contacts(try contacts(table, &problems))
        case .users: .users(try users(table, &problems))
        case .orders: .orders(try orders(table, &problems))
        case .appointments: .appointments(try appointments(table, &problems))
        }
        let problemLines = Set(problems.byLine.map(\.line))
        return (rows, problems.byLine, table.rows.count + table.problems.count - problemLines.count)
    }

    /// A problem for every row whose `account_id` names no account in the database.
    func checkAccounts(_ rows: [(AccountID, CSVTable.Row)], _ problems: inout RowProblems) throws {
        let missing = try database.missingAccounts(among: Set(rows.map(\.0)))
        for (account, row) in rows where missing.contains(account) {
            problems.add(row.error("account_id", "\"\(account)\" names no account"))
        }
    }
}

/// The rows of one file, decoded into the records of its kind.
enum DecodedRows {
    case accounts([AccountRecord]), contacts([ContactRecord]), users([UserRecord]), orders([OrderRecord])
    case contracts([ContractRecord]), ratingRules([RatingRule]), exchangeRates([ExchangeRate])
    case appointments([(id: AppointmentID, draft: AppointmentDraft)])

    static func empty(_ kind: ImportKind) -> DecodedRows {
        switch kind {
        case .accounts: .accounts([])
        case .contacts: .contacts([])
        case .users: .users([])
        case .orders: .orders([])
        case .contracts: .contracts([])
        case .ratingRules: .ratingRules([])
        case .exchangeRates: .exchangeRates([])
        case .appointments: .appointments([])
        }
    }
}

/// The problems found while decoding a file's rows: a row's first bad field, then the checks across rows.
struct RowProblems {
    private var list: [CSVError]

    init(_ list: [CSVError]) { self.list = list }

    mutating func add(_ problem: CSVError) { list.append(problem) }

    /// Runs `body` for one row; a `CSVError` becomes a problem and the row is left out (nil). Other errors (the
    /// database's) end the decoding.
    mutating func decode<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch let error as CSVError {
            list.append(error)
            return nil
        }
    }

    /// Every problem, by line (the order found within a line).
    var byLine: [CSVError] {
        list.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}
