"""The soak driver behind scripts/soak: a writer, a reader and a sampler around a real marsadd."""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tarfile, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
from marsadrpc import Client, proc_kib  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--bin", required=True)
parser.add_argument("--minutes", type=float, default=60)
parser.add_argument("--rate", type=float, default=20, help="files per second")
parser.add_argument("--reader-pause-ms", type=float, default=20, help="pause between the reader's rounds of 3 calls")
parser.add_argument("--sample", type=float, default=10, help="seconds between samples")
parser.add_argument("--out", default="var/soak")
parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../../shared/corpus/ant-jawhara.tar.xz"))
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="marsad-soak-")
data = os.path.join(work, "data")
inbox = os.path.join(data, "inbox")
stage = os.path.join(data, "stage")  # same filesystem: renames are atomic drops
os.makedirs(inbox); os.makedirs(stage)
os.makedirs(args.out, exist_ok=True)

texts = []
with tarfile.open(args.corpus) as tar:
    for member in tar:
        if member.isfile() and member.name.endswith(".txt"):
            texts.append(tar.extractfile(member).read())
print(f"soak: {len(texts)} corpus articles, {args.rate}/s for {args.minutes} min", file=sys.stderr)

config = os.path.join(work, "marsad.toml")
with open(config, "w") as f:
    f.write("[ingest]\nrescan_interval_s = 60\n")
log = open(os.path.join(args.out, "marsadd.log"), "w")
daemon = subprocess.Popen([os.path.join(args.bin, "marsadd"), "--data-dir", data, "--config", config],
                          stdout=log, stderr=subprocess.STDOUT)
sock_path = os.path.join(data, "control.sock")
for _ in range(300):
    if os.path.exists(sock_path): break
    time.sleep(0.1)

stop = threading.Event()
dropped = 0
reader_calls = 0
reader_errors = []
latencies = []

def writer():
    global dropped
    interval = 1.0 / args.rate
    next_at = time.monotonic()
    while not stop.is_set():
        body = texts[dropped % len(texts)] + f"\n\nرقم النقع {dropped} soak{dropped}\n".encode()
        staged = os.path.join(stage, f"soak-{dropped:07d}.txt")
        with open(staged, "wb") as f: f.write(body)
        os.rename(staged, os.path.join(inbox, f"soak-{dropped:07d}.txt"))
        dropped += 1
        next_at += interval
        delay = next_at - time.monotonic()
        if delay > 0: time.sleep(delay)

def reader():
    global reader_calls
    client = Client(sock_path)
    words = ["داعش", "دمشق", "الحكومة", "\"وزارة الداخلية\"", "الرقه", "انتخابات OR حكومة", "تحذير*"]
    i = 0
    while not stop.is_set():
        try:
            t = time.monotonic()
            client.call("search", {"query": words[i % len(words)], "limit": 20})
            client.call("status")
            client.call("events.list", {"limit": 50})
            latencies.append(time.monotonic() - t)
            reader_calls += 3
            time.sleep(args.reader_pause_ms / 1000)
        except Exception as error:  # noqa: BLE001 — every failure is reported
            reader_errors.append(str(error))
            time.sleep(0.5)
            try: client = Client(sock_path)
            except OSError: pass
        i += 1

threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in threads: t.start()
samples = []
started = time.monotonic()
monitor = Client(sock_path)
csv = open(os.path.join(args.out, "samples.csv"), "w")
csv.write("seconds,articles,dropped,queue,rss_kib,fds,reader_calls,reader_errors,query_p50_ms,rss_anon_kib\n")
try:
    while time.monotonic() - started < args.minutes * 60:
        time.sleep(args.sample)
        status = monitor.call("status")
        recent = sorted(latencies[-200:]) or [0]
        row = (round(time.monotonic() - started), status["articles"], dropped, status["queue"], proc_kib(daemon.pid),
               len(os.listdir(f"/proc/{daemon.pid}/fd")), reader_calls, len(reader_errors), round(recent[len(recent) // 2] * 1000, 1),
               proc_kib(daemon.pid, "RssAnon"))
        samples.append(row)
        csv.write(",".join(map(str, row)) + "\n"); csv.flush()
        if len(samples) % max(1, int(300 / args.sample)) == 1:
            print("soak: t=%ds articles=%d dropped=%d queue=%d rss=%.1f MiB (anonymous %.1f) fds=%d reader calls=%d errors=%d query p50=%.1f ms" %
                  (row[0], row[1], row[2], row[3], row[4] / 1024, row[9] / 1024, row[5], row[6], row[7], row[8]), file=sys.stderr)
finally:
    stop.set()
    for t in threads: t.join()

# Let the last files land, then account for every one.
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    status = monitor.call("status")
    if status["articles"] + status["failed"] >= dropped and status["queue"] == 0: break
    time.sleep(0.5)
final = monitor.call("status")
daemon.send_signal(signal.SIGTERM)
code = daemon.wait(timeout=60)

half = samples[len(samples) // 2:]
def growth(column):
    first = sum(r[column] for r in half[: max(1, len(half) // 4)]) / max(1, len(half) // 4)
    last = sum(r[column] for r in half[-max(1, len(half) // 4):]) / max(1, len(half) // 4)
    return first, last
rss_first, rss_last = growth(4)
anon_first, anon_last = growth(9)
fd_first, fd_last = growth(5)
problems = []
if final["articles"] != dropped: problems.append(f"{dropped} dropped but {final['articles']} stored ({final['failed']} failed)")
if final["failed"]: problems.append(f"{final['failed']} files failed")
if reader_errors: problems.append(f"{len(reader_errors)} reader errors, first: {reader_errors[0]}")
# Anonymous memory is what a leak grows; file-backed pages (code, libraries) come and go.
if anon_last > anon_first * 1.10 + 2048: problems.append(f"anonymous memory grew over the second half: {anon_first/1024:.1f} -> {anon_last/1024:.1f} MiB")
if rss_last > rss_first * 1.20 + 4096: problems.append(f"RSS grew over the second half: {rss_first/1024:.1f} -> {rss_last/1024:.1f} MiB")
if fd_last > fd_first + 5: problems.append(f"descriptors grew over the second half: {fd_first:.0f} -> {fd_last:.0f}")
if code != 0: problems.append(f"marsadd exited {code} on SIGTERM")

print(f"\nsoak: {args.minutes} min at {args.rate} files/s: {dropped} dropped, {final['articles']} stored, {final['failed']} failed; "
      f"{reader_calls} reader calls, {len(reader_errors)} errors", file=sys.stderr)
print("minute  articles  RSS MiB  anonymous MiB  fds  query p50 ms")
step = max(1, int(300 / args.sample))
for row in samples[::step] + ([samples[-1]] if samples and (len(samples) - 1) % step else []):
    print(f"{row[0] / 60:6.1f}  {row[1]:8d}  {row[4] / 1024:7.1f}  {row[9] / 1024:13.1f}  {row[5]:3d}  {row[8]:12.1f}")
print(f"second half: RSS {rss_first/1024:.1f} -> {rss_last/1024:.1f} MiB (anonymous {anon_first/1024:.1f} -> {anon_last/1024:.1f}), "
      f"descriptors {fd_first:.0f} -> {fd_last:.0f}")
shutil.rmtree(work, ignore_errors=True)
if problems:
    print("soak: FAILED: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("soak: ok", file=sys.stderr)
