#!/usr/bin/python3
"""photo_server.py - a local HTTP server of generated photos for the photo
tests (tests/ui/photo.sh, issue 16 section 1).

    photo_server.py PORTFILE

Binds 127.0.0.1 on a free port, writes the port to PORTFILE, and serves:
  /ok.png       a 64x64 PNG of coloured horizontal stripes (2 px)
  /ok.jpg       the same as JPEG
  /missing.png  404
  /forbidden.png  403, /broken.png  503
  /html.png     the PNG's bytes, Content-Type text/html
  /big.png      9 MB, Content-Type image/png (over the 8 MB cap)
  /slow.png     headers, then nothing for 60 s
  /to-file.png  302 to file:///etc/passwd
  /cut.jpg      the JPEG cut after a third of its bytes
  /huge.png     a PNG header of 30000x30000 pixels and a little data
  /text.jpg     plain text served as image/jpeg
Every request is appended to PORTFILE.log (one path a line).
Images are made with GdkPixbuf (gir1.2-gdkpixbuf-2.0), no PIL needed."""
import random
import struct
import sys
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf, GLib  # noqa: E402


def stripes(w=64, h=64):
    colours = [(220, 30, 30), (30, 200, 60), (40, 60, 230), (240, 220, 20)]
    rows = []
    for y in range(h):
        c = colours[(y // 2) % 4]
        rows.append(bytes(c) * w)
    data = GLib.Bytes.new(b"".join(rows))
    return GdkPixbuf.Pixbuf.new_from_bytes(data, GdkPixbuf.Colorspace.RGB, False, 8, w, h, w * 3)


def encode(pb, kind):
    ok, buf = pb.save_to_bufferv(kind, [], [])
    assert ok
    return bytes(buf)


def huge_png():
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def noise(w=640, h=480):
    rnd = random.Random(7)
    data = GLib.Bytes.new(bytes(rnd.getrandbits(8) for _ in range(w * h * 3)))
    return GdkPixbuf.Pixbuf.new_from_bytes(data, GdkPixbuf.Colorspace.RGB, False, 8, w, h, w * 3)


PB = stripes()
PNG = encode(PB, "png")
JPG = encode(PB, "jpeg")
FILES = {
    "/ok.png": ("image/png", PNG),
    "/ok.jpg": ("image/jpeg", JPG),
    "/html.png": ("text/html", PNG),
    "/big.png": ("image/png", PNG + b"\0" * (9 * 1024 * 1024)),
    "/cut.jpg": ("image/jpeg", JPG[: len(JPG) // 3]),
    "/huge.png": ("image/png", huge_png()),
    "/text.jpg": ("image/jpeg", b"This is not a photo.\n" * 20),
    "/noise.png": ("image/png", encode(noise(), "png")),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        with open(sys.argv[1] + ".log", "a") as f:
            f.write(self.path + "\n")
        if self.path in FILES:
            ctype, body = FILES[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif self.path == "/to-file.png":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in ("/forbidden.png", "/broken.png"):
            self.send_response(403 if self.path == "/forbidden.png" else 503)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"no\n")
        else:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.write(b"not found\n")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
