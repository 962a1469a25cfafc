/// Builds the component tree from content lines: `BEGIN`/`END` nesting with the parser's limits, and repairs
/// (an `END` that closes inner components left open, components left open at the end of the stream).
struct ComponentTreeBuilder {
    let options: ICalendarParser.Options
    var defects: [ICalDefect] = []
    private var stack: [ICalComponent] = []
    private var propertyCounts: [Int] = []
    private var topLevel: [ICalComponent] = []
    private var componentCount = 0
    /// Depth inside components being dropped (too deep, too many); 0 when reading normally.
    private var skipDepth = 0
    private var reportedTooMany = false

    init(options: ICalendarParser.Options) {
        self.options = options
    }

    mutating func add(_ property: ICalProperty) {
        switch property.name {
        case "BEGIN": begin(property)
        case "END": end(property)
        default:
            guard skipDepth == 0 else { return }
            guard !stack.isEmpty else {
                return defects.append(ICalDefect(.contentOutsideComponent, line: property.line))
            }
            guard propertyCounts[stack.count - 1] < options.maxPropertiesPerComponent else {
                if propertyCounts[stack.count - 1] == options.maxPropertiesPerComponent {
                    defects.append(ICalDefect(.tooManyProperties, line: property.line))
                    propertyCounts[stack.count - 1] += 1
                }
                return
            }
            propertyCounts[stack.count - 1] += 1
            stack[stack.count - 1].entries.append(.property(property))
        }
    }

    mutating func finish() -> ICalendar {
        while let open = stack.last {
            defects.append(ICalDefect(.missingEnd, line: open.line))
            close(endOriginal: nil)
        }
        return ICalendar(components: topLevel, defects: defects)
    }

    private mutating func begin(_ property: ICalProperty) {
        guard let name = Self.componentName(property) else {
            return defects.append(ICalDefect(.malformedLine, line: property.line))
        }
        if skipDepth > 0 { skipDepth += 1; return }
        if stack.count >= options.maxDepth {
            defects.append(ICalDefect(.nestingTooDeep, line: property.line))
            skipDepth = 1
            return
        }
        if componentCount >= options.maxComponents {
            if !reportedTooMany { defects.append(ICalDefect(.tooManyComponents, line: property.line)) }
            reportedTooMany = true
            skipDepth = 1
            return
        }
        componentCount += 1
        stack.append(ICalComponent(name: name, line: property.line, beginOriginal: property.contentLine))
        propertyCounts.append(0)
    }

    private mutating func end(_ property: ICalProperty) {
        guard let name = Self.componentName(property) else {
            return defects.append(ICalDefect(.malformedLine, line: property.line))
        }
        if skipDepth > 0 { skipDepth -= 1; return }
        guard let index = stack.lastIndex(where: { $0.name == name }) else {
            return defects.append(ICalDefect(.unexpectedEnd, line: property.line))
        }
        while stack.count - 1 > index {
            defects.append(ICalDefect(.missingEnd, line: stack[stack.count - 1].line))
            close(endOriginal: nil)
        }
        close(endOriginal: property.contentLine)
    }

    private mutating func close(endOriginal: [UInt8]?) {
        var component = stack.removeLast()
        propertyCounts.removeLast()
        component.endOriginal = endOriginal
        if stack.isEmpty {
            topLevel.append(component)
        } else {
            stack[stack.count - 1].entries.append(.component(component))
        }
    }

    /// The upper-cased component name of a `BEGIN`/`END` line; nil when it is empty or not a name.
    private static func componentName(_ property: ICalProperty) -> String? {
        var value = property.value[...]
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        guard !value.isEmpty, value.allSatisfy(ContentLineParser.isNameByte) else { return nil }
        return String(decoding: value, as: UTF8.self).uppercased()
    }
}
