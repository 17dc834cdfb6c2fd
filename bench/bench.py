#!/usr/bin/env python3
"""Side-by-side benchmark of httpc against curl (and xh and jq when installed).

Starts nginx on 127.0.0.1 (http, and https with a certificate authority and
a certificate it makes with the openssl command) with files it generates,
then for each scenario runs httpc and each peer alternately, ROUNDS times,
and prints the median wall time, the ratio httpc/peer, the goal for that
ratio (met or not), the peak RSS (from /usr/bin/time -v) and the CPU time
nginx spent serving the run. Loopback only;
nothing leaves the machine.

Usage: python3 bench/bench.py [--rounds N] [--httpc PATH] [--only NAME,...] [--quick]
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
MIB = 1 << 20

# The goals of issue 16, as the largest ratio (httpc / peer) that meets
# each one; a scenario prints them next to its ratios.
GOALS = {
    "small": {"curl": 0.5},
    "file": {"curl -o": 0.6, "xh --download": 0.9, "raw socket (floor)": 1.5},
    "pipe": {"curl | cat": 0.9},
    "json": {"xh --pretty format": 0.3},
    "color": {"httpc (no colour)": 1.3},
    "keepalive": {"curl 500 URLs": 0.6},
    "tls-small": {"curl": 0.7},
    "tls-file": {"curl -o": 0.7, "xh --download": 0.9},
    "tls-pipe": {"curl | cat": 0.7},
    # Issue 23 (HTTP/2), against curl --http2 on the same h2 listener.
    "h2-small": {"curl --http2": 0.7},
    "h2-file": {"curl --http2 -o": 0.8, "httpc --http1.1 -o": 1.2},
    "h2-many": {"curl --http2 100 URLs": 0.6},
}

# The most any httpc row of an HTTP/2 scenario may hold resident.
H2_RSS_MIB = 32

# The floor of a download to a file: one thread, a raw socket, 1 MiB reads
# written straight to the file (no HTTP library, no TLS, no temporary file).
# C, so that no interpreter's start-up is in it.
FLOOR = r"""
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(1); }

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) die("write");
        p += w;
        n -= (size_t)w;
    }
}

static char buf[1 << 20];

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: floor ADDR PORT PATH FILE\n");
        return 2;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) die("address");
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
    char req[1024];
    int len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n",
                       argv[3], argv[1], argv[2]);
    write_all(sock, req, (size_t)len);
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        ssize_t n = recv(sock, buf + have, sizeof buf - have, 0);
        if (n <= 0) die("no response head");
        have += (size_t)n;
        end = memmem(buf, have, "\r\n\r\n", 4);
    }
    if (strncmp(buf, "HTTP/1.1 200", 12) != 0) {
        fprintf(stderr, "%.*s\n", (int)(end - buf), buf);
        return 1;
    }
    int fd = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("open");
    write_all(fd, end + 4, have - (size_t)(end + 4 - buf));
    for (;;) {
        ssize_t n = recv(sock, buf, sizeof buf, MSG_WAITALL);
        if (n < 0) die("recv");
        if (n == 0) break;
        write_all(fd, buf, (size_t)n);
    }
    return close(fd) < 0;
}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_files(root, big_name, big_size, json_name, json_size):
    small = os.path.join(root, "small.json")
    with open(small, "w") as f:
        f.write('{"ok": true, "items": [1, 2, 3]}\n')
    big = os.path.join(root, big_name)
    with open(big, "wb") as f:
        f.truncate(big_size)  # sparse zeros: nginx serves them from the page cache
    bomb = os.path.join(root, "bomb")
    if not os.path.exists(bomb):
        # 1 GiB of zeros, gzip-compressed to about 1 MiB: a decompression bomb.
        with open(bomb, "wb") as f:
            comp = zlib.compressobj(9, zlib.DEFLATED, 31)
            block = bytes(1 << 20)
            for _ in range(1024):
                f.write(comp.compress(block))
            f.write(comp.flush())
    array = os.path.join(root, json_name)
    if not os.path.exists(array):
        item = (
            '{"id": %d, "name": "item number %d", "price": 12.75, "tags": ["a", "b\\u00e9"],'
            ' "nested": {"ok": true, "none": null, "big": 123456789012345678901234567890}}'
        )
        with open(array, "w") as f:
            f.write("[")
            size, i = 0, 0
            while size < json_size:
                chunk = ",\n".join(item % (n, n) for n in range(i, i + 1000))
                if i:
                    f.write(",\n")
                f.write(chunk)
                size += len(chunk) + 2
                i += 1000
            f.write("]\n")


def build_floor(root):
    """Compiles the floor program into DIR/floor; None without a C compiler
    (the floor row is then left out)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        print("no C compiler (cc): the floor is not measured", file=sys.stderr)
        return None
    source, binary = os.path.join(root, "floor.c"), os.path.join(root, "floor")
    with open(source, "w") as f:
        f.write(FLOOR)
    result = subprocess.run([cc, "-O2", "-o", binary, source], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the floor program did not compile:\n{result.stderr}")
    return binary


def make_certificates(root):
    """A certificate authority (ca.pem) and a certificate it signed for
    127.0.0.1 and localhost (leaf.pem, leaf.key), P-256 keys, made with the
    openssl command, valid for 30 days; made again when either expires
    within a day. Returns the path of ca.pem."""
    tls = os.path.join(root, "tls")
    os.makedirs(tls, exist_ok=True)
    ca, leaf = os.path.join(tls, "ca.pem"), os.path.join(tls, "leaf.pem")

    def valid_for_a_day(cert):
        check = ["openssl", "x509", "-checkend", "86400", "-noout", "-in", cert]
        return os.path.exists(cert) and subprocess.run(check, capture_output=True).returncode == 0

    if valid_for_a_day(ca) and valid_for_a_day(leaf):
        return ca
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ext = os.path.join(tls, "leaf.ext")
    with open(ext, "w") as f:
        f.write(
            "basicConstraints = critical, CA:FALSE\n"
            "keyUsage = critical, digitalSignature\n"
            "extendedKeyUsage = serverAuth\n"
            "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
        )
    steps = [
        ["openssl", "req", "-x509", "-new", *key, "-keyout", f"{tls}/ca.key", "-out", ca,
         "-days", "30", "-subj", "/CN=httpc bench CA",
         "-addext", "basicConstraints = critical, CA:TRUE",
         "-addext", "keyUsage = critical, keyCertSign, cRLSign"],
        ["openssl", "req", "-new", *key, "-keyout", f"{tls}/leaf.key", "-out", f"{tls}/leaf.csr",
         "-subj", "/CN=localhost"],
        ["openssl", "x509", "-req", "-in", f"{tls}/leaf.csr", "-CA", ca, "-CAkey", f"{tls}/ca.key",
         "-CAcreateserial", "-days", "30", "-extfile", ext, "-out", leaf],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"openssl failed: {' '.join(step)}\n{result.stderr}")
    return ca


def start_nginx(root, port, tls_port, h2_port):
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
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        ssl_certificate {root}/tls/leaf.pem;
        ssl_certificate_key {root}/tls/leaf.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root {root};
    }}
    server {{
        listen 127.0.0.1:{h2_port} ssl http2;
        ssl_certificate {root}/tls/leaf.pem;
        ssl_certificate_key {root}/tls/leaf.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root {root};
    }}
}}
"""
        )
    os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", root], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            for p in (port, tls_port, h2_port):
                socket.create_connection(("127.0.0.1", p), timeout=0.1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit(f"nginx did not start (see {root}/error.log)")


# nginx's worker processes, whose CPU time is measured around each run.
SERVER = {"pids": []}


def server_workers(master):
    """The worker processes of the nginx master `master` (Linux /proc)."""
    try:
        with open(f"/proc/{master}/task/{master}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def server_cpu():
    """CPU seconds (user + system) nginx's workers have used so far."""
    ticks = 0
    for pid in SERVER["pids"]:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def run_once(cmd):
    """Wall time of a shell command, its peak RSS in KiB (the largest of
    the processes /usr/bin/time measured: each one is wrapped) and the CPU
    time nginx spent meanwhile."""
    cpu = server_cpu()
    start = time.perf_counter()
    result = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = server_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {cmd}\n{result.stderr[-2000:]}")
    rss = [
        int(line.split(":")[1])
        for line in result.stderr.splitlines()
        if "Maximum resident set size" in line
    ]
    return elapsed, max(rss) if rss else 0, cpu


def timed(tool_cmd):
    """Wraps the measured program with /usr/bin/time -v (stderr)."""
    return f"/usr/bin/time -v {tool_cmd}"


# What starting a measured command costs by itself (Python's subprocess,
# bash, /usr/bin/time): measured once with `true` in its place and taken
# off every time, so a 3 ms request is not compared as 7 ms against 13.
LAUNCH = {"seconds": 0.0}


def measure_launch(rounds):
    LAUNCH["seconds"] = statistics.median(run_once(timed("true"))[0] for _ in range(rounds))
    print(f"launching a measured command costs {LAUNCH['seconds'] * 1000:.1f} ms; "
          "it is taken off every time below")


def scenario(name, commands, rounds, before=None, goals=None, results=None, rss_mib=None):
    """commands: list of (label, shell command); the first is httpc.
    before: run untimed before each command (e.g. remove the last download,
    so no tool pays for deleting another's 1 GiB file).
    goals: label -> the largest ratio that meets the goal for that peer.
    results: a list that gets (scenario, peer, ratio, goal) for the summary.
    rss_mib: the most peak RSS, in MiB, each httpc row may reach (a goal
    of its own, in the summary as `peak RSS MiB`)."""
    goals = goals or {}
    times = {label: [] for label, _ in commands}
    rss = {label: 0 for label, _ in commands}
    served = {label: [] for label, _ in commands}
    for _ in range(rounds):
        for label, cmd in commands:  # alternate: one run of each per round
            if before:
                before()
            t, r, cpu = run_once(cmd)
            times[label].append(max(t - LAUNCH["seconds"], 1e-6))
            rss[label] = max(rss[label], r)
            served[label].append(cpu)
    base = statistics.median(times[commands[0][0]])
    print(f"\n## {name}")
    print(f"{'tool':<26}{'median s':>10}{'httpc/peer':>12}{'goal':>16}{'peak RSS MiB':>14}{'nginx CPU s':>13}")
    for label, _ in commands:
        median = statistics.median(times[label])
        ratio, goal = "", ""
        if label != commands[0][0]:
            ratio = f"{base / median:.2f}"
            if label in goals:
                limit = goals[label]
                goal = f"<= {limit:.2f} {'met' if base / median <= limit else 'NOT met'}"
                if results is not None:
                    results.append((name, label, base / median, limit))
        server = statistics.median(served[label])
        print(f"{label:<26}{median:>10.3f}{ratio:>12}{goal:>16}{rss[label] / 1024:>14.1f}{server:>13.2f}")
    if rss_mib is not None:
        for label, _ in commands:
            if not label.startswith("httpc"):
                continue
            mib = rss[label] / 1024
            print(f"peak RSS of {label}: {mib:.1f} MiB, goal <= {rss_mib} MiB "
                  f"{'met' if mib <= rss_mib else 'NOT met'}")
            if results is not None:
                results.append((name, f"peak RSS MiB ({label})", mib, rss_mib))
    sys.stdout.flush()


def summary(results):
    """Every goal in one table at the end, so a run reads at a glance."""
    if not results:
        return
    print("\n## goals")
    for name, peer, ratio, limit in results:
        verdict = "met" if ratio <= limit else "NOT met"
        print(f"{verdict:<8} {ratio:6.3f} <= {limit:.2f}  {peer:<20} {name}")
    met = sum(ratio <= limit for _, _, ratio, limit in results)
    print(f"{met} of {len(results)} goals met")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=None, help="runs of each tool per scenario (default 7; 1 with --quick)")
    ap.add_argument("--httpc", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "httpc"))
    ap.add_argument("--only", default="")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "httpc-bench"))
    ap.add_argument("--out-dir", default=None, help="where downloads go (default: --dir); /dev/shm takes the disk out of the measurement")
    ap.add_argument("--quick", action="store_true", help="64 MiB instead of 1 GiB, 10 MB of JSON, 1 round: checks that every scenario runs, measures nothing")
    args = ap.parse_args()
    rounds = args.rounds or (1 if args.quick else 7)
    if args.quick:
        big_name, big_size, big_shown = "64m.bin", 64 * MIB, "64 MiB"
        json_name, json_size, json_shown = "10m.json", 10 * 1000 * 1000, "10 MB"
    else:
        big_name, big_size, big_shown = "1g.bin", GIB, "1 GiB"
        json_name, json_size, json_shown = "100m.json", 100 * 1000 * 1000, "100 MB"

    httpc = os.path.abspath(args.httpc)
    if not os.path.exists(httpc):
        sys.exit(f"{httpc} not found: cargo build --release first")
    for tool in ("nginx", "curl", "openssl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (apt-get install nginx-light curl openssl)")
    xh = shutil.which("xh")
    jq = shutil.which("jq")

    os.makedirs(args.dir, exist_ok=True)
    make_files(args.dir, big_name, big_size, json_name, json_size)
    ca = make_certificates(args.dir)
    port, tls_port, h2_port = free_port(), free_port(), free_port()
    nginx = start_nginx(args.dir, port, tls_port, h2_port)
    SERVER["pids"] = server_workers(nginx.pid)
    base = f"http://127.0.0.1:{port}"
    tls = f"https://127.0.0.1:{tls_port}"
    h2 = f"https://127.0.0.1:{h2_port}"  # the same files; ALPN offers h2
    out = os.path.join(args.out_dir or args.dir, "out.bin")
    floor = build_floor(args.dir)
    only = set(filter(None, args.only.split(",")))
    results = []

    def want(key):
        return not only or key in only

    measure_launch(rounds * 3)

    def remove_out():
        if os.path.exists(out):
            os.remove(out)

    try:
        if want("small"):
            cmds = [
                ("httpc", timed(f"{httpc} get -s {base}/small.json > /dev/null")),
                ("curl", timed(f"curl -s {base}/small.json > /dev/null")),
            ]
            if xh:
                cmds.append(("xh", timed(f"{xh} --ignore-stdin -b {base}/small.json > /dev/null")))
            scenario("process start + small GET", cmds, rounds * 3, goals=GOALS["small"], results=results)
        if want("file"):
            cmds = [
                ("httpc -o", timed(f"{httpc} get -s {base}/{big_name} -o {out}")),
                ("curl -o", timed(f"curl -s {base}/{big_name} -o {out}")),
            ]
            if xh:
                cmds.append(("xh --download", timed(f"{xh} --ignore-stdin -q --download {base}/{big_name} -o {out}")))
            if floor:
                cmds.append(("raw socket (floor)", timed(f"{floor} 127.0.0.1 {port} /{big_name} {out}")))
            scenario(f"{big_shown} to a file", cmds, rounds, before=remove_out, goals=GOALS["file"], results=results)
        if want("pipe"):
            cmds = [
                ("httpc | cat", f"{timed(f'{httpc} get -s {base}/{big_name}')} | cat > /dev/null"),
                ("curl | cat", f"{timed(f'curl -s {base}/{big_name}')} | cat > /dev/null"),
            ]
            if xh:
                cmds.append(("xh | cat", f"{timed(f'{xh} --ignore-stdin -b {base}/{big_name}')} | cat > /dev/null"))
            scenario(f"{big_shown} to a pipe", cmds, rounds, goals=GOALS["pipe"], results=results)
        if want("tls-small"):
            cmds = [
                ("httpc", timed(f"{httpc} get -s --cacert {ca} {tls}/small.json > /dev/null")),
                ("curl", timed(f"curl -s --cacert {ca} {tls}/small.json > /dev/null")),
            ]
            if xh:
                cmds.append(("xh", timed(f"{xh} --ignore-stdin -b --verify {ca} {tls}/small.json > /dev/null")))
            scenario("https: process start, handshake, small GET", cmds, rounds * 3, goals=GOALS["tls-small"], results=results)
        if want("tls-file"):
            cmds = [
                ("httpc -o", timed(f"{httpc} get -s --cacert {ca} {tls}/{big_name} -o {out}")),
                ("curl -o", timed(f"curl -s --cacert {ca} {tls}/{big_name} -o {out}")),
            ]
            if xh:
                cmds.append(("xh --download", timed(f"{xh} --ignore-stdin -q --verify {ca} --download {tls}/{big_name} -o {out}")))
            # The server's pace: a client that decrypts every byte and
            # writes none. No client's download to a file can be faster.
            cmds.append(("curl -o /dev/null", timed(f"curl -s --cacert {ca} {tls}/{big_name} -o /dev/null")))
            scenario(f"https: {big_shown} to a file", cmds, rounds, before=remove_out, goals=GOALS["tls-file"], results=results)
        if want("tls-pipe"):
            cmds = [
                ("httpc | cat", f"{timed(f'{httpc} get -s --cacert {ca} {tls}/{big_name}')} | cat > /dev/null"),
                ("curl | cat", f"{timed(f'curl -s --cacert {ca} {tls}/{big_name}')} | cat > /dev/null"),
            ]
            if xh:
                cmds.append(("xh | cat", f"{timed(f'{xh} --ignore-stdin -b --verify {ca} {tls}/{big_name}')} | cat > /dev/null"))
            scenario(f"https: {big_shown} to a pipe", cmds, rounds, goals=GOALS["tls-pipe"], results=results)
        if want("json"):
            cmds = [
                ("httpc --pretty", f"{timed(f'{httpc} get -s --pretty always {base}/{json_name}')} | cat > /dev/null"),
            ]
            if xh:
                cmds.append(("xh --pretty format", f"{timed(f'{xh} --ignore-stdin -b --pretty format {base}/{json_name}')} | cat > /dev/null"))
            if jq:
                cmds.append(("curl | jq .", f"curl -s {base}/{json_name} | {timed(f'{jq} .')} > /dev/null"))
            scenario(f"pretty-print {json_shown} JSON to a pipe", cmds, rounds, goals=GOALS["json"], results=results)
        if want("color"):
            cmds = [
                ("httpc --color always", f"{timed(f'{httpc} get -s --pretty always --color always {base}/{json_name}')} | cat > /dev/null"),
                ("httpc (no colour)", f"{timed(f'{httpc} get -s --pretty always {base}/{json_name}')} | cat > /dev/null"),
            ]
            scenario(f"pretty-print {json_shown} JSON with colour (ratio: colour/plain)", cmds, rounds, goals=GOALS["color"], results=results)
        if want("bomb"):
            cmds = [
                ("httpc (decodes)", f"{timed(f'{httpc} get -s {base}/bomb')} | cat > /dev/null"),
                ("curl --compressed", f"{timed(f'curl -s --compressed {base}/bomb')} | cat > /dev/null"),
            ]
            scenario("gzip bomb: 1 MiB that inflates to 1 GiB, to a pipe", cmds, rounds)
        if want("keepalive"):
            urls = " ".join(f"{base}/small.json" for _ in range(500))
            cmds = [
                ("httpc 500 URLs", timed(f"{httpc} get -s {urls} > /dev/null")),
                ("curl 500 URLs", timed(f"curl -s {urls} > /dev/null")),
            ]
            # 50 ms a run, swayed by where the scheduler puts httpc and
            # nginx on two cores: three times the rounds, as the small GETs.
            scenario("500 GETs, one process, keep-alive", cmds, rounds * 3, goals=GOALS["keepalive"], results=results)
        if want("h2-small"):
            cmds = [
                ("httpc --http2", timed(f"{httpc} get -s --http2 --cacert {ca} {h2}/small.json > /dev/null")),
                ("curl --http2", timed(f"curl -s --http2 --cacert {ca} {h2}/small.json > /dev/null")),
            ]
            scenario("h2: process start, handshake, small GET", cmds, rounds * 3,
                     goals=GOALS["h2-small"], results=results, rss_mib=H2_RSS_MIB)
        if want("h2-file"):
            cmds = [
                ("httpc --http2 -o", timed(f"{httpc} get -s --http2 --cacert {ca} {h2}/{big_name} -o {out}")),
                ("curl --http2 -o", timed(f"curl -s --http2 --cacert {ca} {h2}/{big_name} -o {out}")),
                ("httpc --http1.1 -o", timed(f"{httpc} get -s --http1.1 --cacert {ca} {h2}/{big_name} -o {out}")),
                # The server's pace over h2 and over HTTP/1.1, as in
                # tls-file: no goal. Their ratio is where the h2/h1.1 goal
                # starts from (nginx spends more on h2's 8 KiB frames).
                ("curl --http2 /dev/null", timed(f"curl -s --http2 --cacert {ca} {h2}/{big_name} -o /dev/null")),
                ("curl --http1.1 /dev/null", timed(f"curl -s --http1.1 --cacert {ca} {h2}/{big_name} -o /dev/null")),
            ]
            scenario(f"h2: {big_shown} to a file", cmds, rounds, before=remove_out,
                     goals=GOALS["h2-file"], results=results, rss_mib=H2_RSS_MIB)
        if want("h2-many"):
            urls = " ".join(f"{h2}/small.json" for _ in range(100))
            cmds = [
                ("httpc 100 URLs", timed(f"{httpc} get -s --http2 --cacert {ca} {urls} > /dev/null")),
                ("curl --http2 100 URLs", timed(f"curl -s --http2 --cacert {ca} {urls} > /dev/null")),
            ]
            # Short runs, as keepalive: three times the rounds.
            scenario("h2: 100 GETs, one process, one connection", cmds, rounds * 3,
                     goals=GOALS["h2-many"], results=results, rss_mib=H2_RSS_MIB)
        summary(results)
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait()
        remove_out()


if __name__ == "__main__":
    main()
