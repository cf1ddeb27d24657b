#!/usr/bin/env python3
"""A CAP webhook receiver for the delivery tests: answers 503 to the first FAIL requests and
200 after, writes every request it answered 200 to OUT_DIR (one file per request, named
by the X-CAP-Identifier header and a counter), and writes "PORT PID" to PORT_FILE once it
listens. The tests start it in the background through the shell and stop it by its pid.

Usage: cap_receiver.py OUT_DIR FAIL PORT_FILE
"""
import http.server
import os
import sys
import threading

# Close every descriptor inherited from the test process (pipes of other tests running in
# parallel): holding their write ends would keep those tests waiting for end-of-file.
os.closerange(3, 65536)
out, fail = sys.argv[1], int(sys.argv[2])
lock = threading.Lock()
count = {"n": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            count["n"] += 1
            n = count["n"]
        status = 503 if n <= fail else 200
        if status == 200:
            name = f"{self.headers.get('X-CAP-Identifier', 'none')}.{n}.xml"
            with open(os.path.join(out, name), "wb") as f:
                f.write(body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[3] + ".tmp", "w") as f:
    f.write(f"{server.server_address[1]} {os.getpid()}\n")
os.rename(sys.argv[3] + ".tmp", sys.argv[3])
server.serve_forever()
