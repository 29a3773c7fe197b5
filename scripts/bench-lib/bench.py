"""The benchmark behind scripts/bench (docs/BENCHMARKS.md says what each figure means).

Every run starts from nothing: a fresh data folder and a fresh marsadd (release build) for
each size, the files written to a staging folder on the same filesystem first, then renamed
into the inbox at once. In the same run and on the same texts: the bare-SQLite floor
(floor.c) and, for the corpus size, recoll's indexer. Figures are medians over the runs with
their min and max; ratios are taken within a run, then summarized the same way.
"""
import argparse, ctypes, datetime, json, os, platform, random, shutil, signal, socket, sqlite3, statistics
import subprocess, sys, tarfile, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
from marsadrpc import Client, proc_kib  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--bin", required=True, help="folder of the release marsadd and marsadctl")
parser.add_argument("--floor", required=True, help="the compiled floor program")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--sizes", default="1000,corpus,100000",
                    help="burst sizes: numbers, or 'corpus' for the 9,965 corpus articles and the 5 samples")
parser.add_argument("--latency-drops", type=int, default=200)
parser.add_argument("--recoll-drops", type=int, default=20)
parser.add_argument("--query-calls", type=int, default=200)
parser.add_argument("--no-recoll", action="store_true")
parser.add_argument("--keep", action="store_true", help="keep the data folders (for profiling queries)")
parser.add_argument("--durability", choices=["full", "normal"], default=None,
                    help="marsadd's store.durability (default: marsadd's own default, full)")
parser.add_argument("--out", default="var/bench")
parser.add_argument("--work", default=None, help="where the data folders go (default: a temporary folder)")
parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../../shared/corpus/ant-jawhara.tar.xz"))
parser.add_argument("--seeds", default=os.path.join(os.path.dirname(__file__), "../../seeds"))
args = parser.parse_args()

os.makedirs(args.out, exist_ok=True)
work = tempfile.mkdtemp(prefix="marsad-bench-", dir=args.work)
log_file = open(os.path.join(args.out, "bench.log"), "w")


def say(message):
    line = f"bench: {message}"
    print(line, file=sys.stderr, flush=True)
    log_file.write(line + "\n"); log_file.flush()


# ---------------------------------------------------------------- the texts

named = []
with tarfile.open(args.corpus) as tar:
    for member in tar:  # in archive order: an xz stream cannot seek back
        if member.isfile() and member.name.endswith(".txt"):
            named.append((member.name, tar.extractfile(member).read()))
texts = [body for _, body in sorted(named)]
corpus_articles = len(texts)
for name in sorted(os.listdir(args.seeds)):
    if name.endswith(".txt"):
        with open(os.path.join(args.seeds, name), "rb") as f:
            texts.append(f.read())
say(f"{corpus_articles} corpus articles and {len(texts) - corpus_articles} samples, "
    f"median {statistics.median(len(t) for t in texts)} bytes")


def size_of(name):
    return len(texts) if name == "corpus" else int(name)


def text(i):
    """The i-th article of a burst: the corpus in order, then again, each copy made unique
    by a line of its own (a copy of known bytes would only be a sighting)."""
    base = texts[i % len(texts)]
    return base if i < len(texts) else base + b"\n\nbenchcopy%d\n" % i


def stage(folder, count, prefix="b"):
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(count):
        name = f"{prefix}{i:06d}.txt"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(text(i))
        names.append(name)
    return names


# ---------------------------------------------------------------- measuring

def percentile(values, p):
    ordered = sorted(values)
    if not ordered: return float("nan")
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Daemon:
    """A real marsadd on a data folder, with systemd's readiness protocol spoken to it:
    start-up is the time from exec to READY=1 on NOTIFY_SOCKET."""
    def __init__(self, data):
        self.data = data
        self.notify_path = os.path.join(work, f"notify-{os.getpid()}-{time.monotonic_ns()}")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.notify_path)
        environment = dict(os.environ, NOTIFY_SOCKET=self.notify_path)
        self.log = open(os.path.join(data + ".log"), "ab")
        started = time.monotonic()
        command = [os.path.join(args.bin, "marsadd"), "--data-dir", data]
        if args.durability:
            config = os.path.join(work, "marsad.toml")
            with open(config, "w") as f: f.write(f'[store]\ndurability = "{args.durability}"\n')
            command += ["--config", config]
        self.process = subprocess.Popen(command,
                                        stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        # Read every message, as systemd does: sd_notify blocks once the queue is full.
        self.ready = threading.Event()
        def listen():
            while True:
                try: message = self.notify.recv(4096)
                except OSError: return
                if not message: return
                if b"READY=1" in message.split(b"\n"):
                    self.ready_s = time.monotonic() - started
                    self.ready.set()
        threading.Thread(target=listen, daemon=True).start()
        if not self.ready.wait(120): raise RuntimeError(f"no READY=1 in 120 s; see {self.log.name}")
        self.client = Client(os.path.join(data, "control.sock"))

    @property
    def pid(self): return self.process.pid

    def stop(self):
        self.client.close()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=120)
        self.notify.shutdown(socket.SHUT_RDWR); self.notify.close(); os.unlink(self.notify_path)
        if code != 0: raise RuntimeError(f"marsadd exited with {code}; see {self.log.name}")


def wait_stored(daemon, count, peak, timeout=3600):
    """Polls status every 10 ms until `count` articles are stored and nothing is queued;
    samples RSS at each poll."""
    deadline = time.monotonic() + timeout
    while True:
        status = daemon.client.call("status")
        peak[0] = max(peak[0], proc_kib(daemon.pid, "VmRSS"))
        if status["articles"] >= count and status["queue"] == 0:
            return status
        if status["failed"]: raise RuntimeError(f"{status['failed']} files failed; see marsadctl failed")
        if time.monotonic() > deadline: raise RuntimeError(f"not stored in time: {status}")
        time.sleep(0.01)


libc = ctypes.CDLL(None, use_errno=True)
IN_MOVED_TO = 0x80


def latency(daemon, inbox, stage_folder, drops, tag):
    """Renames one article into the idle daemon's inbox `drops` times. For each: the time
    from rename() to its inotify event (a watch of our own on the inbox: the floor), and to
    the first search over the kept connection that returns it."""
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0 or libc.inotify_add_watch(fd, inbox.encode(), IN_MOVED_TO) < 0:
        raise OSError(ctypes.get_errno(), "inotify")
    floor, searchable = [], []
    stored = daemon.client.call("status")["articles"]
    try:
        for i in range(drops):
            token = f"benchlat{tag}x{i}"
            name = f"lat-{tag}-{i:04d}.txt"
            staged = os.path.join(stage_folder, name)
            with open(staged, "wb") as f:
                f.write(texts[random.randrange(len(texts))] + f"\n\n{token}\n".encode())
            time.sleep(0.03)  # idle: the last drop is archived, the staging write settled
            start = time.perf_counter()
            os.rename(staged, os.path.join(inbox, name))
            os.read(fd, 4096)
            floor.append(time.perf_counter() - start)
            while not daemon.client.call("search", {"query": token, "limit": 1})["results"]:
                pass
            searchable.append(time.perf_counter() - start)
            stored += 1
            wait_stored(daemon, stored, [0])
    finally:
        os.close(fd)
    return floor, searchable


sqlite_version = ["?"]


def run_floor(paths, db):
    result = subprocess.run([args.floor, db], input="\n".join(paths).encode(), capture_output=True, check=True)
    seconds, count, version = result.stdout.split()
    sqlite_version[0] = version.decode()
    return int(count) / float(seconds)


def archived(data):
    paths = []
    for folder, _, names in os.walk(os.path.join(data, "archive")):
        paths += [os.path.join(folder, n) for n in names]
    return paths


def queries(daemon, data):
    """Latency of the calls a desk makes, on a kept connection, and of a cold marsadctl."""
    places = daemon.client.call("places.list")
    governorates = sorted(places["governorates"], key=lambda g: -g["incidents"])
    governorate = governorates[0]["key"] if governorates else "SY01"
    calls = [
        ("search داعش (rare)", "search", {"query": "داعش", "limit": 20}),
        ("search الحكومة (common)", "search", {"query": "الحكومة", "limit": 20}),
        ("search \"وزارة الداخلية\" (phrase)", "search", {"query": "\"وزارة الداخلية\"", "limit": 20}),
        (f"events.list place={governorate}", "events.list", {"place": governorate, "limit": 100}),
        ("events.list (all, newest 100)", "events.list", {"limit": 100}),
        (f"incidents.list place={governorate} (merged)", "incidents.list", {"place": governorate, "limit": 100}),
        ("incidents.list (all, newest 100)", "incidents.list", {"limit": 100}),
        ("stories.list (newest 50)", "stories.list", {"limit": 50}),
        ("status", "status", None),
    ]
    results = {}
    for label, method, params in calls:
        daemon.client.call(method, params)  # warm
        times = []
        for _ in range(args.query_calls):
            start = time.perf_counter()
            answer = daemon.client.call(method, params)
            times.append(time.perf_counter() - start)
        results[label] = times
        if method == "search": say(f"  {label}: {len(answer['results'])} results")
    cold = []
    for _ in range(20):
        start = time.perf_counter()
        subprocess.run([os.path.join(args.bin, "marsadctl"), "--data-dir", data, "search", "داعش"],
                       stdout=subprocess.DEVNULL, check=True)
        cold.append(time.perf_counter() - start)
    results["cold marsadctl search داعش (process)"] = cold
    return results


# ---------------------------------------------------------------- recoll

def recoll_config(folder, top):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "recoll.conf"), "w") as f:
        f.write(f"topdirs = {top}\nnoaspell = 1\nloglevel = 1\n"
                # its lowest delay: the real-time queue is processed as soon as it fills
                "monixinterval = 0\n")


def recoll_burst(top, conf):
    start = time.monotonic()
    process = subprocess.Popen(["recollindex", "-c", conf, "-z"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0: raise RuntimeError(f"recollindex exited with status {status}")
    return elapsed, usage.ru_maxrss


def recoll_found(conf, token):
    result = subprocess.run(["recollq", "-c", conf, "-b", token], capture_output=True)
    return b"file://" in result.stdout


def recoll_latency(top, conf, stage_folder, drops, tag):
    monitor = subprocess.Popen(["recollindex", "-c", conf, "-m", "-D", "-x"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = []
    try:
        time.sleep(5)  # its start-up pass over the tree; the first drop, not counted, waits for the rest
        for i in range(drops + 1):
            token = f"benchrecoll{tag}x{i}"
            name = f"recoll-{tag}-{i:04d}.txt"
            staged = os.path.join(stage_folder, name)
            with open(staged, "wb") as f:
                f.write(texts[random.randrange(len(texts))] + f"\n\n{token}\n".encode())
            time.sleep(0.03)
            start = time.perf_counter()
            os.rename(staged, os.path.join(top, name))
            while not recoll_found(conf, token):
                if time.perf_counter() - start > 120: raise RuntimeError("recoll did not find a drop in 120 s")
            if i > 0: found.append(time.perf_counter() - start)
        rss = proc_kib(monitor.pid, "VmHWM")
    finally:
        monitor.send_signal(signal.SIGTERM)
        try: monitor.wait(timeout=60)
        except subprocess.TimeoutExpired: monitor.kill()
    return found, rss


# ---------------------------------------------------------------- one run

results = []  # dicts, one per (run, size)


def one(run, size_name):
    count = size_of(size_name)
    data = os.path.join(work, f"run{run}-{size_name}")
    stage_folder = os.path.join(data, "stage")
    os.makedirs(data)
    stage(stage_folder, count)
    subprocess.run(["sync"])
    daemon = Daemon(data)
    inbox = os.path.join(data, "inbox")
    row = {"run": run, "size": size_name, "articles": count}
    peak = [proc_kib(daemon.pid, "VmRSS")]
    start = time.monotonic()
    for name in sorted(os.listdir(stage_folder)):
        os.rename(os.path.join(stage_folder, name), os.path.join(inbox, name))
    wait_stored(daemon, count, peak)
    elapsed = time.monotonic() - start
    row["marsad_docs_s"] = count / elapsed
    row["peak_rss_kib"] = max(peak[0], proc_kib(daemon.pid, "VmHWM"))
    time.sleep(3)
    row["after_rss_kib"] = proc_kib(daemon.pid, "VmRSS")
    say(f"run {run} {size_name}: marsad {count} articles in {elapsed:.2f} s = {row['marsad_docs_s']:.0f}/s, "
        f"peak RSS {row['peak_rss_kib'] / 1024:.1f} MiB, after {row['after_rss_kib'] / 1024:.1f} MiB")
    # What merging made of the burst (issue 17): stories, and incidents for the reports.
    with sqlite3.connect(f"file:{os.path.join(data, 'marsad.db')}?mode=ro", uri=True) as db:
        row["stories"] = db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
        row["merged_incidents"] = db.execute("SELECT count(*) FROM merged_incidents").fetchone()[0]
        row["reports"] = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    say(f"run {run} {size_name}: {row['stories']} stories, {row['reports']} reports in {row['merged_incidents']} incidents")

    if size_name == "corpus":
        floor, searchable = latency(daemon, inbox, stage_folder, args.latency_drops, f"r{run}")
        row["inotify"] = floor
        row["searchable"] = searchable
        say(f"run {run}: rename->searchable p50 {percentile(searchable, 50) * 1000:.2f} ms p99 {percentile(searchable, 99) * 1000:.2f} ms; "
            f"inotify p50 {percentile(floor, 50) * 1000:.3f} ms")
    if count >= 100000:
        row["queries"] = queries(daemon, data)
        for label, times in row["queries"].items():
            say(f"run {run}: {label}: p50 {percentile(times, 50) * 1000:.2f} ms p99 {percentile(times, 99) * 1000:.2f} ms")
    daemon.stop()
    if count >= 100000:
        readies = []
        for _ in range(5):
            again = Daemon(data)
            readies.append(again.ready_s)
            time.sleep(1)
            row["restarted_rss_kib"] = proc_kib(again.pid, "VmRSS")
            again.stop()
        row["ready"] = readies
        say(f"run {run}: READY after {', '.join(f'{r * 1000:.0f}' for r in readies)} ms; RSS after a restart {row['restarted_rss_kib'] / 1024:.1f} MiB")

    # The floor, on the same texts (read back from marsad's archive), in the same run.
    paths = [p for p in archived(data) if os.path.basename(p).startswith("b")]
    if len(paths) != count: raise RuntimeError(f"archive holds {len(paths)} of {count} files")
    floor_db = os.path.join(work, "floor.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(floor_db + suffix): os.unlink(floor_db + suffix)
    row["floor_docs_s"] = run_floor(paths, floor_db)
    row["ratio"] = row["marsad_docs_s"] / row["floor_docs_s"]
    say(f"run {run} {size_name}: floor {row['floor_docs_s']:.0f}/s; marsad/floor {row['ratio']:.2f}")

    if size_name == "corpus" and not args.no_recoll:
        top = os.path.join(work, "recoll-docs")
        shutil.rmtree(top, ignore_errors=True)
        os.makedirs(top)
        for p in paths: shutil.copyfile(p, os.path.join(top, os.path.basename(p)))
        conf = os.path.join(work, "recoll-conf")
        shutil.rmtree(conf, ignore_errors=True)
        recoll_config(conf, top)
        subprocess.run(["sync"])
        seconds, rss = recoll_burst(top, conf)
        row["recoll_docs_s"] = count / seconds
        row["recoll_peak_rss_kib"] = rss
        row["marsad_over_recoll"] = row["marsad_docs_s"] / row["recoll_docs_s"]
        found, monitor_rss = recoll_latency(top, conf, stage_folder, args.recoll_drops, f"r{run}")
        row["recoll_searchable"] = found
        row["recoll_monitor_rss_kib"] = monitor_rss
        say(f"run {run}: recoll {row['recoll_docs_s']:.0f}/s, peak RSS {rss / 1024:.1f} MiB; "
            f"drop->findable p50 {percentile(found, 50) * 1000:.0f} ms p95 {percentile(found, 95) * 1000:.0f} ms")
        shutil.rmtree(top, ignore_errors=True)
    if not args.keep: shutil.rmtree(data, ignore_errors=True)
    results.append(row)
    with open(os.path.join(args.out, "runs.json"), "w") as f:
        json.dump(results, f, indent=1)


sizes = args.sizes.split(",")
for run in range(1, args.runs + 1):
    for size_name in sizes:
        one(run, size_name)
if args.keep: say(f"data folders kept in {work}")
else: shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- the table

def summary(values, scale=1.0, digits=0):
    values = [v * scale for v in values if v == v]
    if not values: return "–"
    fmt = f"{{:,.{digits}f}}"
    med = fmt.format(statistics.median(values))
    if len(values) == 1: return med
    return f"{med} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def rows_for(size_name):
    return [r for r in results if r["size"] == size_name]


def label(size_name):
    return f"{size_of(size_name):,}" + (" (corpus + samples)" if size_name == "corpus" else "")


lines = []
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
with open("/proc/cpuinfo") as f:
    cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), platform.processor())
lines.append(f"Date {datetime.date.today().isoformat()}, commit {commit}{' (with local changes)' if dirty else ''}, "
             f"{os.cpu_count()} cores ({cpu}), {platform.release()}, SQLite {sqlite_version[0]}, "
             f"{args.runs} runs: median (min–max). marsadd: release build, default configuration"
             f"{f' but store.durability = {args.durability}' if args.durability else ' (store.durability full: every commit fsynced)'}.")
lines.append("")
lines.append("| articles | marsad docs/s | floor docs/s | marsad / floor | per article, marsad | peak RSS MiB | RSS after MiB |")
lines.append("| --- | --- | --- | --- | --- | --- | --- |")
for size_name in sizes:
    rows = rows_for(size_name)
    lines.append(f"| {label(size_name)} | {summary([r['marsad_docs_s'] for r in rows])} | {summary([r['floor_docs_s'] for r in rows])} | "
                 f"{summary([r['ratio'] for r in rows], digits=2)} | {summary([1000 / r['marsad_docs_s'] for r in rows], digits=3)} ms | "
                 f"{summary([r['peak_rss_kib'] for r in rows], 1 / 1024, 1)} | {summary([r['after_rss_kib'] for r in rows], 1 / 1024, 1)} |")
lines.append("")
lines.append("Merging (stories and incidents across articles, on at ingest) made of each burst:")
lines.append("")
lines.append("| articles | stories | reports | incidents |")
lines.append("| --- | --- | --- | --- |")
for size_name in sizes:
    rows = rows_for(size_name)
    lines.append(f"| {label(size_name)} | {summary([r['stories'] for r in rows])} | {summary([r['reports'] for r in rows])} | "
                 f"{summary([r['merged_incidents'] for r in rows])} |")
lines.append("")
corpus_rows = rows_for("corpus")
if corpus_rows:
    lines.append(f"Drop -> searchable, {args.latency_drops} renames into the idle daemon (store: the corpus), ms:")
    lines.append("")
    lines.append("| measure | p50 | p95 | p99 | max |")
    lines.append("| --- | --- | --- | --- | --- |")
    for key, name in (("searchable", "marsad: rename -> returned by search"), ("inotify", "floor: rename -> inotify event")):
        lines.append(f"| {name} | " + " | ".join(summary([percentile(r[key], p) for r in corpus_rows], 1000, 3 if key == "inotify" else 2)
                                                  for p in (50, 95, 99, 100)) + " |")
    if "recoll_searchable" in corpus_rows[0]:
        lines.append(f"| recoll (monixinterval 0): rename -> found by recollq, {args.recoll_drops} drops | " +
                     " | ".join(summary([percentile(r["recoll_searchable"], p) for r in corpus_rows], 1000, 0) for p in (50, 95, 99, 100)) + " |")
        lines.append("")
        lines.append("| corpus burst | docs/s | peak RSS MiB |")
        lines.append("| --- | --- | --- |")
        lines.append(f"| marsad | {summary([r['marsad_docs_s'] for r in corpus_rows])} | {summary([r['peak_rss_kib'] for r in corpus_rows], 1 / 1024, 1)} |")
        lines.append(f"| recollindex -z | {summary([r['recoll_docs_s'] for r in corpus_rows])} | {summary([r['recoll_peak_rss_kib'] for r in corpus_rows], 1 / 1024, 1)} |")
        lines.append(f"| marsad / recoll (same run) | {summary([r['marsad_over_recoll'] for r in corpus_rows], digits=2)} | "
                     f"{summary([r['peak_rss_kib'] / r['recoll_peak_rss_kib'] for r in corpus_rows], digits=2)} |")
        lines.append(f"| recollindex -m (real time), after its drops | – | {summary([r['recoll_monitor_rss_kib'] for r in corpus_rows], 1 / 1024, 1)} |")
    lines.append("")
big = [r for r in results if "queries" in r]
if big:
    lines.append(f"At {big[0]['articles']:,} articles: {args.query_calls} calls each on a kept connection, ms:")
    lines.append("")
    lines.append("| call | p50 | p99 |")
    lines.append("| --- | --- | --- |")
    for key in big[0]["queries"]:
        lines.append(f"| {key} | {summary([percentile(r['queries'][key], 50) for r in big], 1000, 2)} | "
                     f"{summary([percentile(r['queries'][key], 99) for r in big], 1000, 2)} |")
    lines.append(f"| exec -> READY=1 (start-up, 5 starts a run) | {summary([percentile(r['ready'], 50) for r in big], 1000, 0)} | "
                 f"{summary([max(r['ready']) for r in big], 1000, 0)} (max) |")
    lines.append(f"| RSS after a restart, MiB | {summary([r['restarted_rss_kib'] for r in big], 1 / 1024, 1)} | |")
    lines.append("")

table = "\n".join(lines)
print(table)
with open(os.path.join(args.out, "table.md"), "w") as f:
    f.write(table + "\n")
say(f"table in {os.path.join(args.out, 'table.md')}, every run in {os.path.join(args.out, 'runs.json')}")
