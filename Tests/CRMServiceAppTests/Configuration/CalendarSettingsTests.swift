import CRMCore
import CRMServiceApp
import Foundation
import Testing

/// The `calendars:` section (§9).
@Suite("§9 calendars: configuration")
struct CalendarSettingsTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    @Test("§9 calendars: every key read; relative files resolve against the file; {email} and {user} fill the URL")
    func read() throws {
        let path = try w.file("cal.yaml", """
            calendars:
              url: https://dav.example.com/{email}/calendar/
              user: crm-sync
              password_file: caldav.password
              cacert: ca.pem
              conflict: crm
              users: [U1, U2]
            """)
        let settings = try #require(try ServiceConfiguration(contentsOf: path, environment: [:]).calendars)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(settings.user == "crm-sync")
        #expect(settings.passwordFile == directory + "/caldav.password")
        #expect(settings.cacert == directory + "/ca.pem")
        #expect(settings.conflict == .crm)
        #expect(settings.users == [UserID("U1"), UserID("U2")])
        #expect(settings.collectionURL(user: UserID("U1"), email: EmailAddress("anna@example.com"))
            == "https://dav.example.com/anna@example.com/calendar/")
        // §7 the job calendar-sync is enabled by the section, every 15 minutes unless jobs.calendar-sync says otherwise.
        let jobs = try ServiceConfiguration(contentsOf: path, environment: [:]).jobs.calendarSync
        #expect(jobs.enabled && jobs.schedule == "*/15 * * * *")
        let byID = CalendarSettings(url: "https://h/{user}/cal/", tokenFile: "/t")
        #expect(byID.collectionURL(user: UserID("u 1"), email: nil) == "https://h/u%201/cal/")
    }

    @Test("§9 no calendars: section, no calendar sync")
    func absent() throws {
        let path = try w.file("none.yaml", "database: {path: x.sqlite}\njobs: {calendar-sync: {enabled: true}}\n")
        let configuration = try ServiceConfiguration(contentsOf: path, environment: [:])
        #expect(configuration.calendars == nil)
        #expect(!configuration.jobs.calendarSync.enabled)
    }

    @Test("§9 a bad calendars: section is refused naming the key",
          arguments: [("calendars: {user: u, password_file: p}", "calendars.url"),
                      ("calendars: {url: ftp://h/, user: u, password_file: p}", "calendars.url"),
                      ("calendars: {url: https://h/, user: u}", "calendars.password_file"),
                      ("calendars: {url: https://h/, user: u, password_file: p, token_file: t}", "calendars.token_file"),
                      ("calendars: {url: https://h/, password_file: p}", "calendars.user"),
                      ("calendars: {url: https://h/, token_file: t, conflict: oldest}", "calendars.conflict"),
                      ("calendars: {url: https://h/, token_file: t, colour: red}", "calendars.colour")])
    func refused(yaml: String, key: String) throws {
        let path = try w.file("bad.yaml", yaml + "\n")
        do {
            _ = try ServiceConfiguration(contentsOf: path, environment: [:])
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.contains("\(key)"), "\(error.description)")
        }
    }
}
