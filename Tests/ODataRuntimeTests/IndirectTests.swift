import Foundation
import Testing
import ODataRuntime

/// A generated entity that refers to itself, as `Employee.manager` does.
private struct Employee: Codable, Hashable, Sendable {
    var name: String
    var manager: Indirect<Employee>?
}

/// The property wrapper form.
private struct Node: Codable, Hashable, Sendable {
    var id: Int
    @Indirect var parent: Node?
}

@Suite("Indirect")
struct IndirectTests {
    @Test("a struct can contain itself, and members read through the box")
    func recursion() {
        let ceo = Employee(name: "Ada", manager: nil)
        let cto = Employee(name: "Grace", manager: Indirect(ceo))
        let dev = Employee(name: "Linus", manager: Indirect(cto))
        #expect(dev.manager?.name == "Grace")
        #expect(dev.manager?.manager?.name == "Ada")
        #expect(dev.manager?.value.manager?.value.manager == nil)
    }

    @Test("value semantics: changing a copy never changes the original")
    func valueSemantics() {
        let original = Indirect(Employee(name: "Ada", manager: nil))
        var copy = original
        copy.name = "Grace"
        #expect(original.name == "Ada")
        #expect(copy.name == "Grace")
        var other = copy
        other.value = Employee(name: "Linus", manager: nil)
        #expect(copy.name == "Grace")
        #expect(other.wrappedValue.name == "Linus")
    }

    @Test("Codable is transparent: no wrapper object in JSON")
    func codable() throws {
        let json = #"{"manager":{"manager":{"name":"Ada"},"name":"Grace"},"name":"Linus"}"#
        let employee = try decodeJSON(Employee.self, json)
        #expect(employee.manager?.manager?.name == "Ada")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(employee), as: UTF8.self) == json)
    }

    @Test("the property wrapper form: a missing key or null is nil, and nil is left out when encoding")
    func propertyWrapper() throws {
        let node = try decodeJSON(Node.self, #"{"id":3,"parent":{"id":2,"parent":{"id":1}}}"#)
        #expect(node.parent?.parent?.id == 1)
        #expect(node.parent?.parent?.parent == nil)
        #expect(try decodeJSON(Node.self, #"{"id":1,"parent":null}"#).parent == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(node), as: UTF8.self) == #"{"id":3,"parent":{"id":2,"parent":{"id":1}}}"#)
        var changed = node
        changed.parent = nil
        #expect(String(decoding: try encoder.encode(changed), as: UTF8.self) == #"{"id":3}"#)
        #expect(node.parent != nil)
    }

    @Test("Equatable, Hashable and Comparable follow the value")
    func conformances() {
        let a = Indirect(1)
        let b = Indirect(1)
        let c = Indirect(2)
        #expect(a == b)
        #expect(a != c)
        #expect(a.hashValue == b.hashValue)
        #expect(a < c)
        #expect(Set([a, b, c]).count == 2)
        #expect(Indirect("x").description == "x")
    }

    @Test("Sendable when the value is")
    func sendable() async {
        let node = Node(id: 2, parent: Node(id: 1, parent: nil))
        let copy = await Task.detached { node }.value
        #expect(copy == node)
    }

    @Test("a deep chain builds and compares")
    func deepChain() {
        var chain = Node(id: 0, parent: nil)
        for id in 1..<1000 {
            chain = Node(id: id, parent: chain)
        }
        var depth = 0
        var current: Node? = chain
        while let node = current {
            depth += 1
            current = node.parent
        }
        #expect(depth == 1000)
    }
}
