/// No appointment has this id.
public struct UnknownAppointment: Error, Sendable, Hashable {
    public var id: AppointmentID
    public init(id: AppointmentID) { self.id = id }
}
