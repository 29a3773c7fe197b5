"""What the Python drivers of scripts/ (soak, bench) share: a JSON-RPC client on one kept
connection to marsadd's control socket, and a process's memory figures from /proc."""
import json, socket


class Client:
    """A JSON-RPC client on one kept connection to the control socket at `path`."""
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.reader = self.sock.makefile("rb")
        self.n = 0

    def call(self, method, params=None):
        self.n += 1
        request = {"jsonrpc": "2.0", "id": self.n, "method": method}
        if params is not None: request["params"] = params
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        answer = json.loads(self.reader.readline())
        if "error" in answer: raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def close(self):
        self.reader.close(); self.sock.close()


def proc_kib(pid, field="VmRSS"):
    """A field of /proc/PID/status in KiB (VmRSS, VmHWM, RssAnon...), 0 when gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"): return int(line.split()[1])
    except OSError:
        pass
    return 0
