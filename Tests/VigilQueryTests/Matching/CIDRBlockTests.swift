import Testing

@testable import VigilQuery

/// (text, canonical description or nil when invalid).
private let addressCases: [(String, String?)] = [
  ("1.2.3.4", "1.2.3.4"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
  ("256.1.1.1", nil), ("1.2.3", nil), ("1.2.3.4.5", nil), ("01.2.3.4", nil), ("1.2.3.4 ", nil), ("", nil),
  ("1..2.3", nil), ("a.b.c.d", nil), ("1.2.3.", nil),
  ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("fe80::1", "fe80::1"), ("FE80::ABCD", "fe80::abcd"),
  ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"), ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
  ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:0:0:4:0:0:0:8", "1:0:0:4::8"), ("0:0:0:0:0:0:0:0", "::"),
  ("::ffff:1.2.3.4", "1.2.3.4"), ("::FFFF:10.0.0.1", "10.0.0.1"), ("64:ff9b::10.0.0.1", "64:ff9b::a00:1"),
  ("::1.2.3.4", "::102:304"), ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
  ("1:2:3:4:5:6:7:8:9", nil), ("1:2:3:4:5:6:7", nil), ("1::2::3", nil), (":1::2", nil), ("1::2:", nil),
  ("12345::", nil), ("g::", nil), ("fe80::1%eth0", nil), (":::", nil), ("1:2:3:4:5:6:7::8", nil),
  ("::1.2.3.4:5", nil), ("1:2:3:4:5:6:7:1.2.3.4", nil), ("1:2:3:4:5:6:7:8::", nil), ("::ffff:1.2.3.256", nil),
]

@Test(arguments: addressCases)
func ipAddressParsing(_ text: String, _ expected: String?) {
  #expect(IPAddress(text)?.description == expected, "\(text)")
}

/// (block, address, expected).
private let cidrCases: [(String, String, Bool)] = [
  ("10.0.0.0/8", "10.1.2.3", true), ("10.0.0.0/8", "11.0.0.0", false), ("10.0.0.0/8", "9.255.255.255", false),
  ("10.0.0.0/8", "10.255.255.255", true), ("10.1.2.3/8", "10.9.9.9", true),
  ("192.168.1.7", "192.168.1.7", true), ("192.168.1.7", "192.168.1.8", false),
  ("192.168.1.7/32", "192.168.1.7", true), ("0.0.0.0/0", "8.8.8.8", true), ("0.0.0.0/0", "::1", false),
  ("172.16.0.0/12", "172.31.255.255", true), ("172.16.0.0/12", "172.32.0.0", false),
  ("fe80::/10", "fe80::1", true), ("fe80::/10", "febf:ffff::1", true), ("fe80::/10", "fec0::1", false),
  ("::/0", "1.2.3.4", true), ("::/0", "2001:db8::1", true), ("::1/128", "::1", true), ("::1/128", "::2", false),
  ("::1", "::1", true), ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::", false),
  // IPv4 addresses fall in IPv4-mapped IPv6 blocks, and IPv4-mapped text is the IPv4 address.
  ("::ffff:0:0/96", "1.2.3.4", true), ("::ffff:10.0.0.0/104", "10.20.30.40", true),
  ("10.0.0.0/8", "::ffff:10.0.0.1", true), ("::ffff:0:0/96", "2001:db8::1", false),
  ("10.0.0.0/8", "not an ip", false), ("10.0.0.0/8", "", false),
]

@Test(arguments: cidrCases)
func cidrContains(_ block: String, _ address: String, _ expected: Bool) throws {
  let cidr = try #require(CIDRBlock(block))
  #expect(cidr.contains(address) == expected, "\(block) ∋ \(address)")
}

@Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "/8", "10.0.0.0/8/8", "10.0.0.0/1a", "x/8"])
func cidrRejects(_ block: String) {
  #expect(CIDRBlock(block) == nil)
}

@Test func cidrBoundsAndDescription() throws {
  let v4 = try #require(CIDRBlock("10.1.2.3/8"))
  #expect(v4.description == "10.0.0.0/8")
  #expect(v4.prefixLength == 104)
  #expect(v4.last.description == "10.255.255.255")
  let v6 = try #require(CIDRBlock("fe80::1/10"))
  #expect(v6.description == "fe80::/10")
  #expect(v6.last.description == "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
  let all = try #require(CIDRBlock("::/0"))
  #expect(all.last == IPAddress(high: .max, low: .max))
  let host = try #require(CIDRBlock("2001:db8::7"))
  #expect(host.prefixLength == 128 && host.network == host.last)
}

@Test func ipOrderingIsByteOrder() throws {
  let a = try #require(IPAddress("10.0.0.1"))
  let b = try #require(IPAddress("10.0.0.2"))
  let v6 = try #require(IPAddress("2001:db8::1"))
  let low = try #require(IPAddress("::1"))
  #expect(a < b && b >= a && !(a < a))
  #expect(low < a && a < v6)  // IPv4 sorts as ::ffff:a.b.c.d
  #expect((a...b).contains(try #require(IPAddress("10.0.0.2"))))
  #expect(a.ipv4 == 0x0A00_0001 && v6.ipv4 == nil)
  #expect(a.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 1])
}
