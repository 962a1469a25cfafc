/// A review command's input the store cannot act on (a malformed address, an unknown contact): exit 2.
public struct ReviewInputError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
