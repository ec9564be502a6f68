import Testing
import RoadNetwork

@Suite("Speed profile and car rules")
struct SpeedProfileTests {
    @Test("maxspeed values", arguments: [
        ("50", 50.0), ("50 km/h", 50), ("50km/h", 50), ("30 mph", 48.28032), ("FR:urban", 50), ("FR:rural", 80),
        ("FR:motorway", 130), ("FR:zone30", 30), ("walk", 6), ("50;70", 50), ("70;50", 50), ("90 | 110", 90), ("10 knots", 18.52),
    ])
    func parsesMaxspeed(raw: String, kmh: Double) throws {
        let parsed = try #require(SpeedProfile.parseMaxspeed(raw))
        #expect(abs(parsed - kmh) < 1e-9)
    }

    @Test("maxspeed without a usable number", arguments: ["none", "signals", "variable", "", "fast", "0", "-5", "XX:unknown"])
    func ignoresUnusableMaxspeed(raw: String) {
        #expect(SpeedProfile.parseMaxspeed(raw) == nil)
    }

    @Test func defaultTable() {
        let car = SpeedProfile.car
        let expected: [String: Double] = ["motorway": 110, "trunk": 90, "primary": 80, "secondary": 70, "tertiary": 60,
                                          "unclassified": 50, "residential": 30, "living_street": 20, "service": 20]
        for (k, v) in expected { #expect(car.speedKmh(forHighway: k) == v) }
        for base in ["motorway", "trunk", "primary", "secondary", "tertiary"] {
            #expect(car.speedKmh(forHighway: base + "_link")! < car.speedKmh(forHighway: base)!)
        }
        #expect(car.speedKmh(forHighway: "track") == nil && car.speedKmh(forHighway: "footway") == nil)
    }

    @Test func csvOverrideAndRoundTrip() throws {
        let text = "highway,kmh\n# comment\nresidential, 25\ntrack,15\nservice,0\n\n"
        let profile = try SpeedProfile.car.overridden(byCSV: text, source: "speeds.csv")
        #expect(profile.speedKmh(forHighway: "residential") == 25)
        #expect(profile.speedKmh(forHighway: "track") == 15)
        #expect(profile.speedKmh(forHighway: "service") == nil)
        #expect(profile.speedKmh(forHighway: "primary") == 80)
        let again = try SpeedProfile(speedsKmh: [:]).overridden(byCSV: profile.csv)
        #expect(again == profile)
        #expect(SpeedProfile.car.csv.hasPrefix("highway,kmh\nliving_street,20\n"))
    }

    @Test func csvErrorsNameTheLine() {
        #expect(throws: RoadNetworkError.speedProfile(file: "s.csv", line: 3, message: "speed \"fast\" is not a number of km/h between 0 and 300")) {
            try SpeedProfile.car.overridden(byCSV: "highway,kmh\nprimary,80\nsecondary,fast\n", source: "s.csv")
        }
        #expect(throws: RoadNetworkError.self) { try SpeedProfile.car.overridden(byCSV: "primary;80\n") }
    }

    @Test("car rules", arguments: [
        (["highway": "primary"], CarWayDecision.drivable(speedKmh: 80, direction: .both)),
        (["highway": "residential", "oneway": "yes"], .drivable(speedKmh: 30, direction: .forward)),
        (["highway": "residential", "oneway": "-1"], .drivable(speedKmh: 30, direction: .backward)),
        (["highway": "tertiary", "junction": "roundabout"], .drivable(speedKmh: 60, direction: .forward)),
        (["highway": "tertiary", "junction": "circular", "oneway": "no"], .drivable(speedKmh: 60, direction: .both)),
        (["highway": "motorway"], .drivable(speedKmh: 110, direction: .forward)),
        (["highway": "secondary", "access": "no"], .dropped(.closedToCars)),
        (["highway": "secondary", "motor_vehicle": "no"], .dropped(.closedToCars)),
        (["highway": "secondary", "access": "private"], .dropped(.closedToCars)),
        (["highway": "secondary", "access": "no", "motor_vehicle": "yes"], .drivable(speedKmh: 70, direction: .both)),
        (["highway": "secondary", "access": "yes", "motorcar": "no"], .dropped(.closedToCars)),
        (["highway": "residential", "access": "destination"], .drivable(speedKmh: 30, direction: .both)),
        (["highway": "footway"], .dropped(.notDrivableClass)),
        (["building": "yes"], .dropped(.notARoad)),
        (["highway": "service", "oneway": "reversible"], .dropped(.reversible)),
        (["highway": "secondary", "maxspeed": "30 mph"], .drivable(speedKmh: 48.28032, direction: .both)),
        (["highway": "primary", "maxspeed": "none"], .drivable(speedKmh: 80, direction: .both)),
    ])
    func carRules(tags: [String: String], expected: CarWayDecision) {
        let decision = CarWayRules().decide(tags: tags)
        if case let .drivable(s, d) = decision, case let .drivable(es, ed) = expected {
            #expect(abs(s - es) < 1e-9 && d == ed)
        } else {
            #expect(decision == expected)
        }
    }

    @Test func privateRoadsCanBeKept() {
        let rules = CarWayRules(closedAccessValues: ["no"])
        #expect(rules.decide(tags: ["highway": "service", "access": "private"]) == .drivable(speedKmh: 20, direction: .both))
    }
}
