"""XML attacks and damage (RELIABILITY.md tests 10): refused or left unexpanded, in bounded memory and work.

The checks are on what happened (refusal, nothing fetched, nothing expanded, peak memory of a child
process), never on seconds.
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.ingest import read_page
from reader.ingest.alto import read_alto

ALTO_BODY = (
    '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="10" HEIGHT="10"><PrintSpace>'
    '<TextBlock ID="B1"><TextLine><String CONTENT="{content}"/></TextLine></TextBlock>'
    '<TextBlock ID="B2"><TextLine><String CONTENT="tail"/></TextLine><TextLine>{text}</TextLine></TextBlock>'
    "</PrintSpace></Page></Layout></alto>"
)
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
BILLION_LAUGHS = f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY lol0 "lol">{LAUGHS}]>' + ALTO_BODY.format(
    content="&lol9;", text="&lol9;"
)
QUADRATIC = f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY a "{"x" * 50_000}">]>' + ALTO_BODY.format(
    content="ok", text="&a;" * 50_000
)
EXTERNAL_FILE = '<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + ALTO_BODY.format(
    content="x", text="&xxe;"
)


def _external_http(port: int) -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY web SYSTEM "http://127.0.0.1:{port}/x">]>'
        + ALTO_BODY.format(content="x", text="&web;")
    )


@pytest.fixture
def listener() -> socket.socket:
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def _nothing_connected(server: socket.socket) -> bool:
    try:
        server.accept()
    except BlockingIOError:
        return True
    return False


@pytest.mark.parametrize("document", [BILLION_LAUGHS, QUADRATIC, EXTERNAL_FILE], ids=["laughs", "quadratic", "file"])
def test_entity_declarations_are_refused_with_one_clear_sentence(tmp_path: Path, document: str) -> None:
    path = tmp_path / "attack.alto.xml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(InputError, match="declares entities"):
        read_page(path)


def test_external_http_entity_is_refused_and_nothing_is_fetched(tmp_path: Path, listener: socket.socket) -> None:
    path = tmp_path / "attack.alto.xml"
    path.write_text(_external_http(listener.getsockname()[1]), encoding="utf-8")
    with pytest.raises(InputError):
        read_page(path)
    assert _nothing_connected(listener)


def test_a_page_that_names_a_remote_dtd_reads_with_nothing_fetched(tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    path = tmp_path / "old.alto.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE alto SYSTEM "http://127.0.0.1:{port}/alto.dtd">'
        + ALTO_BODY.format(content="Hello", text="<String CONTENT='world'/>"),
        encoding="utf-8",
    )
    assert [line.text for line in read_page(path).lines] == ["Hello", "tail", "world"]
    assert _nothing_connected(listener)


# The parser settings alone (without the prolog check) must also leave entities unexpanded in bounded memory.
_PARSER_ONLY = textwrap.dedent(
    """
    import io, resource, sys
    from reader.ingest.xmlsafe import iterparse_safe
    data = sys.stdin.buffer.read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = []
    try:
        for _, element in iterparse_safe(io.BytesIO(data), events=("end",)):
            texts.append((element.text or "") + "".join(element.attrib.values()))
    except Exception as exc:
        texts.append(type(exc).__name__)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(sum(map(len, texts)), grown_kib, "root:" in "".join(texts))
    """
)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, QUADRATIC, EXTERNAL_FILE], ids=["laughs", "quadratic", "file"])
def test_the_safe_parser_alone_expands_nothing_and_stays_small(document: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PARSER_ONLY], input=document.encode(), capture_output=True, check=True, timeout=120
    )
    characters, grown_kib, leaked = result.stdout.decode().split()
    assert leaked == "False"  # /etc/passwd never read into the text
    assert int(characters) < 20 * len(document)  # nothing amplified (a billion laughs would be 3 GB)
    assert int(grown_kib) < 64 * 1024


def test_malformed_xml_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.alto.xml"
    path.write_text('<alto xmlns="x">\n<Layout>\n  <Page>\n  </Layout>\n</alto>\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"malformed XML at line 4, column \d+"):
        read_page(path)


def test_truncated_xml_reports_where_it_stops(tmp_path: Path) -> None:
    path = tmp_path / "cut.alto.xml"
    path.write_text(ALTO_BODY.format(content="a", text="")[:120], encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML at line 1"):
        read_page(path)


def test_gzip_bomb_is_refused_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.alto.xml.gz"
    body = ALTO_BODY.format(content="a", text="").encode()
    path.write_bytes(gzip.compress(body[:-30] + b" " * 4_000_000 + body[-30:]))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match="decompresses to more than 1 MB"):
        read_alto(path, limit=1024 * 1024)


def test_pages_over_64_mb_are_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.alto.xml"
    with path.open("wb") as handle:
        handle.write(b"<alto>")
        handle.truncate(65 * 1024 * 1024)  # sparse: nothing to read
    with pytest.raises(InputError, match="larger than 64 MB are refused"):
        read_page(path)


_PEAK = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from reader.ingest import read_page

    def kib(field):  # Linux: peak (VmHWM) and current (VmRSS) resident size; elsewhere ru_maxrss for both
        try:
            with open("/proc/self/status") as status:
                return next(int(line.split()[1]) for line in status if line.startswith(field))
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    before = kib("VmRSS:")
    page = read_page(Path(sys.argv[1]))
    print(len(page.lines), kib("VmHWM:") - before, file=sys.stdout)
    """
)


def _big_alto(path: Path, blocks: int = 1000) -> None:
    """20,000 lines in ``blocks`` blocks."""
    line = (
        '<TextLine HPOS="1" VPOS="2" WIDTH="3" HEIGHT="4">'
        + '<String CONTENT="word" HPOS="1" VPOS="2" WIDTH="3" HEIGHT="4" WC="0.9"/><SP/>' * 12
        + "</TextLine>"
    )
    block = '<TextBlock ID="B" HPOS="1" VPOS="2" WIDTH="3" HEIGHT="4">'
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace>')
        for _ in range(blocks):
            handle.write(block + line * (20_000 // blocks) + "</TextBlock>")
        handle.write("</PrintSpace></Page></Layout></alto>")


def _one_block_alto(path: Path) -> None:
    """The same lines in one block: reading it must not hold the whole block's words (a tree of ~18x)."""
    _big_alto(path, blocks=1)


def _big_hocr(path: Path) -> None:
    word = "<span class='ocrx_word' title='bbox 1 2 3 4; x_wconf 90'>word</span> "
    line = f"<span class='ocr_line' title='bbox 1 2 3 4; x_size 20'>{word * 12}</span>"
    area = f"<div class='ocr_carea' title='bbox 1 2 3 4'><p class='ocr_par'>{line * 20}</p></div>"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page" title="bbox 0 0 9 9">')
        for _ in range(1000):
            handle.write(area)
        handle.write("</div></body></html>")


def _big_abbyy(path: Path) -> None:
    chars = "".join(f'<charParams l="1" t="2" r="3" b="4" charConfidence="90">{c}</charParams>' for c in "words go ")
    line = f'<line baseline="4" l="1" t="2" r="3" b="4"><formatting fs="9.">{chars * 2}</formatting></line>'
    block = f'<block blockType="Text" l="1" t="2" r="3" b="4"><text><par>{line * 20}</par></text></block>'
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<document xmlns="http://www.abbyy.com/FineReader_xml/FineReader10-schema-v1.xml">')
        handle.write('<page width="9" height="9">')
        for _ in range(1000):
            handle.write(block)
        handle.write("</page></document>")


@pytest.mark.parametrize(
    "name, write",
    [
        ("big.alto.xml", _big_alto),
        ("one-block.alto.xml", _one_block_alto),
        ("big.hocr", _big_hocr),
        ("big_abbyy.xml", _big_abbyy),
    ],
)
def test_a_large_layout_page_is_read_in_at_most_eight_times_its_size(
    tmp_path: Path, name: str, write: Callable[[Path], None]
) -> None:
    path = tmp_path / name
    write(path)
    size_kib = path.stat().st_size // 1024
    result = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, check=True, timeout=300)
    lines, grown_kib = map(int, result.stdout.split())
    assert lines == 20_000
    assert grown_kib <= 8 * size_kib, (grown_kib, size_kib)
