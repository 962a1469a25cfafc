/// The owner of an appointment is not a user of the address book (§9: an appointment is owned by a user).
public struct UnknownAppointmentOwner: Error, Sendable, Hashable {
    public var owner: UserID
    public init(owner: UserID) { self.owner = owner }
}
