import FieldPlanRoads
import Foundation
import Testing

/// The PBF reader on hand-built bytes (every wire feature it reads, and the broken files)
/// and on the real Monaco extract of `data/roads`.
struct OSMPBFReaderTests {
    static let monacoPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/roads/monaco.osm.pbf").path

    static func small() -> PBFBytes {
        var f = PBFBytes()
        f.block(type: "OSMHeader", raw: PBFBytes.header)
        // Granularity 1000 nanodegrees with offsets: lat = 1e-9 * (offset + 1000 * value).
        let data = PBFBytes.primitive(
            strings: ["", "highway", "residential", "oneway", "yes", "type", "restriction", "from", "to", "via", "name", "Rue Grimaldi"],
            nodes: [(10, 43_730_000, 7_420_000), (12, 43_731_000, 7_421_000), (15, 43_732_000, 7_419_500)],
            ways: [(100, [10, 12, 15], [(1, 2), (3, 4), (10, 11)])],
            relations: [(900, [(100, 1, 7), (12, 0, 9), (100, 1, 8)], [(5, 6)])],
            granularity: 1000, latOffset: 5_000, lonOffset: -7_000)
        f.block(type: "OSMData", raw: data)
        return f
    }

    @Test func readsTheTagsOfDenseNodesThatHaveThem() throws {
        var f = PBFBytes()
        f.block(type: "OSMHeader", raw: PBFBytes.header)
        f.block(type: "OSMData", raw: PBFBytes.primitive(
            strings: ["", "highway", "traffic_signals", "traffic_signals:direction", "forward", "crossing"],
            nodes: [(1, 100, 100), (2, 200, 200), (3, 300, 300)], ways: [],
            nodeTags: [[], [(1, 2), (3, 4)], [(1, 5)]]))
        var tagged: [(Int64, [String: String])] = []
        var nodes = 0
        _ = try OSMPBFReader(bytes: f.bytes, file: "tags.pbf").read(node: { _, _, _ in nodes += 1 }, nodeTags: { tagged.append(($0, $1)) })
        #expect(nodes == 3)
        #expect(tagged.map(\.0) == [2, 3])
        #expect(tagged[0].1 == ["highway": "traffic_signals", "traffic_signals:direction": "forward"])
        #expect(tagged[1].1 == ["highway": "crossing"])
    }

    @Test func readsDenseNodesWaysAndRelationsWithGranularityAndOffsets() throws {
        var nodes: [(Int64, Double, Double)] = []
        var ways: [OSMWay] = []
        var relations: [OSMRelation] = []
        let counts = try OSMPBFReader(bytes: Self.small().bytes, file: "small.pbf").read(
            node: { nodes.append(($0, $1, $2)) }, way: { ways.append($0) }, relation: { relations.append($0) })
        #expect(counts == OSMPBFReader.Counts(blocks: 2, nodes: 3, ways: 1, relations: 1))
        #expect(nodes.map(\.0) == [10, 12, 15])
        #expect(abs(nodes[0].1 - 1e-9 * (5_000 + 1000 * 43_730_000)) < 1e-12)
        #expect(abs(nodes[2].2 - 1e-9 * (-7_000 + 1000 * 7_419_500)) < 1e-12)
        #expect(ways.count == 1)
        #expect(ways[0].id == 100 && ways[0].refs == [10, 12, 15])
        #expect(ways[0].tags == ["highway": "residential", "oneway": "yes", "name": "Rue Grimaldi"])
        #expect(relations[0].tags == ["type": "restriction"])
        #expect(relations[0].members.map(\.id) == [100, 12, 100])
        #expect(relations[0].members.map(\.role) == ["from", "via", "to"])
        #expect(relations[0].members.map(\.type) == [.way, .node, .way])
    }

    @Test func truncatedFileNamesTheBlockAndOffset() {
        let whole = Self.small().bytes
        for cut in [whole.count - 1, whole.count - 20, 2] {
            #expect {
                _ = try OSMPBFReader(bytes: Array(whole.prefix(cut)), file: "cut.pbf").read()
            } throws: { error in
                let e = error as! OSMPBFError
                let text = e.description
                return text.hasPrefix("cut.pbf: block ") && text.contains(" at byte ") && text.contains("truncated?") && !text.contains("\n")
            }
        }
        // The second block starts where the first ends: the message names it.
        do {
            _ = try OSMPBFReader(bytes: Array(whole.prefix(whole.count - 1)), file: "cut.pbf").read()
            Issue.record("no error")
        } catch {
            #expect(error.block == 1)
            #expect(error.offset > 0 && error.offset < whole.count)
        }
    }

    @Test func corruptZlibIsAnErrorOfItsBlock() {
        var f = PBFBytes()
        f.block(type: "OSMHeader", raw: PBFBytes.header)
        f.block(type: "OSMData", zlib: [0x78, 0x9C, 0xFF, 0xFF, 0x00, 0x12, 0x34], rawSize: 100)
        do {
            _ = try OSMPBFReader(bytes: f.bytes, file: "bad.pbf").read()
            Issue.record("no error")
        } catch {
            #expect(error.block == 1)
            #expect(error.description.hasPrefix("bad.pbf: block 1 at byte "))
            #expect(error.description.contains("zlib data"))
        }
    }

    @Test func wrongFirstBlockOrNotAPBFFile() {
        var f = PBFBytes()
        f.block(type: "OSMData", raw: PBFBytes.primitive(strings: [""], nodes: [], ways: []))
        #expect(throws: OSMPBFError.self) { _ = try OSMPBFReader(bytes: f.bytes, file: "x.pbf").read() }
        do { _ = try OSMPBFReader(bytes: f.bytes, file: "x.pbf").read() } catch {
            #expect(error.description == "x.pbf: block 0 at byte 0: the first block is \"OSMData\", expected OSMHeader (not a PBF file?)")
        }
        let text = Array("{\"type\": \"FeatureCollection\"}\n".utf8)
        do { _ = try OSMPBFReader(bytes: text, file: "x.geojson").read(); Issue.record("no error") } catch {
            #expect(error.description.hasPrefix("x.geojson: block 0 at byte 0: "))
        }
        do { _ = try OSMPBFReader(bytes: [], file: "empty.pbf").read(); Issue.record("no error") } catch {
            #expect(error.description == "empty.pbf: at byte 0: the file is empty")
        }
    }

    @Test func unsupportedRequiredFeatureIsRefused() {
        var f = PBFBytes()
        f.block(type: "OSMHeader", raw: PBFBytes.string(4, "OsmSchema-V0.6") + PBFBytes.string(4, "HistoricalInformation"))
        do { _ = try OSMPBFReader(bytes: f.bytes, file: "h.pbf").read(); Issue.record("no error") } catch {
            #expect(error.description.contains("requires the feature \"HistoricalInformation\""))
        }
    }

    @Test func readsTheMonacoExtract() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.monacoPath))
        var highways = 0
        var minLat = 90.0, maxLat = -90.0
        let counts = try OSMPBFReader(bytes: [UInt8](data), file: "monaco.osm.pbf").read(
            node: { _, lat, _ in minLat = min(minLat, lat); maxLat = max(maxLat, lat) },
            way: { if $0.tags["highway"] != nil { highways += 1 } })
        #expect(counts.blocks > 1)
        #expect(counts.nodes > 10_000)
        #expect(counts.ways > 1_000)
        #expect(highways > 500)
        // Monaco lies around 43.7° N.
        #expect(minLat > 43.5 && maxLat < 43.9)
    }
}
