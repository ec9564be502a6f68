import Testing
import GeoIO

@Suite("Pretty JSON")
struct PrettyJSONTests {
    @Test func indentsContainersAndKeepsKeyOrder() {
        let value: JSONValue = ["b": 1, "a": [1, 2.5], "c": ["d": nil], "e": [], "f": [["x": "é\n"]], "g": [:]]
        #expect(String(decoding: value.prettyJSON(), as: UTF8.self) == """
            {
              "b": 1,
              "a": [1,2.5],
              "c": {
                "d": null
              },
              "e": [],
              "f": [
                {
                  "x": "é\\n"
                }
              ],
              "g": {}
            }

            """)
    }

    @Test func scalarAtTopLevel() {
        #expect(JSONValue.number(-0.0).prettyJSON() == Array("0\n".utf8))
    }
}
