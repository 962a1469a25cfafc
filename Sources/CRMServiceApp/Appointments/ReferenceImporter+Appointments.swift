import CRMCore
import Store

/// `import appointments` (§9): the columns `id, owner, title, start, end, all_day, time_zone, location, description,
/// attendees`, every row checked before anything is written.
///
/// Decisions where the contract is silent: an id given twice in one file is an error; `owner` must name a user;
/// `all_day` is `true`/`false` (also `1`/`0`, `yes`/`no`, any case; empty is false); times and zone as
/// `AppointmentTimeInput` reads them; `attendees` may be empty; empty location and description are none.
extension ReferenceImporter {
    func appointments(_ table: CSVTable, _ problems: inout RowProblems) throws
        -> [(id: AppointmentID, draft: AppointmentDraft)] {
        var seen: [AppointmentID: Int] = [:]
        var records: [(id: AppointmentID, draft: AppointmentDraft)] = []
        var owners: [(UserID, CSVTable.Row)] = []
        let input = AppointmentTimeInput()
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> (id: AppointmentID, draft: AppointmentDraft) in
                let id = AppointmentID(try row.nonEmpty("id").trimmingASCIIWhitespace())
                if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
                let owner = UserID(try row.nonEmpty("owner").trimmingASCIIWhitespace())
                let title = try row.nonEmpty("title")
                let allDay = try row.flag("all_day")
                let times: (start: AppointmentTime, end: AppointmentTime, zone: String?)
                do {
                    times = try input.times(start: row["start"], end: row["end"], allDay: allDay,
                                            timeZone: row["time_zone"])
                } catch let error as AppointmentInputError { throw row.error(error.field, error.message) }
                let attendees = row["attendees"].trimmingASCIIWhitespace().isEmpty ? [] : try row.addresses("attendees")
                return (id, AppointmentDraft(owner: owner, title: title, start: times.start, end: times.end,
                                             timeZone: times.zone, location: row.optional("location"),
                                             description: row.optional("description"), attendees: attendees))
            }) else { continue }
            seen[record.id] = row.line
            owners.append((record.draft.owner, row))
            records.append(record)
        }
        let missing = try database.missingUsers(among: Set(owners.map(\.0)))
        for (owner, row) in owners where missing.contains(owner) {
            problems.add(row.error("owner", "\"\(owner)\" names no user"))
        }
        return records
    }
}

extension CSVTable.Row {
    /// A yes/no column; empty is no.
    func flag(_ column: String) throws -> Bool {
        switch self[column].trimmingASCIIWhitespace().lowercased() {
        case "", "false", "0", "no": return false
        case "true", "1", "yes": return true
        default: throw error(column, "\"\(self[column])\" is not true or false")
        }
    }

    /// The value, nil when empty.
    func optional(_ column: String) -> String? { self[column].isEmpty ? nil : self[column] }
}
