"""Tell a file's format from its content, never from its name."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zlib
from dataclasses import dataclass

from lxml import etree

from stridelift.adapters.importers.results import FormatError

# Larger payloads are refused rather than decompressed: no real activity file comes
# close (a 10-hour 1 Hz FIT is ~5 MB), and it stops a gzip bomb from eating memory.
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_GZIP_LAYERS = 3
_LXML_POSITION = re.compile(r"(\s+line \d+)?(, line \d+, column \d+)?(\s*\(.*\))?$")

# Binary signatures of things people drop on an importer by mistake.
_OTHER_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (give it as an export, not as a file inside one)",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"SQLite format 3\x00": "an SQLite database",
}

# XML root element (local name) -> format. A TCX whose <TrainingCenterDatabase> tag was
# lost still starts at <Activities>: it is a (damaged) TCX, and the TCX reader says why.
_XML_ROOTS: dict[str, str] = {
    "gpx": "gpx",
    "TrainingCenterDatabase": "tcx",
    "Activities": "tcx",
}

# CSV header columns that identify an export; checked in order, first match wins.
_CSV_HEADERS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"Activity ID", "Activity Date", "Activity Type"}), "strava_csv"),
    (frozenset({"title", "start_time", "exercise_title", "set_index"}), "hevy_csv"),
    (frozenset({"Date", "Workout Name", "Exercise Name", "Set Order"}), "strong_csv"),
)


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The payload to parse (gunzipped if needed) and the format it holds."""

    format: str
    payload: bytes
    gzipped: bool = False


def sniff(data: bytes) -> Sniffed:
    """Find the format of raw file bytes, gunzipping first when they are gzip data.

    Raises:
        FormatError: empty, unreadable or not an activity/lifting file.
    """
    payload = data
    layers = 0
    while payload[:2] == _GZIP_MAGIC:
        if layers == _MAX_GZIP_LAYERS:
            raise FormatError("not an activity file (gzip inside gzip inside gzip)")
        payload = _gunzip(payload)
        layers += 1
    if not payload.strip():
        inside = " (inside its gzip layer)" if layers else ""
        blank = " (only whitespace)" if payload else ""
        raise FormatError(f"empty file{inside}{blank}")
    return Sniffed(_format_of(payload), payload, gzipped=layers > 0)


def _gunzip(data: bytes) -> bytes:
    """Decompress one gzip layer (all members), refusing truncated or oversized data."""
    out = bytearray()
    rest = data
    try:
        while rest[:2] == _GZIP_MAGIC:
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            out += inflater.decompress(rest, MAX_PAYLOAD_BYTES + 1 - len(out))
            if len(out) > MAX_PAYLOAD_BYTES:
                raise FormatError(f"file too large (over {MAX_PAYLOAD_BYTES} bytes unzipped)")
            if not inflater.eof:
                raise FormatError("truncated gzip data (the compressed file is cut short)")
            rest = inflater.unused_data
    except zlib.error as exc:
        raise FormatError(f"corrupt gzip data ({exc})") from exc
    return bytes(out)


def _format_of(payload: bytes) -> str:
    if payload[8:12] == b".FIT" and payload[0] >= 12:
        return "fit"
    for signature, what in _OTHER_SIGNATURES.items():
        if payload.startswith(signature):
            raise FormatError(f"not an activity file (looks like {what})")
    if payload.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"<":
        # XML even if a damaged byte further on makes it invalid text: lxml says where.
        return _xml_format(payload)
    text = _text_start(payload)
    if text is None:
        raise FormatError("not an activity file (unrecognized binary data)")
    return _csv_format(text)


def _text_start(payload: bytes) -> str | None:
    """The first few KB as text, or None when they do not decode as UTF-8 text."""
    head = payload[:8192]
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    try:
        text = decoder.decode(head, final=len(payload) <= len(head))
    except UnicodeDecodeError:
        return None
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return None
    return text


def _xml_format(payload: bytes) -> str:
    root = xml_root_name(payload)
    fmt = _XML_ROOTS.get(root)
    if fmt is None:
        raise FormatError(f"not an activity file (XML document with root <{root}>)")
    return fmt


def xml_root_name(payload: bytes) -> str:
    """Local name of the first element, read without parsing the whole document."""
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False
    )
    try:
        for start in range(0, len(payload), 4096):
            parser.feed(payload[start : start + 4096])
            for _event, element in parser.read_events():
                return str(etree.QName(element).localname)
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise FormatError(xml_error_reason(exc, payload)) from exc
    raise FormatError("truncated XML (no root element)")


def xml_error_reason(exc: etree.XMLSyntaxError, payload: bytes) -> str:
    """One plain line for an lxml syntax error: truncated (error at the very end) or corrupt."""
    message = str(exc.msg or exc).strip()
    # lxml appends positions ("in tag wpt line 52, line 58, column 1"); keep the words.
    detail = _LXML_POSITION.sub("", message)
    detail = detail[:1].lower() + detail[1:]
    last_line = payload.rstrip().count(b"\n") + 1
    if exc.lineno is not None and exc.lineno >= last_line:
        return f"truncated XML ({detail})"
    where = f" at line {exc.lineno}" if exc.lineno else ""
    return f"corrupt XML ({detail}{where})"


def _csv_format(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    header = csv_header(lines[0]) if lines else []
    columns = set(header)
    for required, fmt in _CSV_HEADERS:
        if required <= columns:
            return fmt
    # A table: at least two lines with the same number of cells.
    if len(header) > 1 and len(lines) > 1 and len(csv_header(lines[1])) == len(header):
        shown = ", ".join(header[:4])
        raise FormatError(f"not an activity file (a CSV table with columns {shown}...)")
    raise FormatError("not an activity file (plain text)")


def csv_header(line: str) -> list[str]:
    """Header names of a CSV line, comma- or semicolon-separated, trimmed."""
    delimiter = csv_delimiter(line)
    row = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    return [name.strip() for name in row]


def csv_delimiter(line: str) -> str:
    """Semicolon when the header uses more semicolons than commas (older Strong exports)."""
    return ";" if line.count(";") > line.count(",") else ","
