import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation

/// `crmservice appointments add|update ID|delete ID|list [--owner UID]` (§9, §1). The changes are recorded in the
/// audit log with `--as` (default: the operating-system user), origin `cli`. Bad input is exit 2 naming the option.
struct AppointmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments",
        abstract: "Appointments: CRM activities owned by a user, synchronised with their calendars.",
        subcommands: [Add.self, Update.self, Delete.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an appointment; prints its id.",
            discussion: AppointmentOptions.timeHelp)
        @OptionGroup var options: AppointmentOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            guard let owner = options.owner else { throw CommandFailure.badInput("--owner: give the owner's user id") }
            guard let title = options.title else { throw CommandFailure.badInput("--title: give a title") }
            guard let start = options.start else { throw CommandFailure.badInput("--start: give the start") }
            guard let end = options.end else { throw CommandFailure.badInput("--end: give the end") }
            let times = try options.times(start: start, end: end)
            let draft = AppointmentDraft(
                owner: UserID(owner), title: title, start: times.start, end: times.end, timeZone: times.zone,
                location: options.location.flatMap { $0.isEmpty ? nil : $0 },
                description: options.description.flatMap { $0.isEmpty ? nil : $0 },
                attendees: try options.attendeeAddresses() ?? [], rrule: try options.checkedRRule() ?? nil)
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let added: Appointment
            let audit: AppointmentAudit = { added in
                acting.audit("appointment add", target: "appointment \(added.id)",
                             detail: "owner \(added.owner); \(added.start.iso8601) \(added.title)")
            }
            do { added = try store.addAppointment(draft, at: Date(), audit: audit) }
            catch let error as UnknownAppointmentOwner {
                throw CommandFailure.badInput("--owner: \"\(error.owner)\" names no user")
            } catch { throw CommandFailure.failed("appointments add failed: \(error)") }
            print(added.id.rawValue)
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an appointment: the options given replace those fields, the others stay.",
            discussion: AppointmentOptions.timeHelp + """
                 To change the times give --start and --end (with --all-day and --tz as they should then be). \
                An empty --location, --description or --rrule clears it; --attendee replaces the whole list.
                """)
        @Argument(help: "The appointment id.") var id: String
        @OptionGroup var options: AppointmentOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let appointmentID = AppointmentID(id)
            let old: Appointment?
            do { old = try store.appointment(appointmentID) } catch { throw CommandFailure.failed("\(error)") }
            guard let old else { throw CommandFailure.badInput("appointment \(id): no such appointment") }
            var draft = old.fields
            if let owner = options.owner { draft.owner = UserID(owner) }
            if let title = options.title { draft.title = title }
            if options.start != nil || options.end != nil || options.allDay || options.tz != nil {
                guard let start = options.start else { throw CommandFailure.badInput("--start: give it with --end") }
                guard let end = options.end else { throw CommandFailure.badInput("--end: give it with --start") }
                let times = try options.times(start: start, end: end)
                (draft.start, draft.end, draft.timeZone) = (times.start, times.end, times.zone)
            }
            if let location = options.location { draft.location = location.isEmpty ? nil : location }
            if let description = options.description { draft.description = description.isEmpty ? nil : description }
            if let attendees = try options.attendeeAddresses() { draft.attendees = attendees }
            if let rrule = try options.checkedRRule() { draft.rrule = rrule }
            let audit: AppointmentAudit = { updated in
                acting.audit("appointment update", target: "appointment \(updated.id)",
                             detail: "owner \(updated.owner); \(updated.start.iso8601) \(updated.title)")
            }
            do { _ = try store.updateAppointment(appointmentID, with: draft, at: Date(), audit: audit) }
            catch let error as UnknownAppointmentOwner {
                throw CommandFailure.badInput("--owner: \"\(error.owner)\" names no user")
            } catch { throw CommandFailure.failed("appointments update failed: \(error)") }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an appointment.")
        @Argument(help: "The appointment id.") var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let deleted: Bool
            let audit = acting.audit("appointment delete", target: "appointment \(id)", detail: "")
            do { deleted = try store.deleteAppointment(AppointmentID(id), audit: audit) } catch {
                throw CommandFailure.failed("appointments delete failed: \(error)")
            }
            guard deleted else { throw CommandFailure.badInput("appointment \(id): no such appointment") }
        }
    }

    /// One line an appointment: id, owner, start, end, title (tab-separated), by start.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List appointments (of one owner with --owner).")
        @Option(help: "Only this user's appointments.") var owner: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            let list: [Appointment]
            do { list = try store.appointments(ownedBy: owner.map { UserID($0) }) } catch {
                throw CommandFailure.failed("\(error)")
            }
            for a in list {
                print("\(a.id)\t\(a.owner)\t\(a.start.iso8601)\t\(a.end.iso8601)\t\(a.title)")
            }
        }
    }
}
