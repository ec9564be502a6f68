import Testing
import VectorSource

struct LayerChoiceTests {
    let polygon = "Multi Polygon"

    func layers(_ names: [(String, Bool)]) -> [LayerInfo] {
        names.map { LayerInfo(name: $0.0, geometryType: $0.1 ? polygon : "Point", isPolygonal: $0.1) }
    }

    @Test func aGivenNameWinsExactlyThenIgnoringCase() {
        let available = layers([("COMMUNE", true), ("commune", true), ("Lieux", false)])
        #expect(LayerChoice.choose("commune", among: available) == 1)
        #expect(LayerChoice.choose("lieux", among: available) == 2)
        #expect(LayerChoice.choose("epci", among: available) == nil)
    }

    @Test func theOnlyLayerThenTheOnlyPolygonLayer() {
        #expect(LayerChoice.choose(nil, among: layers([("chef_lieu", false)])) == 0)
        #expect(LayerChoice.choose(nil, among: layers([("chef_lieu", false), ("zones", true)])) == 1)
    }

    @Test func aCommuneLayerAmongPolygonLayersLikeAdminExpress() {
        let adminExpress = layers([("ARRONDISSEMENT", true), ("COMMUNE", true), ("COMMUNE_ASSOCIEE_OU_DELEGUEE", true),
                                   ("DEPARTEMENT", true), ("CHFLIEU_COMMUNE", false)])
        #expect(LayerChoice.choose(nil, among: adminExpress) == 1)
        #expect(LayerChoice.choose(nil, among: layers([("epci", true), ("communes_2024", true)])) == 1)
        #expect(LayerChoice.choose(nil, among: layers([("commune_a", true), ("commune_b", true)])) == nil)
        #expect(LayerChoice.choose(nil, among: layers([("epci", true), ("cantons", true)])) == nil)
        #expect(LayerChoice.choose(nil, among: []) == nil)
    }
}
