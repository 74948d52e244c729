"""Follows a cell of the kestrel-ts kernel with Jupyter's own client, as a notebook would, and prints what it saw.

    /usr/bin/python3 kernel-follow.py WORKDIR LINES OUT

WORKDIR holds log.json; LINES holds the lines to append to it, one at a time, each once the kernel has shown the
one before. Runs `shells` once, then `kids` under %follow; interrupts it (interrupt_request, the kernelspec's
interrupt_mode) once the appended rows are shown; runs a last cell over `kids`. Writes one JSON document to OUT
(the kernel shares stdout, and makes it non-blocking): each cell's reply status and iopub messages, and how long
each appended line took to show.
"""
import json
import os
import sys
import time

from jupyter_client.manager import start_new_kernel

workdir, lines_file, out_file = sys.argv[1:4]
log = os.path.join(workdir, 'log.json')
with open(lines_file) as f:
    appends = f.read().splitlines()

km, kc = start_new_kernel(kernel_name='kestrel-ts', cwd=workdir, startup_timeout=60)


def summary(m):
    """What the test reads of an iopub message."""
    content = m['content']
    data = content.get('data', {})
    return {
        'type': m['msg_type'],
        'display_id': content.get('transient', {}).get('display_id'),
        'plain': data.get('text/plain') or content.get('text'),
        'html': data.get('text/html'),
        'ename': content.get('ename'),
        'state': content.get('execution_state'),
    }


def wait_for(msg_id, seen, test, deadline=20):
    """Reads iopub into `seen` until a message about `msg_id` passes `test`; returns when it came."""
    end = time.time() + deadline
    while time.time() < end:
        m = kc.get_iopub_msg(timeout=end - time.time())
        if m['parent_header'].get('msg_id') != msg_id:
            continue
        seen.append(summary(m))
        if test(seen[-1]):
            return time.time()
    raise TimeoutError('not seen: ' + json.dumps(seen)[-3000:])


def until_idle(msg_id, seen):
    wait_for(msg_id, seen, lambda s: s['state'] == 'idle', deadline=60)


def run(code):
    msg_id = kc.execute(code)
    seen = []
    reply = kc.get_shell_msg(timeout=60)
    until_idle(msg_id, seen)
    return {'status': reply['content']['status'], 'iopub': seen}


out = {}
try:
    out['shells'] = run("shells = GET process FROM file://log.json WHERE name = 'cmd.exe'")

    follow_id = kc.execute('%follow\nkids = FIND process CREATED BY shells\nDISP kids ATTR pid, name, parent_ref.name')
    seen = []
    wait_for(follow_id, seen, lambda s: s['type'] == 'display_data' and (s['display_id'] or '').endswith('-disp-0'))
    out['latency_ms'] = []
    for line in appends:
        pid = json.loads(line)['ProcessId']
        start = time.time()
        with open(log, 'a') as f:
            f.write(line + '\n')
        shown = wait_for(follow_id, seen, lambda s: s['type'] == 'update_display_data' and pid in (s['plain'] or ''))
        out['latency_ms'].append(round((shown - start) * 1000))
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    until_idle(follow_id, seen)
    out['follow'] = {'status': reply['content']['status'], 'iopub': seen}

    out['after'] = run('DISP kids ATTR pid')
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
with open(out_file, 'w') as f:
    json.dump(out, f)
