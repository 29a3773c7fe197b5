"""The figures of the attacks of docs/TORTURE.md §5 against one marsadd binary: how long
each hostile input holds the daemon and what it costs in memory. Run it on two builds (a
commit before a fix and one after, e.g. a `git worktree` of the older commit built with
`swift build`) to see what the fix changed.

    python3 scripts/torture-lib/attacks.py MARSADD [--articles N] [--only pill timeline search names deep]

Prints one Markdown table row per attack. Every wait is capped (CAP seconds): a capped
figure reads "> CAP s" and means the daemon did not get there."""
import argparse, json, os, signal, subprocess, sys, tarfile, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
from marsadrpc import Client, proc_kib  # noqa: E402

CAP = 120
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ARTICLE = "خبر\nقالت وزارة الداخلية السورية إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق. {}\n"


class Daemon:
    def __init__(self, binary):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="marsad-attack-")
        self.sock = os.path.join(self.dir, "control.sock")
        self.proc = None

    def start(self, wait=True):
        log = open(os.path.join(self.dir, "marsadd.log"), "ab")
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
        env.pop("NOTIFY_SOCKET", None)
        self.proc = subprocess.Popen([self.binary, "--data-dir", self.dir], stdout=log, stderr=log, env=env)
        started = time.monotonic()
        while wait and time.monotonic() - started < CAP:
            if self.proc.poll() is not None: return None
            try:
                if self.call("status")["state"] != "starting": return time.monotonic() - started
            except (OSError, RuntimeError, ValueError):
                pass
            time.sleep(0.02)
        return None if wait else 0

    def call(self, method, params=None, timeout=CAP):
        client = Client(self.sock)
        client.sock.settimeout(timeout)
        try:
            return client.call(method, params)
        finally:
            client.close()

    def drop(self, name, data):
        path = os.path.join(self.dir, "inbox", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        staged = os.path.join(self.dir, ".stage")
        with open(staged, "wb") as f: f.write(data)
        os.rename(staged, path)

    def wait(self, condition, cap=CAP):
        started = time.monotonic()
        while time.monotonic() - started < cap:
            try:
                if condition(self.call("status", timeout=5)): return time.monotonic() - started
            except (OSError, RuntimeError, ValueError):
                pass
            time.sleep(0.02)
        return None

    def rss_mib(self):
        return proc_kib(self.proc.pid, "VmHWM") / 1024 if self.proc and self.proc.poll() is None else 0

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        subprocess.run(["rm", "-rf", self.dir])


def seconds(value):
    return f"> {CAP} s" if value is None else f"{value:.2f} s"


def pill(binary):
    daemon = Daemon(binary); daemon.start()
    started = time.monotonic()
    daemon.drop("pill.html", ("<html><p>خبر</p>" + "<" * 200_000).encode())
    daemon.drop("after.txt", ARTICLE.format("بعد").encode())
    took = daemon.wait(lambda s: s["articles"] + s["failed"] == 2)
    row = ("HTML pill, 200,000 `<`: drop to handled", seconds(took and time.monotonic() - started), f"{daemon.rss_mib():.0f} MiB")
    daemon.stop(); return row


def timeline(binary):
    daemon = Daemon(binary); daemon.start()
    body = "قالت وزارة الداخلية السورية إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق."
    for name, date in (("old.json", "0001-01-01"), ("late.json", "9999-12-31")):
        daemon.drop(name, json.dumps({"title": "خبر", "body": body + " " + name, "published": date}).encode())
    daemon.wait(lambda s: s["articles"] == 2)
    started = time.monotonic()
    try:
        daemon.call("timeline"); took = time.monotonic() - started
    except (OSError, RuntimeError, ValueError):
        took = None
    row = ("timeline over 0001-01-01 and 9999-12-31", seconds(took), f"{daemon.rss_mib():.0f} MiB")
    daemon.stop(); return row


def prefixes(binary, articles):
    daemon = Daemon(binary); daemon.start()
    texts = []
    corpus = os.path.join(ROOT, "..", "shared", "corpus", "ant-jawhara.tar.xz")
    if os.path.exists(corpus):
        with tarfile.open(corpus) as tar:
            for member in tar:
                if len(texts) >= articles: break
                if member.isfile() and member.name.endswith(".txt"): texts.append(tar.extractfile(member).read())
    for n, text in enumerate(texts): daemon.drop(f"c{n}.txt", text)
    daemon.wait(lambda s: s["queue"] == 0 and s["articles"] + s["failed"] >= len(texts))
    names = texts
    result = {}

    def search():
        started = time.monotonic()
        try:
            daemon.call("search", {"query": "ا* " * 200})
        except (OSError, RuntimeError, ValueError):
            pass
        result["took"] = time.monotonic() - started
    thread = threading.Thread(target=search); thread.start()
    time.sleep(0.05)
    slowest = 0.0
    while thread.is_alive() and slowest < CAP:
        started = time.monotonic()
        try:
            daemon.call("status", timeout=CAP)
        except (OSError, RuntimeError, ValueError):
            pass
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.05)
    thread.join(CAP)
    rss = daemon.rss_mib()
    daemon.stop()
    return [(f"search `ا* ` ×200 ({len(names)} articles)", seconds(result.get("took")), f"{rss:.0f} MiB"),
            ("status while that search runs (slowest)", f"{slowest * 1000:.0f} ms", "")]


def names(binary):
    daemon = Daemon(binary)
    failed = os.path.join(daemon.dir, "failed"); os.makedirs(failed)
    for n in range(1, 10_001):
        open(os.path.join(failed, "latest.html" if n == 1 else f"latest-{n}.html"), "wb").close()
    daemon.start()
    started = time.monotonic()
    daemon.drop("latest.html", b"")
    took = daemon.wait(lambda s: s["failed"] == 10_001, cap=30)
    state = daemon.call("status")["state"]
    daemon.stop()
    return ("10,001st copy of a name into failed/", seconds(took and time.monotonic() - started) + f", then `{state}`", "")


def deep(binary):
    daemon = Daemon(binary)
    inbox = os.path.join(daemon.dir, "inbox"); os.makedirs(inbox)
    fd = os.open(inbox, os.O_RDONLY)
    for _ in range(2500):
        os.mkdir("d", dir_fd=fd); child = os.open("d", os.O_RDONLY, dir_fd=fd); os.close(fd); fd = child
    os.close(fd)
    ready = daemon.start()
    alive = daemon.proc.poll() is None
    row = ("start-up over a tree 2,500 deep", (seconds(ready) if ready is not None else "no READY") + (", running" if alive else ", crashed"), "")
    daemon.stop(); return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("marsadd")
    parser.add_argument("--articles", type=int, default=300, help="corpus articles in the store the search runs on")
    parser.add_argument("--only", nargs="*", choices=["pill", "timeline", "search", "names", "deep"], help="run only these")
    args = parser.parse_args()
    run = {
        "pill": lambda: [pill(args.marsadd)], "timeline": lambda: [timeline(args.marsadd)],
        "search": lambda: prefixes(args.marsadd, args.articles), "names": lambda: [names(args.marsadd)],
        "deep": lambda: [deep(args.marsadd)],
    }
    rows = [row for name, attack in run.items() if not args.only or name in args.only for row in attack()]
    print("| attack | time | daemon peak RSS |")
    print("| --- | --- | --- |")
    for row in rows: print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
