/// A review action named a contact the address book does not have.
public struct NoSuchContact: Error, CustomStringConvertible {
    public var contact: String
    public var description: String { "no contact \(contact)" }
}
