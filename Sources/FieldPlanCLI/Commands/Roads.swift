import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanRoads
import Foundation

extension FieldPlanCommand {
    /// `fieldplan roads`: the road network of SPEC §11 (import, what lies off it, one route).
    struct Roads: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an OpenStreetMap extract as the road network; list what lies off it; route between two points.",
            subcommands: [Import.self, Unreachable.self, Route.self, Matrix.self, Measure.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Read an OSM PBF extract into the store as the road network of a profile (replacing any earlier one).",
                discussion: """
                    Keeps the ways the profile may use (road class, access, motor_vehicle, foot), one-way rules \
                    (oneway, -1, roundabouts) and speeds by road class or 80 % of maxspeed, and the largest part of \
                    the network where every road reaches every other. A corrupt or truncated file is one line naming \
                    the block and its byte offset, and the store is left as it was. Set travel to roads to plan on it.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "The .osm.pbf file.") var file: String
            @Option(help: "car, motorbike or foot.") var profile: RoadProfile = .car

            func run() throws {
                guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read the file") }
                let app = FieldPlanApp(store: try store.openOrCreate())
                let result = try app.importRoads(bytes: [UInt8](data), file: file, profile: profile, progress: Terminal.progress)
                Terminal.endProgress()
                print(result.summary)
            }
        }

        struct Unreachable: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List located accounts and bases farther than snap_limit_m from any usable road (not planned on roads).")
            @OptionGroup var store: StoreOptions
            @Option(help: "text, csv or json (one object a line).") var format: ListFormat = .text

            func run() throws {
                let (limit, places) = try FieldPlanApp(store: store.open()).unreachablePlaces()
                func nearest(_ p: OffRoadPlace) -> String { p.nearestMetres.map(String.init) ?? "" }
                if format == .json {
                    for p in places {
                        var w = JSONWriter()
                        w.string("kind", p.kind)
                        w.string("id", p.id)
                        w.raw("lat", JSONWriter.number(p.at.lat))
                        w.raw("lon", JSONWriter.number(p.at.lon))
                        w.int("nearest_road_m", p.nearestMetres)
                        print(w.finish())
                    }
                    return
                }
                if format == .csv {
                    print("kind,id,lat,lon,nearest_road_m")
                    for p in places { print([p.kind, p.id, String(p.at.lat), String(p.at.lon), nearest(p)].map(CSV.cell).joined(separator: ",")) }
                    return
                }
                if places.isEmpty { print("every located account and base is within \(limit) m of a usable road"); return }
                var table = TextTable(["kind", "id", "location", "nearest road"])
                for p in places { table.add([p.kind, p.id, "\(p.at.lat),\(p.at.lon)", p.nearestMetres.map { "\($0) m" } ?? "none within \(max(limit * 20, 10_000)) m"]) }
                print(table.render(), terminator: "")
                print("\(places.count) beyond snap_limit_m \(limit): left out of plans on roads")
            }
        }

        struct Route: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The fastest route between two points on the road network: time, distance and path.",
                discussion: "Time and distance are measured from where each point joins the road. JSON: {\"seconds\", \"metres\", \"path\": [[lon, lat], …]}.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "From, as LAT,LON.") var from: String
            @Argument(help: "To, as LAT,LON.") var to: String
            @Option(help: "text, json or geojson.") var format: RouteFormat = .text

            enum RouteFormat: String, ExpressibleByArgument, CaseIterable { case text, json, geojson }

            static func point(_ text: String, _ name: String) throws -> Coordinate {
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count == 2, let lat = Double(parts[0].trimmingSpaces), let lon = Double(parts[1].trimmingSpaces) else {
                    throw ValidationError("\(name): expected LAT,LON like 43.7384,7.4246, got \"\(text)\"")
                }
                guard let c = Coordinate(lat: lat, lon: lon) else {
                    throw ValidationError("\(name): \(Coordinate.problem(lat: lat, lon: lon).map { "\($0.field) \($0.reason)" } ?? "not a location")")
                }
                return c
            }

            func validate() throws {
                _ = try Self.point(from, "FROM")
                _ = try Self.point(to, "TO")
            }

            func run() throws {
                let route = try FieldPlanApp(store: store.open()).roadRoute(from: Self.point(from, "FROM"), to: Self.point(to, "TO"))
                switch format {
                case .json: print(route.json)
                case .geojson: print(route.geoJSON)
                case .text:
                    let km = String(format: "%.2f", Double(route.metres) / 1000)
                    print("\(km) km, \(route.seconds / 60) min \(route.seconds % 60) s (\(route.seconds) s, \(route.metres) m) along \(route.path.count) points")
                    print("from the road \(Int(route.fromJoinMetres.rounded())) m from FROM to the road \(Int(route.toJoinMetres.rounded())) m from TO")
                    print("© OpenStreetMap contributors")
                }
            }
        }
    }
}

extension FieldPlanCommand.Roads {
    /// `roads matrix --points N`: times an N × N matrix on the stored network (for the benchmark).
    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time an N × N travel matrix between seeded points along the stored network (for scripts/bench-roads).",
            shouldDisplay: false)
        @OptionGroup var store: StoreOptions
        @Option(help: "How many points.") var points = 1000
        @Option(help: "Random seed.") var seed: UInt64 = 1

        func validate() throws {
            if points < 1 || points > 20_000 { throw ValidationError("--points: expected 1 to 20000, got \(points)") }
        }

        func run() throws {
            let (m, seconds) = try FieldPlanApp(store: store.open()).sampleRoadMatrix(points: points, seed: seed)
            let hours = Double(m.seconds.reduce(0, +)) / 3600 / Double(max(1, m.rows * m.columns))
            print("\(m.rows)x\(m.columns) matrix in \(String(format: "%.3f", seconds)) s; mean trip \(String(format: "%.1f", hours * 60)) min, "
                  + "\(String(format: "%.2f", Double(m.metres.reduce(0, +)) / 1000 / Double(max(1, m.rows * m.columns)))) km")
        }
    }
}

extension RoadProfile: ExpressibleByArgument {}
