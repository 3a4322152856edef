/// A source that fails while being read (a truncated gzip stream, an I/O error).
struct StreamFailure: Error {
  var message: String
  var line: Int?
}
