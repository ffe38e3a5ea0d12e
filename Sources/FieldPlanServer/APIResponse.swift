import FieldPlanApp
import Hummingbird

/// The service's answers, each with its content type.
enum APIResponse {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text + "\n", type: "application/json; charset=utf-8", status: status)
    }

    /// A JSON answer already encoded with its newline (`json(_:)`'s bytes), kept by a cache.
    static func json(encoded buffer: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// Lines already encoded, one JSON object each.
    static func ndjson(_ lines: [String]) -> Response {
        var buffer = ByteBuffer()
        for line in lines {
            buffer.writeString(line)
            buffer.writeString("\n")
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// Lines a use case reads as the body is written (`LinePump`): chunked, never held whole.
    static func ndjson(streaming lines: LineStream) -> Response {
        Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"],
                 body: LinePump.body { emit in try lines.write(emit) })
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
