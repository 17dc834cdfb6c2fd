#!/usr/bin/env python3
"""Side-by-side benchmark of httpc against curl (and xh and jq when installed).

Starts nginx on 127.0.0.1 with files it generates, then for each scenario
runs httpc and each peer alternately, ROUNDS times, and prints the median
wall time, the ratio httpc/peer and the peak RSS (from /usr/bin/time -v).
Loopback only; nothing leaves the machine.

Usage: python3 bench/bench.py [--rounds N] [--httpc PATH] [--only NAME,...]
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

GIB = 1 << 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_files(root):
    small = os.path.join(root, "small.json")
    with open(small, "w") as f:
        f.write('{"ok": true, "items": [1, 2, 3]}\n')
    big = os.path.join(root, "1g.bin")
    with open(big, "wb") as f:
        f.truncate(GIB)  # sparse zeros: nginx serves them from the page cache
    bomb = os.path.join(root, "bomb")
    if not os.path.exists(bomb):
        # 1 GiB of zeros, gzip-compressed to about 1 MiB: a decompression bomb.
        with open(bomb, "wb") as f:
            comp = zlib.compressobj(9, zlib.DEFLATED, 31)
            block = bytes(1 << 20)
            for _ in range(1024):
                f.write(comp.compress(block))
            f.write(comp.flush())
    array = os.path.join(root, "100m.json")
    if not os.path.exists(array):
        item = (
            '{"id": %d, "name": "item number %d", "price": 12.75, "tags": ["a", "b\\u00e9"],'
            ' "nested": {"ok": true, "none": null, "big": 123456789012345678901234567890}}'
        )
        with open(array, "w") as f:
            f.write("[")
            size, i = 0, 0
            while size < 100 * 1000 * 1000:
                chunk = ",\n".join(item % (n, n) for n in range(i, i + 1000))
                if i:
                    f.write(",\n")
                f.write(chunk)
                size += len(chunk) + 2
                i += 1000
            f.write("]\n")


def start_nginx(root, port):
    conf = os.path.join(root, "nginx.conf")
    with open(conf, "w") as f:
        f.write(
            f"""
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ application/json json; application/octet-stream bin; }}
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location = /bomb {{
            default_type application/octet-stream;
            add_header Content-Encoding gzip;
        }}
    }}
}}
"""
        )
    os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", root], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("nginx did not start")


def run_once(cmd):
    """Wall time of a shell command and its peak RSS in KiB (the largest
    of the processes /usr/bin/time measured: each one is wrapped)."""
    start = time.perf_counter()
    result = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {cmd}\n{result.stderr[-2000:]}")
    rss = [
        int(line.split(":")[1])
        for line in result.stderr.splitlines()
        if "Maximum resident set size" in line
    ]
    return elapsed, max(rss) if rss else 0


def timed(tool_cmd):
    """Wraps the measured program with /usr/bin/time -v (stderr)."""
    return f"/usr/bin/time -v {tool_cmd}"


def scenario(name, commands, rounds, before=None):
    """commands: list of (label, shell command); the first is httpc.
    before: run untimed before each command (e.g. remove the last download,
    so no tool pays for deleting another's 1 GiB file)."""
    times = {label: [] for label, _ in commands}
    rss = {label: 0 for label, _ in commands}
    for _ in range(rounds):
        for label, cmd in commands:  # alternate: one run of each per round
            if before:
                before()
            t, r = run_once(cmd)
            times[label].append(t)
            rss[label] = max(rss[label], r)
    base = statistics.median(times[commands[0][0]])
    print(f"\n## {name}")
    print(f"{'tool':<22}{'median s':>10}{'httpc/peer':>12}{'peak RSS MiB':>14}")
    for label, _ in commands:
        median = statistics.median(times[label])
        ratio = "" if label == commands[0][0] else f"{base / median:.2f}"
        print(f"{label:<22}{median:>10.3f}{ratio:>12}{rss[label] / 1024:>14.1f}")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--httpc", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "httpc"))
    ap.add_argument("--only", default="")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "httpc-bench"))
    ap.add_argument("--out-dir", default=None, help="where downloads go (default: --dir); /dev/shm takes the disk out of the measurement")
    args = ap.parse_args()

    httpc = os.path.abspath(args.httpc)
    if not os.path.exists(httpc):
        sys.exit(f"{httpc} not found: cargo build --release first")
    for tool in ("nginx", "curl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (apt-get install nginx-light curl)")
    xh = shutil.which("xh")
    jq = shutil.which("jq")

    os.makedirs(args.dir, exist_ok=True)
    make_files(args.dir)
    port = free_port()
    nginx = start_nginx(args.dir, port)
    base = f"http://127.0.0.1:{port}"
    out = os.path.join(args.out_dir or args.dir, "out.bin")
    only = set(filter(None, args.only.split(",")))

    def want(key):
        return not only or key in only

    try:
        if want("small"):
            cmds = [
                ("httpc", timed(f"{httpc} get -s {base}/small.json > /dev/null")),
                ("curl", timed(f"curl -s {base}/small.json > /dev/null")),
            ]
            if xh:
                cmds.append(("xh", timed(f"{xh} --ignore-stdin -b {base}/small.json > /dev/null")))
            scenario("process start + small GET", cmds, args.rounds * 3)
        if want("file"):
            cmds = [
                ("httpc -o", timed(f"{httpc} get -s {base}/1g.bin -o {out}")),
                ("curl -o", timed(f"curl -s {base}/1g.bin -o {out}")),
            ]
            if xh:
                cmds.append(("xh --download", timed(f"{xh} --ignore-stdin -q --download {base}/1g.bin -o {out}")))
            def remove_out():
                if os.path.exists(out):
                    os.remove(out)

            scenario("1 GiB to a file", cmds, args.rounds, before=remove_out)
        if want("pipe"):
            cmds = [
                ("httpc | cat", f"{timed(f'{httpc} get -s {base}/1g.bin')} | cat > /dev/null"),
                ("curl | cat", f"{timed(f'curl -s {base}/1g.bin')} | cat > /dev/null"),
            ]
            if xh:
                cmds.append(("xh | cat", f"{timed(f'{xh} --ignore-stdin -b {base}/1g.bin')} | cat > /dev/null"))
            scenario("1 GiB to a pipe", cmds, args.rounds)
        if want("json"):
            cmds = [
                ("httpc --pretty", f"{timed(f'{httpc} get -s --pretty always {base}/100m.json')} | cat > /dev/null"),
            ]
            if xh:
                cmds.append(("xh --pretty format", f"{timed(f'{xh} --ignore-stdin -b --pretty format {base}/100m.json')} | cat > /dev/null"))
            if jq:
                cmds.append(("curl | jq .", f"curl -s {base}/100m.json | {timed(f'{jq} .')} > /dev/null"))
            scenario("pretty-print 100 MB JSON to a pipe", cmds, args.rounds)
        if want("color"):
            cmds = [
                ("httpc --color always", f"{timed(f'{httpc} get -s --pretty always --color always {base}/100m.json')} | cat > /dev/null"),
                ("httpc (no colour)", f"{timed(f'{httpc} get -s --pretty always {base}/100m.json')} | cat > /dev/null"),
            ]
            scenario("pretty-print 100 MB JSON with colour (ratio: colour/plain)", cmds, args.rounds)
        if want("bomb"):
            cmds = [
                ("httpc (decodes)", f"{timed(f'{httpc} get -s {base}/bomb')} | cat > /dev/null"),
                ("curl --compressed", f"{timed(f'curl -s --compressed {base}/bomb')} | cat > /dev/null"),
            ]
            scenario("gzip bomb: 1 MiB that inflates to 1 GiB, to a pipe", cmds, args.rounds)
        if want("keepalive"):
            urls = " ".join(f"{base}/small.json" for _ in range(500))
            cmds = [
                ("httpc 500 URLs", timed(f"{httpc} get -s {urls} > /dev/null")),
                ("curl 500 URLs", timed(f"curl -s {urls} > /dev/null")),
            ]
            scenario("500 GETs, one process, keep-alive", cmds, args.rounds)
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait()


if __name__ == "__main__":
    main()
