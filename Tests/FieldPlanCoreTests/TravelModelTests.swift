import FieldPlanCore
import Testing

struct TravelModelTests {
    let cbd = Coordinate(lat: -1.2864, lon: 36.8172)!
    let kibera = Coordinate(lat: -1.3133, lon: 36.7876)!

    @Test func greatCircleMatchesAKnownDistance() {
        // One degree of longitude on the equator is 111.195 km on the mean-radius sphere.
        let a = Coordinate(lat: 0.0001, lon: 36)!, b = Coordinate(lat: 0.0001, lon: 37)!
        #expect(abs(a.greatCircleMetres(to: b) - 111_195) < 5)
    }

    @Test func roadFactorAndSpeed() {
        let model = GreatCircleTravelModel(roadFactor: 1.3, speedKmh: 25)
        let straight = cbd.greatCircleMetres(to: kibera)
        #expect(model.distanceMetres(from: cbd, to: kibera) == Int((straight * 1.3).rounded()))
        let seconds = straight * 1.3 / (25_000.0 / 3600)
        #expect(model.travelSeconds(from: cbd, to: kibera) == Int(seconds.rounded(.up)))
        #expect(model.travelSeconds(from: cbd, to: cbd) == 0)
        #expect(model.travelSeconds(from: cbd, to: kibera) == model.travelSeconds(from: kibera, to: cbd))
    }

    @Test func coordinatesAreValidByConstruction() {
        #expect(Coordinate(lat: 91, lon: 0) == nil)
        #expect(Coordinate(lat: 0, lon: 0) == nil)
        #expect(Coordinate(lat: 10, lon: 181) == nil)
        #expect(Coordinate(lat: .nan, lon: 1) == nil)
        #expect(Coordinate.problem(lat: 0, lon: 0)?.field == "lat")
    }
}
