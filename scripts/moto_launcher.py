"""Runs moto_server (the AWS emulator) on 127.0.0.1 for the tests and the demo.

Lets the OS pick a free port (no race between choosing a port and binding it),
prints "PORT <n>" once the server accepts requests, and exits when its parent dies or
closes stdin, so a crashed or killed test run never leaves an emulator behind.
"""
import os
import signal
import sys
import threading
import time

from moto.server import ThreadedMotoServer


def exit_with_parent(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(0)
        time.sleep(0.5)


def exit_on_stdin_close() -> None:
    try:
        while sys.stdin.buffer.read(1):
            pass
    except Exception:
        pass
    os._exit(0)


def main() -> None:
    # The emulator holds nothing worth a clean shutdown; exit at once when told to.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if "--exit-on-stdin-close" in sys.argv:
        threading.Thread(target=exit_on_stdin_close, daemon=True).start()
    print(f"PORT {port}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
