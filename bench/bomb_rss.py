#!/usr/bin/env python3
"""Peak RSS and latency of `tempact serve` under decompression-bomb requests (run through bench/bomb-rss.sh).

Starts the server on a loopback port, samples its RSS every 50 ms, sends BOMBS requests each carrying one tiny image
that declares a 20000x20000 canvas (GIF 35 B, PNG 138 B, JPEG 141 B, in turn), then two many-frame requests: 20,000
frames of a 32x32 PNG, and one GIF with 10,000 frames on a 128x128 canvas. Prints one JSON object: the server's RSS at
rest, its peak (VmHWM), its RSS after an idle wait, and status + latency per kind of request. A safety cap kills the
server if its RSS passes --max-rss-mb (the machine is shared). Traffic goes to 127.0.0.1 only.
"""
import argparse, base64, json, os, re, shlex, signal, statistics, struct, subprocess, sys, threading, time, urllib.request, zlib

def gif(width, height, frames=1):
    body = b'GIF89a' + struct.pack('<HHBBB', width, height, 0, 0, 0)
    frame = b'\x2c' + struct.pack('<HHHHB', 0, 0, 1, 1, 0x80) + b'\x00\x00\x00\xff\xff\xff' + b'\x02\x02\x44\x01\x00'
    return body + frame * frames + b'\x3b'

def png(width, height, rows=None):
    def chunk(kind, data): return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    raw = zlib.compress((b'\x00' + b'\x00' * 3 * width) * (height if rows is None else rows))
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) + chunk(b'IDAT', raw) + chunk(b'IEND', b'')

def jpeg(width, height, blocks=1):
    # Baseline greyscale, all-ones quantisation, one-symbol Huffman tables: every 8x8 block is two zero bits.
    dht = lambda table: b'\xff\xc4\x00\x14' + bytes([table, 1]) + bytes(15) + b'\x00'
    return (b'\xff\xd8' + b'\xff\xdb\x00\x43\x00' + bytes([1]) * 64
            + b'\xff\xc0\x00\x0b\x08' + struct.pack('>HH', height, width) + b'\x01\x01\x11\x00'
            + dht(0x00) + dht(0x10) + b'\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00' + bytes((blocks * 2 + 7) // 8) + b'\xff\xd9')

def request(images, kind='image/png'):
    parts = [{'type': 'text', 'text': 'Judge: step_clip\nStep prompt: red circle moves right\nStep clip: 0 to 0'}]
    parts += [{'type': 'image_url', 'image_url': {'url': f'data:{kind};base64,' + base64.b64encode(i).decode()}} for i in images]
    return json.dumps({'model': 'tempact-oracle', 'messages': [{'role': 'user', 'content': parts}]}).encode()

def rss_kb(pid, field):
    with open(f'/proc/{pid}/status') as f:
        m = re.search(rf'^{field}:\s+(\d+)', f.read(), re.M)
    if m is None: raise ProcessLookupError(pid)  # a zombie: killed, not yet reaped
    return int(m.group(1))

def listening_pid(port):
    out = subprocess.run(['ss', '-ltnpH', f'sport = :{port}'], capture_output=True, text=True).stdout
    m = re.search(r'pid=(\d+)', out)
    return int(m.group(1)) if m else None

def post(url, body):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, {'Content-Type': 'application/json'}), timeout=600) as r:
            status, text = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read()
    except Exception as e:  # the server died (safety cap) or the connection broke
        status, text = type(e).__name__, b''
    return status, time.perf_counter() - start, text

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--tempact', default='./tempact', help='command that runs the CLI, e.g. "dotnet /tmp/before/tempact.dll"')
    p.add_argument('--port', type=int, default=18780)
    p.add_argument('--bombs', type=int, default=20)
    p.add_argument('--gif-frames', type=int, default=10_000)
    p.add_argument('--frames', type=int, default=20_000)
    p.add_argument('--idle', type=float, default=30.0, help='seconds to wait before the after-idle RSS')
    p.add_argument('--max-rss-mb', type=int, default=8192, help='safety cap: kill the server above this RSS')
    a = p.parse_args()

    bombs = [('gif', gif(20000, 20000), 'image/gif'), ('png', png(20000, 20000, rows=1), 'image/png'), ('jpeg', jpeg(20000, 20000), 'image/jpeg')]
    plan = [(f'bomb-{name}', request([data], kind)) for i in range(a.bombs) for name, data, kind in [bombs[i % 3]]]
    plan.append(('many-frames', request([png(32, 32)] * a.frames)))
    plan.append(('gif-frames', request([gif(128, 128, a.gif_frames)], 'image/gif')))

    server = subprocess.Popen(shlex.split(a.tempact) + ['serve', '--port', str(a.port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.time() + 300
        while (pid := listening_pid(a.port)) is None:
            if server.poll() is not None or time.time() > deadline: sys.exit(f'server did not start: {server.stderr.read().decode()[-2000:]}')
            time.sleep(0.2)
        time.sleep(1)
        rest = rss_kb(pid, 'VmRSS')
        peak, capped, done = [rest], [False], threading.Event()
        def sample():
            while not done.is_set():
                try: peak[0] = max(peak[0], rss_kb(pid, 'VmRSS'))
                except (FileNotFoundError, ProcessLookupError): return
                if peak[0] > a.max_rss_mb * 1024 and not capped[0]:
                    capped[0] = True
                    os.kill(pid, signal.SIGKILL)
                time.sleep(0.05)
        threading.Thread(target=sample, daemon=True).start()

        url = f'http://127.0.0.1:{a.port}/v1/chat/completions'
        results = {}
        for name, body in plan:
            if capped[0]: break
            status, seconds, text = post(url, body)
            kind = name.split('-')[0] if name.startswith('bomb') else name
            r = results.setdefault(kind, {'requests': 0, 'body_bytes': [], 'status': {}, 'latency_s': []})
            r['requests'] += 1
            r['body_bytes'] = sorted(set(r['body_bytes']) | {len(body)})
            r['status'][str(status)] = r['status'].get(str(status), 0) + 1
            r['latency_s'].append(seconds)
            if 'error' not in r and text and status != 200:
                try: r['error'] = json.loads(text).get('error', {}).get('code') or json.loads(text).get('error', {}).get('message', '')[:120]
                except ValueError: pass
        for r in results.values():
            lat = r.pop('latency_s')
            r['latency_s'] = {'median': round(statistics.median(lat), 3), 'max': round(max(lat), 3)}
        hwm = rss_kb(pid, 'VmHWM') if not capped[0] else None
        time.sleep(0 if capped[0] else a.idle)
        after = rss_kb(pid, 'VmRSS') if not capped[0] else None
        done.set()
        print(json.dumps({
            'server': a.tempact, 'rss_at_rest_mb': round(rest / 1024), 'peak_rss_mb': round((hwm or peak[0]) / 1024), 'peak_rss_sampled_mb': round(peak[0] / 1024),
            'killed_at_cap_mb': a.max_rss_mb if capped[0] else None,
            f'rss_after_{a.idle:g}s_idle_mb': round(after / 1024) if after else None, 'requests': results}, indent=1))
    finally:
        os.killpg(server.pid, signal.SIGTERM) if server.poll() is None else None
        try: server.wait(timeout=30)
        except subprocess.TimeoutExpired: os.killpg(server.pid, signal.SIGKILL)

if __name__ == '__main__':
    main()
