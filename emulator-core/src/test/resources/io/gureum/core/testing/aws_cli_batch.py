"""Runs AWS CLI v1 commands one after another in this one Python process.

Each request is a JSON line {"args": [...], "env": {...}} on stdin; each answer is a JSON line
{"exit": n, "stdout": "...", "stderr": "..."} on stdout. The CLI's own entry point
(awscli.clidriver) runs every command with a fresh driver and session, exactly as the
`aws` script does. Shared between commands are the interpreter start and the imports, and the
botocore data loader: the parsed model files (botocore caches them per loader and treats them as
read-only, as when a program makes many clients from one session), which a fresh loader would read,
decompress and parse again for each command (most of an EC2 command's time). The process ends
when stdin closes.

Waiters (`aws ... wait`, `cloudformation deploy`) poll as the CLI does, except that the pause
between two polls starts at 0.1 s and doubles up to the waiter's own delay: an answer that is
already there is seen at once instead of 5 to 30 s of real time later, and a waiter still gives up
after its own number of attempts, nearly all of them a full delay apart.
"""
import io
import json
import os
import sys
import traceback

import botocore.loaders
import botocore.session
import botocore.waiter
from awscli.clidriver import create_clidriver

import time as _time

# What importing awscli put in the environment (AWS_DATA_PATH); the JVM starts this process without
# AWS_* variables of its own.
IMPORTED = {n: v for n, v in os.environ.items() if n.startswith("AWS_")}

# One data loader per AWS_DATA_PATH value for all the sessions of this process.
_LOADERS = {}
_create_loader = botocore.loaders.create_loader


def _shared_loader(search_path_string=None):
    loader = _LOADERS.get(search_path_string)
    if loader is None:
        loader = _LOADERS[search_path_string] = _create_loader(search_path_string)
    return loader


botocore.session.create_loader = _shared_loader


class _WaiterTime:
    """The `time` botocore.waiter sees: pauses of 0.1 s doubling up to the waiter's delay."""

    def __init__(self):
        self.pause = 0.1

    def restart(self):
        self.pause = 0.1

    def sleep(self, seconds):
        pause = min(seconds, self.pause)
        self.pause = min(seconds, self.pause * 2)
        _time.sleep(pause)


_WAITER_TIME = _WaiterTime()
botocore.waiter.time = _WAITER_TIME
_waiter_wait = botocore.waiter.Waiter.wait


def _wait(self, **kwargs):
    _WAITER_TIME.restart()
    return _waiter_wait(self, **kwargs)


botocore.waiter.Waiter.wait = _wait


# AWS CLI v1 downloads any parameter value that starts with http:// or https:// (cli_follow_urlparam).
# Tests must never send traffic off this machine: a URL whose host is not loopback is passed on as the
# literal string, as with cli_follow_urlparam = false; loopback URLs are still fetched as the CLI does.
import ipaddress
import urllib.parse

import awscli.paramfile as _paramfile

_get_uri = _paramfile.get_uri


def _loopback(uri):
    host = urllib.parse.urlsplit(uri).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _get_uri_on_this_machine(prefix, uri):
    return _get_uri(prefix, uri) if _loopback(uri) else uri


for _prefix in list(_paramfile.REMOTE_PREFIX_MAP):
    _paramfile.REMOTE_PREFIX_MAP[_prefix] = (_get_uri_on_this_machine, _paramfile.REMOTE_PREFIX_MAP[_prefix][1])


# Names under .localhost are loopback (RFC 6761, section 6.3), but glibc's resolver asks DNS for them. The SDKs put
# the account before the endpoint's host for S3 Control (000000000000.localhost:port) and the bucket for
# virtual-hosted S3: such names resolve here to the loopback address, and no query leaves this machine.
import socket as _socket

_getaddrinfo = _socket.getaddrinfo


def _getaddrinfo_localhost(host, *args, **kwargs):
    name = host.decode("ascii", "replace") if isinstance(host, bytes) else host
    if isinstance(name, str) and name.lower().rstrip(".").endswith(".localhost"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


_socket.getaddrinfo = _getaddrinfo_localhost


def run(args, env):
    # Exactly the command's AWS_* variables, as a fresh `aws` process started with them would see.
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        del os.environ[name]
    os.environ.update(IMPORTED)
    os.environ.update(env)
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = create_clidriver().main(args)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 255)
    except BaseException:
        traceback.print_exc()
        code = 255
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
    return {"exit": code,
            "stdout": out_bytes.getvalue().decode("utf-8", "replace"),
            "stderr": err_bytes.getvalue().decode("utf-8", "replace")}


def main():
    answers = sys.stdout
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            answers.write(json.dumps(run(request["args"], request.get("env", {}))) + "\n")
            answers.flush()


if __name__ == "__main__":
    main()
