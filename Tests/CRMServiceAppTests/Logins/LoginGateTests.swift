import StoreTestSupport
import AdminHTTP
import CRMCore
import Foundation
import Store
import Testing

private func t(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + minutes * 60) }

/// The login rules of §8 over the real store and real bcrypt (cost 4: the rules, not the cost, are under test).
@Suite("§8 LoginGate over the store with bcrypt") struct LoginGateTests {
    let directory: URL
    let database: AppDatabase
    let gate: LoginGate
    let anna = UserID("anna")
    let password = "correct horse battery"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("logingate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        try database.importUsers([UserRecord(id: anna, name: "Anna", addresses: []),
                                  UserRecord(id: UserID("bob"), name: "Bob", addresses: [])])
        let hashing = BcryptPasswordHashing(cost: 4)
        try database.setPasswordHash(try hashing.hash(password), of: anna, actor: "root", at: t(-60))
        try database.grant([.review], to: anna, actor: "root", at: t(-60))
        gate = LoginGate(store: database, hashing: hashing)
    }

    @Test("§8 the right password is accepted, a wrong one refused; both recorded")
    func rightAndWrong() throws {
        #expect(try gate.authenticate(anna, password: password, origin: "console", at: t(0)) ==
                .accepted(Login(user: anna, name: "Anna", rights: [.review], hasPassword: true)))
        #expect(try gate.authenticate(anna, password: "correct horse battery!", origin: "console", at: t(1)) == .refused)
        let logins = try database.auditEntries().filter { $0.action == "login" }
        #expect(logins.map(\.detail) == ["succeeded from console", "failed from console"])
    }

    @Test("§8 a user without a password, or unknown, is refused")
    func noPassword() throws {
        #expect(try gate.authenticate(UserID("bob"), password: password, origin: "console", at: t(0)) == .refused)
        #expect(try gate.authenticate(UserID("carl"), password: password, origin: "console", at: t(0)) == .refused)
    }

    @Test("§8 after five wrong passwords in 15 minutes the right one gets the same refusal until the lock ends")
    func lockout() throws {
        for minute in 0..<5 {
            #expect(try gate.authenticate(anna, password: "wrong password \(minute)", origin: "console",
                                          at: t(Double(minute))) == .refused)
        }
        #expect(try gate.lockedUntil(anna, at: t(5)) == t(19))
        #expect(try gate.authenticate(anna, password: password, origin: "console", at: t(5)) == .refused)
        // The refused right password counts as a failure too (the attacker learns nothing), so the lock now runs
        // 15 minutes from it.
        #expect(try gate.lockedUntil(anna, at: t(19)) == t(20))
        #expect(try gate.authenticate(anna, password: password, origin: "console", at: t(20)) != .refused)
    }

    @Test("§8 four wrong passwords do not lock: the right one still works")
    func fourDoNotLock() throws {
        for minute in 0..<4 {
            _ = try gate.authenticate(anna, password: "wrong password", origin: "console", at: t(Double(minute)))
        }
        #expect(try gate.lockedUntil(anna, at: t(4)) == nil)
        #expect(try gate.authenticate(anna, password: password, origin: "console", at: t(4)) != .refused)
    }
}
