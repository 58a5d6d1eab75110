"""Which text encoding a text file is in: UTF-8 (with or without BOM), GB18030, or UTF-16 with BOM (Excel's
"Unicode Text" export). Found in one pass over the file's blocks; a file no candidate decodes is an error naming
the first bad byte and its line."""

from __future__ import annotations

import codecs
from pathlib import Path

from detector.errors import InputDataError
from detector.text import Text

STREAM_BLOCK = 1 << 24  # bytes read at a time for hashing and the encoding check
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
ENCODINGS_EXPECTED = Text(
    en="a text file encoded as UTF-8, UTF-8 with BOM, GB18030, or UTF-16 with BOM (Excel's Unicode Text); "
    "one encoding for the whole file",
    zh="UTF-8、带 BOM 的 UTF-8、GB18030 或带 BOM 的 UTF-16（Excel 的“Unicode 文本”）编码的文本文件；"
    "整个文件使用同一种编码",
)


def candidates(head: bytes) -> list[str]:
    """The encodings a file starting with `head` may be in, in the order they are tried."""
    if head.startswith(b"\xef\xbb\xbf"):
        return ["utf-8-sig"]
    if head[:2] in UTF16_BOMS:
        return ["utf-16"]
    return ["utf-8", "gb18030"]


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a whole text file (see module docstring); returns (text, encoding)."""
    tried = candidates(data[:4])
    for enc in tried:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    try:
        data.decode(tried[0])
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(tried[0]).count("\n") + 1
        raise decode_error(_bad_bytes(exc, tried[0]), line, tried, path) from None
    raise AssertionError("unreachable")


def decode_error(byte: bytes, line: int, tried: list[str], path: Path) -> InputDataError:
    return InputDataError(
        Text(
            en=f"cannot decode byte {byte!r} at line {line} as {' or '.join(tried)}",
            zh=f"第 {line} 行的字节 {byte!r} 无法按 {' 或 '.join(tried)} 解码",
        ),
        file=str(path),
        fix=ENCODINGS_EXPECTED,
    )


def _bad_bytes(exc: UnicodeDecodeError, encoding: str) -> bytes:
    """The offending byte (UTF-8, GB18030) or UTF-16 code unit."""
    width = 2 if encoding.startswith("utf-16") else 1
    return exc.object[exc.start : min(exc.end, exc.start + width)]


class EncodingProbe:
    """Feeds a file's blocks to an incremental decoder per candidate encoding (UTF-8 with BOM, UTF-16 with BOM,
    else UTF-8, else GB18030: what decode_text would pick); `encoding()` is the first candidate that decoded every
    block."""

    def __init__(self, head: bytes) -> None:
        self.candidates = candidates(head)
        self._live = {enc: codecs.getincrementaldecoder(enc)() for enc in self.candidates}

    def feed(self, block: bytes, final: bool = False) -> None:
        for enc, decoder in list(self._live.items()):
            try:
                decoder.decode(block, final=final)
            except UnicodeDecodeError:
                del self._live[enc]

    def encoding(self, path: Path) -> str:
        """The encoding after the last block was fed; a file no candidate decodes is read again for the exact
        error (the first bad byte and its line)."""
        self.feed(b"", final=True)
        for enc in self.candidates:
            if enc in self._live:
                return enc
        if self.candidates == ["utf-16"]:
            _raise_utf16_error(path, self.candidates)
        # Bytes of a multi-byte character never include a line feed (UTF-8 and GB18030), so lines decode alone.
        first = self.candidates[0]
        with open(path, "rb") as fh:
            for number, line in enumerate(fh, start=1):
                try:
                    line.decode(first if number == 1 else first.replace("-sig", ""))
                except UnicodeDecodeError as exc:
                    raise decode_error(_bad_bytes(exc, first), number, self.candidates, path) from None
        raise AssertionError("unreachable")


def _raise_utf16_error(path: Path, tried: list[str]) -> None:
    """UTF-16 lines do not split on the byte b'\\n': decode block by block, counting line feeds, to the error."""
    with open(path, "rb") as fh:
        codec = UTF16_BOMS[fh.read(2)]
        decoder = codecs.getincrementaldecoder(codec)()
        line = 1
        while True:
            block = fh.read(STREAM_BLOCK)
            try:
                line += decoder.decode(block, final=not block).count("\n")
            except UnicodeDecodeError as exc:  # exc.object: the decoder's pending bytes and this block
                line += exc.object[: exc.start].decode(codec).count("\n")
                raise decode_error(_bad_bytes(exc, codec), line, tried, path) from None
            if not block:
                raise AssertionError("unreachable")


def check_encoding_file(path: Path, head: bytes, block: int = STREAM_BLOCK) -> str:
    """The encoding of a text file, decoded in blocks (the file is never held whole); see EncodingProbe."""
    probe = EncodingProbe(head)
    with open(path, "rb") as fh:
        while data := fh.read(block):
            probe.feed(data)
    return probe.encoding(path)
